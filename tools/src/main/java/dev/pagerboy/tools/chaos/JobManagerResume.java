package dev.pagerboy.tools.chaos;

import dev.pagerboy.cluster.ClusterRest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * R6: the JobManager JVM is killed with {@code kill -9} mid-run. The standalone cluster has no high
 * availability, so the job dies with it; the operator restarts the JobManager and resumes the job
 * from its newest retained checkpoint ({@code <checkpoint-dir>/<job id>/chk-N}, kept because the
 * job retains checkpoints and a killed JobManager cleans nothing) with {@code flink run -s}. The
 * books must balance as if nothing had happened.
 */
final class JobManagerResume {

    private static final Duration TASK_MANAGER_BACK = Duration.ofSeconds(90);

    private JobManagerResume() {}

    static ScenarioReport run(ChaosContext ctx) throws Exception {
        ScenarioReport report = new ScenarioReport(Scenario.R6);
        ctx.baseline();
        JobRun run = ctx.submit("r6");
        try (DispatchReplicas dispatch = DispatchReplicas.start(ctx, run.spec())) {
            faultAndBalance(ctx, run, dispatch, report);
        }
        return report;
    }

    private static void faultAndBalance(
            ChaosContext ctx, JobRun run, DispatchReplicas dispatch, ScenarioReport report)
            throws Exception {
        int faults = 0;
        if (!FaultRun.awaitProgress(ctx, run, run.runningSince(), 0.4)) {
            report.fail("JobManager kill", "the run ended before the kill: use more --alerts");
        } else {
            String killedJob = run.jobId();
            RestartableDaemon jm = ctx.stage().jobManager();
            long t0 = System.nanoTime();
            jm.killHard();
            faults++;
            ctx.out().println("chaos: R6 JobManager killed (-9); restarting it");
            jm.restart();
            if (!awaitSlots(ctx.stage().rest(), TASK_MANAGER_BACK)) {
                // The TaskManager did not find the new JobManager: restart it too, as an operator.
                ctx.out().println("chaos: R6 the TaskManager did not re-register; restarting it");
                report.figure("TaskManager restarted too", "yes");
                ctx.stage().taskManager().killHard();
                ctx.stage().taskManager().restart();
                JobRun.await(
                        "the TaskManager's slots",
                        TASK_MANAGER_BACK,
                        () -> awaitSlots(ctx.stage().rest(), Duration.ZERO));
            }
            Optional<Path> checkpoint =
                    newestCheckpoint(run.spec().checkpoints().resolve(killedJob));
            if (checkpoint.isEmpty()) {
                report.fail("retained checkpoint", "none under " + run.spec().checkpoints());
            } else {
                report.figure("resumed from", checkpoint.get().getFileName().toString());
                run.resubmit(checkpoint.get().toString(), ctx.configTemplate(), ctx.input());
                JobRun.CheckpointWait outcome = run.awaitCheckpoints(1, ctx.timeout());
                long ms = (System.nanoTime() - t0) / 1_000_000;
                if (outcome == JobRun.CheckpointWait.DRAINED) {
                    // Finished before a checkpoint was seen: its final checkpoint committed all.
                    report.figure("recovery (kill → the resumed job FINISHED)", ms + " ms");
                } else {
                    report.figure(
                            "recovery (kill → first checkpoint of the resumed job)", ms + " ms");
                }
                report.summary("recovery_ms", ms);
            }
        }
        FaultRun.Finished finished = FaultRun.finish(ctx, run, report, ctx.baseline().outputs());
        dispatch.balance(finished.outputs().notifications().keySet(), finished.books(), report);
        report.summary("faults", faults);
    }

    private static boolean awaitSlots(ClusterRest rest, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            Optional<ClusterRest.Overview> o = rest.overview();
            if (o.isPresent() && o.get().taskManagers() >= 1 && o.get().slotsAvailable() >= 2) {
                return true;
            }
            JobRun.pause(Duration.ofMillis(500));
        } while (System.nanoTime() < deadline);
        return false;
    }

    /** The highest-numbered {@code chk-N} under {@code jobDir} that holds its {@code _metadata}. */
    static Optional<Path> newestCheckpoint(Path jobDir) throws IOException {
        if (!Files.isDirectory(jobDir)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(jobDir)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("chk-"))
                    .filter(d -> Files.exists(d.resolve("_metadata")))
                    .max(
                            Comparator.comparingLong(
                                    d -> Long.parseLong(d.getFileName().toString().substring(4))));
        }
    }
}
