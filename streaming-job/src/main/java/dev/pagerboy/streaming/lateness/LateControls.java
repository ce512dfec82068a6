package dev.pagerboy.streaming.lateness;

import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.records.GroupControl;
import dev.pagerboy.streaming.records.InhibitionSource;
import dev.pagerboy.streaming.records.Silence;
import dev.pagerboy.streaming.records.Tick;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.flink.api.common.TaskInfo;

/**
 * Where the group stage applies a silence, a clock tick or an inhibition source change of its
 * broadcast input, and the ones whose time was recorded.
 *
 * <p>The group stage keeps every version of a silence at its event time and asks, at each flush,
 * what was known at the flush's time; a tick is an input time, which ends a group's wait for input
 * ({@code catch_up}) and bounds the input at its end. Either one can reach the stage behind its
 * watermark: an idle {@code silences} or {@code ticks} partition (the ticks only with {@code
 * --clock topic}), a producer that lagged. An inhibition source change comes from dedup's timers
 * through the alert path, which holds the stage's watermark back, so it is late only when the whole
 * job was idle and the clock's jump reached the stage first (the same jump as {@link
 * LateRoutedAlerts}). Kept at its own, past, time, the flushes made before it arrived stay made
 * without it while later ones see it; replay, where it is never late, also applies it to the
 * flushes in between. So, as for a routed alert ({@link LateRoutedAlerts}), the stage applies it at
 * {@code watermark + 1}: no flush after that time has been made (a timer fires only once the
 * watermark passes it), so every flush still to come sees it, and none made before. That time is
 * scheduling's, so it is recorded: a {@code late_input} row (stage {@value #STAGE}).
 *
 * <p><b>One row per subtask.</b> A broadcast input reaches every group subtask, each at its own
 * watermark: one may meet it late and another not, or late at another time, and each subtask's
 * flushes (the groups whose keys it holds) see it from its own time. So each subtask that met it
 * late writes its own row, named by the input, the subtask's index, the stage's parallelism and its
 * maximum parallelism ({@link #key}). Replay looks up the row of its own subtask: at the same
 * parallelism and maximum parallelism, Flink assigns every group key to the subtask of the same
 * index as live, so each group sees the input from the time live did. A replay at another
 * parallelism or maximum parallelism finds no row for its subtasks; {@code ReplayJob} refuses to
 * run it ({@link #parallelism}, {@link #maxParallelism}).
 */
