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
 * time back and, in live mode, an idle one stops doing so after {@link
 * InputTopicSettings#idleTimeout()}.
 *
 * <p><b>Determinism.</b> An input is decided differently when it arrives behind the watermark (it
 * is late: see {@code DedupFunction}), and whether it does depends on scheduling. Within one
 * partition it cannot, as long as the partition's timestamps are out of order by no more than
 * {@code maxOutOfOrderness}. Across partitions only idleness can make it happen: a partition marked
 * idle no longer holds the watermark, and its next records may be behind what the others reached.
 * Flink 2.2 measures idleness on the source's input-activity clock, which pauses while the source
 * is backpressured, but a fetch stall (slow broker, CPU starvation, GC) longer than the timeout
 * still marks a partition idle. A bounded input ({@link InputTopicSettings#stopAtLatest()})
 * therefore has no idleness at all: every partition has records up to the end offset known at
 * start-up, and a partition that is done stops holding event time because Flink releases a finished
 * split's watermark; nothing is left for idleness to do but to make replays depend on scheduling.
 */
public final class KafkaInputs {

    private KafkaInputs() {}

    /** The source of raw records for one input topic. */
    public static RestoredBoundedKafkaSource<RawInput> source(
            InputTopicSettings settings, String topic) {
        return source(settings, topic, new RawInputDeserializer());
    }

    /**
     * The Kafka source, wrapped so that a bounded run also finishes after a restore (see {@link
     * RestoredBoundedKafkaSource}).
     */
    private static <T> RestoredBoundedKafkaSource<T> source(
            InputTopicSettings settings,
            String topic,
            KafkaRecordDeserializationSchema<T> deserializer) {
        return new RestoredBoundedKafkaSource<>(
                kafkaSource(settings, topic, deserializer),
                "Kafka source " + topic,
                settings.idleTimeout());
    }

    private static <T> KafkaSource<T> kafkaSource(
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
        return withIdlenessWhenLive(
                WatermarkStrategy.<RawInput>forBoundedOutOfOrderness(settings.maxOutOfOrderness())
                        .withTimestampAssigner((input, kafkaTimestamp) -> input.timestamp()),
                settings);
    }

    /** Live inputs stop holding event time after the idle timeout; bounded ones never do. */
    private static <T> WatermarkStrategy<T> withIdlenessWhenLive(
            WatermarkStrategy<T> strategy, InputTopicSettings settings) {
        return settings.stopAtLatest() ? strategy : strategy.withIdleness(settings.idleTimeout());
    }

    /**
     * Ticks read from a topic instead of the job's own wall clock: whoever produces them owns time
     * (the demo's accelerated clock, the integration tests). It has its own uid: switching clocks
     * starts a new source instead of restoring the other one's state.
     */
    public static DataStream<Tick> ticks(
            StreamExecutionEnvironment env, InputTopicSettings settings, String topic) {
        WatermarkStrategy<Tick> watermarks =
                withIdlenessWhenLive(
                        WatermarkStrategy.<Tick>forBoundedOutOfOrderness(
                                        settings.maxOutOfOrderness())
                                .withTimestampAssigner((tick, kafkaTimestamp) -> tick.eventTime()),
                        settings);
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
