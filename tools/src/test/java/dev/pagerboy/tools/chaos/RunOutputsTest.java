package dev.pagerboy.tools.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** R4 sets aside the pages of the hostile alerts the job accepts by design, and nothing else. */
class RunOutputsTest {

    private static String page(String... alertnames) {
        return pageOf(
                alertnames[0].equals("Hostile") ? "0123456789abcdef-1" : "fedcba9876543210-2",
                alertnames);
    }

    private static String pageOf(String incident, String... alertnames) {
        StringBuilder alerts = new StringBuilder();
        for (String name : alertnames) {
            alerts.append(alerts.length() == 0 ? "" : ",")
                    .append("{\"labels\":{\"alertname\":\"")
                    .append(name)
                    .append("\",\"instance\":\"x\"}}");
        }
        return "{\"idempotencyKey\":\"k\",\"incidentId\":\""
                + incident
                + "\",\"alerts\":["
                + alerts
                + "]}";
    }

    @Test
    void setsAsideOnlyPagesWhoseEveryAlertHasTheName() {
        RunOutputs outputs =
                new RunOutputs(
                        Map.of(
                                "hostile", List.of(page("Hostile"), page("Hostile", "Hostile")),
                                "mixed", List.of(page("Hostile", "DiskFull")),
                                "real", List.of(page("DiskFull"), page("DiskFull")),
                                "odd", List.of("not json", "{\"alerts\":[]}")),
                        Map.of(
                                "0123456789abcdef-1/1", List.of("{}"),
                                "fedcba9876543210-2/1", List.of("{}")),
                        Map.of(),
                        Map.of(),
                        0,
                        Map.of(),
                        Map.of());

        RunOutputs kept = outputs.withoutPagesOnlyFor("Hostile");

        assertThat(kept.notifications()).containsOnlyKeys("mixed", "real", "odd");
        // Duplicates of a real page stay, so the books still see them.
        assertThat(kept.notifications().get("real")).hasSize(2);
        assertThat(kept.notificationCount()).isEqualTo(5);
        assertThat(outputs.notificationCount() - kept.notificationCount()).isEqualTo(2);
        // The incident the hostile pages opened goes with them; the others stay.
        assertThat(kept.incidents()).containsOnlyKeys("fedcba9876543210-2/1");
    }
}