public final class LateControls implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The stage's name in the {@code late_input} row's outcome column. */
    public static final String STAGE = "group-broadcast";

    /** A live job: no time recorded yet. */
    public static final LateControls NONE = new LateControls(Map.of());

    private final HashMap<String, Long> appliedAt;

    private LateControls(Map<String, Long> appliedAt) {
        this.appliedAt = new HashMap<>(appliedAt);
    }

    /** The applied times a replay found in the archive, by {@link #key}. */
    public static LateControls recorded(Map<String, Long> appliedAt) {
        return appliedAt.isEmpty() ? NONE : new LateControls(appliedAt);
    }

    /** How many times are recorded. */
    public int size() {
        return appliedAt.size();
    }

    /**
     * The group stage's parallelism when it recorded these times, if any are recorded. A replay
     * must run the stage at this parallelism to apply them where live did.
     *
     * @throws IllegalStateException if the rows were recorded at several parallelisms (the live job
     *     was rescaled while inputs were late): no one replay can apply them all
     */
    public OptionalInt parallelism() {
        return recordedSubtaskField(1, "parallelisms");
    }

    /**
     * The group stage's maximum parallelism (the number of key groups, which decides the subtask a
     * group key goes to) when it recorded these times, if any are recorded. A replay must run with
     * it too: at the same parallelism but another maximum, a group key can meet another subtask.
     *
     * @throws IllegalStateException if the rows were recorded at several maximum parallelisms
     */
    public OptionalInt maxParallelism() {
        return recordedSubtaskField(2, "maximum parallelisms");
    }

    /** Field {@code field} of the keys' {@code index/parallelism/maxParallelism}, if one. */
    private OptionalInt recordedSubtaskField(int field, String what) {
        TreeSet<Integer> seen = new TreeSet<>();
        for (String key : appliedAt.keySet()) {
            String[] subtask = key.substring(key.lastIndexOf('|') + 1).split("/");
            seen.add(Integer.parseInt(subtask[field]));
        }
        if (seen.size() > 1) {
            throw new IllegalStateException(
                    "late broadcast inputs were recorded at group " + what + " " + seen);
        }
        return seen.isEmpty() ? OptionalInt.empty() : OptionalInt.of(seen.first());
    }

    /**
     * What names one broadcast input met by one subtask across runs: a silence by its id and event
     * time (a later version of it has another), a tick by its record (or, from the job's own clock,
     * its time), an inhibition source change by its alert's fingerprint, its event time (the time
     * dedup decided it at, which the same inputs give again), whether it fires, and the record it
     * came from (or dedup's own end of it, {@link dev.pagerboy.streaming.records.AlertEnd}); then
     * {@code |index/parallelism/maxParallelism} of the subtask.
     */
    public static String key(GroupControl control, TaskInfo subtask) {
        String input;
        if (control.source() != null) {
            InhibitionSource c = control.source();
            input =
                    "source:"
                            + c.fingerprint()
                            + "|"
                            + c.eventTime()
                            + "|"
                            + (c.firing() ? "firing" : "resolved")
                            + "|"
                            + c.sourceRef();
        } else if (control.silence() != null) {
            Silence s = control.silence();
            input = "silence:" + s.id() + "|" + s.eventTime();
        } else {
            Tick t = control.tick();
            input =
                    "tick:"
                            + (t.fromTopic()
                                    ? t.sourceTopic()
                                            + "/"
                                            + t.sourcePartition()
                                            + "/"
                                            + t.sourceOffset()
                                    : String.valueOf(t.eventTime()));
        }
        return input
                + "|"
                + subtask.getIndexOfThisSubtask()
                + "/"
                + subtask.getNumberOfParallelSubtasks()
                + "/"
                + subtask.getMaxNumberOfParallelSubtasks();
    }

    /**
     * {@code control} as the group stage applies it: a silence, tick or inhibition source change at
     * its own time, or the time recorded for it on this subtask; if that is not after the
     * watermark, re-timed to {@code watermark + 1} with a {@code late_input} row archived. Anything
     * met once the input has ended (watermark {@code Long.MAX_VALUE}) keeps its time.
     *
     * @param control the broadcast input
     * @param watermark the stage's current watermark: every timer up to it may have fired
     * @param subtask the group subtask meeting it
     * @param archive where the {@code late_input} row goes
     */
    public GroupControl applyAt(
            GroupControl control,
            long watermark,
            TaskInfo subtask,
            Consumer<ArchiveRecord> archive) {
        String key = key(control, subtask);
        long own = control.eventTime();
        long at = Math.max(own, appliedAt.getOrDefault(key, Long.MIN_VALUE));
        if (at <= watermark && watermark != Long.MAX_VALUE) {
            at = watermark + 1;
            archive.accept(ArchiveRecord.lateControl(key, own, STAGE, at));
        }
        if (at == own) {
            return control;
        }
        if (control.silence() != null) {
            Silence s = control.silence();
            return GroupControl.of(
                    new Silence(
                            s.id(),
                            s.matchers(),
                            s.startsAt(),
                            s.endsAt(),
                            s.createdBy(),
                            s.comment(),
                            at));
        }
        if (control.source() != null) {
            InhibitionSource c = control.source();
            return GroupControl.of(
                    new InhibitionSource(
                            c.fingerprint(),
                            c.labels(),
                            c.firing(),
                            c.endsAt(),
                            at,
                            c.sourceRef()));
        }
        Tick t = control.tick();
        return GroupControl.of(
                new Tick(at, t.sourceTopic(), t.sourcePartition(), t.sourceOffset()));
    }
}
