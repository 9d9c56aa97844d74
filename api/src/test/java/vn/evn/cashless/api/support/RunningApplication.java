package vn.evn.cashless.api.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import vn.evn.cashless.api.LedgerApplication;

/**
 * The application in a process of its own, as an operator runs it, so that a test can kill it outright
 * (SIGKILL: no shutdown hook, the embedded PostgreSQL left running) and start it again on the same data.
 */
public final class RunningApplication implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private RunningApplication(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static RunningApplication start(Path dataDir, String... extraArgs) {
        return start(dataDir, java.util.Map.of(), extraArgs);
    }

    /** Starts the application with extra environment variables, as an operator would set them. */
    public static RunningApplication start(Path dataDir, java.util.Map<String, String> environment,
                                           String... extraArgs) {
        return start(dataDir, environment, List.of(), extraArgs);
    }

    /** Starts the application with JVM options as well, e.g. {@code -Xmx160m} to hold it to a small heap. */
    public static RunningApplication start(Path dataDir, java.util.Map<String, String> environment,
                                           List<String> jvmOptions, String... extraArgs) {
        for (int attempt = 1; ; attempt++) {
            RunningApplication application = launch(dataDir, environment, jvmOptions, extraArgs);
            try {
                application.awaitUp();
                return application;
            } catch (RuntimeException e) {
                // a server started by another process took the drawn port between the draw and the start
                if (attempt == 3 || !application.lostItsPort()) {
                    throw e;
                }
            }
        }
    }

    private boolean lostItsPort() {
        try {
            return !process.isAlive() && log().contains("Port " + port + " was already in use");
        } catch (IOException e) {
            return false;
        }
    }

    /** Starts the application where it must refuse to start; returns what it wrote before it exited. */
    public static String failedStart(Path dataDir) throws IOException, InterruptedException {
        RunningApplication application = launch(dataDir, java.util.Map.of(), List.of());
        if (!application.process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
            application.kill();
            throw new AssertionError("the application did not exit; see " + application.log);
        }
        if (application.process.exitValue() == 0) {
            throw new AssertionError("the application exited normally; see " + application.log);
        }
        return application.log();
    }

    private static RunningApplication launch(Path dataDir, java.util.Map<String, String> environment,
                                             List<String> jvmOptions, String... extraArgs) {
        try {
            Files.createDirectories(dataDir);
            int port = FreePorts.draw();
            Path log = Files.createTempFile(dataDir.getParent(), "run-", ".log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"),
                    "-Daxoniq.update-checker.disabled=true", "-Ddisable-axoniq-console-message=true",
                    "-Dfile.encoding=UTF-8"));
            command.addAll(jvmOptions);
            command.addAll(List.of(LedgerApplication.class.getName(),
                    "--server.port=" + port,
                    "--ledger.embedded-postgres.data-dir=" + dataDir.toAbsolutePath()));
            Tester.settings().forEach(setting -> command.add("--" + setting));
            command.addAll(List.of(extraArgs));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            return new RunningApplication(builder.start(), port, log);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public Http http() {
        return new Http(port);
    }

    public int port() {
        return port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the process wrote to standard output and error so far. */
    public String log() throws IOException {
        return Files.readString(log);
    }

    private void awaitUp() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the application exited with " + process.exitValue() + "; see "
                        + log);
            }
            try {
                return http().get("/api/status").status() == 200;
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    /** SIGKILL: the JVM dies at once, whatever it was doing. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /**
     * SIGSTOP: the JVM stands still, whatever it was doing, claims, connections and open transactions included, as a
     * node stalled by its machine would; {@link #resume()} lets it go on where it stopped.
     */
    public void stall() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT: a stalled JVM goes on. */
    public void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** SIGTERM: an orderly shutdown, which also stops the embedded PostgreSQL. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }
}
