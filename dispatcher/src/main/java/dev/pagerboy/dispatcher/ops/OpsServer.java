package dev.pagerboy.dispatcher.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The replica's two operational endpoints on a small JDK HTTP server: {@code GET /metrics}
 * (Prometheus text format) and {@code GET /healthz} (200 {@code ok}, or 503 with the reason the
 * replica is unhealthy). Two endpoints do not need a web framework.
 */
public final class OpsServer implements AutoCloseable {

    private final HttpServer server;

    /**
     * @param port the port, 0 for any free one
     * @param metrics the scrape
     * @param problem empty when healthy, else why not
     */
    public OpsServer(
            String host, int port, DispatchMetrics metrics, Supplier<Optional<String>> problem)
            throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 0);
        server.setExecutor(
                Executors.newSingleThreadExecutor(
                        r -> {
                            Thread t = new Thread(r, "dispatcher-ops");
                            t.setDaemon(true);
                            return t;
                        }));
        server.createContext(
                "/metrics",
                x -> respond(x, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
        server.createContext(
                "/healthz",
                x -> {
                    Optional<String> p = problem.get();
                    respond(x, p.isEmpty() ? 200 : 503, "text/plain", p.orElse("ok") + "\n");
                });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange x, int status, String type, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
