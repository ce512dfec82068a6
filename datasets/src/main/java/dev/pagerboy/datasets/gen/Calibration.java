package dev.pagerboy.datasets.gen;

/**
 * The figures the generator is calibrated to, with where each comes from (datasets/README.md has
 * the full table and the measured values).
 *
 * @param durationMedianSeconds alert duration median: 110 s in PCIC 2021 Alarm.csv
 * @param durationP90Seconds alert duration 90th percentile: 1370 s in PCIC 2021 Alarm.csv
 * @param flapProbability chance that a cleared alarm is raised again within {@code
 *     flapWindowSeconds}: ≈ 31 % (issue 6 from PCIC; Alarm.csv measures 32.7 % by the definition in
 *     the README)
 * @param flapWindowSeconds the flap window, 10 minutes
 * @param baseAlarmsPerTeamHour steady alarm rate per team (operator) before flaps and storms: 4/h;
 *     with them the average team sees about 190 alarms a day, between the ISA-18.2 / EEMUA 191
 *     "very likely acceptable" 150/day and "maximum manageable" 300/day
 * @param stormsPerTeamDay alarm floods per team per day
 * @param stormMinAlarms smallest storm: more than 10 alarms in 10 minutes is an ISA-18.2 flood
 * @param stormMaxAlarms largest storm
 * @param stormMaxSpreadSeconds a storm's alarms all start within this many seconds (≤ 10 minutes)
 * @param instancesPerService size of each service's instance pool
 * @param ackMeanSeconds mean time to acknowledge: 5 minutes, in the 4–6 minute range PagerDuty
 *     reports for responders
 * @param ackSigma log-space standard deviation of the ack delay
 * @param neverAckedFraction share of incidents nobody acknowledges (they escalate)
 * @param engineersPerTeam on-call engineers per team, each with a derived key
 * @param maxDurationSeconds longest alarm (the PCIC maximum is 22 days)
 */
public record Calibration(
        double durationMedianSeconds,
        double durationP90Seconds,
        double flapProbability,
        int flapWindowSeconds,
        double baseAlarmsPerTeamHour,
        double stormsPerTeamDay,
        int stormMinAlarms,
        int stormMaxAlarms,
        int stormMaxSpreadSeconds,
        int instancesPerService,
        double ackMeanSeconds,
        double ackSigma,
        double neverAckedFraction,
        int engineersPerTeam,
        long maxDurationSeconds) {

    /** z of the 90th percentile of the standard normal. */
    public static final double Z_90 = 1.2815515655446004;

    public static Calibration defaults() {
        return new Calibration(
                110, 1370, 0.31, 600, 4.0, 1.0, 12, 60, 480, 64, 300, 1.0, 0.10, 4, 30L * 86_400);
    }

    /** Log-space standard deviation of the duration lognormal, from its median and p90. */
    public double durationSigma() {
        return StrictMath.log(durationP90Seconds / durationMedianSeconds) / Z_90;
    }

    /** Median of the ack-delay lognormal whose mean is {@code ackMeanSeconds}. */
    public double ackMedianSeconds() {
        return ackMeanSeconds / StrictMath.exp(ackSigma * ackSigma / 2);
    }
}
