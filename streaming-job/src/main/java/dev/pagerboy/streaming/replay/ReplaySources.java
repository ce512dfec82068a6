package dev.pagerboy.streaming.replay;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.streaming.records.RawInput;
import dev.pagerboy.streaming.records.Tick;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Base64;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The input streams of a replay: bounded Flink {@code FileSource}s with the Parquet (Avro) format
 * over the {@link StagedInputs}, with event time and watermarks exactly as the live job's sources
 * make them (the record's archived event time, bounded out-of-orderness of {@code
 * maxOutOfOrderness}, no idleness, as the live job's bounded runs). An alert, ack or receipt the
 * live job applied late gets the applied time as its timestamp ({@link AppliedTime}). {@code
 * ReplayJob} hands them to the pipeline as its inputs.
 *
 * <p>Each source runs as one reader over one ordered file. The records then reach the pipeline's
 * parse stage partitioned by their source partition, so records of one Kafka partition stay in one
 * parse subtask in offset order, as with the live job's Kafka source (a rebalance would let two
 * records of one fingerprint overtake each other on the way to dedup).
 *
 * <p>The files are opened through Flink's file systems by whichever task manager runs the reader,
 * so on a cluster the staged files must be on storage every task manager can read.
 */
public final class ReplaySources {

    private final StreamExecutionEnvironment env;
    private final StagedInputs staged;
    private final Duration maxOutOfOrderness;
    private final String progressId;

    public ReplaySources(
            StreamExecutionEnvironment env,
            StagedInputs staged,
            Duration maxOutOfOrderness,
            String progressId) {
        this.env = env;
        this.staged = staged;
        this.maxOutOfOrderness = maxOutOfOrderness;
        this.progressId = progressId;
    }

    public DataStream<RawInput> alerts() {
        return raw(env, staged.alerts(), "alerts", applied(), progressId);
    }

    public DataStream<Tick> ticks() {
        return ticks(env, staged.ticks(), maxOutOfOrderness, progressId);
    }

    public DataStream<RawInput> silences() {
        return raw(env, staged.silences(), "silences", ownTime(maxOutOfOrderness), progressId);
    }

    public DataStream<RawInput> acks() {
        return raw(env, staged.acks(), "acks", applied(), progressId);
    }

    public DataStream<RawInput> receipts() {
        return raw(env, staged.receipts(), "receipts", applied(), progressId);
    }

    /** Alerts, acks and receipts the live job applied late carry the time it applied them at. */
    private WatermarkStrategy<GenericRecord> applied() {
        return new AppliedTime(maxOutOfOrderness, staged.appliedAt());
    }

    /** The archived event time, with the live job's bounded out-of-orderness. */
    private static WatermarkStrategy<GenericRecord> ownTime(Duration maxOutOfOrderness) {
        return WatermarkStrategy.<GenericRecord>forBoundedOutOfOrderness(maxOutOfOrderness)
                .withTimestampAssigner((row, ignored) -> (Long) row.get("event_time"));
    }

    private static DataStream<GenericRecord> rows(
            StreamExecutionEnvironment env,
            Path file,
            String role,
            WatermarkStrategy<GenericRecord> watermarks) {
        FileSource<GenericRecord> source =
                FileSource.forRecordStreamFormat(new ArchiveRowFormat(), file).build();
        return env.fromSource(source, watermarks, "archive: " + role)
                .uid("replay-source-" + role)
                .setParallelism(1);
    }

    private static DataStream<RawInput> raw(
            StreamExecutionEnvironment env,
            Path file,
            String role,
            WatermarkStrategy<GenericRecord> watermarks,
            String progressId) {
        return rows(env, file, role, watermarks)
                .map(new ToRawInput(progressId))
                .returns(RawInput.class)
                .name("to-raw-" + role)
                .uid("replay-to-raw-" + role)
                .setParallelism(1)
                .partitionCustom(
                        (partition, subtasks) -> Math.floorMod(partition, subtasks),
                        RawInput::partition);
    }

    private static DataStream<Tick> ticks(
            StreamExecutionEnvironment env,
            Path file,
            Duration maxOutOfOrderness,
            String progressId) {
        return rows(env, file, "ticks", ownTime(maxOutOfOrderness))
                .map(new ToTick(progressId))
                .returns(Tick.class)
                .name("to-tick")
                .uid("replay-to-tick")
                .setParallelism(1);
    }

    /**
     * An {@code alert_raw}, {@code silence}, {@code ack_raw} or {@code receipt_raw} row back to its
     * Kafka record.
     */
    static final class ToRawInput implements MapFunction<GenericRecord, RawInput> {
        private final String progressId;

        ToRawInput(String progressId) {
            this.progressId = progressId;
        }

        @Override
        public RawInput map(GenericRecord row) throws Exception {
            ReplayCounter.counted(progressId);
            return new RawInput(
                    row.get("source_topic").toString(),
                    (Integer) row.get("source_partition"),
                    (Long) row.get("source_offset"),
                    (Long) row.get("event_time"),
                    ArchivedKey.of(row.get("payload_json").toString()),
                    bytes((ByteBuffer) row.get("raw")));
        }
    }

    /** A {@code tick} row back to the tick: a topic's tick keeps its coordinates. */
    static final class ToTick implements MapFunction<GenericRecord, Tick> {
        private final String progressId;

        ToTick(String progressId) {
            this.progressId = progressId;
        }

        @Override
        public Tick map(GenericRecord row) {
            ReplayCounter.counted(progressId);
            long eventTime = (Long) row.get("event_time");
            String topic = row.get("source_topic").toString();
            if (topic.isEmpty()) {
                return new Tick(eventTime);
            }
            return new Tick(
                    eventTime,
                    topic,
                    (Integer) row.get("source_partition"),
                    (Long) row.get("source_offset"));
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }

    /**
     * The Kafka key of an archived input, kept base64 in its payload ({@code "key":null} if none).
     */
    static final class ArchivedKey {
        private static final ObjectMapper JSON = new ObjectMapper();

        private ArchivedKey() {}

        static byte[] of(String payloadJson) throws IOException {
            // The streaming parser, not a tree: this runs once per replayed record.
            try (JsonParser p = JSON.getFactory().createParser(payloadJson)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    return null;
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    if (name.equals("key")) {
                        return value == JsonToken.VALUE_STRING
                                ? Base64.getDecoder().decode(p.getText())
                                : null;
                    }
                    p.skipChildren();
                }
                return null;
            }
        }
    }
}
