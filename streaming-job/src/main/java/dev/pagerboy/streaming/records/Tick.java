package dev.pagerboy.streaming.records;

/**
 * A clock tick: advances event time (and so fires event-time timers) when no alerts arrive. Ticks
 * are inputs like any other and are archived; a tick read from a topic keeps its coordinates, which
 * make its archive id unique (a producer may write the same tick to every partition).
 *
 * @param eventTime epoch milliseconds
 * @param sourceTopic the Kafka topic it was read from, or {@code ""} for the job's own wall clock
 * @param sourcePartition its Kafka partition, or -1
 * @param sourceOffset its Kafka offset, or -1
 */
public record Tick(long eventTime, String sourceTopic, int sourcePartition, long sourceOffset) {

    /** A tick of the job's own clock (no Kafka record): unique by its event time. */
    public Tick(long eventTime) {
        this(eventTime, "", -1, -1L);
    }

    /** Whether the tick was read from a topic. */
    public boolean fromTopic() {
        return sourceTopic != null && !sourceTopic.isEmpty();
    }
}
