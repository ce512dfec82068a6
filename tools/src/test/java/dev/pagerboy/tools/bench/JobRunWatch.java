package dev.pagerboy.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a bounded job went through while it ran, read from its MiniCluster's REST API, for a test to
 * print when its output is not what it expected: the failovers (Flink's exception history: each
 * entry a restart of the job or of a region) and the last values of the metrics whose name holds a
 * given part (e.g. {@code pagerboy.anchor}).
 *
 * <p>Why a poller: a bounded job's MiniCluster shuts down when the job finishes, and with it the
 * REST API, so whatever a test wants to know about the run must be read while it runs. The last
 * values seen may therefore be up to one poll old; the failovers are complete (a restart leaves the
 * job running for at least as long as a poll takes).
 */
final class JobRunWatch implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration ASK = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI rest;
    private final String jobPath;
    private final String metricPart;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> failovers = new CopyOnWriteArrayList<>();
    private final Map<String, String> metrics = new ConcurrentSkipListMap<>();
    private final Thread poller;
    private volatile boolean stopped;

    private JobRunWatch(URI rest, String jobId, String metricPart) {
        this.rest = rest;
        this.jobPath = "/jobs/" + jobId;
        this.metricPart = metricPart;
        this.poller = new Thread(this::pollUntilClosed, "job-run-watch");
        poller.setDaemon(true);
    }

    /**
     * Starts polling job {@code jobId} at {@code rest} (a MiniCluster's REST address), keeping the
     * metrics whose identifier contains {@code metricPart}.
     */
    static JobRunWatch start(URI rest, String jobId, String metricPart) {
        JobRunWatch watch = new JobRunWatch(rest, jobId, metricPart);
        watch.poller.start();
        return watch;
    }

    /** The failovers seen so far: the failing task and the first line of its exception each. */
    List<String> failovers() {
        return List.copyOf(failovers);
    }

    /** The last value seen of every metric kept, by vertex and metric identifier. */
    Map<String, String> metrics() {
        return new TreeMap<>(metrics);
    }

    /** One paragraph for a failure message. */
    String describe() {
        StringBuilder s = new StringBuilder();
        s.append("failovers during the run: ").append(failovers.size());
        failovers.forEach(f -> s.append("\n  ").append(f));
        s.append("\nlast ").append(metricPart).append(" metrics seen:");
        metrics.forEach((k, v) -> s.append("\n  ").append(k).append(" = ").append(v));
        return s.toString();
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        poller.interrupt();
        poller.join(ASK.toMillis() * 2);
    }

    private void pollUntilClosed() {
        while (!stopped) {
            pollOnce();
            try {
                Thread.sleep(POLL.toMillis()); // the interval of a poller, not a wait in a test
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void pollOnce() {
        get(jobPath + "/exceptions?maxExceptions=50")
                .ifPresent(
                        e -> {
                            List<String> seen = new ArrayList<>();
                            for (JsonNode entry : e.path("exceptionHistory").path("entries")) {
                                seen.add(
                                        entry.path("taskName").asText("?")
                                                + ": "
                                                + entry.path("stacktrace")
                                                        .asText(
                                                                entry.path("exceptionName")
                                                                        .asText())
                                                        .lines()
                                                        .findFirst()
                                                        .orElse(""));
                            }
                            if (seen.size() > failovers.size()) {
                                failovers.clear();
                                failovers.addAll(seen);
                            }
                        });
        get(jobPath)
                .ifPresent(
                        details -> {
                            for (JsonNode v : details.path("vertices")) {
                                pollMetrics(v.path("id").asText(), v.path("name").asText());
                            }
                        });
    }

    private void pollMetrics(String vertex, String name) {
        String path = jobPath + "/vertices/" + vertex + "/metrics";
        List<String> wanted = new ArrayList<>();
        get(path)
                .ifPresent(
                        list -> {
                            for (JsonNode m : list) {
                                String id = m.path("id").asText();
                                if (id.contains(metricPart)) {
                                    wanted.add(id);
                                }
                            }
                        });
        if (wanted.isEmpty()) {
            return;
        }
        String ids = URLEncoder.encode(String.join(",", wanted), StandardCharsets.UTF_8);
        get(path + "?get=" + ids)
                .ifPresent(
                        values -> {
                            for (JsonNode m : values) {
                                metrics.put(
                                        name + " " + m.path("id").asText(),
                                        m.path("value").asText());
                            }
                        });
    }

    private Optional<JsonNode> get(String path) {
        try {
            HttpResponse<String> response =
                    http.send(
                            HttpRequest.newBuilder(rest.resolve(path)).timeout(ASK).GET().build(),
                            HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200
                    ? Optional.of(JSON.readTree(response.body()))
                    : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception e) {
            return Optional.empty(); // the cluster is gone (job ended) or busy: next poll
        }
    }
}
