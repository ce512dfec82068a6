package dev.pagerboy.streaming.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobProgressTest {

    private static final String TM = "localhost.taskmanager.tm-1.pagerboy (local).";

    @Test
    void sumsEachStageOverItsSubtasksAndReadsCheckpointsAndEventTime() {
        Map<String, Object> metrics =
                Map.ofEntries(
                        Map.entry(TM + "parse.0.pagerboy.parse.recordsIn", 60L),
                        Map.entry(TM + "parse.1.pagerboy.parse.recordsIn", 40L),
                        Map.entry(TM + "parse.0.pagerboy.parse.deadLetters.invalid_JSON", 3L),
                        Map.entry(TM + "parse.1.pagerboy.parse.deadLetters.alertmanager", 2L),
                        Map.entry(TM + "group.0.pagerboy.group.notifications", 7L),
                        Map.entry(TM + "group.1.pagerboy.group.notifications", 5L),
                        Map.entry(TM + "group.0.pagerboy.group.groupsOpened", 9L),
                        Map.entry(TM + "group.0.pagerboy.group.groupsClosed", 4L),
                        Map.entry(TM + "group.0.currentInputWatermark", 1_000_000L),
                        Map.entry(TM + "group.1.currentInputWatermark", 2_000_000L),
                        Map.entry(TM + "ticks-to-groups.0.currentInputWatermark", 5L),
                        Map.entry(TM + "alerts.0.pendingRecords", 20L),
                        Map.entry(TM + "alerts.1.pendingRecords", 10L),
                        Map.entry(
                                "localhost.jobmanager.pagerboy (local).numberOfCompletedCheckpoints",
                                12L),
                        Map.entry(
                                "localhost.jobmanager.pagerboy (local).lastCheckpointDuration",
                                140L));

        JobProgress p = JobProgress.of(metrics);

        assertThat(p)
                .isEqualTo(
                        new JobProgress(
                                100,
                                5,
                                12,
                                5,
                                12,
                                Duration.ofMillis(140),
                                Instant.ofEpochMilli(1_000_000),
                                30));
        assertThat(p.line(Instant.ofEpochMilli(1_000_000).plus(Duration.ofHours(26))))
                .isEqualTo(
                        "in 100 | dead letters 5 | pages 12 | open groups 5 | checkpoints 12 (140 ms)"
                                + " | event time 1970-01-01T00:16:40Z (1d 2h behind wall time)");
    }

    @Test
    void beforeAnythingHappensItSaysSo() {
        assertThat(JobProgress.of(Map.of()).pendingInput()).isEqualTo(-1);
        assertThat(JobProgress.of(Map.of()).line(Instant.EPOCH))
                .isEqualTo(
                        "in 0 | dead letters 0 | pages 0 | open groups 0 | checkpoints none yet"
                                + " | event time not started");
    }

    @Test
    void aPipeGetsPlainLinesAndATerminalOneRewrittenLine() {
        ByteArrayOutputStream piped = new ByteArrayOutputStream();
        StatusLine plain =
                StatusLine.start(
                        new PrintStream(piped, true, StandardCharsets.UTF_8),
                        false,
                        Duration.ofHours(1),
                        Duration.ofMinutes(1));
        plain.print("in 1");
        plain.print("in 2");
        plain.close();
        assertThat(piped.toString(StandardCharsets.UTF_8))
                .isEqualTo("in 1\nin 2\n".replace("\n", System.lineSeparator()));

        ByteArrayOutputStream tty = new ByteArrayOutputStream();
        StatusLine terminal =
                StatusLine.start(
                        new PrintStream(tty, true, StandardCharsets.UTF_8),
                        true,
                        Duration.ofHours(1),
                        Duration.ofMinutes(1));
        terminal.print("in 100");
        terminal.print("in 2");
        terminal.close();
        assertThat(tty.toString(StandardCharsets.UTF_8))
                .isEqualTo("\rin 100\rin 2  " + System.lineSeparator());
    }

    @Test
    void resumesFromTheNewestCompletedCheckpointOfAnyJob(@TempDir Path dir) throws Exception {
        Path older = Files.createDirectories(dir.resolve("job-a/chk-7"));
        Files.writeString(older.resolve("_metadata"), "x");
        Files.setLastModifiedTime(older.resolve("_metadata"), FileTime.fromMillis(1_000));
        Path newer = Files.createDirectories(dir.resolve("job-b/chk-3"));
        Files.writeString(newer.resolve("_metadata"), "x");
        Files.setLastModifiedTime(newer.resolve("_metadata"), FileTime.fromMillis(2_000));
        // A checkpoint that never completed has no metadata file.
        Files.createDirectories(dir.resolve("job-b/chk-4"));
        Files.createDirectories(dir.resolve("job-b/shared"));

        assertThat(ResumePoint.latest(dir.toUri().toString())).contains(newer);
        assertThat(ResumePoint.latest(dir.toString())).contains(newer);
        assertThat(ResumePoint.latest(dir.resolve("nothing-here").toString())).isEmpty();
        assertThat(ResumePoint.latest(null)).isEmpty();
    }
}
