package dev.pagerboy.tools.bench;

import dev.pagerboy.alerts.ack.AckAction;
import dev.pagerboy.alerts.ack.AckText;
import dev.pagerboy.contracts.ack.AckSignature;
import dev.pagerboy.contracts.ack.InvalidAckSignatureException;
import dev.pagerboy.contracts.ack.Secp256k1;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.security.SignatureException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * JMH: the CPU of checking one ack's signature (recover the signer's address, as the job's {@code
 * AckCheck} does for every ack) and of signing one (as the gateway does for every press), three
 * ways: {@link Way#WEB3J}, the code the job and {@code AckSignature.sign} ran before session 10;
 * {@link Way#BOUNCY_CASTLE}, {@link Secp256k1}'s pure-Java fallback (for signing, the gateway's
 * former {@code AckSigner}); {@link Way#LIBSECP256K1}, the native library.
 *
 * <p>Each invocation works through {@link #BATCH} prepared acks and records the thread CPU time it
 * took, so the figure compares across a loaded machine; {@link #main} runs the benchmarks in
 * alternating rounds and prints the median CPU microseconds per operation of each.
 *
 * <pre>
 * java -cp "tools/target/classes:$(cat tools/target/classpath.txt)" \
 *     dev.pagerboy.tools.bench.SignatureBenchmark [rounds]
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@OperationsPerInvocation(SignatureBenchmark.BATCH)
public class SignatureBenchmark {

    static final int BATCH = 16;

    /** Which implementation signs or recovers. */
    public enum Way {
        WEB3J,
        BOUNCY_CASTLE,
        LIBSECP256K1
    }

    /** 256 signed acks by 16 keys, and the implementation under test. */
    @State(Scope.Thread)
    public static class Acks {
        @Param({"WEB3J", "BOUNCY_CASTLE", "LIBSECP256K1"})
        public Way way;

        final List<AckText> texts = new ArrayList<>();
        final List<ECKeyPair> keys = new ArrayList<>();
        final List<AckSignature> signatures = new ArrayList<>();
        Secp256k1 curve;
        int next;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            curve = way == Way.BOUNCY_CASTLE ? Secp256k1.bouncyCastle() : Secp256k1.get();
            if (way == Way.LIBSECP256K1 && curve.backend() != Secp256k1.Backend.LIBSECP256K1) {
                throw new IllegalStateException("libsecp256k1 did not load in this JVM");
            }
            Random random = new Random(14);
            for (int k = 0; k < 16; k++) {
                ECKeyPair key = ECKeyPair.create(new BigInteger(250, random).add(BigInteger.ONE));
                for (int i = 0; i < 16; i++) {
                    String incident = String.format("%016x-%d", random.nextLong(), 1796529600000L);
                    AckText text =
                            new AckText(
                                    incident,
                                    incident.substring(0, 16),
                                    "0x" + Keys.getAddress(key),
                                    AckAction.values()[i % AckAction.values().length],
                                    1796529600000L + random.nextInt(1_000_000));
                    texts.add(text);
                    keys.add(key);
                    signatures.add(AckSignature.sign(text, key, Secp256k1.bouncyCastle()));
                }
            }
        }

        int next() {
            next = (next + 1) % texts.size();
            return next;
        }
    }

    /** Per-iteration totals: operations and the benchmark thread's CPU time for them. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuTime {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        public long cpuNanos;
        public long cpuOps;

        @Setup(Level.Iteration)
        public void reset() {
            cpuNanos = 0;
            cpuOps = 0;
        }

        long now() {
            return THREADS.getCurrentThreadCpuTime();
        }
    }

    /** The signer's address from the ack text and its signature: the job's check per ack. */
    @Benchmark
    public int recover(Acks acks, CpuTime cpu) throws Exception {
        int hash = 0;
        long started = cpu.now();
        for (int b = 0; b < BATCH; b++) {
            int i = acks.next();
            AckText text = acks.texts.get(i);
            AckSignature signature = acks.signatures.get(i);
            String signer =
                    acks.way == Way.WEB3J
                            ? web3jRecover(signature, text)
                            : signature.recoverSigner(text, acks.curve);
            hash += signer.hashCode();
        }
        cpu.cpuNanos += cpu.now() - started;
        cpu.cpuOps += BATCH;
        return hash;
    }

    /** The 65-byte EIP-191 signature of an ack text: the gateway's work per press. */
    @Benchmark
    public int sign(Acks acks, CpuTime cpu) {
        int hash = 0;
        long started = cpu.now();
        for (int b = 0; b < BATCH; b++) {
            int i = acks.next();
            AckText text = acks.texts.get(i);
            ECKeyPair key = acks.keys.get(i);
            if (acks.way == Way.WEB3J) {
                Sign.SignatureData data = Sign.signPrefixedMessage(text.bytes(), key);
                hash += data.getS()[31] + data.getV()[0];
            } else {
                hash += AckSignature.sign(text, key, acks.curve).hashCode();
            }
        }
        cpu.cpuNanos += cpu.now() - started;
        cpu.cpuOps += BATCH;
        return hash;
    }

    /** {@code AckSignature.recoverSigner} as it was before session 10 (range checks, Web3j). */
    static String web3jRecover(AckSignature signature, AckText text)
            throws InvalidAckSignatureException {
        byte[] rsv = signature.toBytes();
        BigInteger n = Sign.CURVE_PARAMS.getN();
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(rsv, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(rsv, 32, 64));
        if (r.signum() == 0 || r.compareTo(n) >= 0 || s.signum() == 0) {
            throw new InvalidAckSignatureException("out of range");
        }
        if (s.compareTo(n.shiftRight(1)) > 0) {
            throw new InvalidAckSignatureException("high-s");
        }
        Sign.SignatureData data =
                new Sign.SignatureData(
                        rsv[64], Arrays.copyOfRange(rsv, 0, 32), Arrays.copyOfRange(rsv, 32, 64));
        try {
            return "0x" + Keys.getAddress(Sign.signedPrefixedMessageToKey(text.bytes(), data));
        } catch (SignatureException | RuntimeException e) {
            throw new InvalidAckSignatureException("no key", e);
        }
    }

    /**
     * Runs {@code rounds} (default 3) rounds of every benchmark, one fork each, and the medians.
     */
    public static void main(String[] args) throws RunnerException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Map<String, List<Double>> cpuMicros = new TreeMap<>();
        for (int round = 1; round <= rounds; round++) {
            Collection<RunResult> results =
                    new Runner(
                                    new OptionsBuilder()
                                            .include(SignatureBenchmark.class.getName())
                                            .forks(1)
                                            .warmupIterations(3)
                                            .warmupTime(TimeValue.seconds(1))
                                            .measurementIterations(5)
                                            .measurementTime(TimeValue.seconds(1))
                                            .build())
                            .run();
            for (RunResult result : results) {
                String name =
                        result.getParams().getBenchmark().replaceAll(".*\\.", "")
                                + " "
                                + result.getParams().getParam("way");
                double micros = medianCpuMicrosPerOp(result);
                cpuMicros.computeIfAbsent(name, x -> new ArrayList<>()).add(micros);
                System.out.printf(
                        Locale.ROOT, "round %d: %-28s %8.1f us CPU/op%n", round, name, micros);
            }
        }
        System.out.println("medians over rounds (each round: the median of its iterations):");
        StringBuilder line = new StringBuilder();
        cpuMicros.forEach(
                (name, values) -> {
                    double median = median(values);
                    System.out.printf(
                            Locale.ROOT,
                            "%-28s %8.1f us CPU/op  rounds %s%n",
                            name,
                            median,
                            values.stream()
                                    .map(v -> String.format(Locale.ROOT, "%.1f", v))
                                    .toList());
                    line.append(name.toLowerCase(Locale.ROOT).replace(' ', '_'))
                            .append("_us=")
                            .append(String.format(Locale.ROOT, "%.1f", median))
                            .append(' ');
                });
        System.out.println(line.toString().trim());
    }

    private static double medianCpuMicrosPerOp(RunResult run) {
        List<Double> perOp = new ArrayList<>();
        for (BenchmarkResult benchmark : run.getBenchmarkResults()) {
            for (IterationResult iteration : benchmark.getIterationResults()) {
                double nanos = iteration.getSecondaryResults().get("cpuNanos").getScore();
                double ops = iteration.getSecondaryResults().get("cpuOps").getScore();
                if (ops > 0) {
                    perOp.add(nanos / ops / 1e3);
                }
            }
        }
        return median(perOp);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        if (n == 0) {
            return 0;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
