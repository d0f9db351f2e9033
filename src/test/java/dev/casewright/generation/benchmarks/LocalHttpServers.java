package dev.casewright.generation.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

/** JDK HTTP servers on the loopback that keep up with a thousand concurrent keep-alive clients. */
final class LocalHttpServers {

    static {
        // The JDK server closes idle connections beyond 200 (its default). A client's pooled
        // connection then fails on its next POST, which is not retried: with 1,000 concurrent
        // clients that shows up as failures of the service under test, not of the fakes.
        System.setProperty("sun.net.httpserver.maxIdleConnections", "100000");
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private LocalHttpServers() {}

    /** A started-later server on 127.0.0.1 with a platform thread per exchange (see {@link Threads}). */
    static HttpServer create(String name, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 4096);
            server.setExecutor(Threads.perTask(name));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
