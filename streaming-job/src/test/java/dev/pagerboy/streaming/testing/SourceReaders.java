package dev.pagerboy.streaming.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What each source reader of a job did, for {@link WatchedJob}'s report when a wait runs out: per
 * subtask, the records it emitted, its output watermark and idle time, the Kafka offsets it emitted
 * and committed, what its consumer fetched and how long ago it last polled, and whether the task
 * was back-pressured; then, for a cluster in this JVM, where every source thread stands.
 *
 * <p>Why: a stage's input watermark standing still says only that event time stopped. Whether a
 * source's consumer stopped fetching ({@code last-poll-seconds-ago} growing), fetched records that
 * the reader never emitted ({@code records-consumed-total} above {@code numRecordsIn}), or emitted
 * them without a watermark is what the next diagnosis needs, and a stalled run may be the only one
 * in a hundred.
 */
final class SourceReaders {

    /** The metric names (after the operator's prefix) the report shows. */
    private static final Pattern SHOWN =
            Pattern.compile(
                    "(numRecordsIn|numRecordsOut|currentOutputWatermark|sourceIdleTime"
                            + "|pendingRecords|isBackPressured|backPressuredTimeMsPerSecond"
                            + "|idleTimeMsPerSecond|assignedSplits|currentOffset|committedOffset"
                            + "|records-consumed-total|fetch-total|last-poll-seconds-ago"
                            + "|commitsSucceeded|commitsFailed)$");

    private static final Duration ASK = Duration.ofSeconds(10);
    private static final int FRAMES = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SourceReaders() {}

    /** One line per subtask of the source vertex {@code vertex}, indented under its stage. */
    static String report(URI base, String jobPath, String vertex, int parallelism) {
        StringBuilder sb = new StringBuilder();
        for (int subtask = 0; subtask < parallelism; subtask++) {
            sb.append("      reader ").append(subtask).append(':');
            try {
                String path = jobPath + "/vertices/" + vertex + "/subtasks/" + subtask + "/metrics";
                List<String> ids = new ArrayList<>();
                for (JsonNode m : get(base, path)) {
                    String id = m.path("id").asText();
                    if (SHOWN.matcher(id).find() && isSourceOrTask(id)) {
                        ids.add(id);
                    }
                }
                ids.sort(Comparator.naturalOrder());
                String query =
                        ids.stream()
                                .map(id -> URLEncoder.encode(id, StandardCharsets.UTF_8))
                                .collect(Collectors.joining(","));
                for (JsonNode m : get(base, path + "?get=" + query)) {
                    sb.append(' ')
                            .append(shortName(m.path("id").asText()))
                            .append('=')
                            .append(m.path("value").asText());
                }
            } catch (Exception e) {
                sb.append(" (unreadable: ").append(e).append(')');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * Where every thread of a source task or its split fetcher stands, if the cluster runs in this
     * JVM (a MiniCluster); empty otherwise.
     */
    static String threads() {
        StringBuilder sb = new StringBuilder();
        ThreadInfo[] all = ManagementFactory.getThreadMXBean().dumpAllThreads(false, false);
        Arrays.sort(all, Comparator.comparing(ThreadInfo::getThreadName));
        for (ThreadInfo t : all) {
            String name = t.getThreadName();
            if (!name.startsWith("Source") && !name.contains("split watch")) {
                continue;
            }
            sb.append("  thread \"").append(name).append("\" ").append(t.getThreadState());
            if (t.getLockName() != null) {
                sb.append(" on ").append(t.getLockName());
            }
            sb.append('\n');
            StackTraceElement[] stack = t.getStackTrace();
            for (int i = 0; i < Math.min(FRAMES, stack.length); i++) {
                sb.append("      at ").append(stack[i]).append('\n');
            }
        }
        return sb.toString();
    }

    /** A task-level metric (no operator prefix) or one of the source operator's own. */
    private static boolean isSourceOrTask(String id) {
        return !id.contains(".") || id.startsWith("Source");
    }

    /** The metric's name without the operator's prefix ({@code Source__ticks:_t.}). */
    private static String shortName(String id) {
        if (!id.startsWith("Source")) {
            return id;
        }
        int reader = id.indexOf("KafkaSourceReader.");
        if (reader >= 0) {
            return id.substring(reader + "KafkaSourceReader.".length());
        }
        int dot = id.indexOf('.');
        return dot < 0 ? id : id.substring(dot + 1);
    }

    private static JsonNode get(URI base, String path) throws Exception {
        HttpResponse<String> response =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(base.resolve("/" + path))
                                        .timeout(ASK)
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + ": HTTP " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }
}
