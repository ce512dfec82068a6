package dev.pagerboy.vm.handler;

import static dev.pagerboy.vm.handler.TestAlerts.SATURDAY_NIGHT;
import static dev.pagerboy.vm.handler.TestAlerts.T0;
import static dev.pagerboy.vm.handler.TestAlerts.alert;
import static dev.pagerboy.vm.handler.TestAlerts.firing;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The five library handlers, through {@link HandlerRuntime}, on the alerts of the real
 * kube-prometheus alerting rules (label sets as the rules define them, plus the job their
 * expression selects) and on hand-made alerts shaped like them for the edge cases.
 */
class LibraryHandlersTest {

    private static HandlerResult run(String handler, HandlerInput alert) {
        return run(handler, alert, null);
    }

    private static HandlerResult run(String handler, HandlerInput alert, byte[] state) {
        HandlerResult result = new HandlerRuntime(HandlerRom.library(handler)).run(alert, state);
        assertThat(result.fault()).as("%s on %s", handler, alert.alertname()).isNull();
        return result;
    }

    // ---- severity --------------------------------------------------------------------------

    @Test
    void severityNormalisesEveryRealRule() throws Exception {
        List<TestAlerts.RuleAlert> alerts = TestAlerts.kubePrometheusAlerts();
        assertThat(alerts).hasSizeGreaterThan(100);
        Map<String, String> expected =
                Map.of(
                        "critical",
                        "critical",
                        "warning",
                        "warning",
                        "info",
                        "info",
                        "none",
                        "info");
        HandlerRuntime runtime = new HandlerRuntime(HandlerRom.library("severity"));
        for (TestAlerts.RuleAlert a : alerts) {
            HandlerResult result = runtime.run(a.input(), null);
            assertThat(result.fault()).isNull();
            assertThat(result.decision().severity())
                    .as(a.rule())
                    .isEqualTo(expected.get(a.ruleSeverity()));
            assertThat(result.decision().addedLabels()).as(a.rule()).isEmpty();
        }
    }

    @Test
    void severityUnderstandsOtherVocabulariesAndSaysWhatItDidNotKnow() {
        assertThat(
                        run("severity", firing("DiskFull", Map.of("priority", "P1")))
                                .decision()
                                .severity())
                .isEqualTo("critical");
        assertThat(
                        run("severity", firing("DiskFull", Map.of("level", "WARN")))
                                .decision()
                                .severity())
                .isEqualTo("warning");
        assertThat(
                        run(
                                        "severity",
                                        firing(
                                                "DiskFull",
                                                Map.of("severity", "Major", "level", "info")))
                                .decision()
                                .severity())
                .isEqualTo("error");
        HandlerResult odd = run("severity", firing("DiskFull", Map.of("severity", "sev-7")));
        assertThat(odd.decision().severity()).isEqualTo("warning");
        assertThat(odd.decision().addedLabels()).containsEntry("severity_raw", "sev-7");
        HandlerResult none = run("severity", firing("DiskFull", Map.of("team", "web")));
        assertThat(none.decision().addedLabels()).containsEntry("severity_source", "missing");
    }

    // ---- route-by-label --------------------------------------------------------------------

    @Test
    void routeByLabelRoutesEveryRealRuleByItsJob() throws Exception {
        Map<String, Integer> byJob =
                Map.of(
                        "node-exporter",
                        20,
                        "kubelet",
                        20,
                        "apiserver",
                        20,
                        "prometheus",
                        50,
                        "alertmanager",
                        50);
        HandlerRuntime runtime = new HandlerRuntime(HandlerRom.library("route-by-label"));
        int routed = 0;
        for (TestAlerts.RuleAlert a : TestAlerts.kubePrometheusAlerts()) {
            HandlerResult result = runtime.run(a.input(), null);
            assertThat(result.fault()).isNull();
            int expected = a.job() == null ? 1 : byJob.getOrDefault(a.job(), 1);
            assertThat(result.decision().routeId())
                    .as(a.rule() + " job=" + a.job())
                    .isEqualTo(expected);
            routed += expected != 1 ? 1 : 0;
        }
        assertThat(routed).as("alerts routed to a team").isGreaterThan(30);
    }

    @Test
    void routeByLabelHonoursKeyPriorityAndTheDefault() {
        HandlerInput both =
                firing(
                        "RabbitmqDown",
                        Map.of("team", "message-brokers", "service", "postgres", "job", "kubelet"));
        HandlerResult result = run("route-by-label", both);
        assertThat(result.decision().routeId()).isEqualTo(70); // team wins over service and job
        assertThat(result.decision().escalationPolicyId()).isEqualTo(2);
        HandlerResult service =
                run(
                        "route-by-label",
                        firing("PostgresDown", Map.of("team", "unknown", "service", "postgres")));
        assertThat(service.decision().routeId())
                .isEqualTo(10); // unknown team falls through to service
        HandlerResult nothing =
                run("route-by-label", firing("Watchdog", Map.of("severity", "none")));
        assertThat(nothing.decision().routeId()).isEqualTo(1);
        assertThat(nothing.decision().escalationPolicyId()).isEqualTo(1);
    }

    // ---- flap-detector ---------------------------------------------------------------------

