package dev.pagerboy.tools.vmbench;

import dev.pagerboy.vm.handler.HandlerInput;
import dev.pagerboy.vm.handler.HandlerRom;
import dev.pagerboy.vm.handler.HandlerRuntime;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The per-alert cost of {@link HandlerRuntime#runInPlace} in thread CPU time, next to the JMH
 * wall-clock figures of {@link HandlerBenchmark}: on a shared, loaded machine the wall clock mostly
 * measures the scheduler, while CPU time per alert compares across runs and sessions. Same handlers
 * and alerts as the JMH benchmark; each handler is warmed up, then timed in slices of 20,000 alerts
 * and the median slice is reported.
 *
 * <p>{@code java -cp vm/target/classes dev.pagerboy.tools.vmbench.HandlerCpuTime [slices]}
 */
public final class HandlerCpuTime {

    private static final int ALERTS_PER_SLICE = 20_000;

    private HandlerCpuTime() {}

    public static void main(String[] args) {
        int slices = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        HandlerInput[] alerts = HandlerBenchmark.sampleAlerts();
        for (String name : HandlerRom.LIBRARY) {
            HandlerRuntime runtime = new HandlerRuntime(HandlerRom.library(name));
            byte[] state = new byte[64];
            state[0] = 2; // as in HandlerBenchmark: a fingerprint seen before
            long sink = 0;
            for (int i = 0; i < 5 * ALERTS_PER_SLICE; i++) {
                sink += runtime.runInPlace(alerts[i % alerts.length], state).routeId();
            }
            double[] nanosPerAlert = new double[slices];
            for (int s = 0; s < slices; s++) {
                long started = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < ALERTS_PER_SLICE; i++) {
                    sink += runtime.runInPlace(alerts[i % alerts.length], state).routeId();
                }
                nanosPerAlert[s] =
                        (threads.getCurrentThreadCpuTime() - started) / (double) ALERTS_PER_SLICE;
            }
            Arrays.sort(nanosPerAlert);
            System.out.printf(
                    "handler=%s cpu_ns_per_alert_median=%.0f min=%.0f max=%.0f cycles_per_alert=%.0f"
                            + " (sink %d)%n",
                    name,
                    nanosPerAlert[slices / 2],
                    nanosPerAlert[0],
                    nanosPerAlert[slices - 1],
                    HandlerBenchmark.cyclesPerAlert(name),
                    sink & 1);
        }
    }
}
