package dev.pagerboy.tools.demo;

import dev.pagerboy.devstack.LoopbackPorts;
import dev.pagerboy.streaming.LiveJob;
import dev.pagerboy.streaming.config.JobConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The live PagerBoy job running on a Flink MiniCluster inside this JVM, in the background, for the
 * demo and the pipeline benchmark: they feed Kafka while it runs, then stop it.
 *
 * <p>{@link #drainAndStop} ends the job the way a bounded input ends: the sources stop, event time
 * jumps to the end (every pending timer fires; the pipeline's functions then make exactly the
 * decisions the input's own clock allows, see {@code GroupFunction}), every operator finishes, and
 * a final savepoint commits the Kafka transactions and the last archive files. A plain cancel would
 * throw the last stretch of output away.
 *
 * <p>The MiniCluster's REST endpoint listens on a loopback port picked in advance ({@link
 * #restAddress}), so that the benchmark can read checkpoint statistics while the job runs.
 */
public final class MiniClusterJob implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    // Completed checkpoints the REST endpoint remembers (default 10): enough for a poller that
    // looks every few seconds at 1 s checkpoints.
    private static final int CHECKPOINT_HISTORY = 100;

    private final JobClient client;
    private final URI restAddress;
    // Asked for once: a finished job's MiniCluster shuts down and answers no more questions.
    private final CompletableFuture<JobExecutionResult> result;
    private boolean stopped;

    private MiniClusterJob(JobClient client, URI restAddress) {
        this.client = client;
        this.restAddress = restAddress;
        this.result = client.getJobExecutionResult();
    }

    /** Submits the live job for {@code cfg} with {@code parallelism} and waits until it runs. */
    public static MiniClusterJob start(JobConfig cfg, int parallelism, String jobName)
            throws Exception {
        return start(cfg, parallelism, jobName, new Configuration());
    }

    /** As {@link #start(JobConfig, int, String)}, with {@code extra} Flink settings on top. */
    public static MiniClusterJob start(
            JobConfig cfg, int parallelism, String jobName, Configuration extra) throws Exception {
        return start(cfg, parallelism, jobName, extra, LiveJob::define);
    }

    /**
     * As {@link #start(JobConfig, int, String, Configuration)}, with {@code topology} added to the
     * environment instead of the live job (the floor benchmark's skeletons of the job's shape).
     */
    public static MiniClusterJob start(
            JobConfig cfg,
            int parallelism,
            String jobName,
            Configuration extra,
            BiConsumer<StreamExecutionEnvironment, JobConfig> topology)
            throws Exception {
        Configuration conf = LiveJob.flinkConfiguration(cfg);
        conf.addAll(extra);
        int restPort = LoopbackPorts.pick(1)[0];
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.BIND_PORT, String.valueOf(restPort));
        conf.set(RestOptions.PORT, restPort);
        conf.set(WebOptions.CHECKPOINTS_HISTORY_SIZE, CHECKPOINT_HISTORY);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
        topology.accept(env, cfg);
        MiniClusterJob job =
                new MiniClusterJob(
                        env.executeAsync(jobName), URI.create("http://127.0.0.1:" + restPort));
        job.awaitRunning();
        return job;
    }

    /** The job's id, as the REST API names it. */
    public JobID jobId() {
        return client.getJobID();
    }

    /** The client of the running job (for a test's {@code WatchedJob}). */
    public JobClient client() {
        return client;
    }

    /** Base address of the MiniCluster's REST API (e.g. {@code /jobs/<id>/checkpoints}). */
    public URI restAddress() {
        return restAddress;
    }

    /** Whether the job has ended (finished, failed or cancelled). */
    public boolean hasEnded() {
        return result.isDone();
    }

    /** The job's current status; only while it has not {@link #hasEnded ended}. */
    public JobStatus status() throws Exception {
        return client.getJobStatus().get(30, TimeUnit.SECONDS);
    }

    /**
     * Drains the job (sources stop, event time advances to the end, operators finish) and stops it
     * with a final savepoint under {@code savepointDirectory} that commits all output; waits until
     * it has ended. Falls back to cancelling if the savepoint fails. Let the job read everything it
     * should see first: the sources stop where they are.
     */
    public void drainAndStop(Path savepointDirectory) throws Exception {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            client.stopWithSavepoint(
                            true,
                            savepointDirectory.toUri().toString(),
                            SavepointFormatType.CANONICAL)
                    .get(5, TimeUnit.MINUTES);
        } catch (ExecutionException | TimeoutException e) {
            client.cancel().get(1, TimeUnit.MINUTES);
            throw new IllegalStateException(
                    "the job did not stop with a savepoint (it was cancelled instead): "
                            + rootMessage(e),
                    e);
        }
    }

    /** Waits until a bounded job has finished (its final checkpoint commits all output). */
    public void awaitFinished(Duration timeout) throws Exception {
        stopped = true;
        result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Cancels the job if {@link #stop} was not called (e.g. after a failure elsewhere). */
    @Override
    public void close() throws Exception {
        if (!stopped) {
            stopped = true;
            if (!hasEnded() && !status().isGloballyTerminalState()) {
                client.cancel().get(1, TimeUnit.MINUTES);
            }
        }
    }

    private void awaitRunning() throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (hasEnded()) {
                result.get(); // a failure surfaces here; a tiny bounded job may simply be done
                return;
            }
            JobStatus status = status();
            if (status == JobStatus.RUNNING) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the job is still " + status + " after " + START_TIMEOUT);
            }
            Thread.sleep(100);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
