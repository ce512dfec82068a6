package dev.pagerboy.devstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local HTTP receiver that behaves as issue 15 asks real receivers to: it applies the effect of a
 * delivery (here: recording the page) once per {@code Idempotency-Key} and answers a repeated key
 * with 200 without a second effect. It counts both, so tests and the benchmark can say how many raw
 * re-deliveries the keys absorbed and prove that no page had two effects. It can also misbehave on
 * request: answer a fixed status (503 for an outage, 400 for a permanent refusal) until told
 * otherwise.
 *
 * <p>Keys are kept for the receiver's lifetime: the window a production receiver must keep is
 * documented in docs/OPERATIONS.md ("Dispatcher").
 */
public final class IdempotentReceiver implements AutoCloseable {

    /**
     * One applied effect: when the first delivery of a key arrived, how often it came, and the
     * first delivery's body if the receiver {@link #keepBodies keeps them}.
     */
    public static final class Effect {
        private final long firstArrivalMs;
        private final byte[] body;
        private final AtomicInteger deliveries = new AtomicInteger(1);

        Effect(long firstArrivalMs, byte[] body) {
            this.firstArrivalMs = firstArrivalMs;
            this.body = body;
        }

        /** The first delivery's body (what a person would read), or empty if none was kept. */
        public byte[] body() {
            return body == null ? new byte[0] : body.clone();
        }

        /** Epoch ms of the first delivery. */
        public long firstArrivalMs() {
            return firstArrivalMs;
        }

        /** Deliveries of this key, the first included. */
        public int deliveries() {
            return deliveries.get();
        }
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final Map<String, Effect> effects = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong absorbed = new AtomicLong();
    private volatile int forcedStatus;
    private volatile String retryAfter;
    private volatile boolean keepBodies;

    private IdempotentReceiver(int threadCount) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        threads =
                Executors.newFixedThreadPool(
                        threadCount,
                        r -> {
                            Thread t = new Thread(r, "idempotent-receiver");
                            t.setDaemon(true);
                            return t;
                        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a receiver on a free loopback port. */
    public static IdempotentReceiver start() {
        return start(8);
    }

    /** Starts a receiver serving with {@code threads} threads. */
    public static IdempotentReceiver start(int threads) {
        try {
            return new IdempotentReceiver(threads);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the local receiver", e);
        }
    }

    /** The URL to post pages to ({@code path} is only for readable configs). */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /**
     * From now on each effect keeps its body, for a test that reads a page as its engineer would
     * (the ack link in it). Off by default: the benchmark's millions of pages need not fit in a
     * heap.
     */
    public IdempotentReceiver keepBodies() {
        this.keepBodies = true;
        return this;
    }

    /** From now on every request is answered with {@code status} and no effect. */
    public void refuseWith(int status, String retryAfterHeader) {
        this.retryAfter = retryAfterHeader;
        this.forcedStatus = status;
    }

    /** From now on requests are served normally. */
    public void recover() {
        this.forcedStatus = 0;
    }

    private void handle(HttpExchange x) throws IOException {
        byte[] bytes;
        try (InputStream body = x.getRequestBody()) {
            bytes = body.readAllBytes();
        }
        requests.incrementAndGet();
        int forced = forcedStatus;
        if (forced != 0) {
            refused.incrementAndGet();
            if (retryAfter != null) {
                x.getResponseHeaders().set("Retry-After", retryAfter);
            }
            reply(x, forced);
            return;
        }
        String key = x.getRequestHeaders().getFirst("Idempotency-Key");
        if (key == null || key.isEmpty()) {
            refused.incrementAndGet();
            reply(x, 400);
            return;
        }
        long now = System.currentTimeMillis();
        Effect created = new Effect(now, keepBodies ? bytes : null);
        Effect existing = effects.putIfAbsent(key, created);
        if (existing != null) {
            existing.deliveries.incrementAndGet();
            absorbed.incrementAndGet();
        }
        reply(x, 200);
    }

    private static void reply(HttpExchange x, int status) throws IOException {
        x.sendResponseHeaders(status, -1);
        x.close();
    }

    /** The effects applied, by idempotency key. */
    public Map<String, Effect> effects() {
        return effects;
    }

    /** Requests received, refused ones included. */
    public long requests() {
        return requests.get();
    }

    /** Requests answered with a forced status or for lack of a key. */
    public long refused() {
        return refused.get();
    }

    /** Deliveries of a key that already had its effect: re-deliveries the key absorbed. */
    public long absorbed() {
        return absorbed.get();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
