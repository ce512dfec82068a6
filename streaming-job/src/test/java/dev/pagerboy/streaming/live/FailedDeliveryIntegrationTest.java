package dev.pagerboy.streaming.live;

import static dev.pagerboy.streaming.live.ScriptedStream.at;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.devstack.KafkaBrokerExtension;
import dev.pagerboy.streaming.LiveJob;
import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveLayout;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.archive.ParquetArchive;
import dev.pagerboy.streaming.config.JobConfig;
import dev.pagerboy.streaming.config.PagerBoyConfig;
import dev.pagerboy.streaming.routing.MatchedRoute;
import dev.pagerboy.streaming.routing.RouteTree;
import dev.pagerboy.streaming.testing.FlinkMiniCluster;
import dev.pagerboy.streaming.testing.LiveJobTopics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code receipts} input end to end: the live job (Kafka sources, transactional sinks, archive)
 * on a MiniCluster with the embedded broker. One incident with policy {@code standard} (Alice's
 * schedule at once, Bob after 2 m, the {@code ops} receiver 2 m later, then stop). Alice's page is
 * paged at 10 s; the dispatcher's receipt says it failed at 40 s, so Bob is paged at 40 s instead
 * of 130 s and everything after moves with it. A delivered receipt and a malformed one change
 * nothing; all three are archived verbatim and the malformed one is a dead letter.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class FailedDeliveryIntegrationTest {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path work;

    @Test
    void aFailedReceiptEscalatesTheIncidentAtTheReceiptsTime() throws Exception {
        LiveJobTopics topics =
                LiveJobTopics.create(KAFKA, "it-failed-delivery", ScriptedStream.PARTITIONS);
        Path configFile = writeConfig(topics);
        String incident = incidentId(PagerBoyConfig.load(configFile), "DiskFull", 0);

        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(KAFKA.producerProperties())) {
            new ScriptedStream()
                    .firing(0, "b1", "DiskFull", "disk1")
                    .ticksEvery(10, 400)
                    .produce(producer, topics.byRole());
            receipt(producer, topics, 0, 25, receipt(incident + "/1/alice", incident, "delivered"));
            receipt(producer, topics, 1, 30, "not a receipt");
            receipt(producer, topics, 1, 40, receipt(incident + "/1/alice", incident, "failed"));
            producer.flush();
        }

        Path archive = work.resolve("archive");
        JobConfig cfg =
                JobConfig.load(
                        ScriptedStream.boundedRun(topics.options(configFile))
                                .archive(
                                        ArchiveLayout.at(archive.toUri().toString())
                                                .compactingEvery(3))
                                .restartAttempts(0)
                                .build());
        StreamExecutionEnvironment env = LiveJob.environment(cfg);
        LiveJob.define(env, cfg);
        env.execute("failed delivery live");

        List<String> pages = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r :
                KAFKA.awaitCommitted(topics.names().notifications(), 3)) {
            JsonNode n = JSON.readTree(r.value());
            pages.add(
                    n.get("idempotencyKey").asText().substring(incident.length())
                            + " @"
                            + second(n.get("eventTime").asLong()));
        }
        pages.sort(null);
        // Without the receipt: /2/bob @130, /3/receiver:ops @250.
        assertThat(pages).containsExactly("/1/alice @10", "/2/bob @40", "/3/receiver:ops @160");

        List<String> changes = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r :
                KAFKA.awaitCommitted(topics.names().incidents(), 5)) {
            JsonNode u = JSON.readTree(r.value());
            changes.add(u.get("change").asText() + " @" + second(u.get("eventTime").asLong()));
        }
        assertThat(changes)
                .containsExactly(
                        "triggered @10",
                        "escalated @10",
                        "escalated @40",
                        "escalated @160",
                        "exhausted @280");

        List<ConsumerRecord<byte[], byte[]>> deadLetters =
                KAFKA.awaitCommitted(topics.names().deadLetters(), 1);
        JsonNode dead = JSON.readTree(deadLetters.get(0).value());
        assertThat(dead.get("topic").asText()).isEqualTo(topics.names().receipts());
        assertThat(dead.get("reason").asText()).startsWith("receipt malformed: invalid JSON");

        List<ArchiveRecord> rows = ParquetArchive.reader(archive).readAll();
        assertThat(rows.stream().filter(r -> r.kind() == ArchiveKind.RECEIPT_RAW))
                .extracting(r -> second(r.eventTime()))
                .containsExactlyInAnyOrder(25, 30, 40);
    }

    private static void receipt(
            KafkaProducer<byte[], byte[]> producer,
            LiveJobTopics topics,
            int partition,
            int second,
            String value)
            throws Exception {
        producer.send(
                        new ProducerRecord<>(
                                topics.names().receipts(),
                                partition,
                                at(second),
                                null,
                                value.getBytes(StandardCharsets.UTF_8)))
                .get();
    }

    /** A receipt in the contract's JSON. */
    private static String receipt(String key, String incident, String outcome) {
        return "{\"idempotencyKey\":\""
                + key
                + "\",\"incidentId\":\""
                + incident
                + "\",\"receiver\":\"phones\",\"outcome\":\""
                + outcome
                + "\",\"reason\":\""
                + ("failed".equals(outcome) ? "http 400: refused" : "")
                + "\",\"attempts\":1,\"latencyMs\":5,\"replica\":0,\"deliveredAt\":0}";
    }

    /** The incident id the contract derives: hex16 of sha256(routeId|groupKey), group born at. */
    private static String incidentId(PagerBoyConfig config, String alertname, int bornSecond)
            throws Exception {
        Map<String, String> labels = Map.of("alertname", alertname);
        MatchedRoute route = config.routes().match(labels).get(0);
        byte[] digest =
                MessageDigest.getInstance("SHA-256")
                        .digest(
                                (route.id() + "|" + RouteTree.groupKey(route, labels))
                                        .getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 8) + "-" + at(bornSecond);
    }

    private static int second(long time) {
        return (int) ((time - ScriptedStream.T0) / 1000);
    }

    private Path writeConfig(LiveJobTopics topics) throws Exception {
        return Files.writeString(
                work.resolve("pagerboy.yaml"), EscalatingConfig.yaml(topics.kafkaYaml()));
    }
}
