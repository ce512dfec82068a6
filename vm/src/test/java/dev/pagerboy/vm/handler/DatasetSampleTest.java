package dev.pagerboy.vm.handler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The library handlers on the shipped sample stream (datasets/samples: 7,666 Alertmanager messages
 * of real alarm timing), in order, with each fingerprint's state carried from alert to alert as the
 * streaming job does.
 */
class DatasetSampleTest {

    private static List<HandlerInput> alerts;

    @BeforeAll
    static void readSample() throws IOException {
        Path sample =
                Path.of(
                        System.getProperty("pagerboy.root"),
                        "datasets",
                        "samples",
                        "pcic2021-3w.alertmanager.jsonl.gz");
        alerts = new ArrayList<>();
        try (BufferedReader in =
                new BufferedReader(
                        new InputStreamReader(
                                new GZIPInputStream(Files.newInputStream(sample)),
                                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                alerts.addAll(AlertJson.parseLine(line));
            }
        }
        assertThat(alerts).hasSize(7666);
    }

    /** Runs a handler over the stream; returns the results in order. */
    private static List<HandlerResult> runAll(String handler) {
        HandlerRuntime runtime = new HandlerRuntime(HandlerRom.library(handler));
        Map<String, byte[]> states = new HashMap<>();
        List<HandlerResult> results = new ArrayList<>();
        for (HandlerInput alert : alerts) {
            HandlerResult r = runtime.run(alert, states.get(alert.fingerprintHex()));
            assertThat(r.fault()).as("%s on %s", handler, alert.alertname()).isNull();
            states.put(alert.fingerprintHex(), r.newState());
            results.add(r);
        }
        return results;
    }

    @Test
    void severityKeepsTheRulesSeverities() {
        List<HandlerResult> results = runAll("severity");
        for (int i = 0; i < alerts.size(); i++) {
            assertThat(results.get(i).decision().severity())
                    .isEqualTo(alerts.get(i).labels().get("severity"));
        }
    }

    @Test
    void routeByLabelRoutesEveryTeam() {
        Map<String, Integer> byTeam =
                Map.of(
                        "runtimes",
                        30,
                        "orchestrators",
                        20,
                        "ci-cd",
                        60,
                        "data-engineering",
                        10,
                        "cloud-providers",
                        40,
                        "message-brokers",
                        70,
                        "observability",
                        50,
                        "kubernetes",
                        20,
                        "network-and-security",
                        80);
        List<HandlerResult> results = runAll("route-by-label");
        int truncated = 0;
        for (int i = 0; i < alerts.size(); i++) {
            HandlerInput in = alerts.get(i);
            Decision d = results.get(i).decision();
            String team = in.labels().get("team");
            if (team.length() > 31) {
                // proxies-load-balancers-and-service-meshes: cut to 31 bytes, flagged, routed by
                // service.
                assertThat(d.truncated()).isTrue();
                assertThat(d.routeId())
                        .as(in.labels().toString())
                        .isEqualTo(in.labels().get("service").equals("haproxy") ? 30 : 1);
                truncated++;
            } else {
                assertThat(d.routeId()).as(team).isEqualTo(byTeam.get(team));
            }
        }
        assertThat(truncated).isEqualTo(354);
    }

    /** Whether some field of the alert is longer than its ABI slot. */
    private static boolean needsCutting(HandlerInput in) {
        boolean labels =
                in.labels().entrySet().stream()
                        .anyMatch(e -> utf8(e.getKey()) > 15 || utf8(e.getValue()) > 31);
        return labels
                || in.labels().size() > 16
                || utf8(in.alertname()) > 31
                || utf8(in.severity()) > 15
                || utf8(in.summary()) > 127;
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void flapDetectorFindsTheFlappingFingerprints() {
        List<HandlerResult> results = runAll("flap-detector");
        // Reference: a fingerprint is flapping when its last three firing episodes started within
        // an hour of each other (recomputed here in Java from the same stream).
        Map<String, List<Long>> episodes = new HashMap<>();
        int flagged = 0;
        for (int i = 0; i < alerts.size(); i++) {
            HandlerInput in = alerts.get(i);
            List<Long> starts =
                    episodes.computeIfAbsent(in.fingerprintHex(), k -> new ArrayList<>());
            long start = in.startsAtEpochMillis() / 1000;
            if (in.status().equals("firing")
                    && (starts.isEmpty() || starts.get(starts.size() - 1) != start)) {
                starts.add(start);
            }
            boolean expected =
                    starts.size() >= 3
                            && start - starts.get(starts.size() - 3) >= 0
                            && start - starts.get(starts.size() - 3) <= 3600;
            assertThat(results.get(i).decision().addedLabels().containsKey("flapping"))
                    .as("alert %d %s", i, in.alertname())
                    .isEqualTo(expected);
            flagged += expected ? 1 : 0;
        }
        assertThat(flagged).as("flapping alerts in three weeks of real alarms").isGreaterThan(0);
    }

    @Test
    void stormThrottleAndBusinessHoursNeverTouchCriticalAlerts() {
        List<HandlerResult> storm = runAll("storm-throttle");
        List<HandlerResult> hours = runAll("business-hours");
        int downgraded = 0;
        for (int i = 0; i < alerts.size(); i++) {
            if (alerts.get(i).severity().equals("critical")) {
                assertThat(storm.get(i).decision().suppress()).isFalse();
                assertThat(hours.get(i).decision().severity()).isEqualTo("critical");
            }
            downgraded +=
                    hours.get(i).decision().addedLabels().containsKey("business_hours") ? 1 : 0;
        }
        assertThat(downgraded).isGreaterThan(0).isLessThan(alerts.size());
    }
}
