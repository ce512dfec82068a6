package dev.pagerboy.streaming.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * "Who is on call at t": wall-clock handoffs across DST changes, layers and their restrictions,
 * overrides, and the timeline the {@code oncall} command prints.
 */
class OnCallScheduleTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final Duration DAILY = Duration.ofDays(1);
    static final Duration WEEKLY = Duration.ofDays(7);

    /** Epoch ms of an RFC 3339 time with its offset, e.g. {@code 2026-03-29T09:00+02:00}. */
    static long t(String text) {
        return OffsetDateTime.parse(text).toInstant().toEpochMilli();
    }

    static ScheduleLayer layer(
            String name, ZoneId zone, String startsAt, Duration rotation, String... people) {
        return new ScheduleLayer(
                name,
                zone,
                t(startsAt),
                ScheduleLayer.OPEN_END,
                rotation,
                List.of(people),
                List.of());
    }

    static OnCallSchedule schedule(ZoneId zone, ScheduleLayer... layers) {
        return new OnCallSchedule("s", zone, List.of(layers), List.of());
    }

    static String who(OnCallSchedule s, String time) {
        return s.onCallAt(t(time)).orElse("nobody");
    }

    static OnCallShift shift(String start, String end, String engineer, String layer) {
        OnCall.Coverage coverage =
                layer.equals("override") ? OnCall.Coverage.OVERRIDE : OnCall.Coverage.LAYER;
        return new OnCallShift(t(start), t(end), new OnCall(engineer, coverage, layer));
    }

    @Nested
    class AcrossDaylightSavingChanges {

        @Test
        void berlinDailyHandoffStaysAtNineLocalWhenClocksSpringForward() {
            // 2026-03-29: 02:00 CET becomes 03:00 CEST; bob's Saturday shift lasts 23 hours.
            OnCallSchedule s =
                    schedule(
                            BERLIN,
                            layer(
                                    "l",
                                    BERLIN,
                                    "2026-03-27T09:00+01:00",
                                    DAILY,
                                    "alice",
                                    "bob",
                                    "carol"));
            assertThat(who(s, "2026-03-28T09:00+01:00")).isEqualTo("bob");
            assertThat(who(s, "2026-03-29T08:59:59.999+02:00")).isEqualTo("bob");
            assertThat(who(s, "2026-03-29T09:00+02:00")).isEqualTo("carol");
            assertThat(who(s, "2026-03-30T09:00+02:00")).isEqualTo("alice");
            assertThat(s.timeline(t("2026-03-28T09:00+01:00"), t("2026-03-30T09:00+02:00")))
                    .containsExactly(
                            shift("2026-03-28T09:00+01:00", "2026-03-29T09:00+02:00", "bob", "l"),
                            shift(
                                    "2026-03-29T09:00+02:00",
                                    "2026-03-30T09:00+02:00",
                                    "carol",
                                    "l"));
            assertThat(t("2026-03-29T09:00+02:00") - t("2026-03-28T09:00+01:00"))
                    .isEqualTo(Duration.ofHours(23).toMillis());
        }

        @Test
        void berlinDailyHandoffStaysAtNineLocalWhenClocksFallBack() {
            // 2026-10-25: 03:00 CEST becomes 02:00 CET; bob's Saturday shift lasts 25 hours.
            OnCallSchedule s =
                    schedule(
                            BERLIN,
                            layer(
                                    "l",
                                    BERLIN,
                                    "2026-10-23T09:00+02:00",
                                    DAILY,
                                    "alice",
                                    "bob",
                                    "carol"));
            assertThat(who(s, "2026-10-25T08:30+02:00")).isEqualTo("bob"); // 07:30 CET
            assertThat(who(s, "2026-10-25T08:59:59.999+01:00")).isEqualTo("bob");
            assertThat(who(s, "2026-10-25T09:00+01:00")).isEqualTo("carol");
            assertThat(s.timeline(t("2026-10-24T09:00+02:00"), t("2026-10-26T09:00+01:00")))
                    .containsExactly(
                            shift("2026-10-24T09:00+02:00", "2026-10-25T09:00+01:00", "bob", "l"),
                            shift(
                                    "2026-10-25T09:00+01:00",
                                    "2026-10-26T09:00+01:00",
                                    "carol",
                                    "l"));
        }

        @Test
        void berlinWeeklyHandoffFollowsTheLocalClockAcrossSpringForward() {
            OnCallSchedule s =
                    schedule(
                            BERLIN,
                            layer("l", BERLIN, "2026-03-23T09:00+01:00", WEEKLY, "alice", "bob"));
            // A fixed 168 h would hand over at 10:00 CEST; the local clock says 09:00.
            assertThat(who(s, "2026-03-30T08:59+02:00")).isEqualTo("alice");
            assertThat(who(s, "2026-03-30T09:00+02:00")).isEqualTo("bob");
            assertThat(who(s, "2026-04-06T09:00+02:00")).isEqualTo("alice");
        }

        @Test
        void newYorkWeeklyHandoffFollowsTheLocalClockAcrossFallBack() {
            // 2026-11-01: 02:00 EDT becomes 01:00 EST.
            OnCallSchedule s =
                    schedule(
                            NEW_YORK,
                            layer("l", NEW_YORK, "2026-10-26T09:00-04:00", WEEKLY, "alice", "bob"));
            assertThat(who(s, "2026-11-02T08:30-05:00"))
                    .isEqualTo("alice"); // a fixed 168 h says bob
            assertThat(who(s, "2026-11-02T09:00-05:00")).isEqualTo("bob");
            assertThat(s.timeline(t("2026-10-26T09:00-04:00"), t("2026-11-09T09:00-05:00")))
                    .containsExactly(
                            shift("2026-10-26T09:00-04:00", "2026-11-02T09:00-05:00", "alice", "l"),
                            shift("2026-11-02T09:00-05:00", "2026-11-09T09:00-05:00", "bob", "l"));
        }

        @Test
        void newYorkDailyHandoffFollowsTheLocalClockAcrossSpringForward() {
            // 2026-03-08: 02:00 EST becomes 03:00 EDT.
            OnCallSchedule s =
                    schedule(
                            NEW_YORK,
                            layer("l", NEW_YORK, "2026-03-06T18:00-05:00", DAILY, "alice", "bob"));
            assertThat(who(s, "2026-03-08T17:59-04:00")).isEqualTo("bob");
            assertThat(who(s, "2026-03-08T18:00-04:00")).isEqualTo("alice");
        }

        @Test
        void handoffInsideTheSkippedHourHappensWhenTheClocksJump() {
            // 02:30 does not exist in New York on 2026-03-08; the handoff is at 03:00 EDT.
            OnCallSchedule s =
                    schedule(
                            NEW_YORK,
                            layer(
                                    "l",
                                    NEW_YORK,
                                    "2026-03-06T02:30-05:00",
                                    DAILY,
                                    "alice",
                                    "bob",
                                    "carol"));
            assertThat(who(s, "2026-03-08T01:59:59.999-05:00")).isEqualTo("bob");
            assertThat(who(s, "2026-03-08T03:00-04:00")).isEqualTo("carol");
            assertThat(who(s, "2026-03-09T02:29-04:00")).isEqualTo("carol");
            assertThat(who(s, "2026-03-09T02:30-04:00")).isEqualTo("alice");
            assertThat(s.timeline(t("2026-03-07T02:30-05:00"), t("2026-03-09T02:30-04:00")))
                    .containsExactly(
                            shift("2026-03-07T02:30-05:00", "2026-03-08T03:00-04:00", "bob", "l"),
                            shift(
                                    "2026-03-08T03:00-04:00",
                                    "2026-03-09T02:30-04:00",
                                    "carol",
                                    "l"));
        }

        @Test
        void handoffInsideTheRepeatedHourHappensAtItsFirstOccurrence() {
            // 02:30 happens twice in Berlin on 2026-10-25 (CEST, then CET); only the first hands
            // over.
            OnCallSchedule s =
                    schedule(
                            BERLIN,
                            layer(
                                    "l",
                                    BERLIN,
                                    "2026-10-23T02:30+02:00",
                                    DAILY,
                                    "alice",
                                    "bob",
                                    "carol"));
            assertThat(who(s, "2026-10-25T02:29+02:00")).isEqualTo("bob");
            assertThat(who(s, "2026-10-25T02:30+02:00")).isEqualTo("carol");
            assertThat(who(s, "2026-10-25T02:30+01:00")).isEqualTo("carol");
            assertThat(who(s, "2026-10-26T02:29+01:00")).isEqualTo("carol");
            assertThat(who(s, "2026-10-26T02:30+01:00")).isEqualTo("alice");
        }

        @Test
        void weeklyHandoffInsideTheSkippedHourHappensWhenTheClocksJump() {
            OnCallSchedule s =
                    schedule(
                            NEW_YORK,
                            layer("l", NEW_YORK, "2026-03-01T02:30-05:00", WEEKLY, "alice", "bob"));
            assertThat(who(s, "2026-03-08T01:59:59.999-05:00")).isEqualTo("alice");
            assertThat(who(s, "2026-03-08T03:00-04:00")).isEqualTo("bob");
            assertThat(who(s, "2026-03-15T02:29-04:00")).isEqualTo("bob");
            assertThat(who(s, "2026-03-15T02:30-04:00")).isEqualTo("alice");
        }

        @Test
        void weeklyHandoffInsideTheRepeatedHourHappensOnce() {
            OnCallSchedule s =
                    schedule(
                            BERLIN,
                            layer("l", BERLIN, "2026-10-18T02:30+02:00", WEEKLY, "alice", "bob"));
            assertThat(s.timeline(t("2026-10-18T02:30+02:00"), t("2026-11-08T02:30+01:00")))
                    .containsExactly(
                            shift("2026-10-18T02:30+02:00", "2026-10-25T02:30+02:00", "alice", "l"),
                            // seven days and the repeated hour
                            shift("2026-10-25T02:30+02:00", "2026-11-01T02:30+01:00", "bob", "l"),
                            shift(
                                    "2026-11-01T02:30+01:00",
                                    "2026-11-08T02:30+01:00",
                                    "alice",
                                    "l"));
        }

        @Test
        void twelveHourRotationKeepsItsLocalHandoffTimes() {
            OnCallSchedule s =
                    schedule(
                            BERLIN,
                            layer(
                                    "l",
                                    BERLIN,
                                    "2026-03-28T08:00+01:00",
                                    Duration.ofHours(12),
                                    "day",
                                    "night"));
            assertThat(who(s, "2026-03-28T20:00+01:00")).isEqualTo("night");
            // The night shift that contains the jump lasts 11 hours.
            assertThat(who(s, "2026-03-29T07:59+02:00")).isEqualTo("night");
            assertThat(who(s, "2026-03-29T08:00+02:00")).isEqualTo("day");
            assertThat(who(s, "2026-03-29T20:00+02:00")).isEqualTo("night");
        }

        @Test
        void answersFarFromTheStartStayOnTheLocalClock() {
            OnCallSchedule s =
                    schedule(
                            BERLIN,
                            layer("l", BERLIN, "2026-01-05T09:00+01:00", DAILY, "a", "b", "c"));
            // 2030-07-01 is day 1638 after the start: 1638 % 3 == 0.
            assertThat(who(s, "2030-07-01T08:59+02:00")).isEqualTo("c");
            assertThat(who(s, "2030-07-01T09:00+02:00")).isEqualTo("a");
        }
    }

    @Nested
    class Layers {

        static final LayerRestriction BUSINESS_HOURS =
                new LayerRestriction(
                        EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                        LocalTime.of(9, 0),
                        LocalTime.of(17, 0));

        /** 24/7 daily alice/bob, and on weekdays 09–17 a weekly carol/dave layer over it. */
        final OnCallSchedule twoLayers =
                schedule(
                        BERLIN,
                        layer(
                                "round-the-clock",
                                BERLIN,
                                "2026-11-23T00:00+01:00",
                                DAILY,
                                "alice",
                                "bob"),
                        new ScheduleLayer(
                                "business-hours",
                                BERLIN,
                                t("2026-11-23T09:00+01:00"),
                                t("2026-12-07T00:00+01:00"),
                                WEEKLY,
                                List.of("carol", "dave"),
                                List.of(BUSINESS_HOURS)));

        @Test
        void higherLayerWinsWhereItCovers() {
            assertThat(twoLayers.at(t("2026-11-23T10:00+01:00")))
                    .contains(new OnCall("carol", OnCall.Coverage.LAYER, "business-hours"));
            assertThat(who(twoLayers, "2026-12-01T12:00+01:00")).isEqualTo("dave");
        }

        @Test
        void lowerLayerFillsOutsideTheHigherLayersRestrictions() {
            assertThat(who(twoLayers, "2026-11-23T08:59:59.999+01:00")).isEqualTo("alice");
            assertThat(who(twoLayers, "2026-11-23T09:00+01:00")).isEqualTo("carol");
            assertThat(who(twoLayers, "2026-11-23T16:59:59.999+01:00")).isEqualTo("carol");
            assertThat(who(twoLayers, "2026-11-23T17:00+01:00")).isEqualTo("alice");
            assertThat(who(twoLayers, "2026-11-24T12:00+01:00")).isEqualTo("carol");
            assertThat(who(twoLayers, "2026-11-28T12:00+01:00")).isEqualTo("bob"); // Saturday
        }

        @Test
        void lowerLayerTakesOverWhenTheHigherLayerEnds() {
            assertThat(who(twoLayers, "2026-12-04T12:00+01:00")).isEqualTo("dave");
            assertThat(who(twoLayers, "2026-12-07T12:00+01:00")).isEqualTo("alice");
        }

        @Test
        void nobodyIsOnCallBeforeEveryLayerStarts() {
            assertThat(twoLayers.at(t("2026-11-22T23:59+01:00"))).isEmpty();
            assertThat(who(twoLayers, "2026-11-23T00:00+01:00")).isEqualTo("alice");
        }

        @Test
        void timelineCutsAtRestrictionEdges() {
            assertThat(twoLayers.timeline(t("2026-11-23T00:00+01:00"), t("2026-11-24T12:00+01:00")))
                    .containsExactly(
                            shift(
                                    "2026-11-23T00:00+01:00",
                                    "2026-11-23T09:00+01:00",
                                    "alice",
                                    "round-the-clock"),
                            shift(
                                    "2026-11-23T09:00+01:00",
                                    "2026-11-23T17:00+01:00",
                                    "carol",
                                    "business-hours"),
                            shift(
                                    "2026-11-23T17:00+01:00",
                                    "2026-11-24T00:00+01:00",
                                    "alice",
                                    "round-the-clock"),
                            shift(
                                    "2026-11-24T00:00+01:00",
                                    "2026-11-24T09:00+01:00",
                                    "bob",
                                    "round-the-clock"),
                            shift(
                                    "2026-11-24T09:00+01:00",
                                    "2026-11-24T12:00+01:00",
                                    "carol",
                                    "business-hours"));
        }

        @Test
        void nightRestrictionRunsPastMidnightAndLeavesGapsUncovered() {
            ScheduleLayer nights =
                    new ScheduleLayer(
                            "nights",
                            NEW_YORK,
                            t("2026-03-06T18:00-05:00"),
                            ScheduleLayer.OPEN_END,
                            DAILY,
                            List.of("owl"),
                            List.of(
                                    new LayerRestriction(
                                            EnumSet.of(DayOfWeek.SATURDAY),
                                            LocalTime.of(18, 0),
                                            LocalTime.of(8, 0))));
            OnCallSchedule s = schedule(NEW_YORK, nights);
            assertThat(who(s, "2026-03-07T17:59-05:00")).isEqualTo("nobody");
            assertThat(who(s, "2026-03-07T18:00-05:00")).isEqualTo("owl");
            // The Saturday night window spans the spring-forward jump: 13 hours of wall clock, 13
            // local.
            assertThat(who(s, "2026-03-08T07:59-04:00")).isEqualTo("owl");
            assertThat(who(s, "2026-03-08T08:00-04:00")).isEqualTo("nobody");
            assertThat(s.timeline(t("2026-03-07T00:00-05:00"), t("2026-03-09T00:00-04:00")))
                    .containsExactly(
                            shift(
                                    "2026-03-07T18:00-05:00",
                                    "2026-03-08T08:00-04:00",
                                    "owl",
                                    "nights"));
        }
    }

    @Nested
    class Overrides {

        final ScheduleLayer daily =
                layer("primary", BERLIN, "2026-11-23T09:00+01:00", DAILY, "alice", "bob");

        OnCallSchedule with(ScheduleOverride... overrides) {
            return new OnCallSchedule("s", BERLIN, List.of(daily), List.of(overrides));
        }

        @Test
        void overrideReplacesTheLayerInsideItsRangeOnly() {
            OnCallSchedule s =
                    with(
                            new ScheduleOverride(
                                    "erin",
                                    t("2026-11-24T12:00+01:00"),
                                    t("2026-11-24T14:00+01:00")));
            assertThat(who(s, "2026-11-24T11:59:59.999+01:00")).isEqualTo("bob");
            assertThat(s.at(t("2026-11-24T12:00+01:00")))
                    .contains(new OnCall("erin", OnCall.Coverage.OVERRIDE, "override"));
            assertThat(who(s, "2026-11-24T13:59:59.999+01:00")).isEqualTo("erin");
            assertThat(who(s, "2026-11-24T14:00+01:00")).isEqualTo("bob");
        }

        @Test
        void laterOverrideWinsWhereTwoOverlap() {
            OnCallSchedule s =
                    with(
                            new ScheduleOverride(
                                    "erin",
                                    t("2026-11-24T12:00+01:00"),
                                    t("2026-11-24T14:00+01:00")),
                            new ScheduleOverride(
                                    "frank",
                                    t("2026-11-24T13:00+01:00"),
                                    t("2026-11-24T15:00+01:00")));
            assertThat(who(s, "2026-11-24T12:30+01:00")).isEqualTo("erin");
            assertThat(who(s, "2026-11-24T13:00+01:00")).isEqualTo("frank");
            assertThat(who(s, "2026-11-24T14:30+01:00")).isEqualTo("frank");
            assertThat(s.timeline(t("2026-11-24T09:00+01:00"), t("2026-11-25T12:00+01:00")))
                    .containsExactly(
                            shift(
                                    "2026-11-24T09:00+01:00",
                                    "2026-11-24T12:00+01:00",
                                    "bob",
                                    "primary"),
                            shift(
                                    "2026-11-24T12:00+01:00",
                                    "2026-11-24T13:00+01:00",
                                    "erin",
                                    "override"),
                            shift(
                                    "2026-11-24T13:00+01:00",
                                    "2026-11-24T15:00+01:00",
                                    "frank",
                                    "override"),
                            shift(
                                    "2026-11-24T15:00+01:00",
                                    "2026-11-25T09:00+01:00",
                                    "bob",
                                    "primary"),
                            shift(
                                    "2026-11-25T09:00+01:00",
                                    "2026-11-25T12:00+01:00",
                                    "alice",
                                    "primary"));
        }

        @Test
        void overrideAcrossAHandoffHidesIt() {
            OnCallSchedule s =
                    with(
                            new ScheduleOverride(
                                    "erin",
                                    t("2026-11-24T08:00+01:00"),
                                    t("2026-11-24T10:00+01:00")));
            assertThat(who(s, "2026-11-24T09:00+01:00")).isEqualTo("erin");
            assertThat(who(s, "2026-11-24T10:00+01:00")).isEqualTo("bob");
        }

        @Test
        void overrideCoversTimesNoLayerCovers() {
            OnCallSchedule s =
                    with(
                            new ScheduleOverride(
                                    "erin",
                                    t("2026-11-20T00:00+01:00"),
                                    t("2026-11-21T00:00+01:00")));
            assertThat(who(s, "2026-11-20T12:00+01:00")).isEqualTo("erin");
            assertThat(who(s, "2026-11-21T12:00+01:00")).isEqualTo("nobody");
        }
    }

    @Test
    void scheduleSurvivesJavaSerialization() throws Exception {
        OnCallSchedule s =
                new OnCallSchedule(
                        "s",
                        BERLIN,
                        List.of(
                                new ScheduleLayer(
                                        "l",
                                        BERLIN,
                                        t("2026-11-23T09:00+01:00"),
                                        ScheduleLayer.OPEN_END,
                                        DAILY,
                                        List.of("alice"),
                                        List.of(Layers.BUSINESS_HOURS))),
                        List.of(new ScheduleOverride("erin", 0, 1)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(s);
        }
    }

    @Test
    void timelineClipsToTheWindow() {
        OnCallSchedule s =
                schedule(
                        BERLIN,
                        layer("l", BERLIN, "2026-11-23T09:00+01:00", DAILY, "alice", "bob"));
        assertThat(s.timeline(t("2026-11-23T12:00+01:00"), t("2026-11-23T13:00+01:00")))
                .containsExactly(
                        shift("2026-11-23T12:00+01:00", "2026-11-23T13:00+01:00", "alice", "l"));
    }
}
