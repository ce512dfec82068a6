package dev.pagerboy.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.config.AlertLifecycle;
import dev.pagerboy.streaming.config.PagerBoyConfig;
import dev.pagerboy.streaming.incidents.IncidentIds;
import dev.pagerboy.streaming.records.Alert;
import dev.pagerboy.streaming.routing.MatchedRoute;
import dev.pagerboy.streaming.routing.RouteTree;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The first incidents of groups under {@code bench.yaml} (one alert per group, group_wait 0s). */
class FirstIncidentsTest {

    private final RouteTree routes = benchRoutes();

    private long offset;

    @Test
    void aGroupIsOpenedAtItsFirstFiringAlert() throws Exception {
        FirstIncidents incidents = new FirstIncidents(AlertLifecycle.DEFAULTS);
        feed(incidents, alert("a", Alert.RESOLVED, 500, 0)); // a resolve opens no group
        feed(incidents, alert("a", Alert.FIRING, 1_000, 0));
        feed(incidents, alert("a", Alert.RESOLVED, 1_001, 0)); // after the first flush
        feed(incidents, alert("a", Alert.FIRING, 2_000, 0)); // a later incident: not predicted

        List<FirstIncidents.Opened> opened = incidents.opened(5_000);

        assertThat(opened).hasSize(1);
        assertThat(opened.get(0).bornAt()).isEqualTo(1_000);
        assertThat(opened.get(0).openedAt()).isEqualTo(1_000);
        assertThat(opened.get(0).incidentId()).isEqualTo(idOf("a", 1_000));
    }

    /**
     * The case the benchmark's squeezed input is full of: fired and resolved in the millisecond of
     * the group's first flush. That flush notifies nothing and deletes the group; the next firing
     * gives birth to the group that opens the first incident.
     */
    @Test
    void aGroupWhoseAlertEndedByItsFirstFlushOpensNoIncidentAndTheNextBirthDoes() throws Exception {
        FirstIncidents incidents = new FirstIncidents(AlertLifecycle.DEFAULTS);
        feed(incidents, alert("a", Alert.FIRING, 1_000, 0));
        feed(incidents, alert("a", Alert.RESOLVED, 1_000, 0));
        feed(incidents, alert("b", Alert.FIRING, 1_500, 0));
        feed(incidents, alert("b", Alert.RESOLVED, 1_500, 0));
        feed(incidents, alert("a", Alert.FIRING, 3_000, 0));

        List<FirstIncidents.Opened> opened = incidents.opened(5_000);

        assertThat(opened)
                .extracting(FirstIncidents.Opened::incidentId)
                .containsExactly(idOf("a", 3_000));
    }

    @Test
    void aRecordDeliveredTwiceCountsOnceAsDedupDropsIt() throws Exception {
        FirstIncidents incidents = new FirstIncidents(AlertLifecycle.DEFAULTS);
        Alert firing = alert("a", Alert.FIRING, 1_000, 0);
        incidents.alert(withId(firing, "e1"), routes.match(firing.labels()));
        Alert resolved = alert("a", Alert.RESOLVED, 1_000, 0);
        incidents.alert(withId(resolved, "e2"), routes.match(resolved.labels()));
        incidents.alert(withId(firing, "e1"), routes.match(firing.labels())); // re-delivered

        assertThat(incidents.opened(5_000)).isEmpty();
    }

    @Test
    void anAlertPastItsOwnEndByTheFirstFlushOpensNoIncident() throws Exception {
        FirstIncidents incidents = new FirstIncidents(AlertLifecycle.DEFAULTS);
        feed(incidents, alert("a", Alert.FIRING, 1_000, 1_000)); // endsAt = its own time
        feed(incidents, alert("b", Alert.FIRING, 1_000, 1_001));

        assertThat(incidents.opened(5_000))
                .extracting(FirstIncidents.Opened::incidentId)
                .containsExactly(idOf("b", 1_000));
    }

    @Test
    void aFirstFlushAfterTheInputsEndOpensNothing() throws Exception {
        FirstIncidents incidents = new FirstIncidents(AlertLifecycle.DEFAULTS);
        feed(incidents, alert("a", Alert.FIRING, 1_000, 0));
        feed(incidents, alert("b", Alert.FIRING, 6_000, 0));

        assertThat(incidents.opened(5_000))
                .extracting(FirstIncidents.Opened::incidentId)
                .containsExactly(idOf("a", 1_000));
    }

    private static RouteTree benchRoutes() {
        try {
            return PagerBoyConfig.load(
                            Path.of(System.getProperty("pagerboy.root", ".."))
                                    .resolve("streaming-job/config/bench.yaml"))
                    .routes();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void feed(FirstIncidents incidents, Alert alert) {
        incidents.alert(alert, routes.match(alert.labels()));
    }

    private String idOf(String name, long bornAt) {
        Map<String, String> labels = labels(name);
        MatchedRoute route = routes.match(labels).get(0);
        return IncidentIds.ofGroup(route.id(), RouteTree.groupKey(route, labels), bornAt);
    }

    private Alert alert(String name, String status, long time, long endsAt) {
        return new Alert(
                "fp-" + name,
                status,
                labels(name),
                Map.of(),
                time,
                endsAt,
                time,
                "alertmanager",
                null,
                "alerts/0/" + offset++);
    }

    private static Alert withId(Alert a, String eventId) {
        return new Alert(
                a.fingerprint(),
                a.status(),
                a.labels(),
                a.annotations(),
                a.startsAt(),
                a.endsAt(),
                a.eventTime(),
                a.format(),
                eventId,
                a.sourceRef());
    }

    private static Map<String, String> labels(String name) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("alertname", name);
        labels.put("severity", "page");
        return labels;
    }
}
