package dev.pagerboy.tools.bench;

import java.nio.file.Path;

/**
 * The pipeline benchmark's command line.
 *
 * @param history true: the throughput input keeps the generator's own timestamps (weeks of alarm
 *     history, a catch-up replay); false: they are rescaled to {@code eventRate} (a live stream)
 * @param eventRate alerts per second of event time in the throughput input when not {@code history}
 */
record BenchOptions(
        Path config,
        long alerts,
        double rate,
        int seconds,
        long seed,
        boolean history,
        double eventRate,
        boolean help) {

    static final String USAGE =
            """
            usage: ./pagerboy bench pipeline [options]

              --alerts N       generated alerts for the throughput run (default 1000000)
              --event-rate R   throughput input: the generated alerts keep their order and content,
                               their timestamps are rescaled to R alerts per second of event time,
                               as a live stream at that rate would have them (default 10000)
              --history        throughput input: keep the generator's timestamps instead (weeks of
                               calibrated alarm history: a catch-up replay, many event hours per
                               checkpoint)
              --rate R         alerts per second sent during the latency run (default 10000)
              --seconds S      length of the latency measurement after a 5 s warm-up (default 20)
              --seed S         generator seed (default 7)
              --config FILE    job configuration (default streaming-job/config/bench.yaml)
            """;

    /** How the throughput input's timestamps were made, as the final line names it. */
    String input() {
        return history ? "history" : "live";
    }

    static BenchOptions parse(String[] args, Path root) {
        Path config = root.resolve("streaming-job/config/bench.yaml");
        long alerts = 1_000_000;
        double rate = 10_000;
        int seconds = 20;
        long seed = 7;
        boolean history = false;
        Double eventRate = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                return new BenchOptions(config, alerts, rate, seconds, seed, false, 10_000, true);
            }
            if (!USAGE.contains(flag + " ") || !flag.startsWith("--")) {
                throw new IllegalArgumentException("unknown option '" + flag + "'");
            }
            if (flag.equals("--history")) {
                history = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--alerts" -> alerts = positiveLong(flag, value);
                case "--event-rate" -> eventRate = (double) positiveLong(flag, value);
                case "--rate" -> rate = positiveLong(flag, value);
                case "--seconds" -> seconds = (int) positiveLong(flag, value);
                case "--seed" -> seed = anyLong(flag, value);
                default -> config = Path.of(value);
            }
        }
        if (history && eventRate != null) {
            throw new IllegalArgumentException(
                    "--history keeps the generated timestamps; it cannot be combined with"
                            + " --event-rate");
        }
        return new BenchOptions(
                config,
                alerts,
                rate,
                seconds,
                seed,
                history,
                eventRate == null ? 10_000 : eventRate,
                false);
    }

    private static long anyLong(String flag, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be an integer, got '" + text + "'");
        }
    }

    private static long positiveLong(String flag, String text) {
        try {
            long v = Long.parseLong(text);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(
                flag + " must be a positive integer, got '" + text + "'");
    }
}
