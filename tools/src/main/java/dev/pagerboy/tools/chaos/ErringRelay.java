package dev.pagerboy.tools.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * R3's second half, "the chain answers with errors": a JSON-RPC relay on its own loopback port in
 * front of the Anvil node, which the job is given as its {@code --ledger-rpc}. Relaying, it passes
 * every request to the node and its answer back byte for byte. Erring, it answers every request
 * itself, never reaching the node, alternately in the two ways a sick node or the load balancer in
 * front of it answers: an HTTP 503, and an HTTP 200 whose JSON-RPC body is an {@code error} object
 * (code -32603, internal error) for each request id. While the node is stopped (R3's first half)
 * the relay stops listening too, so the job meets a refused connection, as it would without it.
 */
final class ErringRelay implements AutoCloseable {

    /** What the relay does with a request. */
    enum Mode {
        RELAYING,
        ERRING
    }

    /** The JSON-RPC error a relay in {@link Mode#ERRING} answers with (internal error). */
    static final int ERROR_CODE = -32603;

    static final String ERROR_MESSAGE = "chaos R3: the node answers errors";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BIND_PATIENCE = Duration.ofSeconds(30);

    private final URI node;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong relayed = new AtomicLong();
    private final AtomicLong httpErrors = new AtomicLong();
    private final AtomicLong rpcErrors = new AtomicLong();
    private int port; // 0 until the first bind, then kept for every later one
    private volatile Mode mode = Mode.RELAYING;
    private HttpServer server;
    private ExecutorService threads;

    private ErringRelay(URI node) {
        this.node = node;
    }

    /** A relay to {@code nodeRpcUrl} on a free loopback port, relaying. */
    static ErringRelay start(String nodeRpcUrl) {
        ErringRelay relay = new ErringRelay(URI.create(nodeRpcUrl));
        relay.listen();
        return relay;
    }

    /** The URL the job is given instead of the node's. */
    String rpcUrl() {
        return "http://127.0.0.1:" + port;
    }

    void mode(Mode mode) {
        this.mode = mode;
    }

    /** Requests passed to the node. */
    long relayed() {
        return relayed.get();
    }

    /** Requests answered with an error (HTTP 503 or a JSON-RPC error), never reaching the node. */
    long erred() {
        return httpErrors.get() + rpcErrors.get();
    }

    /** Stops listening: connections are refused until {@link #listen()}. */
    void stopListening() {
        if (server != null) {
            server.stop(0);
            threads.shutdownNow();
            server = null;
        }
    }

    /** Listens again, on the same port as before (waiting while the old socket lingers). */
    void listen() {
        if (server != null) {
            throw new IllegalStateException("the relay listens");
        }
        long deadline = System.nanoTime() + BIND_PATIENCE.toNanos();
        while (true) {
            try {
                HttpServer s =
                        HttpServer.create(
                                new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
                threads = Executors.newFixedThreadPool(4, daemon());
                s.setExecutor(threads);
                s.createContext("/", this::handle);
                s.start();
                server = s;
                port = s.getAddress().getPort();
                return;
            } catch (BindException e) {
                if (System.nanoTime() > deadline) {
                    throw new UncheckedIOException("cannot listen again on port " + port, e);
                }
                JobRun.pause(Duration.ofMillis(200));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the JSON-RPC relay", e);
            }
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            answer(exchange, exchange.getRequestBody().readAllBytes());
        } finally {
            exchange.close();
        }
    }

    private void answer(HttpExchange exchange, byte[] request) throws IOException {
        if (mode == Mode.ERRING) {
            err(exchange, request);
            return;
        }
        HttpResponse<byte[]> answer;
        try {
            answer =
                    client.send(
                            HttpRequest.newBuilder(node)
                                    .timeout(Duration.ofSeconds(60))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(request))
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(503, -1);
            return;
        } catch (IOException e) {
            // The node went away between two requests: answer as a gateway would.
            exchange.sendResponseHeaders(502, -1);
            return;
        }
        relayed.incrementAndGet();
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
        exchange.getResponseBody().write(answer.body());
    }

    /** Every other request an HTTP 503, the rest a JSON-RPC error for each request id. */
    private void err(HttpExchange exchange, byte[] request) throws IOException {
        if ((httpErrors.get() + rpcErrors.get()) % 2 == 0) {
            httpErrors.incrementAndGet();
            byte[] body = "node unavailable (chaos R3)".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(503, body.length);
            exchange.getResponseBody().write(body);
            return;
        }
        rpcErrors.incrementAndGet();
        byte[] body = JSON.writeValueAsBytes(errorAnswer(request));
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    /** The JSON-RPC error answer to {@code request}: one error per request of a batch. */
    static JsonNode errorAnswer(byte[] request) {
        JsonNode parsed;
        try {
            parsed = JSON.readTree(request);
        } catch (IOException e) {
            parsed = null;
        }
        if (parsed != null && parsed.isArray()) {
            ArrayNode answers = JSON.createArrayNode();
            parsed.forEach(r -> answers.add(errorFor(r.get("id"))));
            return answers;
        }
        return errorFor(parsed == null ? null : parsed.get("id"));
    }

    private static ObjectNode errorFor(JsonNode id) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("jsonrpc", "2.0");
        answer.set("id", id == null ? JSON.nullNode() : id);
        ObjectNode error = answer.putObject("error");
        error.put("code", ERROR_CODE);
        error.put("message", ERROR_MESSAGE);
        return answer;
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return r -> {
            Thread t = new Thread(r, "chaos-erring-relay");
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        stopListening();
    }
}
