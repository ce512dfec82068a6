package dev.pagerboy.streaming;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The PagerBoy job's workflow, defined once and used by every mode: the live job passes Kafka
 * sources and transactional sinks, replay and tests pass bounded sources and collecting sinks.
 * Nothing here reads the wall clock, randomness or the environment; every decision depends only on
 * the inputs and their event times, so the same inputs give the same outputs byte for byte.
 *
 * <pre>
 *  alerts ─┐
 *  ticks ──┴► parse ─bad─► dead letters
 *              │  (raw, parsed and tick rows ► archive)
 *              ▼ keyBy fingerprint
 *            dedup ─suppressed/duplicate─► archive only
 *              ▼ keyBy fingerprint
 *            handler (ROM of the alert's route, per-fingerprint VM state; fault ► fallback)
 *              ▼ fan out to matched routes, keyBy route|groupKey
 *  silences ► parse ─┐ broadcast (+ firing inhibition sources)
 *            group ◄─┘ (group_wait / group_interval / repeat_interval on event-time timers,
 *              │        silences and inhibition applied at flush time)
 *              ▼
 *        notifications
 * </pre>
 */
public final class Pipeline {

    private Pipeline() {}

    /**
     * Adds the whole PagerBoy workflow to {@code env}: reads {@code in}, writes {@code out}.
     *
     * <p>The inputs must already carry event-time timestamps and watermarks (see {@link
     * PipelineInputs}); the pipeline keeps them and never assigns its own. The archive receives
     * exactly one row per input record (raw alert, tick, silence) and one per decision (parsed
     * alert, dedup verdict, handler result, route entry, group flush, notification, dead letter).
     *
     * @param env the environment to add the operators to (its parallelism is used as is)
     * @param cfg the validated configuration and state retention
     * @param in the alert, tick and silence streams
     * @param out the notification, dead-letter and archive sinks
     */
    public static void define(
            StreamExecutionEnvironment env,
            PipelineConfig cfg,
            PipelineInputs in,
            PipelineOutputs out) {
        throw new UnsupportedOperationException("wired in the next commits on wip/jobfn");
    }
}
