package dev.pagerboy.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The few calls of Flink's REST API that starting, watching, testing and stopping a job need:
 * {@code GET /overview} (TaskManagers and slots), {@code GET /jobs/overview} (jobs and their
 * states), and savepoints ({@code POST /jobs/:id/savepoints}, {@code POST /jobs/:id/stop}, then
 * polling the trigger). The same client serves a standalone cluster and a local job's MiniCluster.
 */
public final class ClusterRest {

    /** What {@code GET /overview} reports. */
    public record Overview(
            int taskManagers,
            int slotsTotal,
            int slotsAvailable,
            int jobsRunning,
            String version) {}

    /** One entry of {@code GET /jobs/overview}. */
    public record Job(String id, String name, String state) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final URI base;
    private final HttpClient http;

    public ClusterRest(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    public URI base() {
        return base;
    }

    /** The cluster overview, or empty while the REST endpoint does not answer yet. */
    public Optional<Overview> overview() {
        return get("/overview")
                .map(
                        o ->
                                new Overview(
                                        o.path("taskmanagers").asInt(),
                                        o.path("slots-total").asInt(),
                                        o.path("slots-available").asInt(),
                                        o.path("jobs-running").asInt(),
                                        o.path("flink-version").asText()));
    }

    /** Every job the cluster knows, or an empty list while the REST endpoint does not answer. */
    public List<Job> jobs() {
        List<Job> jobs = new ArrayList<>();
        get("/jobs/overview")
                .ifPresent(
                        o -> {
                            for (JsonNode j : o.path("jobs")) {
                                jobs.add(
                                        new Job(
                                                j.path("jid").asText(),
                                                j.path("name").asText(),
                                                j.path("state").asText()));
                            }
                        });
        return jobs;
    }

    /** The state of job {@code id} (RUNNING, CANCELED, FAILED …), if the cluster knows it. */
    public Optional<String> jobState(String id) {
        return jobs().stream().filter(j -> j.id().equals(id)).map(Job::state).findFirst();
    }

    /**
     * Takes a savepoint of job {@code id} into {@code targetDirectory}; with {@code stop}, the job
     * then stops (Flink's stop-with-savepoint: sources end, the last transactions commit). Waits up
     * to {@code timeout} and returns the savepoint's location.
     *
     * @throws IOException if the REST endpoint does not answer, refuses, or the savepoint fails
     */
    public String savepoint(String id, String targetDirectory, boolean stop, Duration timeout)
            throws IOException, InterruptedException {
        String body =
                stop
                        ? JSON.createObjectNode()
                                .put("targetDirectory", targetDirectory)
                                .put("drain", false)
                                .toString()
                        : JSON.createObjectNode()
                                .put("target-directory", targetDirectory)
                                .put("cancel-job", false)
                                .toString();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String triggerId =
                    post("/jobs/" + id + (stop ? "/stop" : "/savepoints"), body)
                            .path("request-id")
                            .asText();
            Optional<String> failure = Optional.empty();
            while (System.nanoTime() < deadline) {
                Optional<JsonNode> status = get("/jobs/" + id + "/savepoints/" + triggerId);
                if (status.isPresent()
                        && "COMPLETED".equals(status.get().path("status").path("id").asText())) {
                    JsonNode operation = status.get().path("operation");
                    if (operation.has("location")) {
                        return operation.path("location").asText();
                    }
                    failure =
                            Optional.of(
                                    operation
                                            .path("failure-cause")
                                            .path("stack-trace")
                                            .asText("")
                                            .lines()
                                            .findFirst()
                                            .orElse("unknown cause"));
                    break;
                }
                Thread.sleep(200);
            }
            if (failure.isEmpty()) {
                break;
            }
            // A job that has just been submitted reports RUNNING before all of its tasks are
            // deployed; Flink then refuses the savepoint. Ask again until the tasks run.
            if (!failure.get().contains("Not all required tasks are currently running")) {
                throw new IOException("savepoint failed: " + failure.get());
            }
            Thread.sleep(500);
        }
        throw new IOException("savepoint did not complete within " + timeout.toSeconds() + " s");
    }

    private JsonNode post(String path, String json) throws IOException, InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(TIMEOUT)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(
                    "POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /**
     * {@code GET path} of the REST API as JSON, or empty when the endpoint does not answer (yet or
     * any more) or answers with anything but 200: for the calls that have no method here.
     */
    public Optional<JsonNode> get(String path) {
        HttpRequest request =
                HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).GET().build();
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            return Optional.of(JSON.readTree(response.body()));
        } catch (IOException e) {
            // connection refused or reset: the endpoint is not (or no longer) up
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
