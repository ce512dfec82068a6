package dev.pagerboy.tools.bench;

import dev.pagerboy.alerts.ack.AckAction;
import dev.pagerboy.alerts.ack.AckLinkToken;
import dev.pagerboy.alerts.ack.AckLinkTokenKey;
import dev.pagerboy.alerts.ack.AckText;
import dev.pagerboy.devstack.EmbeddedKafka;
import dev.pagerboy.gateway.Gateway;
import dev.pagerboy.gateway.ack.AckWriter;
import dev.pagerboy.gateway.ack.GatewaySigner;
import dev.pagerboy.gateway.config.GatewayConfig;
import dev.pagerboy.gateway.config.GatewayConfigReader;
import dev.pagerboy.gateway.web.GatewayServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./pagerboy bench gateway}: acks per second end to end through the gateway — a button press
 * ({@code POST /a/<token>} with its CSRF token) until the gateway has the signed ack on the {@code
 * acks} topic (it answers only then) — and the latency of each press. One embedded broker, one
 * gateway in this JVM, {@code clients} concurrent browsers, each link pressed once. The link pages
 * ({@code GET}) are fetched before timing starts; the rate limits are lifted for the run.
 */
final class GatewayBench {

    record Options(int acks, int clients) {}

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final String SIGNER =
            "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

    /**
     * Presses before the timed ones, not counted. After 500, and even after 3,000, the JIT
     * compilers still took a fifth of the process's CPU during the timed presses (session 9, perf):
     * the broker, producer, consumer and Jetty code each run once or twice per press and reach the
     * optimising compiler only after thousands of presses. (Warming up until the compilers are
     * quiet does not end on a loaded machine: their time counts the wait for a core.)
     */
    private static final int WARM_UP_PRESSES = 6_000;

    private GatewayBench() {}

    static int run(Options o, PrintStream out) throws Exception {
        // One kept-alive connection per browser: the JDK keeps 5 per address unless told more.
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", Integer.toString(Math.max(5, o.clients())));
        }
        Path dir = Files.createTempDirectory("pagerboy-bench-gateway-");
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(4, "acks");
            kafka.createTopics("incidents", "notifications", "receipts", "ack-receipts");
            Files.writeString(dir.resolve("link.key"), "B".repeat(40));
            Files.writeString(dir.resolve("signer.key"), SIGNER);
            Path yaml = dir.resolve("pagerboy.yaml");
            Files.writeString(
                    yaml,
                    "kafka:\n  bootstrap_servers: "
                            + kafka.bootstrapServers()
                            + "\nengineers:\n  - name: alice\n"
                            + "    address: \"0x820b25ac310a18c68c32c7776ede1d099c80aab4\"\n"
                            + "    teams: [ops]\n"
                            + "gateway:\n  url: http://127.0.0.1:8081\n  key_file: link.key\n"
                            + "  signer_key_file: signer.key\n");
            GatewayConfig config = GatewayConfigReader.read(yaml);
            AckLinkTokenKey key = AckLinkTokenKey.read(dir.resolve("link.key"));
            GatewayServer.Limits open =
                    new GatewayServer.Limits(Integer.MAX_VALUE, Integer.MAX_VALUE);
            try (Gateway g = new Gateway(config, "127.0.0.1", 0, open, Duration.ofSeconds(60))) {
                String base = "http://127.0.0.1:" + g.port() + "/a/";
                long expires = System.currentTimeMillis() + 3_600_000L;
                ExecutorService pool = Executors.newFixedThreadPool(o.clients());
                try {
                    press(
                            pool,
                            open(
                                    pool,
                                    o.clients(),
                                    Math.min(WARM_UP_PRESSES, o.acks()),
                                    base,
                                    key,
                                    expires,
                                    "warm"));
                    // Every link page is open before the clock starts: only presses are timed.
                    List<Browser> browsers =
                            open(pool, o.clients(), o.acks(), base, key, expires, "run");
                    out.printf("gateway bench: %d links open, pressing%n", o.acks());
                    out.flush();
                    long cpu0 = ProcessCpu.nanos();
                    long start = System.nanoTime();
                    long[] latencies = press(pool, browsers);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    double cpuMs = (ProcessCpu.nanos() - cpu0) / 1e6 / o.acks();
                    out.printf("gateway bench: pressed%n");
                    out.flush();
                    Arrays.sort(latencies);
                    double rate = o.acks() / seconds;
                    long directCpu0 = ProcessCpu.nanos();
                    double direct =
                            direct(
                                    pool,
                                    o,
                                    config,
                                    dir.resolve("signer.key"),
                                    kafka.bootstrapServers());
                    double directCpuMs = (ProcessCpu.nanos() - directCpu0) / 1e6 / o.acks();
                    out.printf(
                            "gateway bench: %d presses by %d clients in %.2f s, %.3f ms of CPU"
                                    + " (whole process) per press%n",
                            o.acks(), o.clients(), seconds, cpuMs);
                    out.printf(
                            "gateway bench: the same signed acks written straight to Kafka by the"
                                    + " same %d threads (no HTTP): %.0f acks/s, %.3f ms of CPU"
                                    + " per ack%n",
                            o.clients(), direct, directCpuMs);
                    out.printf(
                            "acks=%d clients=%d acks_per_s=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f"
                                    + " cpu_ms_per_ack=%.3f direct_acks_per_s=%.0f"
                                    + " direct_cpu_ms_per_ack=%.3f%n",
                            o.acks(),
                            o.clients(),
                            rate,
                            latencies[latencies.length / 2] / 1e6,
                            latencies[(int) Math.min(latencies.length - 1, latencies.length * 0.99)]
                                    / 1e6,
                            latencies[latencies.length - 1] / 1e6,
                            cpuMs,
                            direct,
                            directCpuMs);
                } finally {
                    pool.shutdownNow();
                }
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return 0;
    }

