package dev.pagerboy.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Rfc3339Test {
    private final Rfc3339 times = new Rfc3339();

    private static long ms(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void wholeSecondsHaveNoFraction() {
        assertThat(times.format(ms("2021-06-01T08:31:25Z"))).isEqualTo("2021-06-01T08:31:25Z");
    }

    @Test
    void fractionsDropTrailingZerosAsGoDoes() {
        assertThat(times.format(ms("2021-06-01T08:31:25.100Z")))
                .isEqualTo("2021-06-01T08:31:25.1Z");
        assertThat(times.format(ms("2021-06-01T08:31:25.120Z")))
                .isEqualTo("2021-06-01T08:31:25.12Z");
        assertThat(times.format(ms("2021-06-01T08:31:25.123Z")))
                .isEqualTo("2021-06-01T08:31:25.123Z");
        assertThat(times.format(ms("2021-06-01T08:31:25.003Z")))
                .isEqualTo("2021-06-01T08:31:25.003Z");
    }

    @Test
    void formatsAcrossDaysAndBeforeTheEpoch() {
        assertThat(times.format(ms("2026-12-31T23:59:59.999Z")))
                .isEqualTo("2026-12-31T23:59:59.999Z");
        assertThat(times.format(ms("2027-01-01T00:00:00Z"))).isEqualTo("2027-01-01T00:00:00Z");
        assertThat(times.format(ms("1969-12-31T23:59:59.5Z"))).isEqualTo("1969-12-31T23:59:59.5Z");
    }

    @Test
    void parsesWhatItWritesAndAnyOffsetAndFraction() {
        long t = ms("2026-03-04T05:06:07.089Z");
        assertThat(Rfc3339.parse(times.format(t))).isEqualTo(t);
        assertThat(Rfc3339.parse("2026-03-04T06:06:07.089+01:00")).isEqualTo(t);
        assertThat(Rfc3339.parse("2026-03-04T05:06:07.089999999Z")).isEqualTo(t);
    }

    @Test
    void rejectsWhatIsNotRfc3339NamingTheText() {
        assertThatThrownBy(() -> Rfc3339.parse("yesterday"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an RFC 3339 time: 'yesterday'");
        assertThatThrownBy(() -> Rfc3339.parse("2026-03-04 05:06:07Z"))
                .hasMessageContaining("RFC 3339");
        assertThatThrownBy(() -> Rfc3339.parse("2026-03-04T05:06:07"))
                .hasMessageContaining("RFC 3339");
    }

    @Test
    void recognisesGoZeroTime() {
        assertThat(Rfc3339.isGoZeroTime(Rfc3339.GO_ZERO_TIME)).isTrue();
        assertThat(Rfc3339.isGoZeroTime("0001-01-01T00:00:00.000Z")).isTrue();
        assertThat(Rfc3339.isGoZeroTime("2001-01-01T00:00:00Z")).isFalse();
    }

    /**
     * {@code parse} reads the common spelling by hand and everything else with {@link
     * DateTimeFormatter}: both must give the same instant, or both refuse.
     */
    @Test
    void handReadSpellingsAgreeWithTheFormatter() {
        SplittableRandom random = new SplittableRandom(3339);
        String[] offsets = {"Z", "+00:00", "+01:00", "-05:30", "+17:59", "-18:00", "+18:00", "z"};
        String[] fractions = {"", ".1", ".25", ".123", ".1234", ".123456789", ".1234567890", "."};
        for (int i = 0; i < 20_000; i++) {
            String text =
                    String.format(
                            "%04d-%02d-%02dT%02d:%02d:%02d%s%s",
                            1965 + random.nextInt(140),
                            random.nextInt(14),
                            random.nextInt(33),
                            random.nextInt(25),
                            random.nextInt(61),
                            random.nextInt(61),
                            fractions[random.nextInt(fractions.length)],
                            offsets[random.nextInt(offsets.length)]);
            assertSameAsFormatter(text);
        }
        for (String text :
                new String[] {
                    "2024-02-29T00:00:00Z", "2023-02-29T00:00:00Z", "2100-02-29T00:00:00Z",
                    "2000-02-29T23:59:59.999Z", "1970-01-01T00:00:00Z", "1970-01-01T00:00:00+00:01",
                    "2026-11-28T12:00Z", "2026-11-28t12:00:00Z", "2026-11-28T12:00:00+01:00:30",
                    "+2026-11-28T12:00:00Z", "2026-11-28T12:00:00 Z", "2026-11-28T12:00:00+1:00"
                }) {
            assertSameAsFormatter(text);
        }
    }

    private static void assertSameAsFormatter(String text) {
        Long expected;
        try {
            expected =
                    OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                            .toInstant()
                            .toEpochMilli();
        } catch (DateTimeException | ArithmeticException e) {
            expected = null;
        }
        if (expected == null) {
            assertThatThrownBy(() -> Rfc3339.parse(text))
                    .as(text)
                    .isInstanceOf(IllegalArgumentException.class);
        } else {
            assertThat(Rfc3339.parse(text)).as(text).isEqualTo(expected);
        }
    }
}
