package dev.pagerboy.streaming.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.config.AlertLifecycle;
import dev.pagerboy.streaming.records.Alert;
import dev.pagerboy.streaming.records.DedupOutcome;
import dev.pagerboy.streaming.records.GroupControl;
import dev.pagerboy.streaming.records.HandledAlert;
import dev.pagerboy.streaming.records.Notification;
import dev.pagerboy.streaming.records.RoutedAlert;
import dev.pagerboy.streaming.records.Tick;
import dev.pagerboy.streaming.routing.InhibitRule;
import dev.pagerboy.streaming.routing.Matcher;
import dev.pagerboy.streaming.routing.RouteTree;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Alerts that stay open for days, through dedup, routing and groups chained by hand (the handler
 * passes every alert on unchanged): a firing alert is paged, repeated and resolved exactly once
 * however long it fires, inhibits only while it fires, and ends by itself only by the rules of its
 * input format. The 24 h state TTL these replace forgot alerts that were still firing.
 */
class AlertLifetimeTest extends AlertTestBase {

    private static final long DAY = 24 * ONE_HOUR;

    /** Critical alerts of a cluster mute warnings of the same cluster. */
    private static final InhibitRule CRITICAL_MUTES_WARNING =
            new InhibitRule(
                    List.of(Matcher.equal("severity", "critical")),
                    List.of(Matcher.equal("severity", "warning")),
                    List.of("cluster"));

    private final RouteTree routes = defaultRoutes();
    private Chain chain;

    @AfterEach
    void stop() throws Exception {
        chain.close();
    }

    /** Dedup → route → group, with snapshot and restore of the stateful stages. */
    private final class Chain {
        private final AlertLifecycle lifecycle;
        private KeyedOneInputStreamOperatorTestHarness<String, Alert, DedupOutcome> dedup;
        private final OneInputStreamOperatorTestHarness<HandledAlert, RoutedAlert> route;
        private KeyedBroadcastOperatorTestHarness<String, RoutedAlert, GroupControl, Notification>
                group;
        private int dedupSeen;
        private int routeSeen;
        private int sourcesSeen;
        private final List<Notification> notifications = new ArrayList<>();
        private final List<ArchiveRecord> rows = new ArrayList<>();

        Chain(AlertLifecycle lifecycle) throws Exception {
            this.lifecycle = lifecycle;
            dedup = newDedup(null);
            route =
                    ProcessFunctionTestHarnesses.forProcessFunction(
                            new RouteAlertFunction(routes, List.of(CRITICAL_MUTES_WARNING)));
            group = newGroup(null);
        }

        private KeyedOneInputStreamOperatorTestHarness<String, Alert, DedupOutcome> newDedup(
                OperatorSubtaskState state) throws Exception {
            var h =
                    new KeyedOneInputStreamOperatorTestHarness<>(
                            new KeyedProcessOperator<>(new DedupFunction(routes, lifecycle)),
                            Alert::fingerprint,
                            Types.STRING);
            if (state != null) {
                h.initializeState(state);
            }
            h.open();
            return h;
        }

        private KeyedBroadcastOperatorTestHarness<String, RoutedAlert, GroupControl, Notification>
                newGroup(OperatorSubtaskState state) throws Exception {
            var h =
                    new KeyedBroadcastOperatorTestHarness<>(
                            new CoBroadcastWithKeyedOperator<>(
                                    new GroupFunction(
                                            routes,
                                            List.of(),
                                            List.of(CRITICAL_MUTES_WARNING),
                                            lifecycle.catchUpAfter()),
                                    GroupFunction.BROADCAST_STATES),
                            RoutedAlert::groupKey,
                            Types.STRING,
                            1,
                            1,
                            0);
            if (state != null) {
                h.initializeState(state);
            }
            h.open();
            return h;
        }

        void send(Alert alert) throws Exception {
            dedup.processElement(alert, alert.eventTime());
        }

