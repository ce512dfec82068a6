package dev.pagerboy.streaming;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.devstack.CommittedRecords;
import dev.pagerboy.devstack.KafkaBrokerExtension;
import dev.pagerboy.streaming.archive.ArchiveLayout;
import dev.pagerboy.streaming.config.JobConfig;
import dev.pagerboy.streaming.testing.LiveJobTopics;
import dev.pagerboy.streaming.testing.WatchedJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's regression (j) on the live path: the job on a local MiniCluster, its own wall clock, a
 * real broker, and input that starts 11 months ago. A thousand groups that never resolve used to
 * fire once per missed group interval across the whole gap: the heap grew to 5.9 GB, the archive
 * wrote thousands of files into 84 {@code date=} folders, and the TaskManager died. Now each group
 * flushes once when the clock catches up (at most one repeat), and the archive only has folders for
 * the hours that hold input or decisions.
 */
@Tag("integration")
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class LiveCatchUpTest {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final int GROUPS = 1_000;
    private static final Duration GAP = Duration.ofDays(330);

    /** {@code alert_state.max_open_age}'s default. */
    private static final Duration MAX_OPEN_AGE = Duration.ofDays(30);

    /** {@code alert_state.catch_up_after}'s default. */
    private static final Duration CATCH_UP_AFTER = Duration.ofHours(25);

    @TempDir Path work;

    private LiveJobTopics topics;

    @Test
    void neverResolvingGroupsAfterAnElevenMonthGapFlushOnceAndFillNoFolderPerMissedHour()
            throws Exception {
        topics = LiveJobTopics.create(KAFKA, "gap", 2);
        Path archive = work.resolve("archive");
        Instant firstStart = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(GAP);
        sendNeverResolvingAlerts(firstStart);

        WatchedJob job = WatchedJob.onLocalJob(start(config(archive)));
        try {
            job.await(
                    "the first page of each of the " + GROUPS + " groups",
                    Duration.ofMinutes(3),
                    () -> KAFKA.readCommitted(topics.names().notifications()).size() >= GROUPS);
            // A marker alert of now: once its page is committed, event time has passed every
            // catch-up flush, and the sink commits in order, so a storm would be committed too.
            send(alert("Marker", Instant.now()));
            job.await("the marker alert's page", Duration.ofMinutes(2), () -> paged("Marker"));
        } finally {
            WatchedJob.cancelAndAwaitEnd(job.client());
        }

        Map<String, List<Instant>> pages = pageTimesPerGroup();
        assertThat(pages.remove("Marker")).hasSize(1);
        assertThat(pages).hasSize(GROUPS);
        Instant lastInputBeforeGap = firstStart.plusSeconds(GROUPS);
        Instant catchUpFrom = lastInputBeforeGap.plus(CATCH_UP_AFTER);
        Instant gapEnd = Instant.now().minus(Duration.ofHours(1));
        for (Map.Entry<String, List<Instant>> group : pages.entrySet()) {
            List<Instant> times = group.getValue();
            // While input was recent the open alert repeats every repeat_interval, as in
            // Alertmanager: the first page and a repeat every 4 h for catch_up_after (25 h).
            assertThat(times.stream().filter(t -> t.isBefore(catchUpFrom)))
                    .as("pages of %s before the gap", group.getKey())
                    .hasSizeBetween(1, 1 + (int) (CATCH_UP_AFTER.toHours() / 4));
            // Inside the 11-month gap, no page per missed interval: only the alert's end, when
            // max_open_age (30 d) after its last message ends it, at that event time.
            Instant endsFrom = firstStart.plus(MAX_OPEN_AGE);
            Instant endsBy = lastInputBeforeGap.plus(MAX_OPEN_AGE).plus(Duration.ofMinutes(10));
            assertThat(times.stream().filter(t -> !t.isBefore(catchUpFrom) && t.isBefore(gapEnd)))
                    .as("pages of %s inside the gap", group.getKey())
                    .hasSizeLessThanOrEqualTo(1)
                    .allMatch(t -> !t.isBefore(endsFrom) && t.isBefore(endsBy));
            // After it, at most one flush and one repeat (none here: the alerts have ended).
            assertThat(times.stream().filter(t -> !t.isBefore(gapEnd)))
                    .as("pages of %s after the gap", group.getKey())
                    .hasSizeLessThanOrEqualTo(2);
        }

        // Rows fall in the hours of the input and the decisions: the alerts and their repeats
        // over the first 25 h (at most 27 hours, 3 dates), the alerts' end at max_open_age (one
        // hour), and the hour or two of now. Not one folder per hour of the gap (7,920).
        assertThat(folders(archive, "date=")).hasSizeLessThanOrEqualTo(6);
        assertThat(folders(archive, "hour=")).hasSizeLessThanOrEqualTo(30);
    }

    private JobConfig config(Path archive) throws Exception {
        Path file =
                Files.writeString(
                        work.resolve("gap.yaml"), topics.opsRouteYaml("500ms", "5m", "4h"));
        return JobConfig.load(
                topics.options(file)
                        .archive(ArchiveLayout.at(archive.toUri().toString()).compactingEvery(1))
                        .checkpointDir(work.resolve("checkpoints").toUri().toString())
                        .parallelism(2)
                        .restartAttempts(0)
                        .build());
    }

    private static JobClient start(JobConfig cfg) throws Exception {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(
                        2, LocalJob.configuration(cfg, Optional.empty()));
        LiveJob.define(env, cfg);
        return env.executeAsync("live catch-up test");
    }

    /** One firing alert per group, a second apart, that never resolves. */
    private void sendNeverResolvingAlerts(Instant firstStart) throws Exception {
        @SuppressWarnings("unchecked")
        ProducerRecord<byte[], byte[]>[] alerts = new ProducerRecord[GROUPS];
        for (int i = 0; i < GROUPS; i++) {
            alerts[i] = alert("Stuck" + i, firstStart.plusSeconds(i));
        }
        send(alerts);
    }

    /** A firing alert without an end, stamped with its start. */
    private ProducerRecord<byte[], byte[]> alert(String name, Instant startsAt) {
        String alert =
                "{\"version\":\"pagerboy/v1\",\"id\":\""
                        + name
                        + "\",\"status\":\"firing\",\"labels\":{\"alertname\":\""
                        + name
                        + "\",\"instance\":\"db-1\"},\"startsAt\":\""
                        + startsAt
                        + "\"}";
        return new ProducerRecord<>(
                topics.names().alerts(),
                null,
                startsAt.toEpochMilli(),
                null,
                alert.getBytes(UTF_8));
    }

    @SafeVarargs
    private static void send(ProducerRecord<byte[], byte[]>... records) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(KAFKA.producerProperties())) {
            for (ProducerRecord<byte[], byte[]> r : records) {
                producer.send(r);
            }
            producer.flush();
        }
    }

    /** Whether a committed page for {@code alertname} exists. */
    private boolean paged(String alertname) throws Exception {
        return pageTimesPerGroup().containsKey(alertname);
    }

    /** The event times of the committed notifications, by group ({@code alertname}). */
    private Map<String, List<Instant>> pageTimesPerGroup() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, List<Instant>> pages = new HashMap<>();
        List<ConsumerRecord<byte[], byte[]>> records =
                CommittedRecords.readAll(
                        KAFKA.bootstrapServers(),
                        topics.names().notifications(),
                        Duration.ofMinutes(1));
        for (ConsumerRecord<byte[], byte[]> r : records) {
            JsonNode page = json.readTree(r.value());
            pages.computeIfAbsent(
                            page.get("groupLabels").get("alertname").asText(),
                            k -> new ArrayList<>())
                    .add(Instant.ofEpochMilli(page.get("eventTime").asLong()));
        }
        return pages;
    }

    /** The archive's partition folders whose name starts with {@code prefix}. */
    private static List<Path> folders(Path archive, String prefix) throws Exception {
        try (Stream<Path> paths = Files.walk(archive)) {
            return paths.filter(Files::isDirectory)
                    .filter(p -> p.getFileName().toString().startsWith(prefix))
                    .toList();
        }
    }
}
