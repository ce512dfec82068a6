package dev.pagerboy.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.devstack.EmbeddedKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
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
