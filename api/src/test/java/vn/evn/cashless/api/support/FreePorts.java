package vn.evn.cashless.api.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Ports for the servers the tests start (an application's HTTP port, an embedded PostgreSQL's): free when drawn, and
 * never the same one twice in this JVM. The operating system may hand a port it has just given out and got back
 * again, so two ports drawn one after the other, before either server listens, could otherwise be one.
 */
public final class FreePorts {

    private static final Set<Integer> DRAWN = new HashSet<>();

    private FreePorts() {
    }

    public static synchronized int draw() {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0)) {
                if (DRAWN.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
