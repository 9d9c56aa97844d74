package vn.evn.cashless.application.infrastructure;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server, started by the application on a data directory that outlives it. It runs with
 * {@code fsync} and {@code synchronous_commit} on: a payment acknowledged to a channel must survive a power cut.
 * If the application was killed, its server may still be running on the directory; it is stopped first.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final String LOCK_FILE = "epg-lock";

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static EmbeddedPostgresServer start(Path dataDir, int port) {
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
            failIfInUse(dir);
            stopOrphanedServer(dir);
            long started = System.nanoTime();
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    // Spring closes the server after everything that uses it; a hook of its own would race that.
                    .setRegisterShutdownHook(false)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    // Checkpoints less often than by default (one after about 540 MB of WAL). After each, the first
                    // change to a page is written whole into the WAL, and at ten million events the indexes take
                    // changes all over: a checkpoint came every half minute under load and an append wrote 15-18 KB
                    // of WAL, against 4 KB between checkpoints (docs/performance.md). A crash replays the WAL since
                    // the last checkpoint before the server opens again.
                    .setServerConfig("max_wal_size", "4GB")
                    .setServerConfig("checkpoint_timeout", "15min")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("timezone", "UTC")
                    .setServerConfig("max_connections", "100")
                    // after a crash the server first replays the WAL written since its last checkpoint: 1.8 GB took
                    // 20 s on the benchmark's machine, and giving up sooner would leave it replaying on its own
                    .setPGStartupWait(Duration.ofMinutes(5));
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres postgres = builder.start();
            log.info("Embedded PostgreSQL started on port {} with data in {} ({} ms)", postgres.getPort(), dir,
                    (System.nanoTime() - started) / 1_000_000);
            return new EmbeddedPostgresServer(postgres);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL server on " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    /** The URL of the {@code postgres} database, without a user: each pool says which role it connects as. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    /** A live application holding the directory's lock owns the server: never touch it. */
    static void failIfInUse(Path dir) {
        Path lockFile = dir.resolve(LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return;
        }
        try (RandomAccessFile file = new RandomAccessFile(lockFile.toFile(), "rw");
             FileChannel channel = file.getChannel()) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new DataDirectoryInUseException(dir);
            }
            lock.release();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            throw new DataDirectoryInUseException(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Could not check the lock on " + lockFile, e);
        }
    }

    /**
     * After a kill, the old server keeps running (it is a process of its own) and holds the directory. Its pid is
     * the first line of {@code postmaster.pid}, the directory the second; it is asked to shut down fast, which rolls
     * nothing committed back. The pid may since have gone to another process, even another PostgreSQL: only a
     * process that runs on this very directory is signalled; otherwise the file is stale and removed.
     */
    private static void stopOrphanedServer(Path dir) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> process = lines.size() < 2 || !sameDirectory(Path.of(lines.get(1).strip()), dir)
                ? Optional.empty()
                : parsePid(lines.get(0)).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                        .filter(candidate -> isPostgresOn(candidate, dir));
        if (process.isEmpty()) {
            log.info("Removing stale {}: no PostgreSQL server runs on this directory", pidFile);
            Files.deleteIfExists(pidFile);
            return;
        }
        ProcessHandle postmaster = process.get();
        log.warn("A PostgreSQL server (pid {}) left by an earlier run still holds {}; stopping it", postmaster.pid(),
                dir);
        signal("INT", postmaster.pid());
        try {
            postmaster.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("PostgreSQL (pid {}) did not stop in 60 s; terminating it", postmaster.pid());
            postmaster.destroyForcibly();
            postmaster.onExit().join();
        }
        Files.deleteIfExists(pidFile);
    }

    private static Optional<Long> parsePid(String line) {
        try {
            return Optional.of(Long.parseLong(line.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * A PostgreSQL server on {@code dir}: its program is {@code postgres}, and it runs on the directory: the
     * {@code -D} argument names it, or (PostgreSQL changes into its data directory) its working directory is it.
     */
    static boolean isPostgresOn(ProcessHandle process, Path dir) {
        List<String> commandLine = commandLine(process);
        if (commandLine.isEmpty() || !Path.of(commandLine.get(0)).getFileName().toString().startsWith("postgres")) {
            return false;
        }
        int d = commandLine.indexOf("-D");
        if (d >= 0 && d + 1 < commandLine.size() && sameDirectory(Path.of(commandLine.get(d + 1)), dir)) {
            return true;
        }
        try {
            return sameDirectory(Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd")), dir);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** The program and its arguments, from {@code /proc} where there is one (it shows them for any process). */
    private static List<String> commandLine(ProcessHandle process) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
            List<String> parts = new java.util.ArrayList<>();
            for (String part : new String(raw, java.nio.charset.StandardCharsets.UTF_8).split("\0")) {
                if (!part.isEmpty()) {
                    parts.add(part);
                }
            }
            return parts;
        } catch (IOException e) {
            ProcessHandle.Info info = process.info();
            List<String> parts = new java.util.ArrayList<>();
            info.command().ifPresent(parts::add);
            info.arguments().ifPresent(arguments -> parts.addAll(List.of(arguments)));
            return parts;
        }
    }

    private static boolean sameDirectory(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    private static void signal(String signal, long pid) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
        } catch (IOException e) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
