package dev.pagerboy.streaming.functions;

import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimeServiceManager;
import org.apache.flink.streaming.api.operators.MailboxWatermarkProcessor;
import org.apache.flink.streaming.api.operators.Output;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.function.ThrowingConsumer;

/**
 * Fires the event-time timers a watermark makes due at most {@link #TIMERS_PER_STEP} at a time, one
 * step per turn of the task's mailbox, and passes the watermark on only once the last of them has
 * fired. Between two steps the task reads its input, so an aligned checkpoint barrier queued there
 * is taken, and it runs its mails. The dedup, group and incident stages use it ({@link
 * DedupOperator}, {@link SteppedBroadcastOperator}): each calls {@link #open}, {@link #advance} and
 * {@link #finish} from the operator method of the same name.
 *
 * <p>Why not Flink's own interruptible timers: Flink 2.2 turns them on only with unaligned
 * checkpoints, which the job must not use (mixed barriers stalled it, see {@code LiveJob}); and
 * they stop only when a mail waits, which an aligned barrier never is. This is the loop of Flink's
 * {@link MailboxWatermarkProcessor} (the rest of an interrupted advance is a deferrable mail of its
 * own) that also stops after every {@link #TIMERS_PER_STEP} timers.
 *
 * <p>A checkpoint between two steps stores the timers not yet fired with the keyed state; a job
 * restored from it fires them with the next watermark, at their own times. An operator that reads
 * broadcast state in its timers must not forget that state up to a watermark before every timer up
 * to it has fired ({@link GroupOperator} learns when from the watermark it emits).
 *
 * <p><b>End of input.</b> Flink 2.2 finishes an operator when its input ends even if the rest of an
 * advance still waits in the mailbox: that mail is then never run (FLINK-39481, fixed upstream
 * after 2.2), the timers after the interruption never fire and the stages behind never see the
 * watermark. {@link #finish} fires that rest, in one go. Steps would gain nothing there: in a
 * bounded job every channel carries the end of data right behind its last watermark, and the
 * barrier of every checkpoint triggered after that behind the end of data; Flink reads barriers
 * only in the task's input loop, which runs {@code finish()} and reads nothing until it returns,
 * and a task that has finished its operators snapshots no operator state. So no checkpoint can be
 * taken in the middle of the end-of-input storm with aligned barriers, whatever the operator does
 * (docs/OPERATIONS.md, "Timer storms").
 */
public final class TimerSlices<OUT> {

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
    public static final ConfigOption<Integer> PER_STEP =
            ConfigOptions.key("pagerboy.timers.per-step")
                    .intType()
                    .defaultValue(TIMERS_PER_STEP)
                    .withDescription(
                            "Event-time timers the dedup, group and incident stages fire per"
                                    + " mailbox step; 0 fires all of a watermark's timers in one"
                                    + " go.");

    /** The counter of advances cut short, in the stage's metric group. */
    static final String STEPS_CUT = "timerStepsCut";

    private final Output<StreamRecord<OUT>> output;
    private final MailboxExecutor mailbox;
    private final InternalTimeServiceManager<?> timers;
    private final int perStep;
    private final Counter cut;

    /** The highest watermark that reached the operator (its timers may not all have fired). */
    private long arrived = Long.MIN_VALUE;

    /** The highest watermark passed on: every timer up to it has fired. */
    private long settled = Long.MIN_VALUE;

    /** Whether the rest of an interrupted advance waits in the mailbox. */
    private boolean restScheduled;

    /** Timers fired in the current step. */
    private int firedInStep;

    private TimerSlices(
            Output<StreamRecord<OUT>> output,
            MailboxExecutor mailbox,
            InternalTimeServiceManager<?> timers,
            int perStep,
            Counter cut) {
        this.output = output;
        this.mailbox = mailbox;
        this.timers = timers;
        this.perStep = perStep;
        this.cut = cut;
    }

    /**
     * The steps of {@code operator}'s timers, made in its {@code open()}. Steps are off (each
     * watermark's timers fire in one go) when the job's configuration sets {@link #PER_STEP} to 0
     * or the operator has no timers.
     *
     * @param output where the watermark goes once every timer up to it has fired (the operator's
     *     {@code output})
     * @param timers the operator's timer services ({@code timeServiceManager})
     * @param stage the stage's metric group, {@code pagerboy.<stage>}: {@code timerStepsCut} counts
     *     the advances cut short to let the task read input or run its mails
     */
    public static <OUT> TimerSlices<OUT> open(
            AbstractStreamOperator<OUT> operator,
            Output<StreamRecord<OUT>> output,
            InternalTimeServiceManager<?> timers,
            String stage) {
        int perStep = operator.getRuntimeContext().getJobConfiguration().get(PER_STEP);
        // The operator's own mailbox executor, as Flink hands one to an operator: same priority.
        MailboxExecutor mailbox =
                operator.getContainingTask()
                        .getMailboxExecutorFactory()
                        .createExecutor(operator.getOperatorConfig().getChainIndex());
        Counter cut =
                operator.getMetricGroup().addGroup("pagerboy").addGroup(stage).counter(STEPS_CUT);
        return new TimerSlices<>(output, mailbox, timers, timers == null ? 0 : perStep, cut);
    }

    /**
     * Fires what {@code mark} makes due, as far as one step goes, the rest in later steps; or, with
     * steps off, hands it to {@code inOneGo} (the operator's own {@code processWatermark}).
     */
    public void advance(Watermark mark, ThrowingConsumer<Watermark, Exception> inOneGo)
            throws Exception {
        if (perStep <= 0) {
            inOneGo.accept(mark);
            return;
        }
        arrived = Math.max(arrived, mark.getTimestamp());
        step();
    }

    private void step() throws Exception {
        Watermark mark = new Watermark(arrived);
        if (timers.tryAdvanceWatermark(mark, this::stepIsFull)) {
            settle(mark);
        } else if (!restScheduled) {
            restScheduled = true;
            mailbox.execute(
                    MailboxExecutor.MailOptions.deferrable(),
                    () -> {
                        restScheduled = false;
                        step();
                    },
                    "rest of a timer advance");
        }
    }

    /** Asked by the timer service once before each timer it fires. */
    private boolean stepIsFull() {
        if (++firedInStep > perStep || mailbox.shouldInterrupt()) {
            firedInStep = 0;
            cut.inc();
            return true;
        }
        return false;
    }

    private void settle(Watermark mark) {
        settled = Math.max(settled, mark.getTimestamp());
        output.emitWatermark(mark);
    }

    /**
     * Fires, in one go, what the steps had not reached when the input ended (see the class
     * comment): call it first in the operator's {@code finish()}.
     */
    public void finish() throws Exception {
        if (settled < arrived) {
            Watermark mark = new Watermark(arrived);
            timers.advanceWatermark(mark);
            settle(mark);
        }
    }
}
