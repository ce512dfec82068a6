package dev.pagerboy.streaming.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.alerts.Rfc3339;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code schedules:} section: both forms, and one error per rule with its file and line. */
class OnCallReaderTest {

    @TempDir Path dir;

    private Path write(String schedules) throws IOException {
        Path file = dir.resolve("pagerboy.yaml");
        Files.writeString(file, PagerBoyConfigTest.BASE + schedules, StandardCharsets.UTF_8);
        return file;
    }

    private OnCallSchedule load(String schedules) throws Exception {
        return PagerBoyConfig.load(write(schedules)).schedules().values().iterator().next();
    }

    /**
     * Loads, expecting failure at {@code line} (of the whole file) for {@code key}; the problem.
     */
    private String error(String schedules, int line, String key) throws IOException {
        Path file = write(schedules);
        try {
            PagerBoyConfig.load(file);
        } catch (ConfigException e) {
            assertThat(e.getMessage())
                    .isEqualTo(file + ":" + line + ": " + key + ": " + e.problem());
            return e.problem();
        }
        throw new AssertionError("expected a ConfigException for:\n" + schedules);
    }

    // BASE has 9 lines; "schedules:" is line 10.
    static final String FLAT =
            """
            schedules:
              - name: db-primary
                time_zone: Europe/Berlin
                starts_at: 2026-11-23T08:00:00Z
                rotation: 7d
                participants: [alice, bob, carol]
            """;

    @Test
    void flatFormIsOneLayerWithTheSameRotation() throws Exception {
        OnCallSchedule s = load(FLAT);
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        long start = Rfc3339.parse("2026-11-23T08:00:00Z");
        assertThat(s)
                .isEqualTo(
                        new OnCallSchedule(
                                "db-primary",
                                berlin,
                                List.of(
                                        new ScheduleLayer(
                                                "layer-1",
                                                berlin,
                                                start,
                                                ScheduleLayer.OPEN_END,
                                                Duration.ofDays(7),
                                                List.of("alice", "bob", "carol"),
                                                List.of())),
                                List.of()));
        long week = Duration.ofDays(7).toMillis();
        assertThat(s.onCallAt(start)).contains("alice");
        assertThat(s.onCallAt(start + week - 1)).contains("alice");
        assertThat(s.onCallAt(start + week)).contains("bob");
        assertThat(s.onCallAt(start + 3 * week)).contains("alice");
    }

    @Test
    void layersRestrictionsAndOverridesLoad() throws Exception {
        OnCallSchedule s =
                load(
                        """
                        schedules:
                          - name: web
                            time_zone: America/New_York
                            layers:
                              - starts_at: 2026-11-23T09:00:00-05:00
                                rotation: 1d
                                participants: [alice, bob]
                              - name: weekend-nights
                                starts_at: 2026-11-23T09:00:00-05:00
                                ends_at: 2027-01-01T00:00:00-05:00
                                rotation: 12h
                                participants: [carol]
                                restrictions:
                                  - days: [Saturday, sun]
                                    from: "18:00"
                                    to: "08:00"
                                  - days: [fri]
                                    from: "20:00"
                                    to: "24:00"
                            overrides:
                              - engineer: erin
                                starts_at: 2026-11-26T00:00:00-05:00
                                ends_at: 2026-11-27T00:00:00-05:00
                        """);
        assertThat(s.layers())
                .extracting(ScheduleLayer::name)
                .containsExactly("layer-1", "weekend-nights");
        ScheduleLayer nights = s.layers().get(1);
        assertThat(nights.endsAt()).isEqualTo(Rfc3339.parse("2027-01-01T05:00:00Z"));
        assertThat(nights.rotation()).isEqualTo(Duration.ofHours(12));
        assertThat(nights.restrictions())
                .containsExactly(
                        new LayerRestriction(
                                EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
                                LocalTime.of(18, 0),
                                LocalTime.of(8, 0)),
                        new LayerRestriction(
                                EnumSet.of(DayOfWeek.FRIDAY),
                                LocalTime.of(20, 0),
                                LocalTime.MIDNIGHT));
        assertThat(s.overrides())
                .containsExactly(
                        new ScheduleOverride(
                                "erin",
                                Rfc3339.parse("2026-11-26T05:00:00Z"),
                                Rfc3339.parse("2026-11-27T05:00:00Z")));
        assertThat(s.onCallAt(Rfc3339.parse("2026-11-28T23:00:00Z"))).contains("carol");
        assertThat(s.onCallAt(Rfc3339.parse("2026-11-27T23:00:00Z")))
                .contains("alice"); // Fri 18:00
        assertThat(s.onCallAt(Rfc3339.parse("2026-11-28T02:00:00Z"))).contains("carol");
        assertThat(s.onCallAt(Rfc3339.parse("2026-11-26T12:00:00Z"))).contains("erin");
    }

    private static final String LAYERED_HEAD =
            """
            schedules:
              - name: s
                time_zone: Europe/Berlin
                layers:
                  - starts_at: 2026-11-23T08:00:00Z
                    rotation: 1d
                    participants: [a]
            """;

    @Test
    void flatKeysBesideLayersAreRefused() throws IOException {
        assertThat(error(LAYERED_HEAD + "    rotation: 1d\n", 17, "schedules[0].rotation"))
                .isEqualTo("not allowed beside layers (expected it inside each layer)");
    }