        /** A tick at {@code time}, and the watermark moved to it. */
        void tickAndAdvance(long time) throws Exception {
            group.processBroadcastElement(GroupControl.of(new Tick(time)), time);
            advance(time);
        }

        void advance(long watermark) throws Exception {
            dedup.processWatermark(watermark);
            List<DedupOutcome> passed = dedup.extractOutputValues();
            for (DedupOutcome o : passed.subList(dedupSeen, passed.size())) {
                HandledAlert handled = handled(o.alert());
                route.processElement(handled, o.alert().eventTime());
            }
            dedupSeen = passed.size();
            var emitted = route.getSideOutput(RouteAlertFunction.INHIBITION_SOURCES);
            List<StreamRecord<GroupControl>> sources =
                    emitted == null ? List.of() : new ArrayList<>(emitted);
            for (StreamRecord<GroupControl> s : sources.subList(sourcesSeen, sources.size())) {
                group.processBroadcastElement(s.getValue(), s.getTimestamp());
            }
            sourcesSeen = sources.size();
            List<RoutedAlert> routed = route.extractOutputValues();
            for (RoutedAlert r : routed.subList(routeSeen, routed.size())) {
                group.processElement(r, r.eventTime());
            }
            routeSeen = routed.size();
            group.watermark(watermark);
            notifications.addAll(group.extractOutputValues());
            group.getOutput().clear();
            if (group.getSideOutput(SideOutputs.ARCHIVE) != null) {
                rows.addAll(archiveRows(group));
                group.getSideOutput(SideOutputs.ARCHIVE).clear();
            }
        }

        /** Snapshots dedup and group, and continues on new instances restored from it. */
        void restart() throws Exception {
            OperatorSubtaskState dedupState = dedup.snapshot(1L, 1L);
            OperatorSubtaskState groupState = group.snapshot(1L, 1L);
            List<DedupOutcome> passed = dedup.extractOutputValues();
            dedup.close();
            group.close();
            dedup = newDedup(dedupState);
            group = newGroup(groupState);
            dedupSeen = 0;
            assertThat(passed).isNotEmpty();
        }

        void close() throws Exception {
            dedup.close();
            route.close();
            group.close();
        }

        List<Notification> pagesFor(String alertname) {
            return notifications.stream()
                    .filter(n -> alertname.equals(n.groupLabels().get("alertname")))
                    .toList();
        }
    }

    private void hourlyTicks(long from, long to) throws Exception {
        for (long t = from; t <= to; t += ONE_HOUR) {
            chain.tickAndAdvance(t);
        }
    }

    @Test
    void aFiftyThreeHourOutageIsPagedOnceRepeatedAndResolvedOnce() throws Exception {
        chain = new Chain(AlertLifecycle.DEFAULTS);
        long resolvedAt = T0 + 53 * ONE_HOUR;
        chain.send(firing("NodeDown").format("alertmanager").at(T0));
        hourlyTicks(T0, T0 + 30 * ONE_HOUR);
        chain.restart();
        chain.send(resolved("NodeDown").format("alertmanager").at(resolvedAt));
        hourlyTicks(T0 + 31 * ONE_HOUR, T0 + 60 * ONE_HOUR);

        List<Notification> pages = chain.pagesFor("NodeDown");
        List<Notification> firing =
                pages.stream().filter(n -> n.status().equals("firing")).toList();
        List<Notification> resolved =
                pages.stream().filter(n -> n.status().equals("resolved")).toList();
        // The first page at group_wait, then one repeat per repeat_interval (1 h) while it fires.
        assertThat(firing).hasSize(53);
        for (int i = 1; i < firing.size(); i++) {
            assertThat(firing.get(i).eventTime() - firing.get(i - 1).eventTime())
                    .isEqualTo(ONE_HOUR);
        }
        assertThat(resolved).hasSize(1);
        assertThat(pages.get(pages.size() - 1)).isEqualTo(resolved.get(0));
        assertThat(resolved.get(0).eventTime()).isBetween(resolvedAt, resolvedAt + 5 * ONE_MINUTE);
        // Nothing is left of the group, and dedup forgets the fingerprint a retention later.
        assertThat(chain.group.numEventTimeTimers()).isZero();
        chain.tickAndAdvance(resolvedAt + 2 * DAY);
        assertThat(chain.dedup.numKeyedStateEntries()).isZero();
        assertThat(chain.pagesFor("NodeDown")).hasSize(54);
    }

