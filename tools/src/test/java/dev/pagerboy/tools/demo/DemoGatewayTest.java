package dev.pagerboy.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.datasets.Envelope;
import dev.pagerboy.datasets.io.EnvelopeReader;
import dev.pagerboy.devstack.CommittedRecords;
import dev.pagerboy.devstack.EmbeddedKafka;
import dev.pagerboy.streaming.config.JobConfig;
import dev.pagerboy.streaming.config.JobOptions;
import java.io.ByteArrayOutputStream;
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
import java.util.List;
import java.util.OptionalDouble;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway {@code demo --gateway} leaves running: keys generated into the working directory, a
 * real link for an open incident of the run, and that link opening the incident page.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DemoGatewayTest {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    static final String ID = "0123456789abcdef-1796529600000";

    static final Path CONFIG =
            Path.of(System.getProperty("pagerboy.root", ".."))
                    .resolve("streaming-job/config/pagerboy.yaml");

    @TempDir Path dir;

    @Test
    void printsAWorkingAckLinkForAnOpenIncident() throws Exception {
        Path config = CONFIG;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(Demo.PARTITIONS, "incidents", "notifications");
            try (KafkaProducer<String, String> producer =
                    new KafkaProducer<>(
                            producerProperties(kafka.bootstrapServers()),
                            new StringSerializer(),
                            new StringSerializer())) {
                producer.send(
                        new ProducerRecord<>(
                                "incidents",
                                ID,
                                "{\"incidentId\":\""
                                        + ID
                                        + "\",\"sequence\":1,\"change\":"
                                        + "\"triggered\",\"status\":\"triggered\",\"eventTime\":"
                                        + "1796529600000,\"level\":1,\"engineer\":\"\","
                                        + "\"openedAt\":1796529600000}"));
                producer.send(
                        new ProducerRecord<>(
                                "notifications",
                                ID,
                                "{\"idempotencyKey\":\"k1\",\"receiver\":\"oncall\",\"eventTime\":"
                                        + "1796529600000,\"incidentId\":\""
                                        + ID
                                        + "\",\"engineer\":"
                                        + "\"alice\",\"level\":1,\"alerts\":[{\"fingerprint\":"
                                        + "\"a1b2c3d4e5f60718\",\"severity\":\"critical\",\"summary\":"
                                        + "\"Disk full on db-1\",\"labels\":{\"alertname\":"
                                        + "\"DiskFull\"}}]}"));
                producer.flush();
            }
            Path work = dir.resolve("gateway");
            try (DemoGateway g = DemoGateway.start(config, work, kafka)) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                g.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
                String printed = bytes.toString(StandardCharsets.UTF_8);
                assertThat(printed).contains("gateway_url=" + g.url() + "\n");
                assertThat(g.ackLink()).isPresent();
                assertThat(printed).contains("ack_link=" + g.ackLink().get() + "\n");
                assertThat(g.ackLink().get()).startsWith(g.url() + "/a/");

                HttpResponse<String> page =
                        HttpClient.newHttpClient()
                                .send(
                                        HttpRequest.newBuilder(URI.create(g.ackLink().get()))
                                                .GET()
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString());
                assertThat(page.statusCode()).isEqualTo(200);
                assertThat(page.body()).contains("Disk full on db-1").contains("Acknowledge");
            }
            // The keys are the run's own, next to the configuration that names them.
            assertThat(work.resolve("link.key")).exists();
            assertThat(work.resolve("signer.key")).exists();
            assertThat(Files.readString(work.resolve("pagerboy.yaml")))
                    .contains("key_file: link.key")
                    .contains("signer_key_file: signer.key");
        }
    }

    /**
     * The real demo with {@code --gateway} on the start of the shipped sample: it holds back one
     * resolve, so the run ends with that incident open, prints a link to it, and pressing
     * Acknowledge behind the link writes one gateway-signed ack for it to the demo's {@code acks}.
     */
    @Test
    void theDemoLeavesAnIncidentOpenWhoseLinkAcknowledges() throws Exception {
        Path root = Path.of(System.getProperty("pagerboy.root", ".."));
        List<Envelope> sample =
                EnvelopeReader.readAll(
                                root.resolve("datasets/samples/pcic2021-3w.alertmanager.jsonl.gz"))
                        .subList(0, 400);
        HeldBackResolve held = HeldBackResolve.lastOf(sample).orElseThrow();
        DemoOptions options =
                new DemoOptions(
                        CONFIG,
                        Path.of("sample"),
                        5,
                        OptionalDouble.empty(),
                        dir.resolve("work"),
                        DemoOptions.DEFAULT_COMPACT_EVERY);
        JobOptions defaults = JobOptions.defaults(CONFIG);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        CountDownLatch stop = new CountDownLatch(1);
        Demo demo = new Demo(new PrintStream(printed, true, StandardCharsets.UTF_8));
        CompletableFuture<DemoSummary> run =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return demo.withGateway(stop)
                                        .execute(
                                                options,
                                                defaults,
                                                JobConfig.load(defaults),
                                                sample);
                            } catch (Exception e) {
                                throw new CompletionException(e);
                            }
                        });
        try {
            String link = awaitLine(printed, "ack_link=", run);
            String servers = awaitLine(printed, "bootstrap.servers=", run);
            assertThat(printed.toString(StandardCharsets.UTF_8))
                    .contains("holding back the resolve of alert " + held.fingerprint());
            assertThat(link)
                    .as("the run leaves an open incident; the demo printed:%n%s", printed)
                    .startsWith("http://127.0.0.1:");

            HttpClient tab = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            HttpResponse<String> page =
                    tab.send(
                            HttpRequest.newBuilder(URI.create(link)).build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Acknowledge").doesNotContain("resolved");
            Matcher csrf = CSRF.matcher(page.body());
            assertThat(csrf.find()).isTrue();
            HttpResponse<String> done =
                    tab.send(
                            HttpRequest.newBuilder(URI.create(link))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(
                                            HttpRequest.BodyPublishers.ofString(
                                                    "action=ack&csrf="
                                                            + URLEncoder.encode(
                                                                    csrf.group(1),
                                                                    StandardCharsets.UTF_8)))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(done.statusCode()).isEqualTo(200);
            assertThat(done.body()).contains("Acknowledged");

            List<JsonNode> gatewayAcks = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r :
                    CommittedRecords.awaitAtLeast(servers, "acks", 1, Duration.ofSeconds(30))) {
                JsonNode ack = new ObjectMapper().readTree(r.value());
                if (!ack.path("link").asText("").isEmpty()) {
                    gatewayAcks.add(ack);
                }
            }
            assertThat(gatewayAcks).hasSize(1);
            // The open incident is the one of the alert whose resolve was held back.
            assertThat(gatewayAcks.get(0).path("fingerprint").asText())
                    .isEqualTo(held.fingerprint());
            assertThat(gatewayAcks.get(0).path("action").asText()).isEqualTo("ack");
        } finally {
            stop.countDown();
            run.get(2, TimeUnit.MINUTES);
        }
    }

    /** The value of the first printed line starting with {@code key}, once the demo prints it. */
    private static String awaitLine(
            ByteArrayOutputStream printed, String key, CompletableFuture<?> run) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (System.nanoTime() < deadline) {
            String text = printed.toString(StandardCharsets.UTF_8);
            // Only whole lines: the last one may still be being printed.
            for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
                if (line.startsWith(key)) {
                    return line.substring(key.length());
                }
            }
            if (run.isDone()) {
                run.get();
                throw new AssertionError("the demo ended without printing " + key);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + key + " line within 4 minutes:\n" + printed);
    }

    private static Properties producerProperties(String servers) {
        Properties p = new Properties();
        p.put("bootstrap.servers", servers);
        p.put("acks", "all");
        return p;
    }

    @Test
    void replacesAConfiguredGatewaySectionAndKeepsTheRest() {
        String text =
                "kafka:\n  bootstrap_servers: x\ngateway:\n  url: https://old\n"
                        + "  # a comment\n\n  key_file: /secret/old\nengineers: []\n";
        String out = DemoGateway.withGatewaySection(text, "http://127.0.0.1:1234");
        assertThat(out).doesNotContain("https://old").doesNotContain("/secret/old");
        assertThat(out).contains("engineers: []\n").contains("kafka:\n  bootstrap_servers: x\n");
        assertThat(out).containsOnlyOnce("gateway:\n").contains("url: http://127.0.0.1:1234\n");
    }
}
