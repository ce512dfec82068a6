package dev.pagerboy.streaming.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.alerts.Rfc3339;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnCallCliTest {

    static final String CONFIG =
            PagerBoyConfigTest.BASE
                    + """
                    schedules:
                      - name: db-primary
                        time_zone: Europe/Berlin
                        layers:
                          - name: round-the-clock
                            starts_at: 2026-03-23T09:00:00+01:00
                            rotation: 1d
                            participants: [alice, bob]
                          - name: business-hours
                            starts_at: 2026-03-23T09:00:00+01:00
                            rotation: 7d
                            participants: [carol]
                            restrictions:
                              - days: [mon, tue, wed, thu, fri]
                                from: "10:00"
                                to: "17:00"
                        overrides:
                          - engineer: erin
                            starts_at: 2026-03-28T12:00:00+01:00
                            ends_at: 2026-03-28T14:00:00+01:00
                    """;

    /** A fixed "now" for the tests: Friday 2026-03-27 12:00 in Berlin. */
    static final long NOW = Rfc3339.parse("2026-03-27T11:00:00Z");

    @TempDir Path dir;
    Path config;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void writeConfig() throws IOException {
        config = dir.resolve("pagerboy.yaml");
        Files.writeString(config, CONFIG, StandardCharsets.UTF_8);
    }

    private int run(String... args) {
        return OnCallCli.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                NOW);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsTheOptions() {
        assertThat(run("--help")).isEqualTo(0);
        assertThat(out()).contains("--config", "--schedule", "--at", "--next", "Exit status");
    }

    @Test
    void unknownFlagExitsTwoNamingIt() {
        assertThat(run("--config", config.toString(), "--schedule", "db-primary", "--bogus"))
                .isEqualTo(2);
        assertThat(err()).contains("--bogus");
    }

    @Test
    void unknownFlagAloneIsNamedRatherThanTheMissingOptions() {
        assertThat(run("--bogus")).isEqualTo(2);
        assertThat(err()).contains("Unknown option: '--bogus'");
    }

    @Test
    void missingScheduleExitsTwoNamingIt() {
        assertThat(run("--config", config.toString())).isEqualTo(2);
        assertThat(err()).contains("Missing required option: '--schedule=NAME'");
    }

    @Test
    void badTimeExitsTwoNamingTheOption() {
        assertThat(run("--config", config.toString(), "--schedule", "db-primary", "--at", "soon"))
                .isEqualTo(2);
        assertThat(err()).contains("--at").contains("RFC 3339");
    }

    @Test
    void unknownScheduleExitsTwoListingTheKnownOnes() {
        assertThat(run("--config", config.toString(), "--schedule", "web")).isEqualTo(2);
        assertThat(err()).contains("--schedule", "\"web\"", "db-primary");
    }

    @Test
    void invalidConfigExitsOneWithItsFileAndLine() throws IOException {
        Files.writeString(
                config, CONFIG.replace("rotation: 7d", "rotation: 0"), StandardCharsets.UTF_8);
        assertThat(run("--config", config.toString(), "--schedule", "db-primary")).isEqualTo(1);
        assertThat(err()).contains(config + ":20: schedules[0].layers[1].rotation:");
    }

    @Test
    void answersForNowByDefault() {
        assertThat(run("--config", config.toString(), "--schedule", "db-primary")).isEqualTo(0);
        assertThat(out())
                .isEqualTo(
                        "db-primary (Europe/Berlin) at 2026-03-27T12:00:00+01:00: carol (layer"
                                + " business-hours)\n");
    }

    @Test
    void listsEveryHandoffInTheWindowAcrossTheSpringForward() {
        int status =
                run(
                        "--config",
                        config.toString(),
                        "--schedule",
                        "db-primary",
                        "--at",
                        "2026-03-27T16:00:00Z",
                        "--next",
                        "3d");
        assertThat(status).as(err()).isEqualTo(0);
        assertThat(out())
                .isEqualTo(
                        """
                        db-primary (Europe/Berlin) at 2026-03-27T17:00:00+01:00: alice (layer round-the-clock)

                        START                      END                        ENGINEER  LAYER
                        2026-03-27T17:00:00+01:00  2026-03-28T09:00:00+01:00  alice     round-the-clock
                        2026-03-28T09:00:00+01:00  2026-03-28T12:00:00+01:00  bob       round-the-clock
                        2026-03-28T12:00:00+01:00  2026-03-28T14:00:00+01:00  erin      override
                        2026-03-28T14:00:00+01:00  2026-03-29T09:00:00+02:00  bob       round-the-clock
                        2026-03-29T09:00:00+02:00  2026-03-30T09:00:00+02:00  alice     round-the-clock
                        2026-03-30T09:00:00+02:00  2026-03-30T10:00:00+02:00  bob       round-the-clock
                        2026-03-30T10:00:00+02:00  2026-03-30T17:00:00+02:00  carol     business-hours
                        2026-03-30T17:00:00+02:00  2026-03-30T18:00:00+02:00  bob       round-the-clock
                        """);
    }
}
