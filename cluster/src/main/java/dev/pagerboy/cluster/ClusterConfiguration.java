package dev.pagerboy.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code conf/} of a one-TaskManager standalone cluster on the loopback interface, written the
 * way an SRE edits a Flink distribution's {@code conf/config.yaml}: explicit ports (picked free
 * just before start), every listener bound to 127.0.0.1, small memory so a JobManager and a
 * TaskManager fit beside a build on a 2-core machine, and everything the processes write kept under
 * the cluster directory.
 */
public record ClusterConfiguration(int restPort, int rpcPort, int slots, String taskManagerMemory) {

    /** JobManager process size: 256 MB metaspace + 192 MB overhead + 128 MB off-heap + heap. */
    static final String JOB_MANAGER_MEMORY = "768m";

    /**
     * TaskManager process size. Managed memory (used only by RocksDB and batch operators; the job
     * keeps its state on the heap) is shrunk to 64 MB so that most of it goes to the task heap.
     */
    public static final String TASK_MANAGER_MEMORY = "1024m";

    /**
     * @param taskManagerMemory the TaskManager's {@code taskmanager.memory.process.size}, a Flink
     *     memory size ({@code 1024m}, {@code 3g}); the job keeps its state on the heap, so a job
     *     with more open alerts needs more (chaos R1 at 1 M generated alerts does not fit in the
     *     default {@value #TASK_MANAGER_MEMORY})
     * @throws IllegalArgumentException if it is not a memory size, or below the default
     */
    public ClusterConfiguration {
        checkTaskManagerMemory(taskManagerMemory);
    }

    /**
     * Checks a TaskManager size before anything starts.
     *
     * @throws IllegalArgumentException naming the value, if it is not a Flink memory size or is
     *     below the default {@value #TASK_MANAGER_MEMORY}
     */
    public static void checkTaskManagerMemory(String taskManagerMemory) {
        long bytes = bytes(taskManagerMemory);
        if (bytes < bytes(TASK_MANAGER_MEMORY)) {
            throw new IllegalArgumentException(
                    "TaskManager memory "
                            + taskManagerMemory
                            + " is below the "
                            + TASK_MANAGER_MEMORY
                            + " the cluster's fixed parts need");
        }
    }

    /** A size as Flink writes one: a number, and a unit of k, m, g or t (with or without b). */
    private static final Pattern SIZE =
            Pattern.compile("(\\d{1,12})\\s*(b|bytes|k|kb|m|mb|g|gb|t|tb)?");

