package dev.pagerboy.streaming.sources;

import dev.pagerboy.streaming.records.RawInput;
import dev.pagerboy.streaming.records.Tick;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job's Kafka input streams ({@code alerts}, {@code silences}; optionally {@code ticks}) with
 * event time taken from the Kafka record timestamp.
 *
 * <p>Watermarks are generated per partition inside the source, so one slow partition holds event
 * time back and an idle one stops doing so after {@link InputTopicSettings#idleTimeout()}.
 */
public final class KafkaInputs {

    private KafkaInputs() {}

    /** The source of raw records for one input topic. */
    public static KafkaSource<RawInput> source(InputTopicSettings settings, String topic) {
        return source(settings, topic, new RawInputDeserializer());
    }

    private static <T> KafkaSource<T> source(
            InputTopicSettings settings,
            String topic,
            KafkaRecordDeserializationSchema<T> deserializer) {
        KafkaSourceBuilder<T> builder =
                KafkaSource.<T>builder()
                        .setBootstrapServers(settings.bootstrapServers())
                        .setTopics(topic)
                        .setGroupId(settings.groupId())
                        .setClientIdPrefix(settings.groupId() + "-" + topic)
                        // A fresh job starts where the group left off, or at the beginning: the
                        // input log is the truth. A restored job uses its checkpointed offsets.
                        // Records that vanish before they are read fail the job, never skip.
                        .setStartingOffsets(new CommittedOrEarliestOffsets())
                        .setDeserializer(deserializer)
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
     * Ticks read from a topic instead of the job's own wall clock: whoever produces them owns time
     * (the demo's accelerated clock, the integration tests). It has its own uid: switching clocks
     * starts a new source instead of restoring the other one's state.
     */
    public static DataStream<Tick> ticks(
            StreamExecutionEnvironment env, InputTopicSettings settings, String topic) {
        WatermarkStrategy<Tick> watermarks =
                WatermarkStrategy.<Tick>forBoundedOutOfOrderness(settings.maxOutOfOrderness())
                        .withTimestampAssigner((tick, kafkaTimestamp) -> tick.eventTime())
                        .withIdleness(settings.idleTimeout());
        return env.fromSource(
                        source(settings, topic, new TickDeserializer()),
                        watermarks,
                        "ticks: " + topic)
                .uid("source-ticks-topic");
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
