package dev.pagerboy.streaming.bench;

import java.nio.file.Path;

/** The pipeline benchmark's command line. */
record BenchOptions(Path config, long alerts, double rate, int seconds, long seed, boolean help) {

    static final String USAGE =
            """
            usage: ./pagerboy bench pipeline [options]

              --alerts N     generated alerts for the throughput run (default 1000000)
              --rate R       alerts per second sent during the latency run (default 10000)
              --seconds S    length of the latency measurement after a 5 s warm-up (default 20)
              --seed S       generator seed (default 7)
              --config FILE  job configuration (default streaming-job/config/bench.yaml)
            """;

    static BenchOptions parse(String[] args, Path root) {
        Path config = root.resolve("streaming-job/config/bench.yaml");
        long alerts = 1_000_000;
        double rate = 10_000;
        int seconds = 20;
        long seed = 7;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                return new BenchOptions(config, alerts, rate, seconds, seed, true);
            }
            if (!USAGE.contains(flag + " ") || !flag.startsWith("--")) {
                throw new IllegalArgumentException("unknown option '" + flag + "'");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--alerts" -> alerts = positiveLong(flag, value);
                case "--rate" -> rate = positiveLong(flag, value);
                case "--seconds" -> seconds = (int) positiveLong(flag, value);
                case "--seed" -> seed = anyLong(flag, value);
                default -> config = Path.of(value);
            }
        }
        return new BenchOptions(config, alerts, rate, seconds, seed, false);
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
