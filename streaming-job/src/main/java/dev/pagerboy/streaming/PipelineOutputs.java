package dev.pagerboy.streaming;

import dev.pagerboy.contracts.ack.AckLeaf;
import dev.pagerboy.streaming.anchor.ArchiveHourRoot;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.incidents.IncidentUpdate;
import dev.pagerboy.streaming.records.DeadLetter;
import dev.pagerboy.streaming.records.Notification;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Where the {@link Pipeline} writes. Live: transactional Kafka sinks for notifications and dead
 * letters and a Parquet file sink for the archive. Replay and tests: collecting sinks. The pipeline
 * never knows which.
 *
 * @param notifications the pages: one per group flush that notifies on a route without a policy,
 *     one per engineer or receiver of each escalation level; each with a stable idempotency key
 * @param deadLetters every input that could not be used, with a reason
 * @param archive every input and every decision, exactly once each
 * @param incidents every incident transition
 * @param ackLeaves one ledger leaf per accepted ack, for anchoring
 * @param hourRoots the root of every sealed event hour of the archive, for anchoring; {@code null}
 *     when the archive's hours are not sealed (no {@code archive_root} rows: tests that count the
 *     rows of other stages)
 */
public record PipelineOutputs(
        Sink<Notification> notifications,
        Sink<DeadLetter> deadLetters,
        Sink<ArchiveRecord> archive,
        Sink<IncidentUpdate> incidents,
        Sink<AckLeaf> ackLeaves,
        Sink<ArchiveHourRoot> hourRoots) {

    /** Outputs that do not seal the archive's hours. */
    public PipelineOutputs(
            Sink<Notification> notifications,
            Sink<DeadLetter> deadLetters,
            Sink<ArchiveRecord> archive,
            Sink<IncidentUpdate> incidents,
            Sink<AckLeaf> ackLeaves) {
        this(notifications, deadLetters, archive, incidents, ackLeaves, null);
    }

    /** Outputs that discard incident transitions and ack leaves (tests of the alert path). */
    public PipelineOutputs(
            Sink<Notification> notifications,
            Sink<DeadLetter> deadLetters,
            Sink<ArchiveRecord> archive) {
        this(notifications, deadLetters, archive, new DiscardingSink<>(), new DiscardingSink<>());
    }
}
