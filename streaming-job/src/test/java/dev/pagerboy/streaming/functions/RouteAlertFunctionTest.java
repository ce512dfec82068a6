package dev.pagerboy.streaming.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.records.GroupControl;
import dev.pagerboy.streaming.records.HandledAlert;
import dev.pagerboy.streaming.records.HandlerDecision;
import dev.pagerboy.streaming.records.RoutedAlert;
import dev.pagerboy.streaming.routing.InhibitRule;
import dev.pagerboy.streaming.routing.Matcher;
import dev.pagerboy.streaming.routing.RouteSpec;
import dev.pagerboy.streaming.routing.RouteTree;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RouteAlertFunctionTest extends AlertTestBase {

    /** db alerts go to db-team and, with continue, also to audit; the rest to oncall. */
    private static final RouteTree ROUTES =
            RouteTree.build(
                    new RouteSpec(
                            List.of(),
                            false,
                            "oncall",
                            List.of("alertname"),
                            Duration.ofSeconds(30),
                            null,
                            null,
                            null,
                            List.of(
                                    new RouteSpec(
                                            List.of(Matcher.equal("team", "db")),
                                            true,
                                            "db-team",
                                            null,
                                            null,
                                            null,
                                            null,
                                            null,
                                            List.of()),
                                    RouteSpec.leaf(
                                            "audit", List.of(Matcher.equal("team", "db"))))));

    private static final InhibitRule CRITICAL_MUTES_WARNING =
            new InhibitRule(
                    List.of(Matcher.equal("severity", "critical")),
                    List.of(Matcher.equal("severity", "warning")),
                    List.of("cluster"));

    private OneInputStreamOperatorTestHarness<HandledAlert, RoutedAlert> harness;

    @BeforeEach
    void start() throws Exception {
        harness =
                ProcessFunctionTestHarnesses.forProcessFunction(
                        new RouteAlertFunction(ROUTES, List.of(CRITICAL_MUTES_WARNING)));
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    private List<String> receivers() {
        return harness.extractOutputValues().stream()
                .map(r -> ROUTES.route(r.routeId()).receiver())
                .toList();
    }

    @Test
    void sendsAnAlertToEveryMatchingRouteWithItsOwnGroup() throws Exception {
        harness.processElement(handled(firing("HostDown").label("team", "db").at(T0)), T0);

        assertThat(receivers()).containsExactly("db-team", "audit");
        // Both routes have the matchers team="db": Alertmanager gives them the same group key and
        // keeps the groups apart by route, as the group id (route id and key) does here.
        assertThat(harness.extractOutputValues())
                .extracting(RoutedAlert::groupKey)
                .containsOnly("{}/{team=\"db\"}:{alertname=\"HostDown\"}");
        assertThat(harness.extractOutputValues())
                .extracting(RoutedAlert::groupId)
                .doesNotHaveDuplicates();
        List<ArchiveRecord> decisions = archiveRows(harness);
        assertThat(decisions)
                .singleElement()
                .satisfies(
                        row -> {
                            assertThat(row.kind()).isEqualTo(ArchiveKind.DECISION);
                            assertThat(row.outcome()).isEqualTo("new_firing");
                            assertThat(row.payloadJson())
                                    .contains(
                                            "\"routes\":[{\"groupKey\":\"{}/{team=\\\"db\\\"}:{alertname=\\\"HostDown\\\"}\",\"routeId\":\"{}/{team=\\\"db\\\"}/0\"},");
                        });
    }

    @Test
    void usesTheRoutesDedupMatchedWhenTheHandlerAddedNoLabels() throws Exception {
        String audit = ROUTES.routes().get(2).id();
        HandledAlert plain = handled(firing("HostDown").label("team", "db").at(T0));

        harness.processElement(matchedByDedup(plain, List.of(audit)), T0);

        // The tree would give db-team and audit; the carried match is what counts.
        assertThat(receivers()).containsExactly("audit");
    }

    @Test
    void matchesAgainWhenTheHandlerAddedLabels() throws Exception {
        String oncall = ROUTES.routes().get(0).id();
        HandledAlert plain = matchedByDedup(handled(firing("HostDown").at(T0)), List.of(oncall));

        harness.processElement(withDecision(plain, "", false, Map.of("team", "db")), T0);

        assertThat(receivers()).containsExactly("db-team", "audit");
    }

    @Test
    void followsTheRouteTheHandlerChose() throws Exception {
        String audit = ROUTES.routes().get(2).id();
        HandledAlert plain = handled(firing("HostDown").label("team", "web").at(T0));
        HandledAlert rerouted = withDecision(plain, audit, false, Map.of());

        harness.processElement(rerouted, T0);

        assertThat(receivers()).containsExactly("audit");
    }

    @Test
    void routesByTheLabelsTheHandlerAdded() throws Exception {
        HandledAlert plain = handled(firing("HostDown").at(T0));

        harness.processElement(withDecision(plain, "", false, Map.of("team", "db")), T0);

        assertThat(receivers()).containsExactly("db-team", "audit");
    }

    @Test
    void archivesButDoesNotRouteAnAlertTheHandlerSuppressed() throws Exception {
        HandledAlert plain = handled(firing("HostDown").label("team", "db").at(T0));

        harness.processElement(withDecision(plain, "", true, Map.of()), T0);

        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(archiveRows(harness))
                .singleElement()
                .satisfies(
                        row -> {
                            assertThat(row.kind()).isEqualTo(ArchiveKind.DECISION);
                            assertThat(row.payloadJson())
                                    .contains("\"suppress\":true")
                                    .contains("\"routes\":[]");
                        });
    }

    @Test
    void announcesAlertsThatCanInhibitOthers() throws Exception {
        harness.processElement(
                handled(
                        firing("DbDown")
                                .label("severity", "critical")
                                .label("cluster", "eu")
                                .at(T0)),
                T0);
        harness.processElement(handled(firing("Latency").label("severity", "warning").at(T0)), T0);

        List<GroupControl> sources =
                harness.getSideOutput(RouteAlertFunction.INHIBITION_SOURCES).stream()
                        .map(StreamRecord::getValue)
                        .toList();
        assertThat(sources).hasSize(1);
        assertThat(sources.get(0).source().labels()).containsEntry("alertname", "DbDown");
        assertThat(sources.get(0).source().firing()).isTrue();
    }

    private static HandledAlert withDecision(
            HandledAlert h, String routeId, boolean suppress, Map<String, String> added) {
        HandlerDecision d = h.decision();
        return new HandledAlert(
                h.alert(),
                h.verdict(),
                h.repeatCount(),
                h.romRouteId(),
                h.romSha256(),
                h.cycles(),
                h.faultKind(),
                h.faultDetail(),
                new HandlerDecision(
                        d.severity(),
                        routeId,
                        suppress,
                        d.escalationPolicyId(),
                        d.summary(),
                        added,
                        d.truncated()),
                h.previousEventTime(),
                h.lateByMillis(),
                h.endedBy(),
                h.routeIds());
    }

    private static HandledAlert matchedByDedup(HandledAlert h, List<String> routeIds) {
        return new HandledAlert(
                h.alert(),
                h.verdict(),
                h.repeatCount(),
                h.romRouteId(),
                h.romSha256(),
                h.cycles(),
                h.faultKind(),
                h.faultDetail(),
                h.decision(),
                h.previousEventTime(),
                h.lateByMillis(),
                h.endedBy(),
                routeIds);
    }
}
