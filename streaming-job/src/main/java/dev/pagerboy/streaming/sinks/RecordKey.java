package dev.pagerboy.streaming.sinks;

import java.io.Serializable;

/** The stable Kafka key of an output record. */
@FunctionalInterface
public interface RecordKey<T> extends Serializable {
    String of(T record);
}
