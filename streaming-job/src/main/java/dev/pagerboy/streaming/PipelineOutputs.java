package dev.pagerboy.streaming;

import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.records.DeadLetter;
import dev.pagerboy.streaming.records.Notification;
import org.apache.flink.api.connector.sink2.Sink;

/**
 * Where the {@link Pipeline} writes. Live: transactional Kafka sinks for notifications and dead
 * letters and a Parquet file sink for the archive. Replay and tests: collecting sinks. The pipeline
 * never knows which.
 *
 * @param notifications one record per group flush that notifies, each with a stable idempotency key
 * @param deadLetters every input that could not be used, with a reason
 * @param archive every input and every decision, exactly once each
 */
public record PipelineOutputs(
        Sink<Notification> notifications,
        Sink<DeadLetter> deadLetters,
        Sink<ArchiveRecord> archive) {}
