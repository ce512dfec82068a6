package dev.pagerboy.tools.chaos;

import dev.pagerboy.devstack.CommittedRecords;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * The part every fault scenario shares: wait until the run has committed a share of its input (so
 * the fault lands mid-run, between checkpoints), time a recovery, and balance the books when the
 * run finished.
 */
final class FaultRun {

    private FaultRun() {}

    /**
     * Waits until {@code share} of the fault-free run's duration has passed since {@code fromNanos}
     * (the run's start, or the previous recovery), plus a random part of a checkpoint interval, or
     * until the run has committed a further {@code share} of the fault-free run's notifications,
     * whichever comes first; and until the run has completed a checkpoint (so there is state to
     * recover): the fault lands mid-run between two checkpoints. Time alone was not enough: on this
     * shared machine a run can go three times faster than the reference did a minute earlier, and
     * then it finished before its fault (R7 in session 8). (The consumer group's committed offsets
     * are no measure of progress here: a bounded source reads its whole input into the job's
     * buffers in the first seconds; committed notifications follow the job's event time.)
     *
     * @return false if the run ended first (too little input for the fault to land mid-run)
     */
    static boolean awaitProgress(ChaosContext ctx, JobRun run, long fromNanos, double share)
            throws Exception {
        return awaitProgress(ctx, run, fromNanos, ctx.baseline().elapsed(), share);
    }

    /**
     * The same, for a run whose own reference run took {@code reference} (R3: acks and a chain make
     * its runs slower than the shared fault-free run, which finished before R3's fault was due in
     * session 5).
     */
    static boolean awaitProgress(
            ChaosContext ctx, JobRun run, long fromNanos, Duration reference, double share)
            throws Exception {
        long delay = (long) (reference.toNanos() * share);
        long at = fromNanos + delay + ctx.random().nextInt(1000) * 1_000_000L;
        try (CommittedOffsets notifications =
                new CommittedOffsets(
                        ctx.stage().broker().bootstrapServers(), run.spec().notifications())) {
            long wanted =
                    notifications.total()
                            + (long) (ctx.baseline().outputs().notificationCount() * share);
            while ((System.nanoTime() < at && notifications.total() < wanted)
                    || run.completedCheckpoints() < 1) {
                if (JobRun.isTerminal(run.state())) {
                    return false;
                }
                JobRun.pause(Duration.ofMillis(50));
            }
        }
        return !JobRun.isTerminal(run.state());
    }

    /** How far a topic's committed records reach: the sum of its partitions' stable offsets. */
    private static final class CommittedOffsets implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final List<TopicPartition> partitions;

        CommittedOffsets(String bootstrapServers, String topic) {
            consumer =
                    new KafkaConsumer<>(CommittedRecords.readCommittedProperties(bootstrapServers));
            partitions =
                    consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                            .map(i -> new TopicPartition(topic, i.partition()))
                            .toList();
        }

        /** Committed offsets (records plus a transaction marker now and then), all partitions. */
        long total() {
            return consumer.endOffsets(partitions, Duration.ofSeconds(30)).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
        }

        @Override
        public void close() {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * How long a fault cost, from the fault: until the job failed over (its exception history grew;
     * -1 if it did not fail over), and until it completed a checkpoint again.
     */
    record Recovery(long failoverMs, long checkpointMs) {}

    /**
     * Milliseconds from {@code faultNanos} until the job completed a checkpoint after the fault:
     * after its failover, if it failed over (its exception history grew past {@code
     * failoversBefore}); else the second checkpoint after the fault (the first may have been all
     * but complete when the fault hit), or the end of the run.
     */
    static long awaitRecovery(
            ChaosContext ctx,
            JobRun run,
            long faultNanos,
            int failoversBefore,
            long checkpointsAtFault) {
        return awaitRecoveries(ctx, run, faultNanos, failoversBefore, checkpointsAtFault)
                .checkpointMs();
    }

    /** The same, also timing the failover (R1: how soon a dead TaskManager is found lost). */
    static Recovery awaitRecoveries(
            ChaosContext ctx,
            JobRun run,
            long faultNanos,
            int failoversBefore,
            long checkpointsAtFault) {
        long[] afterFailover = {-1};
        long[] failoverNanos = {-1};
        JobRun.await(
                "a checkpoint after the fault",
                ctx.timeout(),
                () -> {
                    if (JobRun.isTerminal(run.state())) {
                        return true;
                    }
                    long completed = run.completedCheckpoints();
                    if (afterFailover[0] < 0 && run.failovers() > failoversBefore) {
                        afterFailover[0] = completed;
                        failoverNanos[0] = System.nanoTime();
                    }
                    return afterFailover[0] >= 0
                            ? completed > afterFailover[0]
                            : completed > checkpointsAtFault + 1;
                });
        long now = System.nanoTime();
        return new Recovery(
                failoverNanos[0] < 0 ? -1 : (failoverNanos[0] - faultNanos) / 1_000_000,
                (now - faultNanos) / 1_000_000);
    }

    /** Waits for the end of the run, reads its outputs and adds the books to the report. */
    static Books finish(ChaosContext ctx, JobRun run, ScenarioReport report) throws Exception {
        return finish(ctx, run, report, ctx.baseline().outputs()).books();
    }

    /** What {@link #finish(ChaosContext, JobRun, ScenarioReport, RunOutputs)} read and balanced. */
    record Finished(RunOutputs outputs, Books books) {}

    /**
     * The same against {@code reference}: the outputs of a fault-free run of the same input and
     * configuration (R3's reference has acks and a chain, the shared fault-free run has neither).
     */
    static Finished finish(
            ChaosContext ctx, JobRun run, ScenarioReport report, RunOutputs reference)
            throws Exception {
        String state = run.awaitTerminal(ctx.timeout());
        report.check("job state at end", state, state.equals("FINISHED"));
        report.figure("failovers (exception history)", String.valueOf(run.failovers()));
        RunOutputs outputs =
                RunOutputs.read(
                        ctx.stage().broker().bootstrapServers(),
                        run.spec(),
                        ctx.input().alertsTopic());
        Books books = Books.balance(ctx.input(), outputs, reference);
        books.addTo(report);
        report.figure("dead letters by reason", outputs.deadLettersByReason().toString());
        report.check(
                "dead letters (fault-free run)",
                outputs.deadLetters() + " (" + reference.deadLetters() + ")",
                outputs.deadLetters() == reference.deadLetters());
        report.summary("inputs", books.inputs());
        report.summary("lost", books.lost() + books.archiveMissing());
        report.summary("duplicated", books.duplicated() + books.archiveDuplicated());
        report.summary("notifications", books.notifications());
        report.summary("dead_letters", outputs.deadLetters());
        return new Finished(outputs, books);
    }
}
