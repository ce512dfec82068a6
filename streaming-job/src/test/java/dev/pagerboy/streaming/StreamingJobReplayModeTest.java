package dev.pagerboy.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.cli.Cli;
import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.archive.ArchiveRecordCodec;
import dev.pagerboy.streaming.archive.ParquetRowWriterFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flink run ... pagerboy-job.jar --mode replay}: its command line and the errors it gives
 * before it submits anything. The replay itself on a cluster: {@code ReplayOnClusterTest} (module
 * {@code cluster}).
 */
class StreamingJobReplayModeTest {

    private static final Path CONFIG = Path.of("config/pagerboy.yaml");

    @TempDir Path work;

    record Run(int status, String output) {}

    private static Run run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int status = Cli.run(new StreamingJob(), args, out, out);
        return new Run(status, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anUnknownModeIsAUsageError() {
        Run r = run("--config", CONFIG.toString(), "--mode", "rewind");

        assertThat(r.status()).as(r.output()).isEqualTo(2);
        assertThat(r.output()).contains("must be live or replay, got 'rewind'");
    }

    @Test
    void replayNeedsTheArchiveAndWhereToWrite() {
        Run noArchive = run("--config", CONFIG.toString(), "--mode", "replay", "--out", "/tmp/x");
        Run noOut =
                run(
                        "--config",
                        CONFIG.toString(),
                        "--mode",
                        "replay",
                        "--archive",
                        work.toString());

        assertThat(noArchive.status()).as(noArchive.output()).isEqualTo(2);
        assertThat(noArchive.output()).contains("--mode replay needs --archive");
        assertThat(noOut.status()).as(noOut.output()).isEqualTo(2);
        assertThat(noOut.output()).contains("--mode replay needs --out");
    }

    @Test
    void theLiveJobRefusesOut() {
        Run r = run("--config", CONFIG.toString(), "--out", work.toString());

        assertThat(r.status()).as(r.output()).isEqualTo(2);
        assertThat(r.output()).contains("--out is for --mode replay");
    }

    @Test
    void anArchiveWithoutCommittedFilesIsNamed() throws Exception {
        Path archive = Files.createDirectories(work.resolve("archive"));
        // in progress: skipped like every archive reader skips it
        write(
                archive.resolve("date=2026-11-28/hour=10/.part-0.inprogress.parquet"),
                List.of(tick()));

        Run r = replay(archive, work.resolve("out"));

        assertThat(r.status()).as(r.output()).isEqualTo(2);
        assertThat(r.output())
                .contains(archive.toString())
                .contains("holds no committed archive files");
    }

    @Test
    void aCorruptArchiveFileStopsTheReplayAndIsNamed() throws Exception {
        Path archive = Files.createDirectories(work.resolve("archive"));
        write(archive.resolve("date=2026-11-28/hour=10/part-0.parquet"), List.of(tick()));
        Path corrupt = archive.resolve("date=2026-11-28/hour=11/part-1.parquet");
        Files.createDirectories(corrupt.getParent());
        Files.writeString(corrupt, "not parquet");

        Run r = replay(archive, work.resolve("out"));

        assertThat(r.status()).as(r.output()).isEqualTo(1);
        assertThat(r.output()).contains("archive file").contains("part-1.parquet cannot be read");
        assertThat(work.resolve("out")).doesNotExist();
    }

    @Test
    void outMustNotHoldAnArchiveAlready() throws Exception {
        Path archive = Files.createDirectories(work.resolve("archive"));
        write(archive.resolve("part-0.parquet"), List.of(tick()));
        Path out = Files.createDirectories(work.resolve("out"));
        write(out.resolve("part-0.parquet"), List.of(tick()));

        Run r = replay(archive, out);

        assertThat(r.status()).as(r.output()).isEqualTo(2);
        assertThat(r.output()).contains("already holds an archive");
    }

    private Run replay(Path archive, Path out) {
        return run(
                "--config",
                CONFIG.toString(),
                "--mode",
                "replay",
                "--archive",
                archive.toString(),
                "--out",
                out.toString());
    }

    private static ArchiveRecord tick() {
        return new ArchiveRecord(
                ArchiveRecord.SCHEMA_VERSION,
                "tick:1796083200000",
                ArchiveKind.TICK,
                1_796_083_200_000L,
                "",
                "",
                -1,
                -1,
                "",
                "{}",
                new byte[0]);
    }

    private static void write(Path file, List<ArchiveRecord> rows) throws IOException {
        org.apache.flink.core.fs.Path path = new org.apache.flink.core.fs.Path(file.toUri());
        try (FSDataOutputStream out =
                path.getFileSystem().create(path, FileSystem.WriteMode.NO_OVERWRITE)) {
            BulkWriter<ArchiveRecord> writer =
                    new ParquetRowWriterFactory<>(new ArchiveRecordCodec()).create(out);
            for (ArchiveRecord r : rows) {
                writer.addElement(r);
            }
            writer.finish();
        }
    }
}
