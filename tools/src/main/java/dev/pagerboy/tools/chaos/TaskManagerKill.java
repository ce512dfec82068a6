package dev.pagerboy.tools.chaos;

import java.util.ArrayList;
import java.util.List;

/**
 * R1: the TaskManager JVM is killed with {@code kill -9} {@code --kills} times, each one {@code
 * 1/(kills+2)} of the fault-free run's duration after the start or the previous recovery (a
 * restored run redoes the work since its checkpoint, so evenly spread shares would leave no run for
 * the last kill), plus a random part of a checkpoint interval; the runner starts a new TaskManager
 * at once (the supervisor's job). Recovery time per kill: from the kill until the job has failed
 * over and completed a checkpoint again.
 *
 * <p>Two dispatcher replicas deliver the run's committed pages meanwhile, and one of them is killed
 * with {@code kill -9} at each TaskManager kill and started again: the books then also hold the
 * dispatcher's ({@link DeliveryBooks}).
 */
final class TaskManagerKill {

    private TaskManagerKill() {}

    static ScenarioReport run(ChaosContext ctx) throws Exception {
        ScenarioReport report = new ScenarioReport(Scenario.R1);
        ctx.baseline();
        JobRun run = ctx.submit("r1");
        try (DispatchReplicas dispatch = DispatchReplicas.start(ctx, run.spec())) {
            killAndBalance(ctx, run, dispatch, report);
        }
        return report;
    }

    private static void killAndBalance(
            ChaosContext ctx, JobRun run, DispatchReplicas dispatch, ScenarioReport report)
            throws Exception {
        int kills = ctx.options().kills();
        List<Long> recoveries = new ArrayList<>();
        List<Long> failoverTimes = new ArrayList<>();
        long from = run.runningSince();
        for (int i = 1; i <= kills; i++) {
            if (!FaultRun.awaitProgress(ctx, run, from, 1.0 / (kills + 2))) {
                report.fail("kill " + i, "the run ended before the kill: use more --alerts");
                break;
            }
            // The dispatcher side of the same crash: a replica dies too, the survivor takes its
            // partitions, and the supervisor starts it again (it rejoins the group). The restart
            // does not wait for the new JVM, so the TaskManager's failover is timed as before.
            int replica = 1 + (i - 1) % DispatchReplicas.REPLICAS;
            long replicaPid = dispatch.pid(replica);
            dispatch.killHard(replica);
            dispatch.restart(replica);
            ctx.out()
                    .printf(
                            "chaos: R1 kill %d: dispatcher replica %d (pid %d) killed (-9),"
                                    + " restarted as %d%n",
                            i, replica, replicaPid, dispatch.pid(replica));
            int failovers = run.failovers();
            long checkpoints = run.completedCheckpoints();
            RestartableDaemon tm = ctx.stage().taskManager();
            long pid = tm.current().pid();
            long t0 = System.nanoTime();
            tm.killHard();
            tm.restart();
            ctx.out()
                    .printf(
                            "chaos: R1 kill %d: TaskManager pid %d killed (-9), restarted as %d%n",
                            i, pid, tm.current().pid());
            FaultRun.Recovery recovery =
                    FaultRun.awaitRecoveries(ctx, run, t0, failovers, checkpoints);
            long ms = recovery.checkpointMs();
            recoveries.add(ms);
            failoverTimes.add(recovery.failoverMs());
            from = System.nanoTime();
            report.figure(
                    "kill " + i + " failover (kill → job restarting)",
                    recovery.failoverMs() + " ms");
            report.figure("kill " + i + " recovery (kill → checkpoint)", ms + " ms");
        }
        report.check(
                "TaskManager kills",
                recoveries.size() + " of " + kills,
                recoveries.size() == kills);
        FaultRun.Finished finished = FaultRun.finish(ctx, run, report, ctx.baseline().outputs());
        dispatch.balance(finished.outputs().notifications().keySet(), finished.books(), report);
        report.summary("faults", recoveries.size());
        report.summary(
                "failover_ms",
                String.join(",", failoverTimes.stream().map(String::valueOf).toList()));
        report.summary(
                "recovery_ms", String.join(",", recoveries.stream().map(String::valueOf).toList()));
    }
}
