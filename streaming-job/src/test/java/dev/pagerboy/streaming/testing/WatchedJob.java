package dev.pagerboy.streaming.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.streaming.status.JobProgress;
import dev.pagerboy.streaming.status.MetricsBoard;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * A job a test started with {@code executeAsync} and now waits on: the test's wait for the job's
 * output checks the job too, so a failed job fails the test at once with the job's own cause, and a
 * wait that runs out says what the job was doing.
 *
 * <pre>{@code
 * WatchedJob job = WatchedJob.onCluster(FLINK, env.executeAsync("late acks live"));
 * job.await("a committed incident update at 440 s", Duration.ofMinutes(4), () -> committed());
 * }</pre>
 *
 * <p>Why: a test that only polls Kafka or the archive cannot tell "the job is slow" from "the job
 * died a minute ago" or "the job finished without writing it"; it waits out its whole deadline and
 * then reports only that the output never came. Here each poll first looks at the output (a job may
 * finish or fail after writing it), then at the job: {@link JobStatus#FAILED} or {@link
 * JobStatus#CANCELED} end the wait with the job's failure; {@link JobStatus#FINISHED} ends it after
 * {@link #AFTER_FINISH} (commit markers land after a bounded job ends). On a timeout the message
 * holds the job's status, records in and out and input watermark per stage, what each source reader
 * read, emitted and committed and where its threads stand ({@link SourceReaders}), checkpoints and
 * failovers, and the last exception the output's reader threw (output being written can be
 * unreadable for a moment, so such an exception only means "not yet"), read from the MiniCluster's
 * REST API ({@link #onCluster}) or from {@link MetricsBoard} for a job configured by {@code
 * LocalJob} ({@link #onLocalJob}).
 */
public final class WatchedJob {

    /** How long output may still appear after the job finished (async commit markers). */
    static final Duration AFTER_FINISH = Duration.ofSeconds(30);

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration ASK = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JobClient job;
    private final Supplier<String> progress;

    private WatchedJob(JobClient job, Supplier<String> progress) {
        this.job = job;
        this.progress = progress;
    }

    /** A job on a {@link MiniClusterExtension}: the report reads the cluster's REST API. */
    public static WatchedJob onCluster(MiniClusterExtension cluster, JobClient job) {
        return new WatchedJob(job, () -> restReport(cluster, job));
    }

    /**
     * A job on a MiniCluster whose REST API listens at {@code restApi} (such as the tools' {@code
     * MiniClusterJob}): the report reads that API.
     */
    public static WatchedJob onRestApi(URI restApi, JobClient job) {
        return new WatchedJob(job, () -> restReport(restApi, job));
    }

    /** A job run with {@code LocalJob.configuration}, which reports to {@link MetricsBoard}. */
    public static WatchedJob onLocalJob(JobClient job) {
        return new WatchedJob(
                job, () -> "  " + JobProgress.of(MetricsBoard.snapshot()).line(Instant.now()));
    }

    /** Any job: the report holds its status only. */
    public static WatchedJob of(JobClient job) {
        return new WatchedJob(job, () -> "");
    }

    public JobClient client() {
        return job;
    }

    /**
     * Cancels {@code job} and waits until it has ended. A cancel is only acknowledged at once: the
     * job's tasks may still be closing, the archive's sink removing its in-progress files and a
     * checkpoint being written, in folders the test is about to read or its temporary directory is
     * deleting (JUnit then fails the test with "Failed to close extension context").
     */
    public static void cancelAndAwaitEnd(JobClient job) throws Exception {
        job.cancel().get(1, TimeUnit.MINUTES);
        try {
            job.getJobExecutionResult().get(1, TimeUnit.MINUTES);
        } catch (ExecutionException cancelled) {
            // The result of a cancelled job is its cancellation: it has ended.
        }
    }

    /** Waits until {@code done} holds; fails early if the job fails, is cancelled or finishes. */
    public void await(String what, Duration atMost, Callable<Boolean> done) {
        await(what, atMost, done, Boolean.TRUE::equals);
    }

    /**
     * Waits until {@code probe}'s value satisfies {@code wanted} and returns that value; fails
     * early if the job fails, is cancelled or finishes without it.
     */
    public <T> T await(String what, Duration atMost, Callable<T> probe, Predicate<T> wanted) {
        long start = System.nanoTime();
        long deadline = start + atMost.toNanos();
        long finishedAt = 0;
        T last = null;
        Exception unreadable = null;
        while (true) {
            try {
                last = probe.call();
                unreadable = null;
                if (wanted.test(last)) {
                    return last;
                }
            } catch (Exception e) {
                // Output being written may be unreadable for a moment (a transaction, a file
                // being committed): try again, and report it if it never becomes readable.
                unreadable = e;
            }
            JobStatus status = status();
            if (status == JobStatus.FAILED || status == JobStatus.CANCELED) {
                throw new AssertionError(
                        what + " never came: the job is " + status + "\n" + report(), cause());
            }
            if (status == JobStatus.FINISHED) {
                finishedAt = finishedAt == 0 ? System.nanoTime() : finishedAt;
                if (System.nanoTime() - finishedAt > AFTER_FINISH.toNanos()) {
                    throw new AssertionError(
                            what
                                    + " never came: the job FINISHED "
                                    + AFTER_FINISH.toSeconds()
                                    + " s ago without it (last value seen: "
                                    + abbreviated(last)
                                    + ")\n"
                                    + report(),
                            unreadable);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        what
                                + " not within "
                                + atMost
                                + " (last value seen: "
                                + abbreviated(last)
                                + ")\n"
                                + report(),
                        unreadable);
            }
            try {
                Thread.sleep(POLL.toMillis()); // the poll interval of a wait with a deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(what + ": interrupted\n" + report(), e);
            }
        }
    }

    /**
     * The job's status now, or {@code null} if the cluster does not answer. A job run on a
     * MiniCluster of its own (a local environment) takes that cluster down when it ends, so then
     * the job's result says how it ended.
     */
    public JobStatus status() {
        try {
            return job.getJobStatus().get(ASK.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception unanswered) {
            CompletableFuture<?> result = job.getJobExecutionResult();
            if (!result.isDone()) {
                return null;
            }
            return result.isCompletedExceptionally() ? JobStatus.FAILED : JobStatus.FINISHED;
        }
    }

    /**
     * What the job is doing: its id and status, then what the cluster's REST API or the metrics
     * board says about it.
     */
    public String report() {
        String state;
        try {
            state = String.valueOf(job.getJobStatus().get(ASK.toSeconds(), TimeUnit.SECONDS));
        } catch (Exception e) {
            state = "unknown (" + e + ")";
        }
        StringBuilder sb = new StringBuilder("job ").append(job.getJobID()).append(": ");
        sb.append(state).append('\n');
        try {
            sb.append(progress.get());
        } catch (RuntimeException e) {
            sb.append("  (no progress: ").append(e).append(")\n");
        }
        return sb.toString();
    }

    /** The failure the job ended with, or {@code null} if it has not failed (yet). */
    private Throwable cause() {
        try {
            job.getJobExecutionResult().get(ASK.toSeconds(), TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause() == null ? e : e.getCause();
        } catch (Exception e) {
            return null;
        }
    }

    private static String abbreviated(Object value) {
        String text = String.valueOf(value);
        return text.length() <= 500 ? text : text.substring(0, 500) + "…";
    }

    /**
     * Per stage: status, records in and out, the lowest input watermark; then checkpoints and the
     * failures the job went through (Flink's {@code /jobs/:id}, {@code .../watermarks}, {@code
     * /checkpoints} and {@code /exceptions}). Stage metrics are refreshed by the cluster every 10
     * s.
     */
    private static String restReport(MiniClusterExtension cluster, JobClient job) {
        Configuration client = cluster.getClientConfiguration();
        return restReport(
                URI.create(
                        "http://"
                                + client.get(RestOptions.ADDRESS)
                                + ":"
                                + client.get(RestOptions.PORT)
                                + "/"),
                job);
    }

    private static String restReport(URI base, JobClient job) {
        String jobPath = "jobs/" + job.getJobID();
        StringBuilder sb = new StringBuilder();
        get(base, jobPath)
                .ifPresent(
                        details -> {
                            for (JsonNode v : details.path("vertices")) {
                                JsonNode m = v.path("metrics");
                                sb.append(
                                        String.format(
                                                "  %-9s in %,d out %,d watermark %s | %s%n",
                                                v.path("status").asText(),
                                                m.path("read-records").asLong(),
                                                m.path("write-records").asLong(),
                                                watermark(base, jobPath, v.path("id").asText()),
                                                v.path("name").asText()));
                                if (v.path("name").asText().startsWith("Source")) {
                                    sb.append(
                                            SourceReaders.report(
                                                    base,
                                                    jobPath,
                                                    v.path("id").asText(),
                                                    v.path("parallelism").asInt()));
                                }
                            }
                        });
        get(base, jobPath + "/checkpoints")
                .ifPresent(
                        c -> {
                            JsonNode counts = c.path("counts");
                            sb.append(
                                    String.format(
                                            "  checkpoints: %d completed, %d failed, %d in"
                                                    + " progress",
                                            counts.path("completed").asLong(),
                                            counts.path("failed").asLong(),
                                            counts.path("in_progress").asLong()));
                            JsonNode done = c.path("latest").path("completed");
                            if (done.isObject()) {
                                sb.append(", last #")
                                        .append(done.path("id").asLong())
                                        .append(" acknowledged at ")
                                        .append(
                                                Instant.ofEpochMilli(
                                                        done.path("latest_ack_timestamp")
                                                                .asLong()));
                            }
                            JsonNode failed = c.path("latest").path("failed");
                            if (failed.isObject()) {
                                sb.append(", last failure: ")
                                        .append(failed.path("failure_message").asText());
                            }
                            sb.append('\n');
                        });
        get(base, jobPath + "/exceptions?maxExceptions=5")
                .ifPresent(
                        e -> {
                            for (JsonNode entry : e.path("exceptionHistory").path("entries")) {
                                sb.append("  failure in ")
                                        .append(entry.path("taskName").asText("?"))
                                        .append(": ")
                                        .append(
                                                entry.path("stacktrace")
                                                        .asText(
                                                                entry.path("exceptionName")
                                                                        .asText())
                                                        .lines()
                                                        .findFirst()
                                                        .orElse(""))
                                        .append('\n');
                            }
                        });
        sb.append(SourceReaders.threads());
        return sb.toString();
    }

    /** The lowest current input watermark over a stage's subtasks, as an instant. */
    private static String watermark(URI base, String jobPath, String vertex) {
        return get(base, jobPath + "/vertices/" + vertex + "/watermarks")
                .map(
                        subtasks -> {
                            long min = Long.MAX_VALUE;
                            for (JsonNode s : subtasks) {
                                if (s.path("id").asText().endsWith(".currentInputWatermark")) {
                                    min = Math.min(min, s.path("value").asLong(Long.MIN_VALUE));
                                }
                            }
                            if (min == Long.MAX_VALUE) {
                                return "?";
                            }
                            return min <= Long.MIN_VALUE + 1
                                    ? "none"
                                    : Instant.ofEpochMilli(min).toString();
                        })
                .orElse("?");
    }

    private static Optional<JsonNode> get(URI base, String path) {
        try {
            HttpResponse<String> response =
                    HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(base.resolve("/" + path))
                                            .timeout(ASK)
                                            .GET()
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200
                    ? Optional.of(JSON.readTree(response.body()))
                    : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
