package dev.pagerboy.streaming.routing;

import static dev.pagerboy.streaming.routing.RoutingFixtures.labels;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Alertmanager's documented inhibit semantics (docs/configuration.md, inhibit.go). */
class InhibitRuleTest {

    /** The documentation's example: critical mutes warning for the same alertname and cluster. */
    private final InhibitRule criticalMutesWarning =
            new InhibitRule(
                    List.of(Matcher.parse("severity=\"critical\"")),
                    List.of(Matcher.parse("severity=\"warning\"")),
                    List.of("alertname", "cluster"));

    @Test
    void sourceMutesTargetWithEqualLabels() {
        assertThat(
                        criticalMutesWarning.inhibits(
                                labels(
                                        "alertname",
                                        "HighLatency",
                                        "cluster",
                                        "eu",
                                        "severity",
                                        "critical"),
                                labels(
                                        "alertname",
                                        "HighLatency",
                                        "cluster",
                                        "eu",
                                        "severity",
                                        "warning")))
                .isTrue();
    }

    @Test
    void differingEqualLabelPreventsInhibition() {
        assertThat(
                        criticalMutesWarning.inhibits(
                                labels(
                                        "alertname",
                                        "HighLatency",
                                        "cluster",
                                        "eu",
                                        "severity",
                                        "critical"),
                                labels(
                                        "alertname",
                                        "HighLatency",
                                        "cluster",
                                        "us",
                                        "severity",
                                        "warning")))
                .isFalse();
    }

    @Test
    void labelMissingOnBothSidesCountsAsEqual() {
        assertThat(
                        criticalMutesWarning.inhibits(
                                labels("alertname", "A", "severity", "critical"),
                                labels("alertname", "A", "severity", "warning")))
                .isTrue();
        assertThat(
                        criticalMutesWarning.inhibits(
                                labels("alertname", "A", "severity", "critical"),
                                labels("alertname", "A", "cluster", "eu", "severity", "warning")))
                .isFalse();
    }

    @Test
    void nonMatchingSourceOrTargetDoesNotInhibit() {
        assertThat(
                        criticalMutesWarning.inhibits(
                                labels("severity", "warning"), labels("severity", "warning")))
                .isFalse();
        assertThat(
                        criticalMutesWarning.inhibits(
                                labels("severity", "critical"), labels("severity", "info")))
                .isFalse();
    }

    @Test
    void alertsMatchingBothSidesCannotInhibitEachOther() {
        InhibitRule anyMutesAny =
                new InhibitRule(
                        List.of(Matcher.parse("team=\"db\"")),
                        List.of(Matcher.parse("team=\"db\"")),
                        List.of("team"));
        assertThat(
                        anyMutesAny.inhibits(
                                labels("team", "db", "i", "1"), labels("team", "db", "i", "2")))
                .isFalse();
        assertThat(anyMutesAny.inhibits(labels("team", "db"), labels("team", "db"))).isFalse();
    }
}
