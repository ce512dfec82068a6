package dev.pagerboy.replay;

import static dev.pagerboy.streaming.incidents.IncidentFixtures.ALICE;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.BOB;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.CAROL;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.ackJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.alerts.ack.AckAction;
import dev.pagerboy.devstack.KafkaBrokerExtension;
import dev.pagerboy.streaming.LiveJob;
import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveLayout;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.archive.ParquetArchive;
import dev.pagerboy.streaming.config.JobConfig;
import dev.pagerboy.streaming.config.JobOptions;
import dev.pagerboy.streaming.config.JobOptions.ClockSource;
import dev.pagerboy.streaming.config.PagerBoyConfig;
import dev.pagerboy.streaming.live.EscalatingConfig;
import dev.pagerboy.streaming.routing.MatchedRoute;
import dev.pagerboy.streaming.routing.RouteTree;
import dev.pagerboy.streaming.sources.TickClock;
import dev.pagerboy.streaming.testing.FlinkMiniCluster;
import dev.pagerboy.streaming.testing.LiveJobTopics;
import dev.pagerboy.streaming.testing.WatchedJob;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
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
 * Acks and receipts that reach the live job behind its watermark replay bit for bit (#14/#17).
 *
 * <p>The live job (Kafka sources, MiniCluster, parallelism 2, clock from the {@code ticks} topic, 1
 * s idleness) first reads alerts and ticks up to 600 s while the {@code acks} and {@code receipts}
 * topics are empty, so its watermark passes 440 s. Only then do acks and a failed receipt stamped
 * 20–100 s arrive, as when the acks consumer lags or the engineers' clients deliver late: the job
 * can only apply them at the next instant it has not decided, which scheduling picks. Then more
 * ticks, and a stop with drain (a bounded live run).
 *
 * <p>Replay holds its watermark at each archived input's own time. Before the fix it applied these
 * acks there, at 20–100 s, and decided differently (C's ack accepted instead of already resolved,
 * A's failed page escalating at once, D acknowledged at 90 s). Now the live job archives the time
 * it applied each late record at ({@code late_input}) and replay applies it there: {@code replay
 * --verify} finds the archive identical.
 *
 * <p>The story (seconds from T0; group_wait 10 s; policy {@code standard}: the primary schedule
 * (Alice), Bob after 2 m, the {@code ops} receiver after 2 more, then stop): A DbDown fires at 0; C
 * HostDown fires at 40 and resolves at 300; D is a PagerDuty trigger at 70. Late: a failed delivery
 * of A's first page at 20, Alice's ack of A at 60, Bob's ack of C at 100, Carol's ack of A at 95
 * (not on the policy), a PagerDuty acknowledge of D at 90.
 */
@Tag("integration")
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class LateAcksReplayTest {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T0 = Instant.parse("2026-11-28T10:00:00Z").toEpochMilli();
    private static final Duration DEADLINE = Duration.ofMinutes(4);
    private static final Map<String, String> TOPICS =
            Map.of(
                    "alerts", "alerts-late",
                    "silences", "silences-late",
                    "ticks", "ticks-late",
                    "notifications", "notifications-late",
                    "dead_letters", "dead-letters-late",
                    "acks", "acks-late",
                    "incidents", "incidents-late",
                    "receipts", "receipts-late");

    @TempDir Path work;

    @Test
    void acksAppliedBehindTheWatermarkReplayIdentically() throws Exception {
        Path configFile = writeConfig();
        PagerBoyConfig config = PagerBoyConfig.load(configFile);
        LiveJobTopics.createAll(KAFKA, config.kafka().topics(), 2);
        String a = incidentId(config, Map.of("alertname", "DbDown"), 0);
        String c = incidentId(config, Map.of("alertname", "HostDown"), 40);

        Path archive = work.resolve("archive");
        WatchedJob job;
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(KAFKA.producerProperties())) {
            send(producer, "alerts", 0, 0, firing("DbDown", "db1", 0));
            send(producer, "alerts", 1, 40, firing("HostDown", "host1", 40));
            send(producer, "alerts", 0, 70, pagerDuty("trigger", "db-9"));
            send(producer, "alerts", 1, 300, resolved("HostDown", "host1", 40, 300));
            ticks(producer, 0, 600);

            job = WatchedJob.onCluster(FLINK, start(configFile, archive));
            // The watermark has passed D's exhaustion (440 s) once it is committed.
            job.await(
                    "a committed incident update at 440 s or later",
                    DEADLINE,
                    () -> committedIncident(u -> u.get("eventTime").asLong() >= at(440)));

            send(producer, "receipts", 0, 20, receipt(a + "/1/alice", a));
            send(producer, "acks", 0, 60, ackJson(ALICE, a, AckAction.ACK, at(60), ALICE));
            send(producer, "acks", 1, 90, pagerDuty("acknowledge", "db-9"));
            send(producer, "acks", 1, 95, ackJson(CAROL, a, AckAction.ACK, at(95), CAROL));
            send(producer, "acks", 0, 100, ackJson(BOB, c, AckAction.ACK, at(100), BOB));
            ticks(producer, 630, 720);
        }
        job.await("4 archived ack rows", DEADLINE, () -> archived(archive, ArchiveKind.ACK) >= 4);
        job.client()
                .stopWithSavepoint(
                        true,
                        work.resolve("savepoint").toUri().toString(),
                        SavepointFormatType.CANONICAL)
                .get(1, TimeUnit.MINUTES);
        job.client().getJobExecutionResult().get(1, TimeUnit.MINUTES);

        List<ArchiveRecord> live = ParquetArchive.reader(archive).readAll();
        Map<Integer, String> verdicts = new TreeMap<>();
        for (ArchiveRecord row : live) {
            if (row.kind() == ArchiveKind.ACK) {
                verdicts.put(second(row.eventTime()), row.outcome());
            }
        }
        // Applied after C resolved at 350 and A's and D's policies ran out, whenever the job met
        // them: that is what the live job decided, and what replay must decide.
        assertThat(verdicts).containsEntry(100, "already_resolved").containsKeys(60, 90, 95);

        ReplayResult result =
                new Replay(
                                new PrintStream(
                                        new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                        .run(
                                new ReplayRequest(
                                        archive,
                                        configFile,
                                        Map.of(),
                                        ArchiveStretch.WHOLE,
                                        work.resolve("replay"),
                                        FlinkMiniCluster.PARALLELISM,
                                        Duration.ZERO,
                                        false));

        StringBuilder differences = new StringBuilder();
        result.comparison().differences().stream()
                .limit(10)
                .forEach(d -> differences.append(d.describe()).append('\n'));
        assertThat(result.comparison().identical()).as(differences.toString()).isTrue();
        assertThat(result.comparison().rowsPerKind())
                .containsEntry("ack", 4)
                .hasEntrySatisfying("incident", n -> assertThat(n).isGreaterThan(10));
        // Each late record's applied time was archived once, as an input.
        List<String> late =
                live.stream()
                        .filter(r -> r.kind().text().equals("late_input"))
                        .map(r -> r.sourceTopic() + "@" + second(r.eventTime()))
                        .sorted()
                        .toList();
        assertThat(late)
                .containsExactly(
                        "acks-late@100",
                        "acks-late@60",
                        "acks-late@90",
                        "acks-late@95",
                        "receipts-late@20");
    }

    private JobClient start(Path configFile, Path archive) throws Exception {
        JobConfig cfg =
                JobConfig.load(
                        JobOptions.builder(configFile)
                                .bootstrapServers(KAFKA.bootstrapServers())
                                .archive(ArchiveLayout.at(archive.toUri().toString()))
                                .parallelism(FlinkMiniCluster.PARALLELISM)
                                .restartAttempts(0)
                                .clock(ClockSource.TOPIC)
                                .tickClock(TickClock.REAL_TIME)
                                .tickInterval(Duration.ofSeconds(1))
                                .maxOutOfOrderness(Duration.ZERO)
                                .idleTimeout(Duration.ofSeconds(1))
                                .stopAtLatest(false)
                                .groupId("it-late-acks")
                                .transactionalIdPrefix("it-late-acks")
                                .transactionTimeout(Duration.ofMinutes(2))
                                .build());
        StreamExecutionEnvironment env = LiveJob.environment(cfg);
        LiveJob.define(env, cfg);
        return env.executeAsync("late acks live");
    }

    private static boolean committedIncident(Predicate<JsonNode> wanted) throws Exception {
        for (ConsumerRecord<byte[], byte[]> r : KAFKA.readCommitted(TOPICS.get("incidents"))) {
            if (wanted.test(JSON.readTree(r.value()))) {
                return true;
            }
        }
        return false;
    }

    private static long archived(Path archive, ArchiveKind kind) {
        return ParquetArchive.reader(archive).readAll().stream()
                .filter(r -> r.kind() == kind)
                .count();
    }

    private static void send(
            KafkaProducer<byte[], byte[]> producer,
            String role,
            int partition,
            int second,
            String value)
            throws Exception {
        producer.send(
                        new ProducerRecord<>(
                                TOPICS.get(role),
                                partition,
                                at(second),
                                null,
                                value.getBytes(StandardCharsets.UTF_8)))
                .get();
    }

    private static void ticks(KafkaProducer<byte[], byte[]> producer, int from, int to)
            throws Exception {
        for (int s = from; s <= to; s += 30) {
            producer.send(new ProducerRecord<>(TOPICS.get("ticks"), 0, at(s), null, new byte[0]))
                    .get();
        }
    }

    private static long at(int second) {
        return T0 + second * 1000L;
    }

    private static int second(long time) {
        return (int) ((time - T0) / 1000);
    }

    private static String firing(String alertname, String instance, int second) {
        return alert("firing", alertname, instance, second, "null");
    }

    private static String resolved(String alertname, String instance, int started, int second) {
        return alert(
                "resolved",
                alertname,
                instance,
                started,
                "\"" + Instant.ofEpochMilli(at(second)) + "\"");
    }

    private static String alert(
            String status, String alertname, String instance, int started, String endsAt) {
        return "{\"version\":\"pagerboy/v1\",\"id\":\""
                + alertname
                + status
                + "\",\"status\":\""
                + status
                + "\",\"labels\":{\"alertname\":\""
                + alertname
                + "\",\"instance\":\""
                + instance
                + "\"},\"annotations\":{\"summary\":\"test\"},\"startsAt\":\""
                + Instant.ofEpochMilli(at(started))
                + "\",\"endsAt\":"
                + endsAt
                + "}";
    }

    private static String pagerDuty(String action, String key) {
        return "{\"routing_key\":\"r-ops\",\"event_action\":\""
                + action
                + "\",\"dedup_key\":\""
                + key
                + "\""
                + (action.equals("trigger")
                        ? ",\"payload\":{\"summary\":\"db-9 down\",\"source\":\"db-9\","
                                + "\"severity\":\"critical\"}"
                        : "")
                + "}";
    }

    /** A failed delivery in the receipt contract's JSON. */
    private static String receipt(String key, String incident) {
        return "{\"idempotencyKey\":\""
                + key
                + "\",\"incidentId\":\""
                + incident
                + "\",\"receiver\":\"phones\",\"outcome\":\"failed\",\"reason\":\"http 400:"
                + " refused\",\"attempts\":1,\"latencyMs\":5,\"replica\":0,\"deliveredAt\":0}";
    }

    /** The incident id the contract derives: hex16 of sha256(routeId|groupKey), group born at. */
    private static String incidentId(PagerBoyConfig config, Map<String, String> labels, int born)
            throws Exception {
        MatchedRoute route = config.routes().match(labels).get(0);
        byte[] digest =
                MessageDigest.getInstance("SHA-256")
                        .digest(
                                (route.id() + "|" + RouteTree.groupKey(route, labels))
                                        .getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 8) + "-" + at(born);
    }

    private Path writeConfig() throws Exception {
        Path file = work.resolve("pagerboy.yaml");
        Files.writeString(
                file,
                EscalatingConfig.yaml(
                        """
                        kafka:
                          bootstrap_servers: localhost:1   # replaced by the embedded broker's address
                          topics:
                            alerts: %s
                            silences: %s
                            ticks: %s
                            notifications: %s
                            dead_letters: %s
                            acks: %s
                            incidents: %s
                            receipts: %s
                        """
                                .formatted(
                                        TOPICS.get("alerts"),
                                        TOPICS.get("silences"),
                                        TOPICS.get("ticks"),
                                        TOPICS.get("notifications"),
                                        TOPICS.get("dead_letters"),
                                        TOPICS.get("acks"),
                                        TOPICS.get("incidents"),
                                        TOPICS.get("receipts"))));
        return file;
    }
}
