package dev.pagerboy.streaming.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a running {@code ./pagerboy job} can be reached: its MiniCluster's REST address and its job
 * id, written next to its checkpoints while it runs, so that {@code ./pagerboy job savepoint|stop}
 * from another terminal finds it with the same {@code --checkpoint-dir}.
 *
 * @param rest the REST endpoint, e.g. {@code http://127.0.0.1:40123/}
 * @param jobId Flink's job id
 */
public record RunningJob(URI rest, String jobId) {

    static final String FILE = "running-job.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Writes this job's address into {@code checkpointDir}; returns the file, to delete at exit.
     */
    public Path write(Path checkpointDir) throws IOException {
        Files.createDirectories(checkpointDir);
        Path file = checkpointDir.resolve(FILE);
        Files.writeString(
                file,
                JSON.createObjectNode()
                        .put("rest", rest.toString())
                        .put("jobId", jobId)
                        .toString());
        return file;
    }

    /** The job running with {@code checkpointDir}, or empty when none is (or it left no file). */
    public static Optional<RunningJob> read(Path checkpointDir) throws IOException {
        try {
            JsonNode node = JSON.readTree(Files.readString(checkpointDir.resolve(FILE)));
            return Optional.of(
                    new RunningJob(
                            URI.create(node.path("rest").asText()), node.path("jobId").asText()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }
}
