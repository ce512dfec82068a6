package dev.pagerboy.streaming.functions;

import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.records.Alert;
import dev.pagerboy.streaming.records.DedupOutcome;
import dev.pagerboy.streaming.records.DedupOutcome.Verdict;
import dev.pagerboy.streaming.records.GroupFlush;
import dev.pagerboy.streaming.records.HandledAlert;
import dev.pagerboy.streaming.records.HandlerDecision;
import dev.pagerboy.streaming.records.HandlerFaultKind;
import dev.pagerboy.streaming.records.RoutedAlert;
import dev.pagerboy.streaming.routing.MatchedRoute;
import dev.pagerboy.streaming.routing.Matcher;
import dev.pagerboy.streaming.routing.RouteSpec;
import dev.pagerboy.streaming.routing.RouteTree;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;

/**
 * Named instants and alert factories shared by the function tests, so a test reads like the story
 * it checks: {@code firing("HostDown").at(T0)}, then the watermark passes {@code ONE_MINUTE_LATER}.
 */
abstract class AlertTestBase {

    static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    static final long ONE_SECOND = 1_000L;
    static final long ONE_MINUTE = 60_000L;
    static final long ONE_HOUR = 3_600_000L;
    static final long TEN_SECONDS_LATER = T0 + 10 * ONE_SECOND;
    static final long ONE_MINUTE_LATER = T0 + ONE_MINUTE;
    static final long TWO_MINUTES_LATER = T0 + 2 * ONE_MINUTE;
    static final long TEN_MINUTES_LATER = T0 + 10 * ONE_MINUTE;
    static final long ONE_HOUR_LATER = T0 + ONE_HOUR;

    /**
     * A routing tree with one default route: group by alertname, group_wait 30 s, group_interval 5
     * min, repeat_interval 1 h.
     */
    static RouteTree defaultRoutes() {
        return RouteTree.build(
                new RouteSpec(
                        List.of(),
                        false,
                        "oncall",
                        List.of("alertname"),
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(5),
                        Duration.ofHours(1),
                        null,
                        List.of()));
    }

    static RouteTree routesWithTeam(String team, String receiver) {
        return RouteTree.build(
                new RouteSpec(
                        List.of(),
                        false,
                        "oncall",
                        List.of("alertname"),
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(5),
                        Duration.ofHours(1),
                        null,
                        List.of(RouteSpec.leaf(receiver, List.of(Matcher.equal("team", team))))));
    }

    private final AtomicLong offsets = new AtomicLong();

    /** A firing alert of this alertname, to be placed in time with {@link AlertBuilder#at}. */
    AlertBuilder firing(String alertname) {
        return new AlertBuilder(Alert.FIRING, alertname);
    }

    AlertBuilder resolved(String alertname) {
        return new AlertBuilder(Alert.RESOLVED, alertname);
    }

    /** A PagerDuty-style acknowledge event for this alertname. */
    AlertBuilder acknowledged(String alertname) {
        return new AlertBuilder(Alert.ACKNOWLEDGED, alertname);
    }

    /** Builds one alert; each built alert gets the next offset of partition 0. */
    final class AlertBuilder {
        private final String status;
        private final TreeMap<String, String> labels = new TreeMap<>();
        private String eventId;
        private String sourceRef;
        private String format = "native";
        private long endsAt;

        AlertBuilder(String status, String alertname) {
            this.status = status;
            labels.put("alertname", alertname);
        }

        AlertBuilder label(String name, String value) {
            labels.put(name, value);
            return this;
        }

        /** Marks it as a re-delivery of an earlier event. */
        AlertBuilder eventId(String id) {
            this.eventId = id;
            return this;
        }

        AlertBuilder from(String sourceRef) {
            this.sourceRef = sourceRef;
            return this;
        }

        /** The input format it was parsed from: {@code alertmanager}, {@code pagerduty}, ... */
        AlertBuilder format(String format) {
            this.format = format;
            return this;
        }

        /** The alert's own end, as its message states it. */
        AlertBuilder endsAt(long endsAt) {
            this.endsAt = endsAt;
            return this;
        }

