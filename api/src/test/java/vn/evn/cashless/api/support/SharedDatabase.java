package vn.evn.cashless.api.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One PostgreSQL server that several nodes of the ledger share, as operators run them: each node is told the server
 * through the environment, connects as the application role and migrates as the owner.
 */
public final class SharedDatabase implements AutoCloseable {

    private final EmbeddedPostgres server;

    private SharedDatabase(EmbeddedPostgres server) {
        this.server = server;
    }

    /** A fresh server with the defaults of the embedded one. */
    public static SharedDatabase start() throws IOException {
        return new SharedDatabase(EmbeddedPostgres.builder().start());
    }

    /** A fresh server with every write durable ({@code fsync}, {@code synchronous_commit}), as for measuring. */
    public static SharedDatabase startDurable() throws IOException {
        return new SharedDatabase(EmbeddedPostgres.builder()
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on").setServerConfig("max_connections", "100").start());
    }

    public int port() {
        return server.getPort();
    }

    /** What a node is started with to use this server. */
    public Map<String, String> environment() {
        return Map.of(
                "SPRING_DATASOURCE_URL", "jdbc:postgresql://localhost:" + server.getPort() + "/postgres",
                "SPRING_DATASOURCE_USERNAME", "ledger_app",
                "SPRING_FLYWAY_USER", "postgres");
    }

    /** Starts one node, its own files under {@code dataDir}. */
    public RunningApplication node(Path dataDir, List<String> jvmOptions, String... args) {
        return RunningApplication.start(dataDir, environment(), jvmOptions, args);
    }

    /**
     * Starts {@code count} nodes at once, under {@code root}/node-0, node-1…; on an empty database one migrates the
     * schema while the others wait for Flyway's lock. Returns them in order, all up.
     */
    public List<RunningApplication> nodes(Path root, int count, List<String> jvmOptions, String... args)
            throws InterruptedException, ExecutionException {
        ExecutorService starter = Executors.newFixedThreadPool(count);
        try {
            List<Future<RunningApplication>> starting = new ArrayList<>();
            for (int node = 0; node < count; node++) {
                Path dataDir = root.resolve("node-" + node);
                starting.add(starter.submit(() -> node(dataDir, jvmOptions, args)));
            }
            List<RunningApplication> nodes = new ArrayList<>();
            ExecutionException failed = null;
            for (Future<RunningApplication> node : starting) {
                try {
                    nodes.add(node.get());
                } catch (ExecutionException e) {
                    failed = failed == null ? e : failed;
                }
            }
            if (failed != null) {
                for (RunningApplication started : nodes) {
                    started.close();
                }
                throw failed;
            }
            return nodes;
        } finally {
            starter.shutdown();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
