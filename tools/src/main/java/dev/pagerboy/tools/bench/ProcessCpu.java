package dev.pagerboy.tools.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * CPU time used by this whole JVM so far. The benchmark runs the broker, the clients and the
 * MiniCluster in one JVM, so the difference over a phase is that phase's CPU cost: a measure that
 * other engineers' load on the shared machine disturbs much less than wall-clock rates.
 */
final class ProcessCpu {

    private ProcessCpu() {}

    /** Process CPU time in nanoseconds, or 0 where the JVM does not report it. */
    static long nanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean hotspot) {
            return hotspot.getProcessCpuTime();
        }
        return 0;
    }
}
