package dev.pagerboy.tools.vmbench;

import dev.pagerboy.alerts.Fingerprint;
import dev.pagerboy.vm.handler.HandlerInput;
import dev.pagerboy.vm.handler.HandlerResult;
import dev.pagerboy.vm.handler.HandlerRom;
import dev.pagerboy.vm.handler.HandlerRuntime;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH benchmarks of the handler runtime: ns per alert for each library handler, cycling through
 * alerts shaped like those of real kube-prometheus rules. {@code runInPlace} is the allocation-free
 * path (reset, marshal, execute); {@code run} adds building the immutable result, the side-by-side
 * comparison. Cycles per alert are deterministic and reported by {@link #cyclesPerAlert}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HandlerBenchmark {

    /** A handler and the alerts it runs on. */
    @State(Scope.Thread)
    public static class Handler {
        @Param({"severity", "route-by-label", "flap-detector", "storm-throttle", "business-hours"})
        public String handler;

        HandlerRuntime runtime;
        HandlerInput[] alerts;
        byte[] state;
        int next;

        @Setup(Level.Trial)
        public void setUp() {
            runtime = new HandlerRuntime(HandlerRom.library(handler));
            alerts = sampleAlerts();
            state = new byte[64];
            state[0] = 2; // a fingerprint seen before: exercises the stateful handlers' paths
        }

        HandlerInput nextAlert() {
            HandlerInput alert = alerts[next];
            next = next + 1 == alerts.length ? 0 : next + 1;
            return alert;
        }
    }

    @Benchmark
    public int runInPlace(Handler h) {
        return h.runtime.runInPlace(h.nextAlert(), h.state).routeId();
    }

    @Benchmark
    public HandlerResult run(Handler h) {
        return h.runtime.run(h.nextAlert(), h.state);
    }

    /** Mean T-cycles per alert of a library handler over {@link #sampleAlerts()}. */
    public static double cyclesPerAlert(String handler) {
        HandlerRuntime runtime = new HandlerRuntime(HandlerRom.library(handler));
        HandlerInput[] alerts = sampleAlerts();
        byte[] state = new byte[64];
        state[0] = 2;
        long total = 0;
        for (HandlerInput alert : alerts) {
            total += runtime.run(alert, state).cycles();
        }
        return (double) total / alerts.length;
    }

    /**
     * Eight alerts with the labels of real kube-prometheus rules, as Prometheus would send them.
     */
    static HandlerInput[] sampleAlerts() {
        Instant weekday = Instant.parse("2026-11-25T10:15:00Z");
        Instant night = Instant.parse("2026-11-28T23:30:00Z");
        return new HandlerInput[] {
            alert(
                    "KubeletDown",
                    weekday,
                    0,
                    "severity",
                    "critical",
                    "job",
                    "kubelet",
                    "namespace",
                    "kube-system"),
            alert(
                    "NodeFilesystemSpaceFillingUp",
                    night,
                    3,
                    "severity",
                    "warning",
                    "job",
                    "node-exporter",
                    "instance",
                    "10.0.3.17:9100",
                    "device",
                    "/dev/nvme0n1p1",
                    "fstype",
                    "ext4",
                    "mountpoint",
                    "/var/lib/docker"),
            alert(
                    "TargetDown",
                    weekday,
                    1,
                    "severity",
                    "warning",
                    "job",
                    "postgres-exporter",
                    "namespace",
                    "database",
                    "service",
                    "postgres"),
            alert(
                    "KubePodCrashLooping",
                    night,
                    17,
                    "severity",
                    "warning",
                    "namespace",
                    "payments",
                    "pod",
                    "checkout-7d9f8b6c5-x2k4q",
                    "container",
                    "api",
                    "team",
                    "web"),
            alert(
                    "AlertmanagerFailedReload",
                    weekday,
                    0,
                    "severity",
                    "critical",
                    "job",
                    "alertmanager",
                    "namespace",
                    "monitoring",
                    "pod",
                    "alertmanager-main-0"),
            alert(
                    "PrometheusRuleFailures",
                    night,
                    5,
                    "severity",
                    "critical",
                    "job",
                    "prometheus",
                    "namespace",
                    "monitoring",
                    "rule_group",
                    "/etc/prometheus/rules/node.yaml;node-exporter"),
            alert(
                    "NodeClockSkewDetected",
                    night,
                    2,
                    "severity",
                    "warning",
                    "job",
                    "node-exporter",
                    "instance",
                    "10.0.3.21:9100"),
            alert("Watchdog", weekday, 40, "severity", "none", "namespace", "monitoring"),
        };
    }

    private static HandlerInput alert(
            String name, Instant startsAt, int repeat, String... labelPairs) {
        Map<String, String> labels = new TreeMap<>();
        for (int i = 0; i < labelPairs.length; i += 2) {
            labels.put(labelPairs[i], labelPairs[i + 1]);
        }
        labels.put("alertname", name);
        return new HandlerInput(
                "firing",
                labels.get("severity"),
                name,
                Fingerprint.hex(labels),
                labels,
                name
                        + " on "
                        + labels.getOrDefault(
                                "instance", labels.getOrDefault("namespace", "cluster")),
                startsAt.toEpochMilli(),
                repeat);
    }
}