        Alert at(long eventTime) {
            long offset = offsets.getAndIncrement();
            String ref = sourceRef != null ? sourceRef : "alerts/0/" + offset + "#0";
            return new Alert(
                    fingerprintOf(labels),
                    status,
                    new TreeMap<>(labels),
                    new TreeMap<>(Map.of("summary", labels.get("alertname") + " " + status)),
                    eventTime,
                    Alert.RESOLVED.equals(status) ? eventTime : endsAt,
                    eventTime,
                    format,
                    eventId != null ? eventId : "event-" + offset,
                    ref);
        }
    }

    /** The alert as the handler stage passes it on, with a plain decision (severity warning). */
    static HandledAlert handled(Alert alert) {
        return new HandledAlert(
                alert,
                alert.isFiring() ? Verdict.NEW_FIRING : Verdict.RESOLVED,
                0,
                "",
                "",
                0L,
                HandlerFaultKind.NONE,
                "",
                new HandlerDecision(
                        alert.labels().getOrDefault("severity", "warning"),
                        "",
                        false,
                        "",
                        alert.labels().get("alertname") + " " + alert.status(),
                        Map.of(),
                        false),
                0L,
                0L,
                null,
                List.of());
    }

    /** The alert routed by {@code routes} to its first matching route. */
    static RoutedAlert routed(Alert alert, RouteTree routes) {
        MatchedRoute route = routes.match(alert.labels()).get(0);
        HandledAlert handled = handled(alert);
        return RoutedAlert.of(
                route.id(),
                RouteTree.groupKey(route, alert.labels()),
                handled,
                handled.effectiveLabels());
    }

    /** Alertmanager's fingerprint of the labels, as the parser computes it. */
    static String fingerprintOf(Map<String, String> labels) {
        return String.format(
                "%016x", (long) new TreeMap<>(labels).toString().hashCode() & 0xffffffffL);
    }

    /** The rows the function archived, in order; empty when it archived none. */
    static List<ArchiveRecord> archiveRows(AbstractStreamOperatorTestHarness<?> harness) {
        var rows = harness.getSideOutput(SideOutputs.ARCHIVE);
        if (rows == null) {
            return List.of();
        }
        return rows.stream().map(StreamRecord::getValue).collect(Collectors.toList());
    }

    /**
     * Every dedup verdict in the order dedup decided them: the outcomes it passed on (their
     * decision rows are written downstream) and the decision rows of the alerts it stopped, by
     * decision time and then source position, as {@link ArrivalOrder} decides.
     */
    static List<String> verdicts(AbstractStreamOperatorTestHarness<DedupOutcome> harness) {
        record Decided(long at, String ref, String verdict) {}
        List<Decided> all = new java.util.ArrayList<>();
        for (DedupOutcome o : harness.extractOutputValues()) {
            all.add(
                    new Decided(
                            o.alert().eventTime(), o.alert().sourceRef(), o.verdict().outcome()));
        }
        for (ArchiveRecord r : archiveRows(harness)) {
            if (r.kind() == ArchiveKind.DECISION) {
                String ref = r.id().substring(ArchiveKind.DECISION.rowId("").length());
                all.add(new Decided(r.eventTime(), ref, r.outcome()));
            }
        }
        all.sort(
                java.util.Comparator.comparingLong(Decided::at)
                        .thenComparing(Decided::ref, ArrivalOrder::compareSourceRefs));
        return all.stream().map(Decided::verdict).toList();
    }

    /** Every flush the group stage made, notifying or not ({@link GroupFunction#FLUSHES}). */
    static List<GroupFlush> flushes(AbstractStreamOperatorTestHarness<?> harness) {
        var out = harness.getSideOutput(GroupFunction.FLUSHES);
        return out == null ? List.of() : out.stream().map(StreamRecord::getValue).toList();
    }

    /** The reasons of those flushes, in order: {@code changed}, {@code unchanged} … */
    static List<String> flushReasons(AbstractStreamOperatorTestHarness<?> harness) {
        return flushes(harness).stream().map(f -> f.reason().text()).toList();
    }

    /** The archive rows of one kind. */
    static List<ArchiveRecord> archiveRows(
            AbstractStreamOperatorTestHarness<?> harness, ArchiveKind kind) {
        return archiveRows(harness).stream().filter(r -> r.kind() == kind).toList();
    }

    static List<String> archiveOutcomes(AbstractStreamOperatorTestHarness<?> harness, String kind) {
        return archiveRows(harness).stream()
                .filter(r -> r.kind().text().equals(kind))
                .map(ArchiveRecord::outcome)
                .collect(Collectors.toList());
    }
}
