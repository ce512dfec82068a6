package dev.pagerboy.tools.chaos;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * R7: the archive directory becomes unwritable for {@code --outage} mid-run. The runner runs as any
 * user, root included, and root ignores permission bits, so the directory is moved aside and a
 * plain file put at its path: every create, write and rename under it fails ({@code ENOTDIR}) until
 * the directory is put back. The job must back-pressure or fail and restart; it must never complete
 * a checkpoint whose archive files are not there, which the books show (every input archived
 * exactly once).
 */
final class ArchiveOutage {

    private ArchiveOutage() {}

    static ScenarioReport run(ChaosContext ctx) throws Exception {
        ScenarioReport report = new ScenarioReport(Scenario.R7);
        ctx.baseline();
        JobRun run = ctx.submit("r7");
        try (DispatchReplicas dispatch = DispatchReplicas.start(ctx, run.spec())) {
            faultAndBalance(ctx, run, dispatch, report);
        }
        return report;
    }

    private static void faultAndBalance(
            ChaosContext ctx, JobRun run, DispatchReplicas dispatch, ScenarioReport report)
            throws Exception {
        int faults = 0;
        Path archive = run.spec().archive();
        Path aside = archive.resolveSibling("archive.moved-aside");
        if (!FaultRun.awaitProgress(ctx, run, run.runningSince(), 0.4)) {
            report.fail("archive outage", "the run ended before the outage: use more --alerts");
        } else {
            int failovers = run.failovers();
            long checkpoints = run.completedCheckpoints();
            long t0 = System.nanoTime();
            Files.move(archive, aside);
            Files.writeString(archive, "the archive is unwritable (PagerBoy chaos R7)\n");
            faults++;
            ctx.out()
                    .printf(
                            "chaos: R7 archive unwritable for %d s%n",
                            ctx.options().outage().toSeconds());
            JobRun.pause(ctx.options().outage());
            long during = run.completedCheckpoints() - checkpoints;
            int failoversDuring = run.failovers() - failovers;
            Files.delete(archive);
            Files.move(aside, archive);
            report.figure("checkpoints completed during the outage", String.valueOf(during));
            report.figure("failovers during the outage", String.valueOf(failoversDuring));
            long ms = FaultRun.awaitRecovery(ctx, run, t0, failovers, checkpoints);
            report.figure("recovery (outage start → checkpoint)", ms + " ms");
            report.summary("recovery_ms", ms);
        }
        FaultRun.Finished finished = FaultRun.finish(ctx, run, report, ctx.baseline().outputs());
        dispatch.balance(finished.outputs().notifications().keySet(), finished.books(), report);
        report.summary("faults", faults);
    }
}
