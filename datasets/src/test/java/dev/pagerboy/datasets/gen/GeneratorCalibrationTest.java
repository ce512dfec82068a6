package dev.pagerboy.datasets.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pagerboy.alerts.format.AlertFormat;
import dev.pagerboy.datasets.rules.RuleCatalog;
import dev.pagerboy.datasets.schema.StreamStatistics;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A stream of one million alert records, measured from its records alone, meets the calibration
 * table of datasets/README.md within the tolerances stated there.
 */
class GeneratorCalibrationTest {
    private static final Calibration CAL = Calibration.defaults();
    private static StreamStatistics.Report report;

    @BeforeAll
    static void generateOneMillionAlerts() {
        StreamStatistics stats = new StreamStatistics(AlertFormat.NATIVE);
        new AlertStreamGenerator(GeneratorConfig.of(2026, 1_000_000, AlertFormat.NATIVE))
                .forEachRemaining(stats::accept);
        report = stats.report();
    }

    @Test
    void everyRecordIsValidAndCounted() {
        assertThat(report.alertRecords()).isEqualTo(1_000_000);
        assertThat(report.invalidRecords()).isZero();
        assertThat(report.alarms()).isGreaterThan(400_000);
    }

    @Test
    void severityMixIsTheRuleCollectionsMixWithinOnePoint() {
        Map<String, Double> catalogMix = RuleCatalog.bundled().severityMix();
        assertThat(report.severityMix().keySet())
                .containsExactlyInAnyOrder("critical", "warning", "info");
        catalogMix.forEach(
                (severity, share) ->
                        assertThat(report.severityMix().get(severity))
                                .as(severity)
                                .isCloseTo(share, within(0.01)));
        // and the collections' mix is the one the issue quotes (58 / 39 / 3 %) within 2 points
        assertThat(catalogMix.get("warning")).isCloseTo(0.58, within(0.02));
        assertThat(catalogMix.get("critical")).isCloseTo(0.39, within(0.02));
        assertThat(catalogMix.get("info")).isCloseTo(0.03, within(0.02));
    }

    @Test
    void durationQuantilesMatchPcicWithinFivePercent() {
        assertThat(report.durationMedianSeconds()).isCloseTo(110, within(110 * 0.05));
        assertThat(report.durationP90Seconds()).isCloseTo(1370, within(1370 * 0.05));
    }

    @Test
    void flapShareIsThirtyOnePercentWithinOnePoint() {
        assertThat(report.flapShare()).isCloseTo(CAL.flapProbability(), within(0.01));
    }

    @Test
    void duplicateShareFollowsAlertmanagersRepeatIntervalWithinFifteenPercent() {
        double expectedRepeatsPerAlarm =
                expectedRepeatsPerAlarm(GeneratorConfig.DEFAULT_REPEAT_INTERVAL_MS);
        double expected = expectedRepeatsPerAlarm / (1 + expectedRepeatsPerAlarm);
        assertThat(expected).isBetween(0.005, 0.03);
        assertThat(report.duplicateShare()).isCloseTo(expected, within(expected * 0.15));
    }

    @Test
    void stormsAreIsaFloodsAboutOncePerTeamDay() {
        double perTeamDay = report.floods() / (report.spanDays() * report.teams());
        // One storm per team-day; re-raises after a storm sometimes open a second episode.
        assertThat(perTeamDay).isBetween(0.9, 1.6);
    }

    @Test
    void withoutStormsThereAreNoFloods() {
        Calibration calm =
                new Calibration(
                        CAL.durationMedianSeconds(),
                        CAL.durationP90Seconds(),
                        CAL.flapProbability(),
                        CAL.flapWindowSeconds(),
                        CAL.baseAlarmsPerTeamHour(),
                        0.0,
                        CAL.stormMinAlarms(),
                        CAL.stormMaxAlarms(),
                        CAL.stormMaxSpreadSeconds(),
                        CAL.instancesPerService(),
                        CAL.ackMeanSeconds(),
                        CAL.ackSigma(),
                        CAL.neverAckedFraction(),
                        CAL.engineersPerTeam(),
                        CAL.maxDurationSeconds());
        GeneratorConfig config =
                new GeneratorConfig(
                        5,
                        100_000,
                        AlertFormat.NATIVE,
                        false,
                        0,
                        0,
                        14,
                        GeneratorConfig.DEFAULT_REPEAT_INTERVAL_MS,
                        GeneratorConfig.DEFAULT_START_MS,
                        calm);
        StreamStatistics stats = new StreamStatistics(AlertFormat.NATIVE);
        new AlertStreamGenerator(config).forEachRemaining(stats::accept);
        StreamStatistics.Report calmReport = stats.report();
        assertThat(calmReport.floods() / (calmReport.spanDays() * calmReport.teams()))
                .isLessThan(0.1);
    }

    /** Σ_k P(D > k·R) for the clamped duration lognormal: repeats an alarm gets on average. */
    private static double expectedRepeatsPerAlarm(long repeatIntervalMs) {
        double mu = Math.log(CAL.durationMedianSeconds());
        double sigma = CAL.durationSigma();
        double sum = 0;
        for (long k = 1; k * repeatIntervalMs < CAL.maxDurationSeconds() * 1000; k++) {
            double seconds = k * repeatIntervalMs / 1000.0;
            sum += 1 - normalCdf((Math.log(seconds) - mu) / sigma);
        }
        return sum;
    }

    private static double normalCdf(double z) {
        return 0.5 * erfc(-z / Math.sqrt(2));
    }

    /** Complementary error function (Numerical Recipes erfcc, relative error below 1.2e-7). */
    private static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r =
                t
                        * Math.exp(
                                -z * z
                                        - 1.26551223
                                        + t
                                                * (1.00002368
                                                        + t
                                                                * (0.37409196
                                                                        + t
                                                                                * (0.09678418
                                                                                        + t
                                                                                                * (-0.18628806
                                                                                                        + t
                                                                                                                * (0.27886807
                                                                                                                        + t
                                                                                                                                * (-1.13520398
                                                                                                                                        + t
                                                                                                                                                * (1.48851587
                                                                                                                                                        + t
                                                                                                                                                                * (-0.82215223
                                                                                                                                                                        + t
                                                                                                                                                                                * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
