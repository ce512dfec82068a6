package dev.pagerboy.streaming.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.records.Alert;
import dev.pagerboy.streaming.records.GroupControl;
import dev.pagerboy.streaming.records.InhibitionSource;
import dev.pagerboy.streaming.records.LabelMatcher;
import dev.pagerboy.streaming.records.Notification;
import dev.pagerboy.streaming.records.NotifiedAlert;
import dev.pagerboy.streaming.records.RoutedAlert;
import dev.pagerboy.streaming.records.Silence;
import dev.pagerboy.streaming.records.Tick;
import dev.pagerboy.streaming.routing.InhibitRule;
import dev.pagerboy.streaming.routing.Matcher;
import dev.pagerboy.streaming.routing.RouteTree;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GroupFunctionTest extends AlertTestBase {

    private static final long GROUP_WAIT = 30 * ONE_SECOND;
    private static final long GROUP_INTERVAL = 5 * ONE_MINUTE;
    private static final long FIRST_FLUSH = T0 + GROUP_WAIT;

    /** Critical alerts of a cluster mute warnings of the same cluster. */
    private static final InhibitRule CRITICAL_MUTES_WARNING =
            new InhibitRule(
                    List.of(Matcher.equal("severity", "critical")),
                    List.of(Matcher.equal("severity", "warning")),
                    List.of("cluster"));

    private final RouteTree routes = defaultRoutes();
    private KeyedBroadcastOperatorTestHarness<String, RoutedAlert, GroupControl, Notification>
            harness;

    @BeforeEach
    void start() throws Exception {
        harness = opened(newHarness(List.of()));
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    private KeyedBroadcastOperatorTestHarness<String, RoutedAlert, GroupControl, Notification>
            newHarness(List<Silence> staticSilences) throws Exception {
        var h =
                new KeyedBroadcastOperatorTestHarness<>(
                        new CoBroadcastWithKeyedOperator<>(
                                new GroupFunction(
                                        routes, staticSilences, List.of(CRITICAL_MUTES_WARNING)),
                                GroupFunction.BROADCAST_STATES),
                        RoutedAlert::groupKey,
                        Types.STRING,
                        1,
                        1,
                        0);
        return h;
    }

    private static <H extends KeyedBroadcastOperatorTestHarness<?, ?, ?, ?>> H opened(H h)
            throws Exception {
        h.open();
        return h;
    }

    private void send(Alert alert) throws Exception {
        harness.processElement(routed(alert, routes), alert.eventTime());
    }

    private void watermark(long time) throws Exception {
        harness.watermark(time);
    }

    private List<Notification> notifications() {
        return harness.extractOutputValues();
    }

    private int keyedStateEntries() {
        return ((HeapKeyedStateBackend<?>) harness.getOperator().getKeyedStateBackend())
                .numKeyValueStateEntries();
    }

    private static List<String> alertnames(Notification n) {
        return n.alerts().stream()
                .map(a -> a.labels().get("alertname") + "/" + a.status())
                .toList();
    }

    @Test
    void waitsGroupWaitBeforeTheFirstNotification() throws Exception {
        send(firing("HostDown").at(T0));
        watermark(FIRST_FLUSH - 1);

        assertThat(notifications()).isEmpty();
        assertThat(harness.numEventTimeTimers()).isEqualTo(1); // the first flush

        watermark(FIRST_FLUSH);

        assertThat(notifications()).hasSize(1);
        Notification n = notifications().get(0);
        assertThat(n.flushSequence()).isEqualTo(1);
        assertThat(n.receiver()).isEqualTo("oncall");
        assertThat(n.status()).isEqualTo("firing");
        assertThat(n.eventTime()).isEqualTo(FIRST_FLUSH);
        assertThat(n.groupLabels()).containsEntry("alertname", "HostDown");
        assertThat(harness.numEventTimeTimers()).isEqualTo(1); // the group_interval ticker
    }

    @Test
    void batchesAlertsOfOneGroupArrivingWithinGroupWait() throws Exception {
        send(firing("HostDown").label("instance", "a").at(T0));
        send(firing("HostDown").label("instance", "b").at(TEN_SECONDS_LATER));
        send(firing("DiskFull").at(TEN_SECONDS_LATER)); // another group
        watermark(FIRST_FLUSH);

        assertThat(notifications()).hasSize(1);
        assertThat(notifications().get(0).alerts()).hasSize(2);
        watermark(TEN_SECONDS_LATER + GROUP_WAIT);
        assertThat(notifications()).hasSize(2);
    }

    @Test
    void tellsANewAlertOnlyAtTheNextGroupInterval() throws Exception {
        send(firing("HostDown").label("instance", "a").at(T0));
        send(firing("HostDown").label("instance", "b").at(ONE_MINUTE_LATER));
        watermark(FIRST_FLUSH + GROUP_INTERVAL - 1);

        assertThat(notifications()).hasSize(1);

        watermark(FIRST_FLUSH + GROUP_INTERVAL);

        assertThat(notifications()).hasSize(2);
        assertThat(notifications().get(1).alerts()).hasSize(2);
        assertThat(notifications().get(1).flushSequence()).isEqualTo(2);
    }

    @Test
    void doesNotRepeatAnUnchangedGroupBeforeRepeatInterval() throws Exception {
        send(firing("HostDown").at(T0));
        watermark(FIRST_FLUSH + 2 * GROUP_INTERVAL);

        assertThat(notifications()).hasSize(1);
        assertThat(flushReasons(harness)).containsExactly("changed", "unchanged", "unchanged");
        // Flushes leave nothing in the archive: replay derives them, and the page the first one
        // became is archived by the incident stage, which decides what leaves.
        assertThat(archiveRows(harness)).isEmpty();
    }

    @Test
    void repeatsAnUnchangedGroupAfterRepeatInterval() throws Exception {
        send(firing("HostDown").at(T0));
        watermark(FIRST_FLUSH + ONE_HOUR);

        assertThat(notifications()).hasSize(2);
        assertThat(flushReasons(harness)).endsWith("repeat_interval");
        assertThat(notifications().get(1).alerts()).hasSize(1);
    }

    @Test
    void tellsTheResolveAndThenForgetsTheGroup() throws Exception {
        send(firing("HostDown").at(T0));
        send(resolved("HostDown").at(TWO_MINUTES_LATER));
        watermark(FIRST_FLUSH + GROUP_INTERVAL);

        assertThat(notifications()).hasSize(2);
        assertThat(alertnames(notifications().get(1))).containsExactly("HostDown/resolved");
        assertThat(notifications().get(1).status()).isEqualTo("resolved");
        assertThat(keyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aResolveBeforeTheFirstFlushIsNeverTold() throws Exception {
        send(firing("HostDown").at(T0));
        send(resolved("HostDown").at(TEN_SECONDS_LATER));
        watermark(FIRST_FLUSH);

        assertThat(notifications()).isEmpty();
        assertThat(flushReasons(harness)).containsExactly("empty");
        assertThat(archiveRows(harness)).isEmpty();
        assertThat(keyedStateEntries()).isZero();
    }

    @Test
    void mutesAlertsMatchedByARuntimeSilence() throws Exception {
        harness.processBroadcastElement(
                GroupControl.of(silence("s-1", "alertname", "HostDown", T0, ONE_HOUR_LATER, T0)),
                T0);
        send(firing("HostDown").at(T0));
        send(firing("HostDown").label("instance", "x").at(T0));
        watermark(FIRST_FLUSH);

        assertThat(notifications()).isEmpty();
        assertThat(flushReasons(harness)).containsExactly("all_muted");
        assertThat(archiveRows(harness))
                .hasSize(2)
                .allSatisfy(
                        row -> {
                            assertThat(row.kind()).isEqualTo(ArchiveKind.MUTE);
                            assertThat(row.outcome()).isEqualTo("silenced");
                            assertThat(row.eventTime()).isEqualTo(FIRST_FLUSH);
                            assertThat(row.payloadJson()).contains("\"silenceId\":\"s-1\"");
                        })
                .extracting(ArchiveRecord::key)
                .doesNotHaveDuplicates();
    }

    @Test
    void archivesAMuteOnceForAsLongAsTheSameSilenceHoldsTheAlert() throws Exception {
        harness.processBroadcastElement(
                GroupControl.of(silence("s-1", "alertname", "HostDown", T0, ONE_HOUR_LATER, T0)),
                T0);
        send(firing("HostDown").at(T0));
        watermark(FIRST_FLUSH + 4 * GROUP_INTERVAL);

        assertThat(flushReasons(harness)).hasSize(5).containsOnly("all_muted");
        assertThat(archiveRows(harness))
                .singleElement()
                .extracting(ArchiveRecord::kind)
                .isEqualTo(ArchiveKind.MUTE);

        // The silence ends: the alert pages, and the mute is forgotten.
        watermark(ONE_HOUR_LATER + GROUP_INTERVAL);
        assertThat(notifications()).hasSize(1);
        assertThat(archiveRows(harness, ArchiveKind.MUTE)).hasSize(1);
    }

    @Test
    void mutesAlertsMatchedByAStaticSilence() throws Exception {
        harness.close();
        harness =
                opened(
                        newHarness(
                                List.of(
                                        silence(
                                                "cfg",
                                                "alertname",
                                                "HostDown",
                                                T0,
                                                ONE_HOUR_LATER,
                                                0L))));
        send(firing("HostDown").at(T0));
        watermark(FIRST_FLUSH);

        assertThat(notifications()).isEmpty();
        assertThat(flushReasons(harness)).containsExactly("all_muted");
        assertThat(archiveRows(harness, ArchiveKind.MUTE))
                .singleElement()
                .satisfies(row -> assertThat(row.payloadJson()).contains("\"silenceId\":\"cfg\""));
    }

    @Test
    void aSilenceCreatedAfterTheFlushDoesNotMuteItEvenIfItArrivedFirst() throws Exception {
        // Created (event time) after the first flush, though covering it: it must not count yet.
        harness.processBroadcastElement(
                GroupControl.of(
                        silence(
                                "s-1",
                                "alertname",
                                "HostDown",
                                T0,
                                ONE_HOUR_LATER,
                                ONE_MINUTE_LATER)),
                ONE_MINUTE_LATER);
        send(firing("HostDown").at(T0));
        watermark(FIRST_FLUSH);

        assertThat(notifications()).hasSize(1);
    }

    @Test
    void inhibitsAWarningWhileACriticalOfTheSameClusterFires() throws Exception {
        harness.processBroadcastElement(source("DbDown", "eu", true, T0), T0);
        send(firing("Latency").label("severity", "warning").label("cluster", "eu").at(T0));
        send(firing("Latency").label("severity", "warning").label("cluster", "us").at(T0));
        watermark(FIRST_FLUSH);

        assertThat(notifications()).hasSize(1);
        assertThat(notifications().get(0).alerts())
                .extracting(a -> a.labels().get("cluster"))
                .containsExactly("us");
        ArchiveRecord mute = archiveRows(harness, ArchiveKind.MUTE).get(0);
        assertThat(mute.outcome()).isEqualTo("inhibited");
        assertThat(mute.payloadJson())
                .contains("\"inhibitRule\":0")
                .contains(
                        "\"inhibitedBy\":\""
                                + fingerprintOf(
                                        java.util.Map.of(
                                                "alertname", "DbDown",
                                                "severity", "critical",
                                                "cluster", "eu"))
                                + "\"");
    }

    @Test
    void inhibitionEndsWhenTheSourceResolves() throws Exception {
        harness.processBroadcastElement(source("DbDown", "eu", true, T0), T0);
        harness.processBroadcastElement(source("DbDown", "eu", false, ONE_MINUTE_LATER), T0);
        send(firing("Latency").label("severity", "warning").label("cluster", "eu").at(T0));
        watermark(FIRST_FLUSH + GROUP_INTERVAL);

        // Muted at the first flush (the resolve was not yet known at that event time), told at the
        // next one.
        assertThat(flushReasons(harness)).containsExactly("all_muted", "changed");
        assertThat(notifications()).hasSize(1);
    }

    @Test
    void givesTheSameNotificationsWhateverTheArrivalOrder() throws Exception {
        List<Alert> alerts =
                List.of(
                        firing("HostDown").label("instance", "a").at(T0),
                        firing("HostDown").label("instance", "b").at(TEN_SECONDS_LATER),
                        resolved("HostDown").label("instance", "a").at(TWO_MINUTES_LATER),
                        firing("HostDown").label("instance", "c").at(TEN_MINUTES_LATER));
        GroupControl mute = GroupControl.of(silence("s", "instance", "b", T0, ONE_HOUR_LATER, T0));

        List<Notification> inOrder = run(alerts, mute, false);
        List<Alert> reversed = new ArrayList<>(alerts);
        java.util.Collections.reverse(reversed);
        List<Notification> backwards = run(reversed, mute, true);

        assertThat(inOrder).isNotEmpty();
        assertThat(backwards).isEqualTo(inOrder);
    }

    private List<Notification> run(List<Alert> alerts, GroupControl control, boolean controlLast)
            throws Exception {
        var h = opened(newHarness(List.of()));
        try {
            if (!controlLast) {
                h.processBroadcastElement(control, T0);
            }
            for (Alert a : alerts) {
                h.processElement(routed(a, routes), a.eventTime());
            }
            if (controlLast) {
                h.processBroadcastElement(control, T0);
            }
            h.watermark(ONE_HOUR_LATER);
            return h.extractOutputValues();
        } finally {
            h.close();
        }
    }

    @Test
    void idempotencyKeysAreStableAndDistinctPerFlush() throws Exception {
        send(firing("HostDown").at(T0));
        send(resolved("HostDown").at(TWO_MINUTES_LATER));
        watermark(FIRST_FLUSH + GROUP_INTERVAL);

        List<String> keys = notifications().stream().map(Notification::idempotencyKey).toList();
        assertThat(keys).doesNotHaveDuplicates().hasSize(2);
        assertThat(keys.get(0)).matches("[0-9a-f]{16}-" + T0 + "-1");
    }

    @Test
    void atEndOfInputFlushesDueGroupsOnceWithoutRearming() throws Exception {
        send(firing("HostDown").at(T0));
        watermark(Long.MAX_VALUE);

        assertThat(notifications()).hasSize(1);
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void atEndOfInputKeepsFlushingUpToTheLastTickAsIfTimeHadPassed() throws Exception {
        harness.processBroadcastElement(GroupControl.of(new Tick(T0 + 20 * ONE_MINUTE)), T0);
        send(firing("HostDown").at(T0));
        send(resolved("HostDown").at(TEN_MINUTES_LATER));
        send(firing("DiskFull").at(T0));
        watermark(Long.MAX_VALUE);

        // HostDown: told firing, then resolved at the flush after the resolve; DiskFull: flushed
        // every group_interval up to the last tick, then left alone.
        assertThat(notifications())
                .extracting(GroupFunctionTest::alertnames)
                .containsExactlyInAnyOrder(
                        List.of("HostDown/firing"),
                        List.of("HostDown/resolved"),
                        List.of("DiskFull/firing"));
        assertThat(flushes(harness).stream().filter(f -> f.groupKey().contains("DiskFull")).count())
                .isEqualTo(4); // T0+30s, +5m30s, +10m30s, +15m30s
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void makesTheSameFlushesWhetherTimeAdvancesInStepsOrJumpsToTheEnd() throws Exception {
        List<String> inSteps = flushesUntilTheEnd(true);
        List<String> inOneJump = flushesUntilTheEnd(false);

        assertThat(inSteps).hasSize(5).isEqualTo(inOneJump); // T0+30s ... T0+20m30s
    }

    private List<String> flushesUntilTheEnd(boolean inSteps) throws Exception {
        var h = opened(newHarness(List.of()));
        try {
            h.processBroadcastElement(GroupControl.of(new Tick(T0 + 21 * ONE_MINUTE)), T0);
            h.processElement(routed(firing("DiskFull").at(T0), routes), T0);
            if (inSteps) {
                h.watermark(T0 + 21 * ONE_MINUTE);
            }
            h.watermark(Long.MAX_VALUE);
            return flushes(h).stream()
                    .map(f -> f.flushSequence() + "@" + f.eventTime() + " " + f.reason().text())
                    .toList();
        } finally {
            h.close();
        }
    }

    @Test
    void forgetsEndedSilencesAndResolvedSourcesOnTheNextTick() throws Exception {
        harness.processBroadcastElement(
                GroupControl.of(silence("s-1", "alertname", "X", T0, ONE_MINUTE_LATER, T0)), T0);
        harness.processBroadcastElement(source("DbDown", "eu", true, T0), T0);
        harness.processBroadcastElement(source("DbDown", "eu", false, ONE_MINUTE_LATER), T0);
        assertThat(harness.getBroadcastState(GroupFunction.SILENCES).entries()).hasSize(1);
        assertThat(harness.getBroadcastState(GroupFunction.SOURCES).entries()).hasSize(1);

        watermark(TWO_MINUTES_LATER);
        harness.processBroadcastElement(
                GroupControl.of(new Tick(TWO_MINUTES_LATER)), TWO_MINUTES_LATER);

        assertThat(harness.getBroadcastState(GroupFunction.SILENCES).entries()).isEmpty();
        assertThat(harness.getBroadcastState(GroupFunction.SOURCES).entries()).isEmpty();
    }

    @Test
    void restoresMembersTimersAndSilencesFromASnapshot() throws Exception {
        harness.processBroadcastElement(
                GroupControl.of(silence("s-1", "instance", "b", T0, ONE_HOUR_LATER, T0)), T0);
        send(firing("HostDown").label("instance", "a").at(T0));
        send(firing("HostDown").label("instance", "b").at(T0));
        watermark(T0);
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        int entries = keyedStateEntries();
        harness.close();

        harness = newHarness(List.of());
        harness.initializeState(snapshot);
        harness.open();
        assertThat(keyedStateEntries()).isEqualTo(entries);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        watermark(FIRST_FLUSH);

        assertThat(notifications()).hasSize(1);
        assertThat(notifications().get(0).alerts())
                .extracting(NotifiedAlert::labels)
                .extracting(l -> l.get("instance"))
                .containsExactly("a");
    }

    private static Silence silence(
            String id, String label, String value, long startsAt, long endsAt, long createdAt) {
        return new Silence(
                id,
                List.of(new LabelMatcher(label, "=", value)),
                startsAt,
                endsAt,
                "alice",
                "maintenance",
                createdAt);
    }

    private static GroupControl source(String alertname, String cluster, boolean firing, long at) {
        java.util.TreeMap<String, String> labels = new java.util.TreeMap<>();
        labels.put("alertname", alertname);
        labels.put("severity", "critical");
        labels.put("cluster", cluster);
        return GroupControl.of(
                new InhibitionSource(
                        fingerprintOf(labels), labels, firing, 0L, at, "alerts/9/" + at + "#0"));
    }
}