    @Test
    void scheduleWithoutLayersOrRotationIsRefused() throws IOException {
        assertThat(
                        error(
                                "schedules:\n  - name: s\n    time_zone: UTC\n",
                                11,
                                "schedules[0].layers"))
                .isEqualTo(
                        "missing (expected layers, or starts_at, rotation and participants for a"
                                + " single rotation)");
    }

    @Test
    void flatFormMissingAKeyNamesIt() throws IOException {
        assertThat(error(FLAT.replace("    rotation: 7d\n", ""), 11, "schedules[0].rotation"))
                .isEqualTo("missing");
    }

    @Test
    void emptyLayerListIsRefused() throws IOException {
        assertThat(
                        error(
                                "schedules:\n  - name: s\n    time_zone: UTC\n    layers: []\n",
                                13,
                                "schedules[0].layers"))
                .isEqualTo("a schedule needs at least one layer");
        assertThat(
                        error(
                                "schedules:\n  - name: s\n    time_zone: UTC\n    layers:\n",
                                13,
                                "schedules[0].layers"))
                .isEqualTo("a schedule needs at least one layer");
    }

    @Test
    void duplicateLayerNamesAreRefused() throws IOException {
        String two =
                LAYERED_HEAD.replace("  - starts_at", "  - name: x\n        starts_at")
                        + "      - name: x\n        starts_at: 2026-11-23T08:00:00Z\n"
                        + "        rotation: 1d\n        participants: [b]\n";
        assertThat(error(two, 18, "schedules[0].layers[1].name"))
                .isEqualTo("duplicate layer name \"x\" in this schedule");
    }

    @Test
    void layerEndBeforeItsStartIsRefused() throws IOException {
        assertThat(
                        error(
                                LAYERED_HEAD + "        ends_at: 2026-11-01T00:00:00Z\n",
                                17,
                                "schedules[0].layers[0].ends_at"))
                .isEqualTo("must be after starts_at");
    }

    @Test
    void rotationShorterThanAnHourIsRefused() throws IOException {
        for (String rotation : new String[] {"0", "59m"}) {
            assertThat(
                            error(
                                    LAYERED_HEAD.replace("rotation: 1d", "rotation: " + rotation),
                                    15,
                                    "schedules[0].layers[0].rotation"))
                    .isEqualTo("rotation must be at least 1h (expected e.g. 12h, 1d, 7d)");
        }
    }

    @Test
    void unknownLayerKeyListsTheKnownOnes() throws IOException {
        assertThat(
                        error(
                                LAYERED_HEAD + "        handoff: 09:00\n",
                                17,
                                "schedules[0].layers[0].handoff"))
                .isEqualTo(
                        "unknown key (expected one of: ends_at, name, participants, restrictions,"
                                + " rotation, starts_at)");
    }

    @Test
    void badTimeOfDayIsRefused() throws IOException {
        String r = "        restrictions:\n          - from: \"9am\"\n            to: \"17:00\"\n";
        assertThat(error(LAYERED_HEAD + r, 18, "schedules[0].layers[0].restrictions[0].from"))
                .isEqualTo("bad time of day \"9am\" (expected HH:MM from 00:00 to 23:59, quoted)");
        String late =
                "        restrictions:\n          - from: \"24:00\"\n            to: \"17:00\"\n";
        assertThat(error(LAYERED_HEAD + late, 18, "schedules[0].layers[0].restrictions[0].from"))
                .startsWith("bad time of day \"24:00\"");
    }

    @Test
    void unknownDayIsRefused() throws IOException {
        String r =
                "        restrictions:\n          - days: [mon, funday]\n"
                        + "            from: \"09:00\"\n            to: \"17:00\"\n";
        assertThat(error(LAYERED_HEAD + r, 18, "schedules[0].layers[0].restrictions[0].days[1]"))
                .isEqualTo(
                        "unknown day \"funday\" (expected one of mon, tue, wed, thu, fri, sat,"
                                + " sun)");
    }

    @Test
    void emptyRestrictionsAreRefused() throws IOException {
        assertThat(
                        error(
                                LAYERED_HEAD + "        restrictions: []\n",
                                17,
                                "schedules[0].layers[0].restrictions"))
                .startsWith("must not be empty");
    }

    @Test
    void overrideNeedsAnEngineerAndAnEndAfterItsStart() throws IOException {
        String noEngineer =
                "    overrides:\n      - starts_at: 2026-11-24T00:00:00Z\n"
                        + "        ends_at: 2026-11-25T00:00:00Z\n";
        assertThat(error(LAYERED_HEAD + noEngineer, 18, "schedules[0].overrides[0].engineer"))
                .isEqualTo("missing");
        String backwards =
                "    overrides:\n      - engineer: erin\n        starts_at: 2026-11-24T00:00:00Z\n"
                        + "        ends_at: 2026-11-24T00:00:00Z\n";
        assertThat(error(LAYERED_HEAD + backwards, 20, "schedules[0].overrides[0].ends_at"))
                .isEqualTo("must be after starts_at");
    }

    @Test
    void unknownZoneSaysWhatIsExpected() throws IOException {
        assertThat(
                        error(
                                LAYERED_HEAD.replace("Europe/Berlin", "Mars/Olympus"),
                                12,
                                "schedules[0].time_zone"))
                .isEqualTo(
                        "unknown time zone \"Mars/Olympus\" (expected an IANA zone id, e.g."
                                + " Europe/Berlin)");
    }
}
