package dev.pagerboy.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagerboy.cli.Cli;
import dev.pagerboy.streaming.StreamingJob;
import dev.pagerboy.streaming.anchor.SealedHourCompactor;
import dev.pagerboy.streaming.anchor.SealedHourCompactor.HourResult;
import dev.pagerboy.streaming.anchor.SealedHourCompactor.Step;
import dev.pagerboy.streaming.anchor.SealedHourCompactor.Verdict;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.archive.ParquetArchive;
import dev.pagerboy.streaming.archive.SealedHourFiles;
import dev.pagerboy.streaming.replay.InputKind;
import dev.pagerboy.streaming.testing.FlinkMiniCluster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay --verify} of an archive whose sealed hours {@code archive compact} merged into one
 * file each: the job's archive of a generated history, compacted, replays identical, with the same
 * rows read in the same order as before the merge; and the cluster replay's client stages each
 * input once from an archive that a merge left with both the merged file and the files it replaces.
 */
@Tag("integration")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class CompactedArchiveReplayTest {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final String CONFIG =
            "kafka:\n  bootstrap_servers: localhost:9092\n"
                    + "receivers:\n  - name: oncall\n    team: sre\n"
                    + "route:\n  receiver: oncall\n  group_by: [alertname]\n"
                    + "  group_wait: 30s\n  group_interval: 5m\n  repeat_interval: 4h\n"
                    + "  handler:\n    rom: classpath:dev/pagerboy/vm/handlers/severity.gb\n"
                    + "    sha256:"
                    + " 7c478efd3ef61daa71af4a0e394d7bc45d51470112dc9c6a2f070a0a4a2a133b\n";

    @TempDir Path dir;

    @Test
    void aCompactedArchiveReplaysIdentical() throws Exception {
        Path config = dir.resolve("live.yaml");
        Files.writeString(config, CONFIG);
        Path archive = dir.resolve("archive");
        LiveHistory.generated(300, 30).archiveSealed(config, archive);
        List<String> before = ids(archive);
        int filesBefore = ParquetArchive.reader(archive).committedFiles().size();

        List<HourResult> hours =
                new SealedHourCompactor(archive, Duration.ZERO)
                        .compactAll(Instant.now().plusSeconds(1));

        assertThat(hours)
                .as("the compactor's verdicts: %s", hours)
                .extracting(HourResult::verdict)
                .contains(Verdict.MERGED)
                .doesNotContain(Verdict.DIFFERS);
        assertThat(ParquetArchive.reader(archive).committedFiles()).hasSizeLessThan(filesBefore);
        assertThat(ids(archive)).isEqualTo(before);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        String[] args = {
            "--archive", archive.toString(),
            "--config", config.toString(),
            "--out", dir.resolve("out").toString(),
            "--verify", "--no-progress"
        };
        int status = Cli.run(new ReplayCommand(o, e), args, o, e);

        String all = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertThat(status).as(all).isZero();
        assertThat(all).contains("verify: identical").containsPattern("decision=[1-9]");
    }

    /**
     * {@code flink run ... --mode replay} (here on the test's MiniCluster) of an archive that a
     * merge left with both the merged file and the files it replaces, as after a crash between its
     * rename and its deletes: the client stages each input once, and {@code --replayed --verify}
     * finds the replay identical.
     */
    @Test
    void aClusterReplayOfAnArchiveAMergeStoppedInStagesEachInputOnce() throws Exception {
        Path config = dir.resolve("live.yaml");
        Files.writeString(config, CONFIG);
        Path archive = dir.resolve("archive");
        LiveHistory.generated(300, 30).archiveSealed(config, archive);
        long inputs =
                ParquetArchive.reader(archive).readAll().stream()
                        .filter(r -> InputKind.of(r).map(InputKind::fed).orElse(false))
                        .count();
        SealedHourCompactor crashing =
                new SealedHourCompactor(
                        archive,
                        Duration.ZERO,
                        (step, file) -> {
                            if (step == Step.RENAMED_IN) {
                                throw new IOException("crash after " + step);
                            }
                        });
        assertThatThrownBy(() -> crashing.compactAll(Instant.now().plusSeconds(1)))
                .hasMessage("crash after RENAMED_IN");
        assertThat(ParquetArchive.reader(archive).committedFiles())
                .anyMatch(SealedHourFiles::isSealed);

        Path replayed = dir.resolve("cluster-out");
        Run cluster =
                run(
                        out -> new StreamingJob(),
                        "--mode",
                        "replay",
                        "--config",
                        config.toString(),
                        "--archive",
                        archive.toString(),
                        "--out",
                        replayed.toString(),
                        "--parallelism",
                        "2");
        assertThat(cluster.status()).as(cluster.output()).isZero();
        assertThat(cluster.output()).contains(String.format("staged %,d inputs", inputs));

        Run verify =
                run(
                        out -> new ReplayCommand(out, out),
                        "--archive",
                        archive.toString(),
                        "--config",
                        config.toString(),
                        "--replayed",
                        replayed.toString(),
                        "--verify",
                        "--no-progress");
        assertThat(verify.status()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("verify: identical");
    }

    record Run(int status, String output) {}

    private static Run run(Function<PrintStream, Object> command, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        PrintStream stderr = System.err;
        System.setErr(
                out); // StreamingJob's replay mode reports on System.err, as flink run shows it
        int status;
        try {
            status = Cli.run(command.apply(out), args, out, out);
        } finally {
            System.setErr(stderr);
        }
        return new Run(status, bytes.toString(StandardCharsets.UTF_8));
    }

    private static List<String> ids(Path archive) {
        return ParquetArchive.reader(archive).readAll().stream().map(ArchiveRecord::id).toList();
    }
}
