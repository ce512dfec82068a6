package dev.pagerboy.streaming.routing;

import static dev.pagerboy.streaming.routing.RoutingFixtures.labels;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.records.LabelMatcher;
import dev.pagerboy.streaming.records.Silence;
import java.util.List;
import org.junit.jupiter.api.Test;

class SilenceRuleTest {

    private final SilenceRule maintenance =
            SilenceRule.of(
                    new Silence(
                            "m1",
                            List.of(
                                    new LabelMatcher("team", "=", "db"),
                                    new LabelMatcher("env", "=~", "staging|dev")),
                            1_000L,
                            2_000L,
                            "alice",
                            "rebuild",
                            0L));

    @Test
    void mutesMatchingAlertsInsideItsTimeRange() {
        assertThat(maintenance.matches(labels("team", "db", "env", "dev"), 1_000L)).isTrue();
        assertThat(maintenance.matches(labels("team", "db", "env", "staging"), 1_999L)).isTrue();
    }

    @Test
    void timeRangeIsStartInclusiveEndExclusive() {
        assertThat(maintenance.matches(labels("team", "db", "env", "dev"), 999L)).isFalse();
        assertThat(maintenance.matches(labels("team", "db", "env", "dev"), 2_000L)).isFalse();
    }

    @Test
    void everyMatcherMustMatch() {
        assertThat(maintenance.matches(labels("team", "db", "env", "prod"), 1_500L)).isFalse();
        assertThat(maintenance.matches(labels("team", "web", "env", "dev"), 1_500L)).isFalse();
        assertThat(maintenance.matches(labels("team", "db"), 1_500L)).isFalse();
    }
}
