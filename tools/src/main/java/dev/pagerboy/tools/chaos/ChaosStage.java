package dev.pagerboy.tools.chaos;

import dev.pagerboy.cluster.ClusterConfiguration;
import dev.pagerboy.cluster.ClusterDirectory;
import dev.pagerboy.cluster.ClusterRest;
import dev.pagerboy.cluster.FlinkCli;
import dev.pagerboy.cluster.FlinkHome;
import dev.pagerboy.cluster.StandaloneCluster;
import dev.pagerboy.devstack.ProcessBroker;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The real topology every scenario runs on: a Kafka broker in its own JVM (restartable on its kept
 * log), and a standalone Flink cluster (a JobManager JVM and a TaskManager JVM) whose daemons can
 * be killed with {@code kill -9} and started again by the runner, which plays the supervisor.
 */
final class ChaosStage implements AutoCloseable {

    private final ProcessBroker broker;
    private final StandaloneCluster cluster;
    private final RestartableDaemon taskManager;
    private final RestartableDaemon jobManager;

    private ChaosStage(ProcessBroker broker, StandaloneCluster cluster) {
        this.broker = broker;
        this.cluster = cluster;
        Path log = cluster.directory().log();
        this.taskManager =
                new RestartableDaemon(
                        "taskmanager", cluster.taskManager(), log.resolve("taskmanager.out"));
        this.jobManager =
                new RestartableDaemon(
                        "jobmanager", cluster.jobManager(), log.resolve("jobmanager.out"));
    }

    /** Starts the broker under {@code work/kafka} and the cluster under {@code work/flink}. */
    static ChaosStage start(Path work) {
        return start(work, ClusterConfiguration.TASK_MANAGER_MEMORY);
    }

    /** The same with a TaskManager of {@code taskManagerMemory} (a Flink size, {@code 3g}). */
    static ChaosStage start(Path work, String taskManagerMemory) {
        ProcessBroker broker = ProcessBroker.start(work.resolve("kafka"));
        try {
            StandaloneCluster cluster =
                    StandaloneCluster.start(
                            FlinkHome.locate(),
                            new ClusterDirectory(work.resolve("flink")),
                            false,
                            taskManagerMemory);
            return new ChaosStage(broker, cluster);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    ProcessBroker broker() {
        return broker;
    }

    ClusterRest rest() {
        return cluster.rest();
    }

    FlinkCli cli() {
        return cluster.cli();
    }

    ClusterDirectory directory() {
        return cluster.directory();
    }

    RestartableDaemon taskManager() {
        return taskManager;
    }

    RestartableDaemon jobManager() {
        return jobManager;
    }

    /**
     * The supervisor's round before each scenario: restarts any daemon that died, cancels any job a
     * failed scenario left running (a scenario's fault, a crash it provoked or a job that never
     * ended must not leak into the next one) and waits until the TaskManager's slots are free.
     */
    void ensureRunning(PrintStream out) {
        if (!broker.isAlive()) {
            out.println("chaos: the broker is down; restarting it");
            broker.restart();
        }
        for (RestartableDaemon daemon : new RestartableDaemon[] {jobManager, taskManager}) {
            if (!daemon.current().isAlive()) {
                out.println("chaos: the " + daemon.role() + " is dead; restarting it");
                daemon.restart();
            }
        }
        for (ClusterRest.Job job : rest().jobs()) {
            if (!JobRun.isTerminal(job.state())) {
                out.println(
                        "chaos: cancelling job " + job.id() + " (" + job.state() + ") left over");
                cli().run(Duration.ofMinutes(2), java.util.List.of("cancel", job.id()));
            }
        }
        JobRun.await(
                "a TaskManager with " + StandaloneCluster.SLOTS + " free slots",
                Duration.ofMinutes(3),
                () ->
                        rest().overview()
                                .map(o -> o.slotsAvailable() >= StandaloneCluster.SLOTS)
                                .orElse(false));
    }

    @Override
    public void close() {
        try {
            taskManager.close();
            jobManager.close();
            cluster.close();
        } finally {
            broker.close();
        }
    }
}
