package dev.pagerboy.replay;

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
import dev.pagerboy.streaming.config.JobOptions.ClockSource;
import dev.pagerboy.streaming.config.PagerBoyConfig;
import dev.pagerboy.streaming.live.EscalatingConfig;
import dev.pagerboy.streaming.sources.TickClock;
import dev.pagerboy.streaming.testing.FlinkMiniCluster;
import dev.pagerboy.streaming.testing.LiveJobTopics;
import dev.pagerboy.streaming.testing.WatchedJob;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * One run of the replay determinism tests: a live job (Kafka sources on the embedded broker, the
 * test's MiniCluster, parallelism 2, clock from the {@code ticks} topic, 1 s idleness, no
 * out-of-orderness, {@link EscalatingConfig}) that a test feeds record by record, stopped with
 * drain (a bounded live run), and then {@link Replay} of its archive, which must find it identical.
 *
 * <p>Why one fixture: each test of "a decision the live job took at a time scheduling chose is
 * replayed where it was taken" ({@code late_input}) needs the same set-up and the same check, and
 * only the story in between differs. Times are seconds from {@link #T0}.
 *
 * <pre>{@code
 * LiveThenReplay run = LiveThenReplay.create(FLINK, KAFKA, work, "late-acks");
 * run.send("alerts", 0, 0, LiveThenReplay.firing("DbDown", "db1", 0));
 * run.ticks(0, 600);
 * run.start();
 * run.await("...", () -> ...);
 * List<ArchiveRecord> live = run.stopWithDrain();
 * ReplayResult result = run.replayIdentical();
 * }</pre>
 */
final class LiveThenReplay implements AutoCloseable {

    static final long T0 = Instant.parse("2026-11-28T10:00:00Z").toEpochMilli();

    /** The longest any one wait of a story may take (a loaded 2-core machine). */
    static final Duration DEADLINE = Duration.ofMinutes(5);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MiniClusterExtension flink;
    private final KafkaBrokerExtension kafka;
    private final Path work;
    private final String name;
    private final LiveJobTopics topics;
    private final Path configFile;
    private final Path archive;
    private final KafkaProducer<byte[], byte[]> producer;
    private WatchedJob job;

    private LiveThenReplay(
            MiniClusterExtension flink,
            KafkaBrokerExtension kafka,
            Path work,
            String name,
            String moreYaml)
            throws Exception {
        this.flink = flink;
        this.kafka = kafka;
        this.work = work;
        this.name = name;
        this.topics = LiveJobTopics.create(kafka, name, 2);
        this.configFile = work.resolve("pagerboy.yaml");
        Files.writeString(configFile, EscalatingConfig.yaml(topics.kafkaYaml()) + moreYaml);
        this.archive = work.resolve("archive");
        this.producer = new KafkaProducer<>(kafka.producerProperties());
    }

    /** Creates the topics of {@code name} (2 partitions, ticks 1) and the configuration. */
    static LiveThenReplay create(
            MiniClusterExtension flink, KafkaBrokerExtension kafka, Path work, String name)
            throws Exception {
        return new LiveThenReplay(flink, kafka, work, name, "");
    }

    /** The same, with {@code moreYaml} (top-level keys) after the configuration. */
    static LiveThenReplay create(
            MiniClusterExtension flink,
            KafkaBrokerExtension kafka,
            Path work,
            String name,
            String moreYaml)
            throws Exception {
        return new LiveThenReplay(flink, kafka, work, name, moreYaml);
    }

    PagerBoyConfig config() throws Exception {
        return PagerBoyConfig.load(configFile);
    }

    /** The topic of a role, by its default name ({@code alerts}, {@code acks}, ...). */
    String topic(String role) {
        return topics.byRole().get(role);
    }

    /** Starts the live job; every wait after this one watches it. */
    WatchedJob start() throws Exception {
        JobConfig cfg =
                JobConfig.load(
                        topics.options(configFile)
                                .archive(ArchiveLayout.at(archive.toUri().toString()))
                                .parallelism(FlinkMiniCluster.PARALLELISM)
                                .restartAttempts(0)
                                .clock(ClockSource.TOPIC)
                                .tickClock(TickClock.REAL_TIME)
                                .tickInterval(Duration.ofSeconds(1))
                                .maxOutOfOrderness(Duration.ZERO)
                                .idleTimeout(Duration.ofSeconds(1))
                                .stopAtLatest(false)
                                .build());
        StreamExecutionEnvironment env = LiveJob.environment(cfg);
        LiveJob.define(env, cfg);
        job = WatchedJob.onCluster(flink, env.executeAsync(name + " live"));
        return job;
    }

    /**
     * Waits for {@code done} within {@link #DEADLINE}, failing at once if the job ends. A wait that
     * fails also says how far each input topic's log reaches, so that a source that stopped reading
     * shows beside the records it left unread.
     */
    void await(String what, Callable<Boolean> done) {
        try {
            job.await(what, DEADLINE, done);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + inputEnds(), e);
        }
    }

    /** Per input topic and partition: the end of its log and the last stable offset. */
    private String inputEnds() {
        StringBuilder sb = new StringBuilder("  input logs (end / last stable offset):");
        Properties props = kafka.readCommittedConsumerProperties();
        try (KafkaConsumer<byte[], byte[]> committed = new KafkaConsumer<>(props)) {
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
            try (KafkaConsumer<byte[], byte[]> all = new KafkaConsumer<>(props)) {
                for (String role : List.of("alerts", "ticks", "silences", "acks", "receipts")) {
                    List<TopicPartition> partitions =
                            all.partitionsFor(topic(role)).stream()
                                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                                    .sorted(Comparator.comparingInt(TopicPartition::partition))
                                    .toList();
                    Map<TopicPartition, Long> ends = all.endOffsets(partitions);
                    Map<TopicPartition, Long> stable = committed.endOffsets(partitions);
                    for (TopicPartition tp : partitions) {
                        sb.append(' ')
                                .append(role)
                                .append('-')
                                .append(tp.partition())
                                .append('=')
                                .append(ends.get(tp))
                                .append('/')
                                .append(stable.get(tp));
                    }
                }
            }
        } catch (RuntimeException unreadable) {
            sb.append(" unreadable: ").append(unreadable);
        }
        return sb.append('\n').toString();
    }

    /**
     * Waits until every source reader has emitted nothing for {@code quiet}: longer than the idle
     * timeout, each input then no longer holds event time back (it is idle). Reads Flink's {@code
     * sourceIdleTime} of every source subtask from the cluster's REST API, which refreshes it every
     * few seconds, so a value read can only be too low.
     */
    void awaitSourcesQuietFor(Duration quiet) {
        job.await(
                "every source idle for " + quiet,
                DEADLINE,
                this::leastSourceIdleMillis,
                idle -> idle >= quiet.toMillis());
    }

    /** The least {@code sourceIdleTime} over all source subtasks, or -1 if not reported yet. */
    private long leastSourceIdleMillis() throws Exception {
        Configuration client = flink.getClientConfiguration();
        URI base =
                URI.create(
                        "http://"
                                + client.get(RestOptions.ADDRESS)
                                + ":"
                                + client.get(RestOptions.PORT)
                                + "/jobs/"
                                + job.client().getJobID()
                                + "/");
        long least = Long.MAX_VALUE;
        int sources = 0;
        for (JsonNode vertex : rest(base.resolve(".")).path("vertices")) {
            if (!vertex.path("name").asText().startsWith("Source")) {
                continue;
            }
            URI metrics = base.resolve("vertices/" + vertex.path("id").asText() + "/subtasks/");
            String names = "";
            for (JsonNode m : rest(metrics.resolve("metrics"))) {
                String id = m.path("id").asText();
                if (id.endsWith(".sourceIdleTime")) {
                    names += (names.isEmpty() ? "" : ",") + id;
                }
            }
            if (names.isEmpty()) {
                return -1;
            }
            for (JsonNode m : rest(metrics.resolve("metrics?get=" + names + "&agg=min"))) {
                least = Math.min(least, m.path("min").asLong(-1));
                sources++;
            }
        }
        return sources == 0 ? -1 : least;
    }

    private static JsonNode rest(URI uri) throws Exception {
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(uri)
                                        .timeout(Duration.ofSeconds(10))
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + ": HTTP " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    /** Sends {@code value} to the topic of {@code role}, stamped {@code second}, and waits. */
    void send(String role, int partition, int second, String value) throws Exception {
        producer.send(
                        new ProducerRecord<>(
                                topic(role),
                                partition,
                                at(second),
                                null,
                                value.getBytes(StandardCharsets.UTF_8)))
                .get();
    }

    /** Ticks every 30 s from {@code from} to {@code to} (inclusive) on the one ticks partition. */
    void ticks(int from, int to) throws Exception {
        for (int s = from; s <= to; s += 30) {
            producer.send(new ProducerRecord<>(topic("ticks"), 0, at(s), null, new byte[0])).get();
        }
    }

    /** Archive rows of {@code kind} committed so far. */
    long archived(ArchiveKind kind) {
        return archivedRecords().stream().filter(r -> r.kind() == kind).count();
    }

    /** The archive's rows committed so far. */
    List<ArchiveRecord> archivedRecords() {
        return Files.isDirectory(archive) ? ParquetArchive.reader(archive).readAll() : List.of();
    }

    /** Whether a committed {@code incident} row of the archive satisfies {@code wanted}. */
    boolean archivedIncident(Predicate<JsonNode> wanted) throws Exception {
        for (ArchiveRecord r : archivedRecords()) {
            if (r.kind() == ArchiveKind.INCIDENT && wanted.test(JSON.readTree(r.payloadJson()))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a committed record of the {@code incidents} topic satisfies {@code wanted}. */
    boolean committedIncident(Predicate<JsonNode> wanted) throws Exception {
        for (ConsumerRecord<byte[], byte[]> r : kafka.readCommitted(topic("incidents"))) {
            if (wanted.test(JSON.readTree(r.value()))) {
                return true;
            }
        }
        return false;
    }

    /** Stops the live job with drain (every timer fires) and returns its whole archive. */
    List<ArchiveRecord> stopWithDrain() throws Exception {
        job.client()
                .stopWithSavepoint(
                        true,
                        work.resolve("savepoint").toUri().toString(),
                        SavepointFormatType.CANONICAL)
                .get(2, TimeUnit.MINUTES);
        job.client().getJobExecutionResult().get(2, TimeUnit.MINUTES);
        return ParquetArchive.reader(archive).readAll();
    }

    /**
     * Replays the live archive under the same configuration and asserts that {@code --verify} finds
     * it identical, showing the first differences if not.
     */
    ReplayResult replayIdentical() throws Exception {
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
        return result;
    }

    @Override
    public void close() {
        producer.close();
    }

    static long at(int second) {
        return T0 + second * 1000L;
    }

    static int second(long time) {
        return (int) ((time - T0) / 1000);
    }

    static String firing(String alertname, String instance, int started) {
        return alert("firing", alertname, instance, started, "null");
    }

    static String resolved(String alertname, String instance, int started, int endedAt) {
        return alert(
                "resolved",
                alertname,
                instance,
                started,
                "\"" + Instant.ofEpochMilli(at(endedAt)) + "\"");
    }

    /** A PagerDuty Events v2 event for {@code dedup_key} {@code key} (trigger, acknowledge...). */
    static String pagerDuty(String action, String key) {
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

    /** A native alert. */
    private static String alert(
            String status, String alertname, String instance, int started, String endsAt) {
        return "{\"version\":\"pagerboy/v1\",\"id\":\""
                + alertname
                + instance
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
}
