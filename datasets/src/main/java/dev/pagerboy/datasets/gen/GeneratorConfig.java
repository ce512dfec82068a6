package dev.pagerboy.datasets.gen;

import dev.pagerboy.alerts.format.AlertFormat;
import java.time.Instant;

/**
 * Everything that determines a generated stream. Two streams with equal configs are byte-identical.
 *
 * @param seed the seed
 * @param alerts how many records the alerts topic gets (firing, repeats, resolves, malformed)
 * @param format the wire format of alert records
 * @param acks whether to add signed acknowledgments on the acks topic
 * @param malformedFraction share of alert records replaced by a malformed one
 * @param forgedFraction share of acknowledgments signed by a key other than the claimed engineer's
 * @param teams number of teams (operators); at least one per rule group of the catalog
 * @param repeatIntervalMs Alertmanager's repeat_interval (default 4h)
 * @param startMs start of the generated timeline, epoch milliseconds
 * @param calibration the calibrated figures
 */
public record GeneratorConfig(
        long seed,
        long alerts,
        AlertFormat format,
        boolean acks,
        double malformedFraction,
        double forgedFraction,
        int teams,
        long repeatIntervalMs,
        long startMs,
        Calibration calibration) {

    public static final long DEFAULT_START_MS =
            Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    public static final long DEFAULT_REPEAT_INTERVAL_MS = 4L * 3_600_000;

    public GeneratorConfig {
        if (alerts < 0) {
            throw new IllegalArgumentException("--alerts must be zero or more, got " + alerts);
        }
        checkFraction("--malformed", malformedFraction);
        checkFraction("--forged", forgedFraction);
        if (repeatIntervalMs < 1000) {
            throw new IllegalArgumentException("--repeat-interval must be at least 1s");
        }
        if (teams < 1) {
            throw new IllegalArgumentException("--teams must be at least 1, got " + teams);
        }
    }

    /** Defaults for everything but seed, count and format. */
    public static GeneratorConfig of(long seed, long alerts, AlertFormat format) {
        return new GeneratorConfig(
                seed,
                alerts,
                format,
                false,
                0,
                0,
                TeamRoster.DEFAULT_TEAMS,
                DEFAULT_REPEAT_INTERVAL_MS,
                DEFAULT_START_MS,
                Calibration.defaults());
    }

    public GeneratorConfig withAcks(boolean enabled) {
        return new GeneratorConfig(
                seed,
                alerts,
                format,
                enabled,
                malformedFraction,
                forgedFraction,
                teams,
                repeatIntervalMs,
                startMs,
                calibration);
    }

    public GeneratorConfig withFaults(double malformed, double forged) {
        return new GeneratorConfig(
                seed,
                alerts,
                format,
                acks,
                malformed,
                forged,
                teams,
                repeatIntervalMs,
                startMs,
                calibration);
    }

    public GeneratorConfig withTeams(int count) {
        return new GeneratorConfig(
                seed,
                alerts,
                format,
                acks,
                malformedFraction,
                forgedFraction,
                count,
                repeatIntervalMs,
                startMs,
                calibration);
    }

    public GeneratorConfig withRepeatInterval(long ms) {
        return new GeneratorConfig(
                seed,
                alerts,
                format,
                acks,
                malformedFraction,
                forgedFraction,
                teams,
                ms,
                startMs,
                calibration);
    }

    public GeneratorConfig withStart(long ms) {
        return new GeneratorConfig(
                seed,
                alerts,
                format,
                acks,
                malformedFraction,
                forgedFraction,
                teams,
                repeatIntervalMs,
                ms,
                calibration);
    }

    private static void checkFraction(String option, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(option + " must be between 0 and 1, got " + value);
        }
    }
}
