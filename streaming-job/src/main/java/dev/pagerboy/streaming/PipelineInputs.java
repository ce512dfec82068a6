package dev.pagerboy.streaming;

import dev.pagerboy.streaming.records.RawInput;
import dev.pagerboy.streaming.records.Tick;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The three inputs of the {@link Pipeline}. The live job builds them from Kafka and its clock
 * source; replay and tests build them from the archive or from collections. Each stream must carry
 * event-time timestamps and watermarks (the raw record's timestamp, the tick's event time): the
 * pipeline assigns none of its own, so live and replay see exactly the same time.
 *
 * @param alerts records of the {@code alerts} topic, one per Kafka record
 * @param ticks the clock: advances event time when no alerts arrive, so timers fire in live mode
 * @param silences records of the {@code silences} topic (JSON silences, parsed by the pipeline)
 * @param acks records of the {@code acks} topic (signed acknowledgments, checked by the pipeline)
 */
public record PipelineInputs(
        DataStream<RawInput> alerts,
        DataStream<Tick> ticks,
        DataStream<RawInput> silences,
        DataStream<RawInput> acks) {

    /**
     * Inputs without acks: an empty acks stream derived from the alerts, so it carries their
     * watermarks and holds nothing back (an empty collection source fails in Flink 2.2).
     */
    public PipelineInputs(
            DataStream<RawInput> alerts, DataStream<Tick> ticks, DataStream<RawInput> silences) {
        this(alerts, ticks, silences, noAcks(alerts));
    }

    private static DataStream<RawInput> noAcks(DataStream<RawInput> alerts) {
        return alerts.filter(PipelineInputs::never).name("no-acks");
    }

    private static boolean never(RawInput record) {
        return false;
    }
}