    /**
     * The bytes of a Flink memory size ({@code 1024m}, {@code 3g}, {@code 3 gb}, {@code 4096}); the
     * cluster module reads it itself, without Flink's classes (docs/ARCHITECTURE.md).
     */
    static long bytes(String size) {
        Matcher m = SIZE.matcher(size == null ? "" : size.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "TaskManager memory '" + size + "' is not a size like 1024m or 3g");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2).substring(0, 1);
        int shift =
                switch (unit) {
                    case "k" -> 10;
                    case "m" -> 20;
                    case "g" -> 30;
                    case "t" -> 40;
                    default -> 0;
                };
        return n << shift;
    }

    /** With the default TaskManager memory, {@value #TASK_MANAGER_MEMORY}. */
    public ClusterConfiguration(int restPort, int rpcPort, int slots) {
        this(restPort, rpcPort, slots, TASK_MANAGER_MEMORY);
    }

    static final String MANAGED_MEMORY = "64m";

    /**
     * How often the JobManager and the TaskManagers heartbeat each other. Flink's default (10 s)
     * with its default {@code heartbeat.rpc-failure-threshold} of 2 lets a TaskManager killed with
     * {@code kill -9} hold its slots, and the job, for 20 s or more before the JobManager declares
     * it lost and fails over (chaos R1, finding 3). A heartbeat to a dead process fails at once
     * (connection refused), so two failed heartbeats 2 s apart say it is gone within about 4 s.
     */
    static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(2);

    /**
     * How long a peer that still answers the network but not the heartbeat (a hung or swapping JVM)
     * may stay silent. Flink's default is 50 s; 20 s is well above the longest garbage-collection
     * or scheduling pause seen on the shared 2-core machine, so a busy TaskManager is not declared
     * lost, while a dead one is found by the failed heartbeats above.
     */
    static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(20);

    /**
     * How long a JobManager waits for a TaskManager to answer an RPC, deploying a task among them
     * ({@code pekko.ask.timeout}; Flink's default is 10 s). The TaskManager takes the job's tasks
     * one after another in its main thread, and on the shared 2-core machine at load 49 one of
     * twenty deployments went unanswered for 10 s: the job failed over before it had read a record
     * (chaos R4, session 9: "Cannot deploy task … not responding after a rpcTimeout of PT10S"). A
     * dead TaskManager is still found within seconds, by its heartbeats (above), and a call to a
     * dead process fails at once.
     */
    static final Duration RPC_TIMEOUT = Duration.ofSeconds(60);

    /**
     * The JVM options of Flink's own {@code config.yaml} ({@code env.java.opts.all}): Flink 2.2 on
     * Java 17 reflects into these JDK packages (serialization, memory, network).
     */
    static final List<String> JAVA_17_OPTIONS =
            List.of(
                    "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
                    "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                    "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "--add-opens=java.base/java.net=ALL-UNNAMED",
                    "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                    "--add-opens=java.base/java.text=ALL-UNNAMED",
                    "--add-opens=java.base/java.time=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private static final String LOOPBACK = "127.0.0.1";

    /**
     * Where the JobManager and each TaskManager serve {@code /metrics}: each takes the first free
     * port, so the JobManager usually has 9249 and the TaskManagers the next ones.
     */
    static final String METRICS_PORTS = "9249-9299";

    /** Writes {@code config.yaml} and the Log4j configurations into {@code dir.conf()}. */
    void writeTo(ClusterDirectory dir) {
        write(dir.conf().resolve("config.yaml"), configYaml(dir));
        write(dir.conf().resolve("log4j.properties"), log4j("MainAppender"));
        write(dir.conf().resolve("log4j-cli.properties"), log4j("FileAppender"));
    }

    String configYaml(ClusterDirectory dir) {
        return """
                # Written by PagerBoy's cluster module (dev.pagerboy.cluster.ClusterConfiguration).
                env.java.opts.all: %s

                jobmanager.bind-host: %s
                jobmanager.rpc.address: %s
                jobmanager.rpc.port: %d
                jobmanager.memory.process.size: %s
                jobmanager.execution.failover-strategy: region

                heartbeat.interval: %d ms
                heartbeat.timeout: %d ms
                pekko.ask.timeout: %d ms

                taskmanager.bind-host: %s
                taskmanager.host: %s
                taskmanager.numberOfTaskSlots: %d
                taskmanager.memory.process.size: %s
                taskmanager.memory.managed.size: %s

                parallelism.default: %d

                rest.address: %s
                rest.bind-address: %s
                rest.port: %d

                io.tmp.dirs: %s
                execution.checkpointing.dir: %s
                # The job's default state backend logs its state changes (StateBackendChoice);
                # TaskManagers read where the log goes from here, not from the job: beside the
                # checkpoints, which refer to it. lib/ holds flink-statebackend-changelog and
                # flink-dstl-dfs.
                state.changelog.storage: filesystem
                state.changelog.dstl.dfs.base-path: %s

                # Every process serves its metrics to Prometheus on the first free port of the
                # range (docs/OPERATIONS.md, "Metrics"); lib/ holds flink-metrics-prometheus.
                metrics.reporter.prom.factory.class: org.apache.flink.metrics.prometheus.PrometheusReporterFactory
                metrics.reporter.prom.port: %s
                """
                .formatted(
                        String.join(" ", JAVA_17_OPTIONS),
                        LOOPBACK,
                        LOOPBACK,
                        rpcPort,
                        JOB_MANAGER_MEMORY,
                        HEARTBEAT_INTERVAL.toMillis(),
                        HEARTBEAT_TIMEOUT.toMillis(),
                        RPC_TIMEOUT.toMillis(),
                        LOOPBACK,
                        LOOPBACK,
                        slots,
                        taskManagerMemory,
                        MANAGED_MEMORY,
                        slots,
                        LOOPBACK,
                        LOOPBACK,
                        restPort,
                        dir.tmp(),
                        dir.checkpoints().toUri(),
                        dir.checkpoints().resolve("changelog").toUri(),
                        METRICS_PORTS);
    }

    /** A file logger at INFO, the file named by the {@code log.file} system property. */
    private static String log4j(String appender) {
        return """
                monitorInterval = 0
                rootLogger.level = INFO
                rootLogger.appenderRef.file.ref = %1$s
                appender.file.name = %1$s
                appender.file.type = File
                appender.file.append = true
                appender.file.fileName = ${sys:log.file}
                appender.file.layout.type = PatternLayout
                appender.file.layout.pattern = %%d{yyyy-MM-dd HH:mm:ss,SSS} %%-5p %%-60c %%x - %%m%%n
                # Flink's own log4j.properties quiets these chatty libraries the same way.
                logger.pekko.name = org.apache.pekko
                logger.pekko.level = INFO
                logger.kafka.name = org.apache.kafka
                logger.kafka.level = INFO
                logger.netty.name = org.jboss.netty.channel.DefaultChannelPipeline
                logger.netty.level = OFF
                """
                .formatted(appender);
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
