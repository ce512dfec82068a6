package dev.pagerboy.tools.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pagerboy.cluster.ClusterRest;
import java.util.Optional;

/**
 * What the runner reads about one job from Flink's REST API besides its state (which {@code
 * ClusterRest} gives): completed checkpoints and the latest one's path ({@code GET
 * /jobs/:id/checkpoints}) and the failovers it went through ({@code GET /jobs/:id/exceptions}). The
 * requests go through {@link ClusterRest}, the one Flink REST client; this class only reads what
 * the runner needs from the answers.
 */
final class JobWatch {

    /** Completed checkpoints and the external path of the latest one (empty before the first). */
    record Checkpoints(long completed, long failed, Optional<String> latestPath) {}

    private final ClusterRest rest;

    JobWatch(ClusterRest rest) {
        this.rest = rest;
    }

    Optional<Checkpoints> checkpoints(String jobId) {
        return get("/jobs/" + jobId + "/checkpoints")
                .map(
                        c -> {
                            JsonNode latest = c.path("latest").path("completed");
                            Optional<String> path =
                                    latest.isMissingNode() || latest.isNull()
                                            ? Optional.empty()
                                            : Optional.of(latest.path("external_path").asText());
                            return new Checkpoints(
                                    c.path("counts").path("completed").asLong(),
                                    c.path("counts").path("failed").asLong(),
                                    path);
                        });
    }

    /** How many failures the job recovered from (or failed on): its exception history. */
    Optional<Integer> failovers(String jobId) {
        return get("/jobs/" + jobId + "/exceptions?maxExceptions=1000")
                .map(e -> e.path("exceptionHistory").path("entries").size());
    }

    /** The first lines of each failure's stack trace, to say why a job restarted. */
    Optional<String> failureSummary(String jobId) {
        return get("/jobs/" + jobId + "/exceptions?maxExceptions=20")
                .map(
                        e -> {
                            StringBuilder sb = new StringBuilder();
                            for (JsonNode entry : e.path("exceptionHistory").path("entries")) {
                                sb.append("  ")
                                        .append(
                                                entry.path("stacktrace")
                                                        .asText("")
                                                        .lines()
                                                        .findFirst()
                                                        .orElse(
                                                                entry.path("exceptionName")
                                                                        .asText()))
                                        .append('\n');
                            }
                            return sb.toString();
                        });
    }

    /**
     * Heap used and heap maximum of the first registered TaskManager, in bytes ({@code GET
     * /taskmanagers/:id/metrics}), or empty while none answers.
     */
    Optional<long[]> taskManagerHeap() {
        Optional<JsonNode> tms = get("/taskmanagers");
        if (tms.isEmpty() || tms.get().path("taskmanagers").isEmpty()) {
            return Optional.empty();
        }
        String id = tms.get().path("taskmanagers").get(0).path("id").asText();
        return get("/taskmanagers/"
                        + id
                        + "/metrics?get=Status.JVM.Memory.Heap.Used,Status.JVM.Memory.Heap.Max")
                .map(
                        m -> {
                            long used = 0;
                            long max = 0;
                            for (JsonNode metric : m) {
                                long value =
                                        (long) Double.parseDouble(metric.path("value").asText("0"));
                                if (metric.path("id").asText().endsWith("Used")) {
                                    used = value;
                                } else {
                                    max = value;
                                }
                            }
                            return new long[] {used, max};
                        });
    }

    /**
     * Direct memory in use by the first registered TaskManager's JVM (NIO buffers: Flink's network
     * buffers, Netty, the Kafka clients' temporary socket buffers), and its limit ({@code
     * -XX:MaxDirectMemorySize}: framework off-heap + task off-heap + network memory), in bytes; or
     * empty while none answers.
     */
    Optional<long[]> taskManagerDirectMemory() {
        Optional<JsonNode> tms = get("/taskmanagers");
        if (tms.isEmpty() || tms.get().path("taskmanagers").isEmpty()) {
            return Optional.empty();
        }
        String id = tms.get().path("taskmanagers").get(0).path("id").asText();
        Optional<JsonNode> details = get("/taskmanagers/" + id);
        Optional<JsonNode> used =
                get("/taskmanagers/" + id + "/metrics?get=Status.JVM.Memory.Direct.MemoryUsed");
        if (details.isEmpty() || used.isEmpty() || used.get().isEmpty()) {
            return Optional.empty();
        }
        JsonNode memory = details.get().path("memoryConfiguration");
        long max =
                memory.path("frameworkOffHeap").asLong()
                        + memory.path("taskOffHeap").asLong()
                        + memory.path("networkMemory").asLong();
        long value = (long) Double.parseDouble(used.get().get(0).path("value").asText("0"));
        return Optional.of(new long[] {value, max});
    }

    private Optional<JsonNode> get(String path) {
        return rest.get(path);
    }
}