    /**
     * The reference: the gateway's own work minus HTTP — sign the ack text and wait for Kafka —
     * from the same number of threads.
     */
    private static double direct(
            ExecutorService pool, Options o, GatewayConfig config, Path signerKey, String servers)
            throws Exception {
        GatewaySigner signer = GatewaySigner.read(signerKey);
        try (AckWriter writer = new AckWriter(servers, config.topics().acks())) {
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < o.clients(); c++) {
                int client = c;
                int share = o.acks() / o.clients() + (c < o.acks() % o.clients() ? 1 : 0);
                futures.add(
                        pool.submit(
                                () -> {
                                    for (int i = 0; i < share; i++) {
                                        String incident =
                                                String.format(
                                                        "%016x-1796529600001",
                                                        (long) client * 1_000_000 + i);
                                        AckText text =
                                                new AckText(
                                                        incident,
                                                        incident.substring(0, 16),
                                                        "0x820b25ac310a18c68c32c7776ede1d099c80aab4",
                                                        AckAction.ACK,
                                                        System.currentTimeMillis());
                                        writer.write(
                                                        incident,
                                                        GatewaySigner.json(signer.sign(text), ""))
                                                .get();
                                    }
                                    return null;
                                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            return o.acks() / ((System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * Each client opens its share of links (not timed: the page yields the CSRF token); returns the
     * clients with their forms ready to press.
     */
    private static List<Browser> open(
            ExecutorService pool,
            int clients,
            int acks,
            String base,
            AckLinkTokenKey key,
            long expires,
            String tag)
            throws Exception {
        List<Future<Browser>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            int share = acks / clients + (c < acks % clients ? 1 : 0);
            futures.add(
                    pool.submit(
                            () -> {
                                Browser browser = new Browser();
                                for (int i = 0; i < share; i++) {
                                    String incident =
                                            String.format(
                                                    "%016x-1796529600000",
                                                    (long) client * 1_000_000 + i);
                                    String token =
                                            AckLinkToken.forPage(
                                                            key,
                                                            tag + "/" + client + "/" + i,
                                                            incident,
                                                            "alice",
                                                            expires)
                                                    .mint(key);
                                    browser.open(base + token);
                                }
                                return browser;
                            }));
        }
        List<Browser> browsers = new ArrayList<>();
        for (Future<Browser> f : futures) {
            browsers.add(f.get());
        }
        return browsers;
    }

    /** Every client presses Acknowledge on each of its open links in turn; the latencies. */
    private static long[] press(ExecutorService pool, List<Browser> browsers) throws Exception {
        List<Future<long[]>> futures = new ArrayList<>();
        for (Browser b : browsers) {
            futures.add(pool.submit(b::pressAll));
        }
        List<long[]> parts = new ArrayList<>();
        int total = 0;
        for (Future<long[]> f : futures) {
            parts.add(f.get());
            total += parts.get(parts.size() - 1).length;
        }
        long[] all = new long[total];
        int n = 0;
        for (long[] part : parts) {
            System.arraycopy(part, 0, all, n, part.length);
            n += part.length;
        }
        return all;
    }

    /**
     * One engineer's browser: its form cookie and the links it has open with the form each page
     * holds. It speaks through {@link HttpURLConnection}, which sends and reads on the calling
     * thread over a kept-alive connection: the JDK {@link java.net.http.HttpClient} hands each
     * exchange to its selector thread and back to an executor, and on two cores those hand-offs
     * cost the bench more CPU than the gateway's own work (see docs/BENCHMARKS.md, session 9).
     */
    private static final class Browser {
        private final List<URL> urls = new ArrayList<>();
        private final List<byte[]> forms = new ArrayList<>();
        private String cookie;

        /** Opens a link page (GET) and keeps its Acknowledge form. */
        void open(String url) throws IOException {
            URL link = URI.create(url).toURL();
            HttpURLConnection c = (HttpURLConnection) link.openConnection();
            if (cookie != null) {
                c.setRequestProperty("Cookie", cookie);
            }
            String html = body(c, 200);
            String set = c.getHeaderField("Set-Cookie");
            if (set != null) {
                cookie = set.substring(0, set.indexOf(';') < 0 ? set.length() : set.indexOf(';'));
            }
            Matcher m = CSRF.matcher(html);
            if (!m.find()) {
                throw new IllegalStateException("no form on the link page");
            }
            urls.add(link);
            forms.add(
                    ("action=ack&csrf=" + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8))
                            .getBytes(StandardCharsets.US_ASCII));
        }

        /** Presses Acknowledge on every open link in turn; the time of each press. */
        long[] pressAll() throws IOException {
            long[] lat = new long[urls.size()];
            for (int i = 0; i < lat.length; i++) {
                long t0 = System.nanoTime();
                HttpURLConnection c = (HttpURLConnection) urls.get(i).openConnection();
                c.setRequestMethod("POST");
                c.setDoOutput(true);
                c.setFixedLengthStreamingMode(forms.get(i).length);
                c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
                c.setRequestProperty("Cookie", cookie);
                try (OutputStream body = c.getOutputStream()) {
                    body.write(forms.get(i));
                }
                body(c, 200);
                lat[i] = System.nanoTime() - t0;
            }
            return lat;
        }

        /**
         * The whole answer, read to its end and closed so the connection is kept for the next
         * request.
         */
        private static String body(HttpURLConnection c, int expected) throws IOException {
            int status = c.getResponseCode();
            if (status != expected) {
                throw new IllegalStateException(
                        c.getRequestMethod() + " " + c.getURL().getPath() + " got HTTP " + status);
            }
            try (InputStream in = c.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}
