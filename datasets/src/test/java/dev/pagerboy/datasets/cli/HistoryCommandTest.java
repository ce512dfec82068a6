package dev.pagerboy.datasets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.datasets.history.OutageHistory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code datasets history}: the same options give the same bytes; the options reach the file. */
class HistoryCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return DatasetsCli.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private byte[] history(Path file, String seed, String years) throws Exception {
        assertThat(
                        run(
                                "history",
                                "--seed",
                                seed,
                                "--years",
                                years,
                                "--nodes",
                                "20",
                                "--out",
                                file.toString()))
                .as(err.toString(StandardCharsets.UTF_8))
                .isZero();
        return Files.readAllBytes(file);
    }

    @Test
    void sameOptionsGiveTheSameBytes(@TempDir Path dir) throws Exception {
        byte[] first = history(dir.resolve("a.jsonl"), "10", "2");
        byte[] second = history(dir.resolve("b.jsonl"), "10", "2");
        byte[] otherSeed = history(dir.resolve("c.jsonl"), "11", "2");

        assertThat(first).isNotEmpty().isEqualTo(second);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void theFileHoldsEveryAlertAndDailyTicksInTimeOrder(@TempDir Path dir) throws Exception {
        List<String> lines =
                new String(history(dir.resolve("h.jsonl"), "10", "2"), StandardCharsets.UTF_8)
                        .lines()
                        .toList();
        OutageHistory expected =
                new OutageHistory(10, 1_767_225_600_000L, 730, 20, 10.0, OutageHistory.DAY);

        long ticks = lines.stream().filter(l -> l.contains("\"topic\":\"ticks\"")).count();
        long alerts = lines.stream().filter(l -> l.contains("\"topic\":\"alerts\"")).count();
        assertThat(ticks).isEqualTo(expected.tickTimes().size()).isEqualTo(731);
        assertThat(alerts)
                .isEqualTo(expected.messages().size())
                .isEqualTo(2L * expected.outages().size());
        long previous = Long.MIN_VALUE;
        for (String line : lines) {
            long ts = Long.parseLong(line.substring("{\"ts\":".length(), line.indexOf(',')));
            assertThat(ts).isGreaterThanOrEqualTo(previous);
            previous = ts;
        }
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains(expected.outages().size() + " outages");
    }
}
