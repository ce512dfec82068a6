package dev.pagerboy.streaming.live;

import static dev.pagerboy.streaming.incidents.IncidentFixtures.ALICE;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.BOB;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.CAROL;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.MALLORY;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.ackJson;
import static dev.pagerboy.streaming.live.ScriptedStream.at;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.alerts.ack.AckAction;
import dev.pagerboy.contracts.ack.AckLeaf;
import dev.pagerboy.devstack.KafkaBrokerExtension;
import dev.pagerboy.streaming.CollectingSink;
import dev.pagerboy.streaming.LiveJob;
import dev.pagerboy.streaming.Pipeline;
import dev.pagerboy.streaming.PipelineConfig;
import dev.pagerboy.streaming.PipelineInputs;
import dev.pagerboy.streaming.PipelineOutputs;
import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveLayout;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.archive.ParquetArchive;
import dev.pagerboy.streaming.config.JobConfig;
import dev.pagerboy.streaming.config.PagerBoyConfig;
import dev.pagerboy.streaming.incidents.IncidentUpdate;
import dev.pagerboy.streaming.live.ScriptedStream.Input;
import dev.pagerboy.streaming.records.DeadLetter;
import dev.pagerboy.streaming.records.Notification;
import dev.pagerboy.streaming.records.RawInput;
import dev.pagerboy.streaming.records.Tick;
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
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incidents, acks and escalation end to end: the live job (Kafka sources, transactional sinks,
 * archive) on a MiniCluster with parallelism 2 and the embedded broker, fed a scripted story with
 * good, replayed, forged, unrostered, late and pointless acks; and the same story twice as a
 * bounded replay from collections, which must give identical incidents, pages and ack leaves.
 *
 * <p>The story (seconds from T0; one route, group_wait 10 s, group_interval 1 m; the route's
 * handler picks policy 1 = {@code standard}: Alice's schedule at once, Bob after 2 m, the {@code
 * ops} receiver after 2 more, then stop):
 *
 * <ul>
 *   <li>A, DbDown at 0: paged to Alice at 10, Alice acks at 60 (replayed at 120): no escalation.
 *   <li>B, DiskFull at 20: Alice at 30, Bob at 150, ops at 270, exhausted at 390; a forged ack
 *       (Mallory naming Alice), Mallory's own (not on the roster) and Carol's stale one (signed an
 *       hour before it arrived) change nothing.
 *   <li>C, HostDown at 40: Alice at 50, Bob acks at 100, resolved at 300 (flush at 350); Alice's
 *       ack at 400 is too late.
 *   <li>An ack of an incident that never existed.
 * </ul>
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class IncidentsIntegrationTest {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The {@code kafka:} section for naming incidents, where topics do not matter. */
    private static final String DEFAULT_TOPICS = "kafka:\n  bootstrap_servers: localhost:1\n";

    @TempDir Path work;

    private Path configFile;
    private Map<String, String> incidents; // letter -> id

    /** The pages: incident/step/target @second level. */
    private static final List<String> EXPECTED_PAGES =
            List.of(
                    "A/1/alice @10 L1",
                    "B/1/alice @30 L1",
                    "B/2/bob @150 L2",
                    "B/3/receiver:ops @270 L3",
                    "C/1/alice @50 L1",
                    "D/1/alice @80 L1");

    /** The incident transitions: incident#sequence change @second. */
    private static final List<String> EXPECTED_INCIDENTS =
            List.of(
                    "A#1 triggered @10",
                    "A#2 escalated @10",
                    "A#3 acknowledged @60",
                    "B#1 triggered @30",
                    "B#2 escalated @30",
                    "B#3 escalated @150",
                    "B#4 escalated @270",
                    "B#5 exhausted @390",
                    "C#1 triggered @50",
                    "C#2 escalated @50",
                    "C#3 acknowledged @100",
                    "C#4 resolved @350",
                    "D#1 triggered @80",
                    "D#2 escalated @80",
                    "D#3 acknowledged @90",
                    "D#4 resolved @130");

    /** The verdict on every ack, by the second it was written. */
    private static final Map<Integer, String> EXPECTED_VERDICTS = expectedVerdicts();

    private static Map<Integer, String> expectedVerdicts() {
        Map<Integer, String> verdicts =
                new TreeMap<>(
                        Map.of(
                                60, "accepted",
                                100, "accepted",
                                120, "duplicate",
                                200, "bad_signature",
                                210, "not_on_roster",
                                220, "outside_skew",
                                230, "unknown_incident",
                                400, "already_resolved"));
        // PagerDuty acknowledge and resolve of D, and an acknowledge of an alert nobody sent.
        verdicts.putAll(Map.of(90, "accepted", 130, "accepted", 240, "unknown_incident"));
        return verdicts;
    }

    /**
     * A PagerDuty Events v2 event of integration r-ops for the alert with dedup key {@code key}.
     */
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

    @BeforeEach
    void writeConfigAndNameIncidents() throws Exception {
        configFile = writeConfig(DEFAULT_TOPICS);
        PagerBoyConfig config = PagerBoyConfig.load(configFile);
        incidents =
                Map.of(
                        "A", incidentId(config, "DbDown", 0),
                        "B", incidentId(config, "DiskFull", 20),
                        "C", incidentId(config, "HostDown", 40),
                        // A PagerDuty trigger has no alertname: its group is alertname="".
                        "D", incidentId(config, Map.of("source", "db-9"), 70));
    }

    /** The incident id the contract derives: hex16 of sha256(routeId|groupKey), group born at. */
    private static String incidentId(PagerBoyConfig config, String alertname, int bornSecond)
            throws Exception {
        return incidentId(config, Map.of("alertname", alertname), bornSecond);
    }

    private static String incidentId(
            PagerBoyConfig config, Map<String, String> labels, int bornSecond) throws Exception {
        MatchedRoute route = config.routes().match(labels).get(0);
        byte[] digest =
                MessageDigest.getInstance("SHA-256")
                        .digest(
                                (route.id() + "|" + RouteTree.groupKey(route, labels))
                                        .getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 8) + "-" + at(bornSecond);
    }

    private ScriptedStream story() {
        String a = incidents.get("A");
        String b = incidents.get("B");
        String c = incidents.get("C");
        return new ScriptedStream()
                .firing(0, "a1", "DbDown", "db1")
                .firing(20, "b1", "DiskFull", "disk1")
                .firing(40, "c1", "HostDown", "host1")
                .ack(60, 0, ackJson(ALICE, a, AckAction.ACK, at(60), ALICE))
                .ack(100, 1, ackJson(BOB, c, AckAction.ACK, at(100) - 2_000, BOB))
                .ack(200, 0, ackJson(MALLORY, b, AckAction.ACK, at(200), ALICE))
                .ack(210, 1, ackJson(MALLORY, b, AckAction.ACK, at(210), MALLORY))
                .ack(220, 0, ackJson(CAROL, b, AckAction.ACK, at(220) - 3_600_000, CAROL))
                .ack(
                        230,
                        1,
                        ackJson(CAROL, b.substring(0, 17) + "5", AckAction.ACK, at(230), CAROL))
                .ack(400, 0, ackJson(ALICE, c, AckAction.ACK, at(400), ALICE))
                .alertRecord(70, 0, pagerDuty("trigger", "db-9"))
                .ack(90, 1, pagerDuty("acknowledge", "db-9"))
                .ack(130, 0, pagerDuty("resolve", "db-9"))
                .ack(240, 1, pagerDuty("acknowledge", "never-sent"))
                .ackAgain(120, 0)
                .resolved(300, "c2", "HostDown", "host1", 40)
                .ticksEvery(30, 600);
    }

    @Test
    void theLiveJobCommitsExactlyTheExpectedIncidentsPagesAndAckVerdicts() throws Exception {
        LiveJobTopics topics =
                LiveJobTopics.create(KAFKA, "it-incidents", ScriptedStream.PARTITIONS);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(KAFKA.producerProperties())) {
            story().produce(producer, topics.byRole());
        }
        Path archive = work.resolve("archive");
        JobConfig cfg =
                JobConfig.load(
                        ScriptedStream.boundedRun(topics.options(writeConfig(topics.kafkaYaml())))
                                .archive(
                                        ArchiveLayout.at(archive.toUri().toString())
                                                .compactingEvery(3))
                                .restartAttempts(0)
                                .build());
        StreamExecutionEnvironment env = LiveJob.environment(cfg);
        LiveJob.define(env, cfg);
        env.execute("incidents live");

        List<String> pages = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r :
                KAFKA.awaitCommitted(topics.names().notifications(), EXPECTED_PAGES.size())) {
            JsonNode n = JSON.readTree(r.value());
            assertThat(new String(r.key(), StandardCharsets.UTF_8))
                    .isEqualTo(n.get("idempotencyKey").asText());
            pages.add(
                    page(
                            n.get("idempotencyKey").asText(),
                            n.get("eventTime").asLong(),
                            n.get("level").asInt()));
        }
        assertThat(sorted(pages)).containsExactlyElementsOf(EXPECTED_PAGES);

        List<String> transitions = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r :
                KAFKA.awaitCommitted(topics.names().incidents(), EXPECTED_INCIDENTS.size())) {
            JsonNode u = JSON.readTree(r.value());
            assertThat(new String(r.key(), StandardCharsets.UTF_8))
                    .isEqualTo(u.get("incidentId").asText());
            transitions.add(
                    transition(
                            u.get("incidentId").asText(),
                            u.get("sequence").asLong(),
                            u.get("change").asText(),
                            u.get("eventTime").asLong()));
        }
        assertThat(sorted(transitions)).containsExactlyElementsOf(EXPECTED_INCIDENTS);

        Map<Integer, String> deadLetters = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r :
                KAFKA.awaitCommitted(topics.names().deadLetters(), 7)) {
            JsonNode d = JSON.readTree(r.value());
            assertThat(d.get("topic").asText()).isEqualTo(topics.names().acks());
            deadLetters.put(second(d.get("eventTime").asLong()), d.get("reason").asText());
        }
        Map<Integer, String> rejected = new TreeMap<>(EXPECTED_VERDICTS);
        rejected.values().removeIf("accepted"::equals);
        assertThat(deadLetters.keySet()).containsExactlyElementsOf(rejected.keySet());
        deadLetters.forEach((s, reason) -> assertThat(reason).startsWith("ack " + rejected.get(s)));

        Map<Integer, String> verdicts = new TreeMap<>();
        List<ArchiveRecord> rows = ParquetArchive.reader(archive).readAll();
        for (ArchiveRecord row : rows) {
            if (row.kind() == ArchiveKind.ACK) {
                verdicts.put(second(row.eventTime()), row.outcome());
            }
        }
        assertThat(verdicts).containsExactlyEntriesOf(EXPECTED_VERDICTS);
        assertThat(rows.stream().filter(r -> r.kind() == ArchiveKind.ACK_RAW)).hasSize(11);
        assertThat(rows.stream().filter(r -> r.kind() == ArchiveKind.INCIDENT))
                .hasSize(EXPECTED_INCIDENTS.size());
        assertThat(rows.stream().filter(r -> r.kind() == ArchiveKind.NOTIFICATION))
                .hasSize(EXPECTED_PAGES.size());
    }

    @Test
    void twoBoundedRunsOverTheSameInputGiveIdenticalIncidentsPagesAndLeaves() throws Exception {
        Replay first = replay();
        Replay second = replay();

        assertThat(sorted(first.pages())).containsExactlyElementsOf(EXPECTED_PAGES);
        assertThat(sorted(first.transitions())).containsExactlyElementsOf(EXPECTED_INCIDENTS);
        assertThat(first.leaves()).hasSize(2);

        assertThat(second.pageRecords()).containsExactlyInAnyOrderElementsOf(first.pageRecords());
        assertThat(second.updates()).containsExactlyInAnyOrderElementsOf(first.updates());
        assertThat(second.leaves()).containsExactlyInAnyOrderElementsOf(first.leaves());
    }

    /** What one bounded run emitted, whole and in the story's names. */
    private record Replay(
            List<Notification> pageRecords,
            List<IncidentUpdate> updates,
            List<String> leaves,
            List<String> pages,
            List<String> transitions) {}

    private Replay replay() throws Exception {
        ScriptedStream story = story();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        CollectingSink<Notification> pages = new CollectingSink<>();
        CollectingSink<IncidentUpdate> updates = new CollectingSink<>();
        CollectingSink<AckLeaf> leaves = new CollectingSink<>();
        DataStream<RawInput> alerts = raw(env, story, "alerts");
        Pipeline.define(
                env,
                PipelineConfig.of(PagerBoyConfig.load(configFile)),
                new PipelineInputs(
                        alerts,
                        env.fromData(
                                        story.inputs("ticks").stream()
                                                .map(t -> new Tick(t.timestamp()))
                                                .toList(),
                                        TypeInformation.of(Tick.class))
                                .assignTimestampsAndWatermarks(
                                        WatermarkStrategy.<Tick>forMonotonousTimestamps()
                                                .withTimestampAssigner((t, ts) -> t.eventTime())),
                        alerts.filter(r -> false), // no silences
                        raw(env, story, "acks")),
                new PipelineOutputs(
                        pages,
                        new CollectingSink<DeadLetter>(),
                        new CollectingSink<ArchiveRecord>(),
                        updates,
                        leaves));
        env.execute("incidents replay");
        List<String> named = new ArrayList<>();
        for (Notification n : pages.values()) {
            named.add(page(n.idempotencyKey(), n.eventTime(), n.level()));
        }
        List<String> transitions = new ArrayList<>();
        for (IncidentUpdate u : updates.values()) {
            transitions.add(
                    transition(u.incidentId(), u.sequence(), u.change().text(), u.eventTime()));
        }
        return new Replay(
                pages.values(),
                updates.values(),
                leaves.values().stream().map(l -> l.digest().toHex() + " " + l.sequence()).toList(),
                named,
                transitions);
    }

    /** The story's records of one topic as a bounded stream, with offsets as Kafka would give. */
    private static DataStream<RawInput> raw(
            StreamExecutionEnvironment env, ScriptedStream story, String role) {
        List<Input> ordered = new ArrayList<>(story.inputs(role));
        ordered.sort((x, y) -> Long.compare(x.timestamp(), y.timestamp()));
        Map<Integer, Long> offsets = new TreeMap<>();
        List<RawInput> records = new ArrayList<>();
        for (Input in : ordered) {
            long offset = offsets.merge(in.partition(), 1L, Long::sum) - 1;
            records.add(
                    new RawInput(
                            role, in.partition(), offset, in.timestamp(), in.key(), in.value()));
        }
        return env.fromData(records, TypeInformation.of(RawInput.class))
                .assignTimestampsAndWatermarks(
                        WatermarkStrategy.<RawInput>forMonotonousTimestamps()
                                .withTimestampAssigner((r, ts) -> r.timestamp()));
    }

    private String letter(String incidentId) {
        return incidents.entrySet().stream()
                .filter(e -> e.getValue().equals(incidentId))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(incidentId);
    }

    private String page(String key, long eventTime, int level) {
        int slash = key.indexOf('/');
        String id = slash < 0 ? key : key.substring(0, slash);
        String rest = slash < 0 ? "" : key.substring(slash);
        return letter(id) + rest + " @" + second(eventTime) + " L" + level;
    }

    private String transition(String id, long sequence, String change, long eventTime) {
        return letter(id) + "#" + sequence + " " + change + " @" + second(eventTime);
    }

    private static int second(long time) {
        return (int) ((time - ScriptedStream.T0) / 1000);
    }

    private static List<String> sorted(List<String> lines) {
        List<String> out = new ArrayList<>(lines);
        out.sort(null);
        return out;
    }

    private Path writeConfig(String kafkaYaml) throws Exception {
        return Files.writeString(work.resolve("pagerboy.yaml"), EscalatingConfig.yaml(kafkaYaml));
    }
}
