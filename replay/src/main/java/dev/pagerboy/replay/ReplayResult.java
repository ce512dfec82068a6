package dev.pagerboy.replay;

import java.time.Duration;
import java.util.Map;

/**
 * What a replay found.
 *
 * @param inputs inputs fed to the pipeline
 * @param comparison the archived decision and output rows against the replay's
 * @param report the what-if diff of pages
 * @param took wall time of the whole replay
 * @param jobTime wall time of the replay job alone (the pipeline over the staged inputs)
 * @param replayRows decision and output rows the replay wrote
 * @param phases wall time of each phase, in order: reading the archive, staging the inputs, the
 *     replay job (MiniCluster start included), reading the replay's archive, comparing
 */
public record ReplayResult(
        long inputs,
        ArchiveComparison comparison,
        WhatIfReport report,
        Duration took,
        Duration jobTime,
        long replayRows,
        Map<String, Duration> phases) {}
