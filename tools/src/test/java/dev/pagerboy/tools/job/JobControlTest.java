package dev.pagerboy.tools.job;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pagerboy.devstack.KafkaBrokerExtension;
import dev.pagerboy.streaming.LocalJob;
import dev.pagerboy.streaming.archive.ArchiveLayout;
import dev.pagerboy.streaming.config.JobConfig;
import dev.pagerboy.streaming.status.RunningJob;
import dev.pagerboy.streaming.testing.LiveJobTopics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./pagerboy job stop --savepoint DIR} against a real running {@code ./pagerboy job} (live,
 * on its own MiniCluster, with Kafka): the job is found through its checkpoint directory, stops
 * with a savepoint that can be restored, and cleans up the address it left; with no job running,
 * the command says so in one line.
 */
@Tag("integration")
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class JobControlTest {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir Path work;

    @Test
    void stopTakesASavepointAndEndsTheRunningJob() throws Exception {
        LiveJobTopics topics = LiveJobTopics.create(KAFKA, "job-control", 2);
        Path checkpoints = work.resolve("checkpoints");
        Path config =
                Files.writeString(
                        work.resolve("pagerboy.yaml"),
                        topics.kafkaYaml()
                                + """
                                checkpoint_interval: 500ms
                                receivers: [{name: ops, team: ops}]
                                route: {receiver: ops, group_by: [alertname]}
                                """);
        JobConfig cfg =
                JobConfig.load(
                        topics.options(config)
                                .archive(
                                        ArchiveLayout.at(
                                                work.resolve("archive").toUri().toString()))
                                .checkpointDir(checkpoints.toUri().toString())
                                .parallelism(1)
                                .build());
        ByteArrayOutputStream jobLog = new ByteArrayOutputStream();
        CompletableFuture<Integer> job =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return LocalJob.run(
                                        cfg, false, null, new PrintStream(jobLog, true, UTF_8));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
        awaitCheckpointing(checkpoints, job);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = stop(checkpoints, work.resolve("savepoints"), out, err);

        assertThat(status).as(err.toString(UTF_8)).isZero();
        assertThat(out.toString(UTF_8)).startsWith("stopped with savepoint file:");
        assertThat(job.get(1, TimeUnit.MINUTES)).isZero();
        String location =
                out.toString(UTF_8)
                        .lines()
                        .findFirst()
                        .orElseThrow()
                        .substring("stopped with savepoint ".length());
        assertThat(Path.of(java.net.URI.create(location)).resolve("_metadata")).isRegularFile();
        assertThat(checkpoints.resolve("running-job.json")).doesNotExist();
        assertThat(jobLog.toString(UTF_8))
                .contains(
                        "pagerboy job: starting with empty state", "pagerboy job: finished after");
    }

    @Test
    void withNoRunningJobItSaysWhichDirectoryItLookedIn() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = stop(work.resolve("nothing"), work.resolve("sp"), out, err);
        assertThat(status).isEqualTo(1);
        assertThat(err.toString(UTF_8).strip())
                .isEqualTo(
                        "pagerboy job stop: no running job uses checkpoint directory "
                                + work.resolve("nothing").toAbsolutePath()
                                + " (pass the one it was started with: --checkpoint-dir DIR)");
    }

    private static int stop(
            Path checkpoints,
            Path savepoints,
            ByteArrayOutputStream out,
            ByteArrayOutputStream err) {
        return JobControl.run(
                new String[] {
                    "stop",
                    "--savepoint",
                    savepoints.toString(),
                    "--checkpoint-dir",
                    checkpoints.toString()
                },
                new PrintStream(out, true, UTF_8),
                new PrintStream(err, true, UTF_8));
    }

    /**
     * Waits until the job has left its address and completed a checkpoint. The address file is
     * created before its content is written, so its mere existence says little; and the job is
     * RUNNING before all its tasks are, while a savepoint needs every task running: a completed
     * checkpoint shows that they are.
     */
    private static void awaitCheckpointing(Path checkpoints, CompletableFuture<Integer> job) {
        await("the running job's address and a completed checkpoint in " + checkpoints)
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsInstanceOf(IOException.class) // the address half written
                .failFast("the job ended before it ran", job::isDone)
                .until(
                        () -> {
                            Optional<RunningJob> running = RunningJob.read(checkpoints);
                            return running.isPresent()
                                    && !running.get().jobId().isBlank()
                                    && completedCheckpoint(
                                            checkpoints.resolve(running.get().jobId()));
                        });
    }

    private static boolean completedCheckpoint(Path jobCheckpoints) throws IOException {
        if (!Files.isDirectory(jobCheckpoints)) {
            return false;
        }
        try (Stream<Path> dirs = Files.list(jobCheckpoints)) {
            return dirs.anyMatch(
                    d ->
                            d.getFileName().toString().startsWith("chk-")
                                    && Files.isRegularFile(d.resolve("_metadata")));
        }
    }
}
