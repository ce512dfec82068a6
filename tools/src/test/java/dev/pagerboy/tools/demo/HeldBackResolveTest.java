package dev.pagerboy.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.datasets.Envelope;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeldBackResolveTest {

    static Envelope am(long ts, String fp, String status) {
        return am(ts, fp, status, "warning");
    }

    static Envelope am(long ts, String fp, String status, String severity) {
        return Envelope.json(
                ts,
                fp,
                Envelope.ALERTS,
                "{\"version\":\"4\",\"status\":\""
                        + status
                        + "\",\"alerts\":[{\"status\":\""
                        + status
                        + "\",\"labels\":{\"severity\":\""
                        + severity
                        + "\"},\"fingerprint\":\""
                        + fp
                        + "\"}]}");
    }

    static Envelope pd(long ts, String key, String action, String severity) {
        return Envelope.json(
                ts,
                key,
                Envelope.ALERTS,
                "{\"routing_key\":\"r\",\"event_action\":\""
                        + action
                        + "\",\"dedup_key\":\""
                        + key
                        + "\""
                        + (severity.isEmpty()
                                ? ""
                                : ",\"payload\":{\"severity\":\"" + severity + "\"}")
                        + "}");
    }

    @Test
    void prefersACriticalAlertWhichTheShippedRoutingPages() {
        List<Envelope> dataset =
                List.of(
                        am(1, "aaaa", "firing", "critical"),
                        am(2, "bbbb", "firing"),
                        am(3, "aaaa", "resolved", "critical"),
                        am(4, "bbbb", "resolved"));
        assertThat(HeldBackResolve.lastOf(dataset).orElseThrow().fingerprint()).isEqualTo("aaaa");
    }

    @Test
    void holdsBackTheLastResolveOfAnAlertThatFired() {
        List<Envelope> dataset =
                List.of(
                        am(1, "aaaa", "firing"),
                        am(2, "bbbb", "firing"),
                        am(3, "aaaa", "resolved"),
                        am(4, "bbbb", "resolved"),
                        // resolves an alert the dataset never saw firing: not a candidate
                        am(5, "cccc", "resolved"));
        HeldBackResolve held = HeldBackResolve.lastOf(dataset).orElseThrow();
        assertThat(held.fingerprint()).isEqualTo("bbbb");
        assertThat(held.record()).isEqualTo(dataset.get(3));
        assertThat(held.rest())
                .containsExactly(dataset.get(0), dataset.get(1), dataset.get(2), dataset.get(4));
    }

    @Test
    void readsPagerDutyEvents() {
        List<Envelope> dataset =
                List.of(
                        pd(1, "k1", "trigger", "critical"),
                        pd(2, "k2", "trigger", "warning"),
                        pd(3, "k1", "resolve", ""),
                        pd(4, "k2", "resolve", ""),
                        pd(5, "k3", "trigger", "critical"));
        // A resolve carries no severity: k1's trigger made it the critical one.
        assertThat(HeldBackResolve.lastOf(dataset).orElseThrow().record())
                .isEqualTo(dataset.get(2));
    }

    @Test
    void holdsNothingBackWhenNoFiredAlertResolves() {
        assertThat(
                        HeldBackResolve.lastOf(
                                List.of(am(1, "aaaa", "firing"), am(2, "bbbb", "resolved"))))
                .isEmpty();
        assertThat(HeldBackResolve.lastOf(List.of())).isEmpty();
    }
}
