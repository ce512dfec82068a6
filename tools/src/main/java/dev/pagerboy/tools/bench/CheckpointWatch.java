package dev.pagerboy.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Follows a running job's checkpoints through the Flink REST API ({@code /jobs/:id/checkpoints}) of
 * its MiniCluster, so that the benchmark can say how long checkpoints took while it measured: with
 * exactly-once sinks, output becomes visible only when a checkpoint completes, so checkpoint
 * duration bounds both latency and the committed rate.
 *
 * <p>A daemon thread polls every half second and remembers the last status of every checkpoint it
 * saw; {@link #summary} describes those triggered in a time window.
 */
final class CheckpointWatch implements AutoCloseable {

    /** One checkpoint as the REST API reports it; {@code durationMillis} so far if in progress. */
    record Checkpoint(
            long id,
            String status,
            long triggeredAt,
            long durationMillis,
            long stateSizeBytes,
            String failure) {
        boolean completed() {
            return "COMPLETED".equals(status);
        }

        boolean failed() {
            return "FAILED".equals(status);
        }

        boolean inProgress() {
            return "IN_PROGRESS".equals(status);
        }
    }

    /**
     * Checkpoints triggered in a window: how many completed and failed, the completed ones'
     * end-to-end duration median and maximum (-1 without any), the last completed one, the oldest
     * still in progress and the last failed one (null when none).
     */
    record Summary(
            int completed,
            int failed,
            long p50Millis,
            long maxMillis,
            Checkpoint lastCompleted,
            Checkpoint inProgress,
            Checkpoint lastFailed) {

        /** One line for people, e.g. after a latency run that saw few notifications. */
        String describe(long windowStart) {
            StringBuilder s =
                    new StringBuilder(
                            String.format(
                                    "checkpoints triggered in the window: %d completed, %d failed",
                                    completed, failed));
            if (completed > 0) {
                s.append(
                        String.format(
                                "; duration p50 %,d ms, max %,d ms; last completed #%d at +%.1f s"
                                        + " took %,d ms (state %,d KiB)",
                                p50Millis,
                                maxMillis,
                                lastCompleted.id(),
                                (lastCompleted.triggeredAt() - windowStart) / 1000.0,
                                lastCompleted.durationMillis(),
                                lastCompleted.stateSizeBytes() / 1024));
            }
            if (inProgress != null) {
                s.append(
                        String.format(
                                "; #%d in progress since +%.1f s (%,d ms so far)",
                                inProgress.id(),
                                (inProgress.triggeredAt() - windowStart) / 1000.0,
                                inProgress.durationMillis()));
            }
            if (lastFailed != null && lastFailed.failure() != null) {
                s.append(
                        String.format(
                                "; #%d failed: %s",
                                lastFailed.id(), firstLine(lastFailed.failure())));
            }
            return s.toString();
        }

        private static String firstLine(String text) {
            int end = text.indexOf('\n');
            return end < 0 ? text : text.substring(0, end);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL_EVERY = Duration.ofMillis(500);

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI endpoint;
    private final Map<Long, Checkpoint> seen = new ConcurrentHashMap<>();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private final Thread poller;
    private volatile boolean running = true;

    private CheckpointWatch(URI restAddress, String jobId) {
        this.endpoint = restAddress.resolve("/jobs/" + jobId + "/checkpoints");
        this.poller = new Thread(this::pollUntilClosed, "checkpoint-watch");
        poller.setDaemon(true);
    }

    /** Starts following the checkpoints of job {@code jobId} behind {@code restAddress}. */
    static CheckpointWatch start(URI restAddress, String jobId) {
        CheckpointWatch watch = new CheckpointWatch(restAddress, jobId);
        watch.poller.start();
        return watch;
    }

    /** Summary of the checkpoints triggered at or after {@code from} and before {@code to}. */
    Summary summary(long from, long to) {
        return summarise(seen.values(), from, to);
    }

    /** The last polling failure, or null: the summary may then be incomplete. */
    String lastError() {
        return lastError.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.interrupt();
        poller.join(5_000);
    }

    private void pollUntilClosed() {
        while (running) {
            try {
                HttpResponse<String> response =
                        http.send(
                                HttpRequest.newBuilder(endpoint)
                                        .timeout(Duration.ofSeconds(5))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    for (Checkpoint c : parse(JSON.readTree(response.body()))) {
                        seen.put(c.id(), c);
                    }
                } else {
                    lastError.set("HTTP " + response.statusCode() + " from " + endpoint);
                }
                Thread.sleep(POLL_EVERY.toMillis());
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // the job is starting or has just ended; keep what was seen
                lastError.set(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }

    /** The checkpoints listed in a {@code /jobs/:id/checkpoints} answer's history. */
    static List<Checkpoint> parse(JsonNode root) {
        List<Checkpoint> list = new ArrayList<>();
        for (JsonNode c : root.path("history")) {
            if (c.path("is_savepoint").asBoolean(false)) {
                continue;
            }
            list.add(
                    new Checkpoint(
                            c.path("id").asLong(),
                            c.path("status").asText(),
                            c.path("trigger_timestamp").asLong(),
                            c.path("end_to_end_duration").asLong(),
                            c.path("state_size").asLong(),
                            c.path("failure_message").asText(null)));
        }
        return list;
    }

    static Summary summarise(Collection<Checkpoint> checkpoints, long from, long to) {
        List<Checkpoint> window =
                checkpoints.stream()
                        .filter(c -> c.triggeredAt() >= from && c.triggeredAt() < to)
                        .sorted(Comparator.comparingLong(Checkpoint::id))
                        .toList();
        long[] durations =
                window.stream()
                        .filter(Checkpoint::completed)
                        .mapToLong(Checkpoint::durationMillis)
                        .sorted()
                        .toArray();
        Checkpoint lastCompleted =
                window.stream().filter(Checkpoint::completed).reduce((a, b) -> b).orElse(null);
        Checkpoint inProgress =
                window.stream().filter(Checkpoint::inProgress).findFirst().orElse(null);
        Checkpoint lastFailed =
                window.stream().filter(Checkpoint::failed).reduce((a, b) -> b).orElse(null);
        return new Summary(
                durations.length,
                (int) window.stream().filter(Checkpoint::failed).count(),
                durations.length == 0 ? -1 : durations[(durations.length - 1) / 2],
                durations.length == 0 ? -1 : durations[durations.length - 1],
                lastCompleted,
                inProgress,
                lastFailed);
    }
}
