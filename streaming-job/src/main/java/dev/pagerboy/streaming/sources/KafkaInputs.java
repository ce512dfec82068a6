package dev.pagerboy.streaming.sources;

import dev.pagerboy.streaming.records.RawInput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The job's Kafka input streams ({@code alerts}, {@code silences}) as {@link RawInput}s with event
 * time taken from the Kafka record timestamp.
 *
 * <p>Watermarks are generated per partition inside the source, so one slow partition holds event
 * time back and an idle one stops doing so after {@link InputTopicSettings#idleTimeout()}.
 */
public final class KafkaInputs {

    private KafkaInputs() {}

    /** The source for one topic; {@code name} becomes the operator's name and uid. */
    public static KafkaSource<RawInput> source(InputTopicSettings settings, String topic) {
        KafkaSourceBuilder<RawInput> builder =
                KafkaSource.<RawInput>builder()
                        .setBootstrapServers(settings.bootstrapServers())
                        .setTopics(topic)
                        .setGroupId(settings.groupId())
                        .setClientIdPrefix(settings.groupId() + "-" + topic)
                        // A fresh job starts where the group left off, or at the beginning: the
                        // input log is the truth. A restored job uses its checkpointed offsets.
                        .setStartingOffsets(
                                OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                        .setDeserializer(new RawInputDeserializer())
                        // Producers of alerts may be transactional: never read aborted records.
                        .setProperty("isolation.level", "read_committed")
                        .setProperty("commit.offsets.on.checkpoint", "true");
        if (settings.stopAtLatest()) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        return builder.build();
    }

    public static WatermarkStrategy<RawInput> watermarks(InputTopicSettings settings) {
        return WatermarkStrategy.<RawInput>forBoundedOutOfOrderness(settings.maxOutOfOrderness())
                .withTimestampAssigner((input, kafkaTimestamp) -> input.timestamp())
                .withIdleness(settings.idleTimeout());
    }

    /**
     * Adds the source for {@code topic} to {@code env}. Its uid comes from {@code role} (e.g.
     * {@code alerts}), not from the topic name, so renaming a topic does not orphan the
     * checkpointed source state.
     */
    public static DataStream<RawInput> stream(
            StreamExecutionEnvironment env,
            InputTopicSettings settings,
            String role,
            String topic) {
        return env.fromSource(source(settings, topic), watermarks(settings), role + ": " + topic)
                .uid("source-" + role);
    }
}
