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
import java.io.PrintStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

    private GatewayBench() {}

    static int run(Options o, PrintStream out) throws Exception {
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
                    // Warm-up presses (JIT, producer connections), not counted.
                    press(pool, o.clients(), Math.min(500, o.acks()), base, key, expires, "warm");
                    long start = System.nanoTime();
                    long[] latencies =
                            press(pool, o.clients(), o.acks(), base, key, expires, "run");
                    double seconds = (System.nanoTime() - start) / 1e9;
                    Arrays.sort(latencies);
                    double rate = o.acks() / seconds;
                    double direct =
                            direct(
                                    pool,
                                    o,
                                    config,
                                    dir.resolve("signer.key"),
                                    kafka.bootstrapServers());
                    out.printf(
                            "gateway bench: %d presses by %d clients in %.2f s%n",
                            o.acks(), o.clients(), seconds);
                    out.printf(
                            "gateway bench: the same signed acks written straight to Kafka by the"
                                    + " same %d threads (no HTTP): %.0f acks/s%n",
                            o.clients(), direct);
                    out.printf(
                            "acks=%d clients=%d acks_per_s=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f"
                                    + " direct_acks_per_s=%.0f%n",
                            o.acks(),
                            o.clients(),
                            rate,
                            latencies[latencies.length / 2] / 1e6,
                            latencies[(int) Math.min(latencies.length - 1, latencies.length * 0.99)]
                                    / 1e6,
                            latencies[latencies.length - 1] / 1e6,
                            direct);
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

    /** Each client opens its share of links (untimed), then presses them; returns the latencies. */
    private static long[] press(
            ExecutorService pool,
            int clients,
            int acks,
            String base,
            AckLinkTokenKey key,
            long expires,
            String tag)
            throws Exception {
        List<Future<long[]>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            int share = acks / clients + (c < acks % clients ? 1 : 0);
            futures.add(
                    pool.submit(
                            () -> {
                                HttpClient http =
                                        HttpClient.newBuilder()
                                                .cookieHandler(new CookieManager())
                                                .version(HttpClient.Version.HTTP_1_1)
                                                .build();
                                String[] urls = new String[share];
                                String[] forms = new String[share];
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
                                    urls[i] = base + token;
                                    String html =
                                            http.send(
                                                            HttpRequest.newBuilder(
                                                                            URI.create(urls[i]))
                                                                    .build(),
                                                            HttpResponse.BodyHandlers.ofString())
                                                    .body();
                                    Matcher m = CSRF.matcher(html);
                                    if (!m.find()) {
                                        throw new IllegalStateException("no form on the link page");
                                    }
                                    forms[i] =
                                            "action=ack&csrf="
                                                    + URLEncoder.encode(
                                                            m.group(1), StandardCharsets.UTF_8);
                                }
                                long[] lat = new long[share];
                                for (int i = 0; i < share; i++) {
                                    long t0 = System.nanoTime();
                                    HttpResponse<String> r =
                                            http.send(
                                                    HttpRequest.newBuilder(URI.create(urls[i]))
                                                            .header(
                                                                    "Content-Type",
                                                                    "application/x-www-form-urlencoded")
                                                            .POST(
                                                                    HttpRequest.BodyPublishers
                                                                            .ofString(forms[i]))
                                                            .build(),
                                                    HttpResponse.BodyHandlers.ofString());
                                    lat[i] = System.nanoTime() - t0;
                                    if (r.statusCode() != 200) {
                                        throw new IllegalStateException(
                                                "a press got HTTP " + r.statusCode());
                                    }
                                }
                                return lat;
                            }));
        }
        long[] all = new long[acks];
        int n = 0;
        for (Future<long[]> f : futures) {
            long[] part = f.get();
            System.arraycopy(part, 0, all, n, part.length);
            n += part.length;
        }
        return all;
    }
}
