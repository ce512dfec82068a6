package dev.pagerboy.streaming.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventTimeStallTest {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private static final Instant EVENT = Instant.parse("2026-12-06T09:59:00Z");

    private final EventTimeStall stall = new EventTimeStall(Duration.ofSeconds(60));

    @Test
    void eventTimeStandingStillWhileInputWaitsIsAStallOnceItLastsLongEnough() {
        assertThat(stall.observe(progress(EVENT, 500), T0)).isEmpty();
        assertThat(stall.observe(progress(EVENT, 500), T0.plusSeconds(59))).isEmpty();
        assertThat(stall.observe(progress(EVENT, 800), T0.plusSeconds(75)))
                .contains(Duration.ofSeconds(75));
    }

    @Test
    void eventTimeThatNeverStartedIsAStallTooWhenInputWaits() {
        assertThat(stall.observe(progress(null, 500), T0)).isEmpty();
        assertThat(stall.observe(progress(null, 500), T0.plusSeconds(60)))
                .contains(Duration.ofSeconds(60));
    }

    @Test
    void aQuietJobIsNotStalledAndMovingEventTimeStartsTheCountAgain() {
        stall.observe(progress(EVENT, 0), T0);
        assertThat(stall.observe(progress(EVENT, 0), T0.plusSeconds(600))).isEmpty();
        assertThat(stall.observe(progress(EVENT, -1), T0.plusSeconds(900))).isEmpty();

        stall.observe(progress(EVENT.plusSeconds(1), 500), T0.plusSeconds(901));
        assertThat(stall.observe(progress(EVENT.plusSeconds(1), 500), T0.plusSeconds(950)))
                .isEmpty();
        assertThat(stall.observe(progress(EVENT.plusSeconds(1), 500), T0.plusSeconds(961)))
                .contains(Duration.ofSeconds(60));
    }

    @Test
    void theStatusLineSaysSoOnEveryLineAndWarnsOnce() {
        ByteArrayOutputStream piped = new ByteArrayOutputStream();
        StatusLine line =
                StatusLine.start(
                        new PrintStream(piped, true, StandardCharsets.UTF_8),
                        false,
                        Duration.ofHours(1),
                        Duration.ofSeconds(60));
        line.update(progress(EVENT, 500), T0);
        line.update(progress(EVENT, 500), T0.plusSeconds(61));
        line.update(progress(EVENT, 500), T0.plusSeconds(66));
        line.close();

        String[] lines = piped.toString(StandardCharsets.UTF_8).split(System.lineSeparator());
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).doesNotContain("STALLED");
        assertThat(lines[1]).endsWith("| EVENT TIME STALLED 61 s");
        assertThat(lines[2]).endsWith("| EVENT TIME STALLED 66 s");
        assertThat(EventTimeStall.warning(Duration.ofSeconds(61), progress(EVENT, 500)))
                .startsWith("event time has not moved for 61 s while 500 input records wait");
    }

    private static JobProgress progress(Instant eventTime, long pending) {
        return new JobProgress(10, 0, 1, 1, 3, Duration.ofMillis(50), eventTime, pending);
    }
}
