package dev.pagerboy.datasets.gen;

/**
 * SplitMix64 with the few distributions the generator needs, written out so that a seed gives the
 * same numbers on every JDK (java.util's generators do not promise that for nextGaussian) and every
 * machine ({@link StrictMath}).
 */
public final class SeededRandom {
    private long state;

    public SeededRandom(long seed) {
        this.state = seed;
    }

    /** An independent stream for one purpose, so that e.g. turning acks on leaves alerts alone. */
    public static SeededRandom forPurpose(long seed, String purpose) {
        long mixed = seed;
        for (int i = 0; i < purpose.length(); i++) {
            mixed = mix(mixed + purpose.charAt(i) * 0x9E3779B97F4A7C15L);
        }
        return new SeededRandom(mixed);
    }

    public long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        return (int) ((nextLong() >>> 1) % bound);
    }

    /** Uniform in [min, max]. */
    public int between(int min, int max) {
        return min + nextInt(max - min + 1);
    }

    public boolean chance(double probability) {
        return nextDouble() < probability;
    }

    /** Standard normal (Box–Muller, one value per call). */
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble(); // in (0, 1], so the log is finite
        double u2 = nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2);
    }

    /** Exponential with the given mean. */
    public double nextExponential(double mean) {
        return -mean * StrictMath.log(1.0 - nextDouble());
    }

    /** Lognormal with the given median and log-space standard deviation. */
    public double nextLognormal(double median, double sigma) {
        return median * StrictMath.exp(sigma * nextGaussian());
    }
}
