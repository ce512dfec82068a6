package dev.pagerboy.streaming.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagerboy.devstack.KafkaBrokerExtension;
import dev.pagerboy.streaming.archive.ArchiveLayout;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.archive.ParquetArchive;
import dev.pagerboy.streaming.testing.FlinkMiniCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input records that disappear from Kafka before the job has read them must fail the job, never
 * leave a silent gap in the archive.
 *
 * <p>This is how the demo lost a few hundred alerts: the replayed records carry 2021 timestamps,
 * the broker's time-based retention deleted the closed segments the lagging job had not read yet,
 * and the consumer (auto.offset.reset=earliest) jumped to the new start of the log without a word.
 * Here the retention is played deterministically with {@code deleteRecords}: the group's position
 * is offset 0 and the log now starts at {@link #DELETED}.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class VanishedInputIntegrationTest {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final int RECORDS = 40;
    private static final long DELETED = 25;
    private static final long T0 = 1_622_000_000_000L;

    @TempDir Path work;

    @Test
    void aFreshGroupArchivesEveryRecordFromTheBeginning() throws Exception {
        String topic = "fresh-in";
        List<String> produced = produce(topic);

        runArchiving(topic, "fresh-group", work.resolve("archive-fresh"));

        assertThat(
                        ParquetArchive.reader(work.resolve("archive-fresh")).readAll().stream()
                                .map(r -> r.sourcePartition() + "/" + r.sourceOffset()))
                .containsExactlyInAnyOrderElementsOf(produced);
    }

    @Test
    void recordsDeletedBeforeTheyWereReadFailTheJobInsteadOfLeavingAGap() throws Exception {
        String topic = "vanished-in";
        String group = "vanished-group";
        produce(topic);
        TopicPartition partition = new TopicPartition(topic, 0);
        try (Admin admin = Admin.create(adminProperties())) {
            // The job had checkpointed up to offset 0 when retention removed the oldest records.
            admin.alterConsumerGroupOffsets(group, Map.of(partition, new OffsetAndMetadata(0)))
                    .all()
                    .get();
            admin.deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(DELETED)))
                    .all()
                    .get();
        }

        assertThatThrownBy(() -> runArchiving(topic, group, work.resolve("archive-vanished")))
                .satisfies(
                        e ->
                                assertThat(
                                                ExceptionUtils.findThrowable(
                                                        e, OffsetOutOfRangeException.class))
                                        .as("the job fails on the records it can no longer read")
                                        .isPresent());
        assertThat(ParquetArchive.reader(work.resolve("archive-vanished")).readAll())
                .as("nothing after the gap is archived as if the gap did not exist")
                .isEmpty();
    }

    /** Kafka → archive rows → Parquet archive, bounded, with checkpoints and compaction. */
    private static void runArchiving(String topic, String group, Path archive) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(200, CheckpointingMode.EXACTLY_ONCE);
        InputTopicSettings in =
                new InputTopicSettings(
                        KAFKA.bootstrapServers(),
                        group,
                        Duration.ZERO,
                        Duration.ofMinutes(10),
                        true);
        KafkaInputs.stream(env, in, "alerts", topic)
                .map(ArchiveRecord::rawAlert)
                .returns(TypeInformation.of(ArchiveRecord.class))
                .sinkTo(
                        ParquetArchive.sink(
                                ArchiveLayout.at(archive.toUri().toString()).compactingEvery(2)))
                .uid("archive");
        env.execute("archive " + topic);
    }

    /** Records with old timestamps, spread over many event hours, on one partition. */
    private static List<String> produce(String topic) throws Exception {
        KAFKA.createTopics(1, topic);
        List<String> produced = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(KAFKA.producerProperties())) {
            for (int i = 0; i < RECORDS; i++) {
                var meta =
                        producer.send(
                                        new ProducerRecord<>(
                                                topic,
                                                0,
                                                T0 + i * Duration.ofMinutes(20).toMillis(),
                                                null,
                                                ("r" + i).getBytes(StandardCharsets.UTF_8)))
                                .get();
                produced.add(meta.partition() + "/" + meta.offset());
            }
        }
        return produced;
    }

    private static Properties adminProperties() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        return p;
    }
}
