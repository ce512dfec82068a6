package dev.pagerboy.streaming.incidents;

import static dev.pagerboy.streaming.incidents.IncidentFixtures.MINUTE;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.STANDARD;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.functions.SideOutputs;
import dev.pagerboy.streaming.records.Notification;
import dev.pagerboy.streaming.records.Tick;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.tasks.mailbox.Mail;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailbox;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The incident stage fires the timers one watermark releases in steps ({@link IncidentOperator}):
 * {@value #GROUPS} groups flush before a watermark an hour later, so that watermark makes due their
 * pending flushes and every escalation level of the hour at once. The harness runs the operator on
 * a task mailbox, as Flink does: after the first step the rest waits there as a mail, the watermark
 * is not passed on, and a checkpoint can be taken. Both tests compare with Flink's own operator,
 * which fires the whole advance in one go.
 *
 * <p>Seen failing on the code before the steps (the incident stage on Flink's {@code
 * CoBroadcastWithKeyedOperator}): every page came out of the watermark call and nothing waited in
 * the mailbox.
 */
class IncidentTimerStepsTest {

    private static final int GROUPS = 500;
    private static final Duration RETENTION = Duration.ofHours(1);
    private static final long STORM = T0 + 60 * MINUTE;

    @Test
    void aWatermarkThatReleasesThousandsOfTimersFiresThemInStepsWithTheSamePages()
            throws Exception {
        Output inOneGo = storm(oneGo());

        var stepped = stepped(null);
        flushes(stepped);
        stepped.watermark(STORM);
        assertThat(stepped.getTaskMailbox().hasMail())
                .as("the rest of the advance waits in the mailbox")
                .isTrue();
        assertThat(watermarksOf(stepped)).as("the watermark waits for the last step").isEmpty();
        assertThat(stepped.extractOutputValues().size())
                .as("pages of the first step")
                .isPositive()
                .isLessThan(inOneGo.pages.size());

        int steps = 1 + runMails(stepped);
        Output whole = Output.of(stepped);
        stepped.close();

        // Each group's flush and escalation levels: several thousand timers, 256 a step.
        assertThat(steps).isGreaterThan(GROUPS / 256);
        assertThat(whole.watermarks).containsExactly(STORM);
        assertThat(whole.pages).isEqualTo(inOneGo.pages);
        assertThat(whole.rows).isEqualTo(inOneGo.rows);
    }

    @Test
    void aCheckpointBetweenTwoStepsRestoresToTheSamePages() throws Exception {
        Output inOneGo = storm(oneGo());

        var before = stepped(null);
        flushes(before);
        before.watermark(STORM);
        assertThat(before.getTaskMailbox().hasMail()).as("checkpoint between two steps").isTrue();
        OperatorSubtaskState checkpoint = before.snapshot(1L, 1L);
        Output untilCheckpoint = Output.of(before);
        before.close(); // the job fails here: the rest of the advance is lost with the task

        var restored = stepped(checkpoint);
        restored.watermark(STORM); // a restored job's first watermark
        runMails(restored);
        Output afterRestore = Output.of(restored);
        restored.close();

        assertThat(untilCheckpoint.pages).isNotEmpty().hasSizeLessThan(inOneGo.pages.size());
        assertThat(sorted(untilCheckpoint.pages, afterRestore.pages)).isEqualTo(inOneGo.pages);
        assertThat(sorted(untilCheckpoint.rows, afterRestore.rows)).isEqualTo(inOneGo.rows);
        assertThat(afterRestore.watermarks).containsExactly(STORM);
    }

    /** The pages and archive rows of a harness, sorted, and the watermarks it passed on. */
    private record Output(List<String> pages, List<String> rows, List<Long> watermarks) {

        static Output of(
                KeyedBroadcastOperatorTestHarness<String, IncidentSignal, Tick, Notification> h) {
            List<String> pages =
                    h.extractOutputValues().stream().map(Notification::idempotencyKey).toList();
            var archive = h.getSideOutput(SideOutputs.ARCHIVE);
            List<String> rows =
                    archive == null
                            ? List.of()
                            : archive.stream()
                                    .map(StreamRecord::getValue)
                                    .map(ArchiveRecord::id)
                                    .toList();
            return new Output(sorted(pages, List.of()), sorted(rows, List.of()), watermarksOf(h));
        }
    }

    private static List<String> sorted(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        all.sort(Comparator.naturalOrder());
        return all;
    }

    private static List<Long> watermarksOf(
            KeyedBroadcastOperatorTestHarness<String, IncidentSignal, Tick, Notification> h) {
        return h.getOutput().stream()
                .filter(o -> o instanceof Watermark)
                .map(o -> ((Watermark) o).getTimestamp())
                .toList();
    }

    /** The storm on Flink's own operator, in one go. */
    private static Output storm(
            KeyedBroadcastOperatorTestHarness<String, IncidentSignal, Tick, Notification> h)
            throws Exception {
        flushes(h);
        h.watermark(STORM);
        Output out = Output.of(h);
        h.close();
        return out;
    }

    /** One firing flush per group, each with the standard three-level policy. */
    private static void flushes(
            KeyedBroadcastOperatorTestHarness<String, IncidentSignal, Tick, Notification> h)
            throws Exception {
        for (int g = 0; g < GROUPS; g++) {
            Notification flush = flushOfGroup(g, T0 + g);
            h.processElement(IncidentSignal.of(flush), flush.eventTime());
        }
    }

    private static Notification flushOfGroup(int g, long time) {
        Notification template = IncidentFixtures.flush(1, time, "firing", STANDARD.name());
        String key = String.format("%016x", 0x1000L + g);
        return new Notification(
                key + "-" + T0 + "-1",
                template.receiver(),
                template.routeId(),
                template.groupKey() + g,
                template.flushSequence(),
                template.eventTime(),
                template.status(),
                template.groupLabels(),
                template.alerts(),
                key + "-" + T0,
                template.engineer(),
                template.level(),
                template.step());
    }

    /** Runs the mails the steps left, as the task's mailbox loop would; returns how many. */
    private static int runMails(
            KeyedBroadcastOperatorTestHarness<String, IncidentSignal, Tick, Notification> h)
            throws Exception {
        int ran = 0;
        Optional<Mail> mail;
        while ((mail = h.getTaskMailbox().tryTake(TaskMailbox.MIN_PRIORITY)).isPresent()) {
            mail.get().run();
            ran++;
        }
        return ran;
    }

    private static IncidentFunction function() {
        return new IncidentFunction(
                IncidentFixtures.POLICIES,
                IncidentFixtures.SCHEDULES,
                IncidentFixtures.ROSTER,
                RETENTION);
    }

    private static KeyedBroadcastOperatorTestHarness<String, IncidentSignal, Tick, Notification>
            oneGo() throws Exception {
        var h =
                new KeyedBroadcastOperatorTestHarness<>(
                        new CoBroadcastWithKeyedOperator<>(
                                function(), List.of(IncidentFunction.CLOCK)),
                        IncidentSignal::key,
                        Types.STRING,
                        1,
                        1,
                        0);
        h.open();
        return h;
    }

    private static KeyedBroadcastOperatorTestHarness<String, IncidentSignal, Tick, Notification>
            stepped(OperatorSubtaskState restoredFrom) throws Exception {
        var h =
                new KeyedBroadcastOperatorTestHarness<>(
                        new IncidentOperator(function()),
                        IncidentSignal::key,
                        Types.STRING,
                        1,
                        1,
                        0);
        if (restoredFrom != null) {
            h.initializeState(restoredFrom);
        }
        h.open();
        return h;
    }
}
