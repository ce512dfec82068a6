package dev.pagerboy.datasets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.alerts.format.AlertFormat;
import dev.pagerboy.datasets.gen.AlertStreamGenerator;
import dev.pagerboy.datasets.gen.GeneratorConfig;
import dev.pagerboy.datasets.io.EnvelopeWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatasetsCliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return DatasetsCli.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    static Path raw() {
        return Path.of(System.getProperty("pagerboy.shared", "../../shared"))
                .resolve("datasets-raw");
    }

    @Test
    void generateWritesTheSameBytesAsTheJavaApi(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("s.jsonl");
        assertThat(
                        run(
                                "generate",
                                "--seed",
                                "5",
                                "--alerts",
                                "3000",
                                "--format",
                                "pagerduty",
                                "--acks",
                                "--out",
                                file.toString()))
                .isZero();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (EnvelopeWriter writer = new EnvelopeWriter(expected, false)) {
            writer.writeAll(
                    new AlertStreamGenerator(
                            GeneratorConfig.of(5, 3000, AlertFormat.PAGERDUTY).withAcks(true)));
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(expected.toByteArray());
        assertThat(stderr()).contains("3000 alerts");
    }

    @Test
    void generateWritesToStdoutWithoutATarget() {
        assertThat(run("generate", "--seed", "1", "--alerts", "3", "--format", "native")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines())
                .hasSize(3)
                .allMatch(l -> l.startsWith("{\"ts\":"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "explode | Unmatched argument at index 0: 'explode'",
                "generate --alerts 10 | Missing required option: '--seed=S'",
                "generate --seed x --alerts 10 | Invalid value for option '--seed'",
                "generate --seed 1 | Missing required option: '--alerts=N'",
                "generate --seed 1 --alerts -5 | --alerts must be zero or more",
                "generate --seed 1 --alerts 10 --format xml | option '--format': unknown format 'xml'",
                "generate --seed 1 --alerts 10 --malformed 1.5 | option '--malformed': must be between 0",
                "generate --seed 1 --alerts 10 --rate 100 | apply to --to kafka://... only",
                "generate --seed 1 --alerts 10 --to kafka://127.0.0.1:9/a --compression brotli | --compression must be one of",
                "generate --seed 1 --alerts 10 --to http://localhost:9092/alerts | kafka://HOST:PORT/TOPIC",
                "generate --seed 1 --alerts 10 --to kafka://localhost/alerts | kafka://HOST:PORT/TOPIC",
                "generate --seed 1 --alerts 10 --teams 3 | --teams must be at least 14",
                "generate --seed 1 --alerts 10 --repeat-interval soon | option '--repeat-interval': bad duration",
                "generate --seed 1 --alerts 10 --start tomorrow | option '--start': not an RFC 3339 time",
                "generate --seed 1 --alerts 10 --bogus | Unknown option: '--bogus'",
                "generate --seed 1 --alerts | Missing required parameter for option '--alerts'",
                "convert --raw /nonexistent/raw | no such directory",
                "convert --all --days 3 | drop --from-day and --days",
                "stats | Missing required parameter: 'FILE'",
                "stats /nonexistent.jsonl | FILE: no such file: /nonexistent.jsonl",
                "generate --seed 1 --alerts 10 --start now-soon | option '--start': bad duration",
            })
    void badOptionsExitWithStatusTwoAndSayWhy(String args, String message) {
        assertThat(run(args.trim().split(" +"))).isEqualTo(2);
        assertThat(stderr()).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aMalformedSourceFileExitsWithStatusTwo(@TempDir Path dir) throws Exception {
        Path rawCopy = dir.resolve("raw");
        Files.createDirectories(rawCopy.resolve("huawei-pcic2021-18v-wireless"));
        Files.writeString(
                rawCopy.resolve("huawei-pcic2021-18v-wireless/Alarm.csv"),
                "alarm_id,device_id,start_timestamp,end_timestamp\n1,2,x,4\n");
        assertThat(
                        run(
                                "convert",
                                "--raw",
                                rawCopy.toString(),
                                "--out-dir",
                                dir.resolve("out").toString()))
                .isEqualTo(2);
        assertThat(stderr()).contains("Alarm.csv:2").contains("not an integer");
    }

    @Test
    void aMissingRuleCollectionExitsWithStatusTwo(@TempDir Path dir) throws Exception {
        Path rawCopy = dir.resolve("raw");
        Files.createDirectories(rawCopy.resolve("huawei-pcic2021-18v-wireless"));
        Files.copy(
                raw().resolve("huawei-pcic2021-18v-wireless/Alarm.csv"),
                rawCopy.resolve("huawei-pcic2021-18v-wireless/Alarm.csv"));
        assertThat(
                        run(
                                "convert",
                                "--raw",
                                rawCopy.toString(),
                                "--out-dir",
                                dir.resolve("out").toString()))
                .isEqualTo(2);
        assertThat(stderr()).contains("missing rule collection file");
    }

    @Test
    void convertWritesBothFormatsOfTheSlice(@TempDir Path dir) {
        assertThat(
                        run(
                                "convert",
                                "--raw",
                                raw().toString(),
                                "--out-dir",
                                dir.toString(),
                                "--from-day",
                                "140",
                                "--days",
                                "21"))
                .isZero();
        assertThat(dir.resolve("pcic2021-3w.alertmanager.jsonl.gz")).isRegularFile();
        assertThat(dir.resolve("pcic2021-3w.pagerduty.jsonl.gz")).isRegularFile();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("34838 source rows")
                .contains("3833 alarms");
    }

    @Test
    void statsMeasuresAFile(@TempDir Path dir) {
        Path file = dir.resolve("s.jsonl.gz");
        assertThat(
                        run(
                                "generate",
                                "--seed",
                                "2",
                                "--alerts",
                                "5000",
                                "--malformed",
                                "0.1",
                                "--out",
                                file.toString()))
                .isZero();
        assertThat(run("stats", file.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("alert records      5000 (")
                .contains("flap share")
                .contains("calibration targets")
                .contains("median 110 s, p90 1370 s")
                .contains("31.00 % of alarms");
    }

    @Test
    void generateStartsNowOrADurationBeforeNow(@TempDir Path dir) throws Exception {
        long before = System.currentTimeMillis();
        Path now = dir.resolve("now.jsonl");
        Path earlier = dir.resolve("earlier.jsonl");
        assertThat(
                        run(
                                "generate",
                                "--seed",
                                "3",
                                "--alerts",
                                "5",
                                "--start",
                                "now",
                                "--out",
                                now.toString()))
                .isZero();
        assertThat(
                        run(
                                "generate",
                                "--seed",
                                "3",
                                "--alerts",
                                "5",
                                "--start",
                                "now-2h",
                                "--out",
                                earlier.toString()))
                .isZero();
        long first = firstTs(now);
        assertThat(first).isBetween(before, System.currentTimeMillis() + 3_600_000);
        assertThat(first - firstTs(earlier))
                .isBetween(2 * 3_600_000L - 60_000, 2 * 3_600_000L + 60_000);
    }

    private static long firstTs(Path file) throws Exception {
        String line = Files.readAllLines(file).get(0);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"ts\":(\\d+)").matcher(line);
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    @Test
    void helpExitsZero() {
        assertThat(run("help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("generate", "stats", "Examples:");
        out.reset();
        assertThat(run("generate", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("--seed=S", "--alerts=N", "--start=TIME", "now-2h", "Examples:");
    }
}