    @Test
    void aCriticalInhibitsWarningsOnlyWhileItReallyFires() throws Exception {
        chain = new Chain(AlertLifecycle.DEFAULTS);
        chain.send(firing("DbDown").label("severity", "critical").label("cluster", "eu").at(T0));
        chain.send(
                firing("Latency")
                        .label("severity", "warning")
                        .label("cluster", "eu")
                        .at(T0 + ONE_HOUR));
        chain.send(
                resolved("DbDown")
                        .label("severity", "critical")
                        .label("cluster", "eu")
                        .at(T0 + 53 * ONE_HOUR));
        chain.send(
                firing("Slow")
                        .label("severity", "warning")
                        .label("cluster", "eu")
                        .at(T0 + 60 * ONE_HOUR));
        hourlyTicks(T0, T0 + 62 * ONE_HOUR);

        // Latency is muted while DbDown fires and told once it resolved; Slow fires after it.
        List<Notification> latency = chain.pagesFor("Latency");
        assertThat(latency).isNotEmpty();
        assertThat(latency.get(0).eventTime()).isGreaterThanOrEqualTo(T0 + 53 * ONE_HOUR);
        assertThat(chain.pagesFor("Slow")).isNotEmpty();
        assertThat(chain.pagesFor("Slow").get(0).eventTime()).isLessThan(T0 + 61 * ONE_HOUR);
    }

    @Test
    void aPagerDutyTriggerOpenTenDaysIsResolvedByItsResolve() throws Exception {
        chain = new Chain(AlertLifecycle.DEFAULTS);
        long resolvedAt = T0 + 10 * DAY;
        chain.send(firing("DiskFull").format("pagerduty").at(T0));
        chain.send(resolved("DiskFull").format("pagerduty").at(resolvedAt));
        hourlyTicks(T0, resolvedAt + 2 * ONE_HOUR);

        List<Notification> pages = chain.pagesFor("DiskFull");
        assertThat(pages.stream().filter(n -> n.status().equals("firing"))).hasSize(240);
        assertThat(pages.get(pages.size() - 1).status()).isEqualTo("resolved");
        assertThat(pages.stream().filter(n -> n.status().equals("resolved"))).hasSize(1);
    }

    @Test
    void anAlertmanagerAlertThatStopsBeingReSentResolvesAfterResolveTimeout() throws Exception {
        chain = new Chain(AlertLifecycle.DEFAULTS.withResolveTimeout(Duration.ofMinutes(30)));
        chain.send(firing("NodeDown").format("alertmanager").at(T0));
        chain.send(firing("NodeDown").format("alertmanager").at(T0 + 20 * ONE_MINUTE));
        for (long t = T0; t <= T0 + 2 * ONE_HOUR; t += 5 * ONE_MINUTE) {
            chain.tickAndAdvance(t);
        }

        List<Notification> pages = chain.pagesFor("NodeDown");
        assertThat(pages).extracting(Notification::status).containsExactly("firing", "resolved");
        // Resolved resolve_timeout after the last re-send, told at the next group_interval.
        assertThat(pages.get(1).alerts().get(0).endsAt()).isEqualTo(T0 + 50 * ONE_MINUTE);
        assertThat(pages.get(1).eventTime()).isBetween(T0 + 50 * ONE_MINUTE, T0 + 55 * ONE_MINUTE);
    }
}
