package dev.pagerboy.streaming;

import dev.pagerboy.streaming.records.RawInput;
import dev.pagerboy.streaming.records.Tick;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The inputs of the {@link Pipeline}. The live job builds them from Kafka and its clock source;
 * replay and tests build them from the archive or from collections. Each stream must carry
 * event-time timestamps and watermarks (the raw record's timestamp, the tick's event time): the
 * pipeline assigns none of its own, so live and replay see exactly the same time.
 *
 * @param alerts records of the {@code alerts} topic, one per Kafka record
 * @param ticks the clock: advances event time when no alerts arrive, so timers fire in live mode
 * @param silences records of the {@code silences} topic (JSON silences, parsed by the pipeline)
 * @param acks records of the {@code acks} topic (signed acknowledgments, checked by the pipeline)
 * @param receipts records of the {@code receipts} topic (the dispatchers' delivery receipts: a
 *     failed one escalates its incident at once)
 */
public record PipelineInputs(
        DataStream<RawInput> alerts,
        DataStream<Tick> ticks,
        DataStream<RawInput> silences,
        DataStream<RawInput> acks,
        DataStream<RawInput> receipts) {

    /** Inputs without receipts (see {@link #none}). */
    public PipelineInputs(
            DataStream<RawInput> alerts,
            DataStream<Tick> ticks,
            DataStream<RawInput> silences,
            DataStream<RawInput> acks) {
        this(alerts, ticks, silences, acks, none(alerts, "no-receipts"));
    }

    /** Inputs without acks or receipts. */
    public PipelineInputs(
            DataStream<RawInput> alerts, DataStream<Tick> ticks, DataStream<RawInput> silences) {
        this(alerts, ticks, silences, none(alerts, "no-acks"));
    }

    /**
     * An empty input derived from the alerts, so it carries their watermarks and holds nothing back
     * (an empty collection source fails in Flink 2.2).
     */
    private static DataStream<RawInput> none(DataStream<RawInput> alerts, String name) {
        return alerts.filter(PipelineInputs::never).name(name);
    }

    private static boolean never(RawInput record) {
        return false;
    }
}
