package dev.pagerboy.tools.chaos;

/**
 * R2: the Kafka broker process is killed with {@code kill -9} mid-run and started again on its kept
 * log directory after {@code --outage}. The job's sources and transactional sinks lose their
 * broker; the job fails over until the broker is back and resumes from its last checkpoint. Two
 * dispatcher replicas lose it too: their books ({@link DeliveryBooks}) must balance as well.
 */
final class BrokerRestart {

    private BrokerRestart() {}

    static ScenarioReport run(ChaosContext ctx) throws Exception {
        ScenarioReport report = new ScenarioReport(Scenario.R2);
        ctx.baseline();
        JobRun run = ctx.submit("r2");
        try (DispatchReplicas dispatch = DispatchReplicas.start(ctx, run.spec())) {
            restartAndBalance(ctx, run, dispatch, report);
        }
        return report;
    }

    private static void restartAndBalance(
            ChaosContext ctx, JobRun run, DispatchReplicas dispatch, ScenarioReport report)
            throws Exception {
        int faults = 0;
        if (!FaultRun.awaitProgress(ctx, run, run.runningSince(), 0.4)) {
            report.fail("broker kill", "the run ended before the kill: use more --alerts");
        } else {
            int failovers = run.failovers();
            long checkpoints = run.completedCheckpoints();
            long pid = ctx.stage().broker().process().pid();
            long t0 = System.nanoTime();
            ctx.stage().broker().kill();
            ctx.out()
                    .printf(
                            "chaos: R2 broker pid %d killed (-9); down for %d s%n",
                            pid, ctx.options().outage().toSeconds());
            JobRun.pause(ctx.options().outage());
            ctx.stage().broker().restart();
            long up = (System.nanoTime() - t0) / 1_000_000;
            ctx.out()
                    .printf(
                            "chaos: R2 broker restarted as pid %d on its log%n",
                            ctx.stage().broker().process().pid());
            long ms = FaultRun.awaitRecovery(ctx, run, t0, failovers, checkpoints);
            faults++;
            report.figure("broker down (kill → answering again)", up + " ms");
            report.figure("recovery (kill → checkpoint)", ms + " ms");
            report.summary("recovery_ms", ms);
        }
        FaultRun.Finished finished = FaultRun.finish(ctx, run, report, ctx.baseline().outputs());
        dispatch.balance(finished.outputs().notifications().keySet(), finished.books(), report);
        report.summary("faults", faults);
    }
}
