package dev.pagerboy.tools.chaos;

import dev.pagerboy.datasets.gen.EngineerKeys;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * R4: the same seeded alert stream with hostile records ({@link HostileRecords}: truncated and huge
 * JSON, wrong types in all three formats, deep nesting, invalid UTF-8, a 1 MB label, 10 k labels,
 * far past and future times, empty records) inserted after every {@value #EVERY}-th alert, each
 * with its neighbour's key and timestamp, and as many hostile records on the acks topic ({@link
 * HostileAcks}: forged, unrostered and replayed acks, and the same garbage), none of which may take
 * effect. Every refused kind must become a dead letter with a reason; the job must not restart; the
 * notifications must equal the clean fault-free run's, apart from the pages of the one kind the job
 * accepts as Alertmanager does (invalid UTF-8, its bad bytes replaced by U+FFFD), which are counted
 * on their own: they carry only alerts named {@value HostileRecords#ALERTNAME}.
 */
final class HostileInput {

    static final int EVERY = 10;

    private static final String ACKS_TOPIC = "acks-hostile";

    private HostileInput() {}

    static ScenarioReport run(ChaosContext ctx) throws Exception {
        ScenarioReport report = new ScenarioReport(Scenario.R4);
        ChaosContext.Baseline baseline = ctx.baseline();
        int count = ctx.options().hostileRecords();
        // one after every EVERY-th alert, or closer together when more were asked for
        int every = (int) Math.max(1, Math.min(EVERY, ctx.options().alerts() / count));
        ctx.stage().broker().createTopics(ChaosInput.PARTITIONS, "alerts-hostile");
        ctx.stage().broker().createTopics(1, "ticks-hostile");
        ctx.stage().broker().createTopics(ChaosInput.PARTITIONS, ACKS_TOPIC);
        List<HostileAcks.Hostile> acks =
                HostileAcks.records(
                        AckPlan.answering(
                                baseline.outputs().notifications(),
                                new EngineerKeys(ctx.options().seed())),
                        ChainOutage.rosterAddresses(ctx.configTemplate())::get,
                        new EngineerKeys(ctx.options().seed()),
                        count);
        HostileAcks.write(ctx.stage().broker().bootstrapServers(), ACKS_TOPIC, acks);
        ctx.out()
                .printf(
                        "chaos: R4 writing %,d hostile acks (forged, unrostered, replayed,"
                                + " garbage) to %s%n",
                        acks.size(), ACKS_TOPIC);
        ctx.out()
                .printf(
                        "chaos: R4 writing %,d alerts with %,d hostile records among them%n",
                        ctx.options().alerts(), count);
        ChaosInput input =
                ChaosInput.load(
                        ctx.stage().broker().bootstrapServers(),
                        "alerts-hostile",
                        "ticks-hostile",
                        ctx.options().seed(),
                        ctx.options().alerts(),
                        HostileRecords.records(count),
                        every);
        JobRun run =
                JobRun.submit(
                        ctx.stage(),
                        input,
                        new JobRun.Spec("r4", ctx.work().resolve("runs").resolve("r4")),
                        java.util.Optional.empty(),
                        ChainOutage.withAcksTopic(ctx.configTemplate(), ACKS_TOPIC));
        try (DispatchReplicas dispatch = DispatchReplicas.start(ctx, run.spec())) {
            attackAndBalance(ctx, run, dispatch, report, baseline, input, acks);
        }
        return report;
    }

    private static void attackAndBalance(
            ChaosContext ctx,
            JobRun run,
            DispatchReplicas dispatch,
            ScenarioReport report,
            ChaosContext.Baseline baseline,
            ChaosInput input,
            List<HostileAcks.Hostile> acks)
            throws Exception {
        long t0 = run.runningSince();
        long[] heap = {0, 0};
        long[] direct = {0, 0};
        JobRun.await(
                "job " + run.jobId() + " to end",
                ctx.timeout(),
                () -> {
                    run.watch()
                            .taskManagerHeap()
                            .ifPresent(
                                    h -> {
                                        heap[0] = Math.max(heap[0], h[0]);
                                        heap[1] = h[1];
                                    });
                    run.watch()
                            .taskManagerDirectMemory()
                            .ifPresent(
                                    d -> {
                                        direct[0] = Math.max(direct[0], d[0]);
                                        direct[1] = d[1];
                                    });
                    return JobRun.isTerminal(run.state());
                });
        String state = run.state();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
        report.check("job state at end", state, state.equals("FINISHED"));
        report.check(
                "TaskManager heap, most used (max)",
                heap[0] / (1 << 20) + " MB (" + heap[1] / (1 << 20) + " MB)",
                heap[1] > 0 && heap[0] < heap[1]);
        report.check(
                "TaskManager direct memory, most used (max)",
                direct[0] / (1 << 20) + " MB (" + direct[1] / (1 << 20) + " MB)",
                direct[1] > 0 && direct[0] < direct[1]);
        int failovers = run.failovers();
        report.check("job restarts", String.valueOf(failovers), failovers == 0);
        if (failovers > 0) {
            report.figure("why", run.why().strip());
        }
        RunOutputs all =
                RunOutputs.read(
                        ctx.stage().broker().bootstrapServers(), run.spec(), input.alertsTopic());
        RunOutputs outputs = all.withoutPagesOnlyFor(HostileRecords.ALERTNAME);
        report.figure(
                "pages for accepted invalid-UTF-8 alerts",
                String.valueOf(all.notificationCount() - outputs.notificationCount()));
        Books books = Books.balance(input, outputs, baseline.outputs());
        books.addTo(report);
        long refused = HostileRecords.refusedAmong((int) input.hostile());
        long ackDeadLetters =
                outputs.deadLettersByReason().entrySet().stream()
                        .filter(e -> e.getKey().startsWith("ack "))
                        .mapToLong(Map.Entry::getValue)
                        .sum();
        long expectedDeadLetters = refused + acks.size() + baseline.outputs().deadLetters();
        report.check(
                "hostile acks dead-lettered",
                ackDeadLetters + " of " + acks.size() + " " + kinds(acks),
                ackDeadLetters == acks.size());
        report.check(
                "hostile records dead-lettered (refused kinds, alerts and acks)",
                outputs.deadLetters()
                        + " of "
                        + (refused + acks.size())
                        + " ("
                        + input.hostile()
                        + " hostile alerts, "
                        + acks.size()
                        + " hostile acks)",
                outputs.deadLetters() == expectedDeadLetters);
        long noReason = outputs.deadLettersByReason().getOrDefault("(no reason)", 0L);
        report.check("dead letters without a reason", String.valueOf(noReason), noReason == 0);
        report.figure("dead letters by reason", byReasonPrefix(outputs.deadLettersByReason()));
        double attack = (input.inputs()) / Math.max(0.001, elapsed.toMillis() / 1000.0);
        double clean =
                ctx.input().inputs() / Math.max(0.001, baseline.elapsed().toMillis() / 1000.0);
        report.figure(
                "throughput under attack (clean run)",
                String.format("%.0f records/s (%.0f records/s)", attack, clean));
        report.summary("inputs", books.inputs());
        report.summary("hostile", input.hostile());
        report.summary("hostile_acks", acks.size());
        report.summary("dead_letters", outputs.deadLetters());
        report.summary("restarts", failovers);
        // every page the run committed, the accepted invalid-UTF-8 alerts' among them
        dispatch.balance(all.notifications().keySet(), books, report);
    }

    private static String kinds(List<HostileAcks.Hostile> acks) {
        Map<HostileAcks.Kind, Long> byKind = new java.util.EnumMap<>(HostileAcks.Kind.class);
        acks.forEach(a -> byKind.merge(a.kind(), 1L, Long::sum));
        return byKind.toString();
    }

    /** Reasons grouped by their text before the first colon (positions and values vary). */
    private static String byReasonPrefix(Map<String, Long> reasons) {
        Map<String, Long> grouped = new TreeMap<>();
        reasons.forEach(
                (r, n) -> {
                    int colon = r.indexOf(':', r.indexOf(':') + 1);
                    String prefix = colon > 0 ? r.substring(0, colon) : r;
                    grouped.merge(
                            prefix.length() > 60 ? prefix.substring(0, 60) : prefix, n, Long::sum);
                });
        return grouped.toString();
    }
}
