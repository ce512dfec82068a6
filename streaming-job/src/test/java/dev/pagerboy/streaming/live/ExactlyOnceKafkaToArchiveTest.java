package dev.pagerboy.streaming.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.streaming.archive.ArchiveLayout;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.archive.ParquetArchive;
import dev.pagerboy.streaming.records.DeadLetter;
import dev.pagerboy.streaming.records.RawInput;
import dev.pagerboy.streaming.sinks.ExactlyOnceKafkaSinks;
import dev.pagerboy.streaming.sinks.ExactlyOnceSinkSettings;
import dev.pagerboy.streaming.sources.InputTopicSettings;
import dev.pagerboy.streaming.sources.KafkaInputs;
import dev.pagerboy.streaming.testing.FlinkMiniCluster;
import dev.pagerboy.streaming.testing.KafkaBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's own sources and sinks, without the pipeline in between: every record of an input topic
 * goes once to a transactional output topic and once to the Parquet archive, even when a task fails
 * after some checkpoints and the job restores. This pins the exactly-once behaviour of the I/O
 * layer independently of the functions.
 */
class ExactlyOnceKafkaToArchiveTest {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();
    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final int RECORDS = 30;
    private static final long T0 = ScriptedStream.T0;

    @TempDir Path archive;

    @Test
    void everyInputRecordIsCommittedOnceToKafkaAndTheArchiveDespiteAFailure() throws Exception {
        KAFKA.createTopics(2, "io-in", "io-out");
        List<String> produced = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(KAFKA.producerProperties())) {
            for (int i = 0; i < RECORDS; i++) {
                byte[] value = ("record-" + i).getBytes(StandardCharsets.UTF_8);
                RecordMetadata meta =
                        producer.send(
                                        new ProducerRecord<>(
                                                "io-in", i % 2, T0 + i * 1000L, null, value))
                                .get();
                produced.add(meta.partition() + "/" + meta.offset());
            }
        }
        FailOnceAfterCheckpoints.THROWN.set(false);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(150, CheckpointingMode.EXACTLY_ONCE);
        InputTopicSettings in =
                new InputTopicSettings(
                        KAFKA.bootstrapServers(),
                        "io-test",
                        Duration.ZERO,
                        Duration.ofMinutes(10),
                        true);
        DataStream<RawInput> records =
                KafkaInputs.stream(env, in, "alerts", "io-in")
                        .map(new FailOnceAfterCheckpoints<RawInput>(2, 40))
                        .returns(TypeInformation.of(RawInput.class));
        records.map(raw -> DeadLetter.of(raw, "copied"))
                .returns(TypeInformation.of(DeadLetter.class))
                .sinkTo(
                        ExactlyOnceKafkaSinks.deadLetters(
                                new ExactlyOnceSinkSettings(
                                        KAFKA.bootstrapServers(), "io-test", Duration.ofMinutes(2)),
                                "io-out"))
                .uid("sink-out");
        records.map(ArchiveRecord::rawAlert)
                .returns(TypeInformation.of(ArchiveRecord.class))
                .sinkTo(
                        ParquetArchive.sink(
                                ArchiveLayout.at(archive.toUri().toString()).compactingEvery(2)))
                .uid("sink-archive");
        env.execute("kafka to kafka and archive");

        assertThat(FailOnceAfterCheckpoints.THROWN).as("the failure was injected").isTrue();
        ObjectMapper json = new ObjectMapper();
        List<String> committed = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : KAFKA.awaitCommitted("io-out", RECORDS)) {
            JsonNode d = json.readTree(r.value());
            String ref = d.get("partition").asInt() + "/" + d.get("offset").asLong();
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("io-in/" + ref);
            committed.add(ref);
        }
        assertThat(committed).containsExactlyInAnyOrderElementsOf(produced);

        List<ArchiveRecord> rows = ParquetArchive.reader(archive).readAll();
        assertThat(rows)
                .extracting(r -> r.sourcePartition() + "/" + r.sourceOffset())
                .containsExactlyInAnyOrderElementsOf(produced);
        assertThat(rows)
                .allSatisfy(r -> assertThat(r.eventTime()).isBetween(T0, T0 + RECORDS * 1000L));
    }
}