    @Test
    void flapDetectorMarksTheThirdEpisodeWithinAnHour() {
        Map<String, String> labels =
                Map.of("severity", "warning", "job", "node-exporter", "instance", "db-1:9100");
        byte[] state = null;
        String[] marks = new String[5];
        Instant[] starts = {
            T0, T0, T0.plusSeconds(600), T0.plusSeconds(1200), T0.plusSeconds(9000)
        };
        String[] status = {"firing", "resolved", "firing", "firing", "firing"};
        for (int i = 0; i < starts.length; i++) {
            HandlerResult r =
                    run(
                            "flap-detector",
                            alert(status[i], "NodeNetworkInterfaceFlapping", labels, starts[i], 0),
                            state);
            state = r.newState();
            marks[i] = r.decision().addedLabels().get("flapping");
        }
        // Episodes start at T0, T0+10min, T0+20min: the third within an hour is flapping; the
        // fourth
        // (2.5 h later) compares with T0+10min, outside the window.
        assertThat(marks).containsExactly(null, null, null, "true", null);
        assertThat(state[0]).isEqualTo((byte) 3);
    }

    @Test
    void flapDetectorIgnoresRepeatsOfOneEpisode() {
        Map<String, String> labels = Map.of("severity", "warning");
        byte[] state = null;
        for (int repeat = 0; repeat < 5; repeat++) {
            HandlerResult r =
                    run(
                            "flap-detector",
                            alert("firing", "KubePodCrashLooping", labels, T0, repeat),
                            state);
            state = r.newState();
            assertThat(r.decision().addedLabels()).isEmpty();
        }
        assertThat(state[0]).isEqualTo((byte) 1);
    }

    // ---- storm-throttle --------------------------------------------------------------------

    @Test
    void stormThrottleSuppressesNonCriticalRepeatsButRemindsEverySixteenth() {
        Map<String, String> labels = Map.of("severity", "warning", "job", "kubelet");
        byte[] state = null;
        int suppressed = 0;
        for (int repeat = 0; repeat <= 32; repeat++) {
            HandlerResult r =
                    run(
                            "storm-throttle",
                            alert("firing", "KubeletTooManyPods", labels, T0, repeat),
                            state);
            state = r.newState();
            boolean expectSuppressed = repeat >= 3 && repeat % 16 != 0;
            assertThat(r.decision().suppress()).as("repeat %d", repeat).isEqualTo(expectSuppressed);
            if (expectSuppressed) {
                suppressed++;
            }
            if (repeat == 16 || repeat == 32) {
                assertThat(r.decision().addedLabels())
                        .containsEntry("storm", "throttled")
                        .containsEntry("suppressed", String.valueOf(suppressed));
                suppressed = 0;
            }
        }
    }

    @Test
    void stormThrottleNeverSuppressesCriticalOrResolved() {
        assertThat(
                        run(
                                        "storm-throttle",
                                        alert(
                                                "firing",
                                                "KubeAPIDown",
                                                Map.of("severity", "critical"),
                                                T0,
                                                7))
                                .decision()
                                .suppress())
                .isFalse();
        assertThat(
                        run(
                                        "storm-throttle",
                                        alert(
                                                "resolved",
                                                "KubeletTooManyPods",
                                                Map.of("severity", "warning"),
                                                T0,
                                                7))
                                .decision()
                                .suppress())
                .isFalse();
    }

    // ---- business-hours --------------------------------------------------------------------

    @Test
    void businessHoursDowngradesByTheAlertsOwnTimestamp() {
        Map<String, String> warning = Map.of("severity", "warning", "job", "node-exporter");
        // T0 is Wednesday 10:15 UTC = 11:15 CET: inside.
        HandlerResult inside =
                run("business-hours", alert("firing", "NodeClockSkewDetected", warning, T0, 0));
        assertThat(inside.decision().severity()).isEqualTo("warning");
        assertThat(inside.decision().addedLabels()).isEmpty();
        // Saturday 23:30 UTC = Sunday 00:30 CET: outside.
        HandlerResult weekend =
                run(
                        "business-hours",
                        alert("firing", "NodeClockSkewDetected", warning, SATURDAY_NIGHT, 0));
        assertThat(weekend.decision().severity()).isEqualTo("info");
        assertThat(weekend.decision().addedLabels()).containsEntry("business_hours", "outside");
        // Wednesday 17:30 UTC = 18:30 CET: after closing.
        HandlerResult evening =
                run(
                        "business-hours",
                        alert(
                                "firing",
                                "NodeClockSkewDetected",
                                warning,
                                Instant.parse("2026-11-25T17:30:00Z"),
                                0));
        assertThat(evening.decision().severity()).isEqualTo("info");
        // Friday 23:30 UTC = Saturday 00:30 CET: the day rolls over with the offset.
        HandlerResult friday =
                run(
                        "business-hours",
                        alert(
                                "firing",
                                "NodeClockSkewDetected",
                                warning,
                                Instant.parse("2026-11-27T23:30:00Z"),
                                0));
        assertThat(friday.decision().severity()).isEqualTo("info");
        // Critical alerts always page.
        HandlerResult critical =
                run(
                        "business-hours",
                        alert(
                                "firing",
                                "NodeFilesystemAlmostOutOfSpace",
                                Map.of("severity", "critical"),
                                SATURDAY_NIGHT,
                                0));
        assertThat(critical.decision().severity()).isEqualTo("critical");
    }

    @Test
    void everyLibraryHandlerRunsEveryRealRuleWithoutFault() throws Exception {
        for (String name : HandlerRom.LIBRARY) {
            HandlerRuntime runtime = new HandlerRuntime(HandlerRom.library(name));
            for (TestAlerts.RuleAlert a : TestAlerts.kubePrometheusAlerts()) {
                HandlerResult r = runtime.run(a.input(), null);
                assertThat(r.fault()).as(name + " on " + a.rule()).isNull();
                assertThat(r.cycles()).isLessThan(HandlerAbi.DEFAULT_CYCLE_BUDGET / 10);
            }
        }
    }
}
