package dev.pagerboy.streaming.functions;

import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.operators.InternalTimeServiceManager;
import org.apache.flink.streaming.api.operators.MailboxWatermarkProcessor;
import org.apache.flink.streaming.api.operators.Output;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.FlinkRuntimeException;
import org.apache.flink.util.function.ThrowingRunnable;

/**
 * Fires the event-time timers a watermark makes due at most {@link #TIMERS_PER_STEP} at a time, one
 * step per turn of the task's mailbox, and passes the watermark on only once the last of them has
 * fired. Between two steps the task reads its input, so an aligned checkpoint barrier queued there
 * is taken, and it runs its mails, so a checkpoint triggered on the task itself (as Flink does once
 * the tasks before it have finished, at the end of a bounded input) is taken too.
 *
 * <p>Why not Flink's own interruptible timers: Flink 2.2 turns them on only with unaligned
 * checkpoints, which the job must not use (mixed barriers stalled it, see {@code LiveJob}); and
 * they stop only when a mail waits, which an aligned barrier never is. This uses the same machinery
 * ({@link MailboxWatermarkProcessor}: the rest of an interrupted advance is a mail of its own),
 * with a mailbox that also asks for a stop after every {@link #TIMERS_PER_STEP} timers.
 *
 * <p>A checkpoint between two steps stores the timers not yet fired with the keyed state; a job
 * restored from it fires them with the next watermark, at their own times. An operator that reads
 * broadcast state in its timers must not forget that state up to a watermark before every timer up
 * to it has fired ({@link GroupOperator} learns when from the watermark it emits). One that
 * finishes (end of input) with an advance unfinished must fire the rest itself (FLINK-39481, see
 * {@link GroupOperator#finish()}).
 */
final class TimerSlices<OUT> {

    /**
     * Timers fired per step: a step of group flushes takes a few milliseconds to a few tens of
     * them, short beside a checkpoint interval, and long enough that a mailbox turn per step costs
     * little.
     */
    static final int TIMERS_PER_STEP = 256;

    /**
     * Timers fired per step, from the job's configuration ({@value #TIMERS_PER_STEP} unless set); 0
     * fires a watermark's timers in one go, as Flink does, to compare with.
     */
    static final ConfigOption<Integer> PER_STEP =
            ConfigOptions.key("pagerboy.timers.per-step")
                    .intType()
                    .defaultValue(TIMERS_PER_STEP)
                    .withDescription(
                            "Event-time timers the dedup and group stages fire per mailbox step;"
                                    + " 0 fires all of a watermark's timers in one go.");

    /**
     * The slices of an operator with timers, or {@code null} when the job's configuration turns
     * them off (or the operator has no timers or no mailbox, as in a test harness).
     */
    static <OUT> TimerSlices<OUT> of(
            Configuration job,
            Output<StreamRecord<OUT>> output,
            MailboxExecutor mailbox,
            InternalTimeServiceManager<?> timers,
            MetricGroup stage) {
        int perStep = job.get(PER_STEP);
        if (perStep <= 0 || timers == null || mailbox == null) {
            return null;
        }
        return new TimerSlices<>(output, mailbox, timers, perStep, stage);
    }

    private final MailboxWatermarkProcessor<OUT> processor;

    /**
     * @param output where the watermark goes once every timer up to it has fired
     * @param mailbox the operator's mailbox executor
     * @param timers the operator's timer services
     * @param stage the stage's metric group, {@code pagerboy.<stage>}: {@code timerStepsCut} counts
     *     the advances cut short to let the task read input or run its mails
     */
    TimerSlices(
            Output<StreamRecord<OUT>> output,
            MailboxExecutor mailbox,
            InternalTimeServiceManager<?> timers,
            int timersPerStep,
            MetricGroup stage) {
        this.processor =
                new MailboxWatermarkProcessor<>(
                        output,
                        new StepCountingMailbox(mailbox, timersPerStep, stage.counter(STEPS_CUT)),
                        timers);
    }

    /** The counter of advances cut short, in the stage's metric group. */
    static final String STEPS_CUT = "timerStepsCut";

    /** Fires what {@code mark} makes due, as far as one step goes; the rest in later steps. */
    void advance(Watermark mark) throws Exception {
        processor.emitWatermarkInsideMailbox(mark);
    }

    /**
     * The operator's mailbox, which also asks the timer service to stop after every {@code perStep}
     * questions: it asks once before each timer it fires.
     */
    private static final class StepCountingMailbox implements MailboxExecutor {
        private final MailboxExecutor mailbox;
        private final int perStep;
        private final Counter cut;
        private int asked;

        StepCountingMailbox(MailboxExecutor mailbox, int perStep, Counter cut) {
            this.mailbox = mailbox;
            this.perStep = perStep;
            this.cut = cut;
        }

        @Override
        public boolean shouldInterrupt() {
            if (++asked > perStep || mailbox.shouldInterrupt()) {
                asked = 0;
                cut.inc();
                return true;
            }
            return false;
        }

        @Override
        public void execute(
                MailOptions options,
                ThrowingRunnable<? extends Exception> command,
                String descriptionFormat,
                Object... descriptionArgs) {
            mailbox.execute(options, command, descriptionFormat, descriptionArgs);
        }

        @Override
        public void yield() throws InterruptedException, FlinkRuntimeException {
            mailbox.yield();
        }

        @Override
        public boolean tryYield() throws FlinkRuntimeException {
            return mailbox.tryYield();
        }
    }
}
