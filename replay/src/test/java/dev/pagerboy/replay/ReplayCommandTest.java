package dev.pagerboy.replay;

import static dev.pagerboy.replay.LiveHistory.MINUTE;
import static dev.pagerboy.replay.LiveHistory.SECOND;
import static dev.pagerboy.replay.LiveHistory.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.cli.Cli;
import dev.pagerboy.streaming.testing.FlinkMiniCluster;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./pagerboy replay} end to end: a history archived by the pipeline in the test, replayed
 * from its archive through the command line. The replay must reproduce every archived decision
 * ({@code --verify} exits 0), refuse a configuration whose handler ROM differs from the archived
 * decisions' unless {@code --handler} asks for it, and report exactly the pages a changed config
 * adds and removes.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ReplayCommandTest {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final String SEVERITY_SHA =
            "7c478efd3ef61daa71af4a0e394d7bc45d51470112dc9c6a2f070a0a4a2a133b";
    private static final String FLAP_SHA =
            "f58e5fd6d7e170df50cda29304e2dedd61601001fef644a0e4d6d8dc37340350";

    @TempDir static Path shared;
    @TempDir Path dir;

    private static Path liveConfig;
    private static Path archive;

    @BeforeAll
    static void archiveAHistory() throws Exception {
        liveConfig =
                write(
                        shared.resolve("live.yaml"),
                        config(
                                "[alertname]",
                                handler("severity", SEVERITY_SHA),
                                "    - matchers: ['team=\"db\"']\n      receiver: db\n"));
        archive = shared.resolve("archive");
        LiveHistory.generated(300, 30).archive(liveConfig, archive);
    }

    @Test
    void replayOfTheArchiveReproducesEveryDecision() throws Exception {
        Run run =
                replay(
                        "--archive",
                        archive,
                        "--config",
                        liveConfig,
                        "--out",
                        dir.resolve("out"),
                        "--verify");

        assertThat(run.status).as(run.all()).isZero();
        assertThat(run.out).contains("verify: identical");
        assertThat(run.out).contains("pages: ").contains("0 added, 0 removed, 0 changed");
        // The comparison covered the decisions (dedup verdicts with handler results), the
        // incident transitions and the pages.
        assertThat(run.out)
                .containsPattern("decision=[1-9]")
                .containsPattern("incident=[1-9]")
                .containsPattern("notification=[1-9]");
        assertThat(run.err).contains("replayed ").contains("events/s");
    }

    @Test
    void aDifferentRomIsReportedNotUsed() throws Exception {
        Path changed =
                write(
                        dir.resolve("changed.yaml"),
                        config(
                                "[alertname]",
                                handler("flap-detector", FLAP_SHA),
                                "    - matchers: ['team=\"db\"']\n      receiver: db\n"));

        Run run =
                replay(
                        "--archive",
                        archive,
                        "--config",
                        changed,
                        "--out",
                        dir.resolve("out"),
                        "--verify");

        assertThat(run.status).as(run.all()).isEqualTo(1);
        assertThat(run.err)
                .contains("replay would use a different program")
                .contains(
                        "{}: archived "
                                + SEVERITY_SHA.substring(0, 12)
                                + ", config "
                                + FLAP_SHA.substring(0, 12));
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aNewHandlerAskedForIsReplayedAndItsDifferencesShown() throws Exception {
        Path rom = dir.resolve("flap-detector.gb");
        try (InputStream in =
                getClass()
                        .getClassLoader()
                        .getResourceAsStream("dev/pagerboy/vm/handlers/flap-detector.gb")) {
            Files.write(rom, in.readAllBytes());
        }

        Run run =
                replay(
                        "--archive",
                        archive,
                        "--config",
                        liveConfig,
                        "--out",
                        dir.resolve("out"),
                        "--handler",
                        "{}=" + rom,
                        "--verify");

        // flap-detector decides differently from severity: the handler rows say so.
        assertThat(run.status).as(run.all()).isEqualTo(1);
        assertThat(run.out).contains("verify: ").contains("decision decision:").contains("CHANGED");
        assertThat(run.out).contains("{}=" + FLAP_SHA.substring(0, 12));
    }

    @Test
    void addingAGroupByLabelSplitsOnePageIntoTwo() throws Exception {
        LiveHistory history =
                new LiveHistory()
                        .firing(
                                T0 + SECOND,
                                "alertname",
                                "NodeDown",
                                "instance",
                                "a",
                                "team",
                                "web")
                        .firing(
                                T0 + 2 * SECOND,
                                "alertname",
                                "NodeDown",
                                "instance",
                                "b",
                                "team",
                                "web")
                        .ticksUntil(T0 + 3 * MINUTE);
        Path before = write(dir.resolve("before.yaml"), config("[alertname]", "", ""));
        Path after = write(dir.resolve("after.yaml"), config("[alertname, instance]", "", ""));
        history.archive(before, dir.resolve("archive"));

        Run run =
                replay(
                        "--archive",
                        dir.resolve("archive"),
                        "--config",
                        after,
                        "--out",
                        dir.resolve("out"),
                        "--json",
                        "--html",
                        dir.resolve("report.html"));

        assertThat(run.status).as(run.all()).isZero();
        assertThat(run.out)
                .contains(
                        "\"before\" : 1, \"after\" : 2, \"added\" : 2, \"removed\" : 1, \"changed\" : 0"
                                .replace(", ", ",\n    "));
        assertThat(run.out).contains("\"instance\" : \"a\"").contains("\"instance\" : \"b\"");
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("<svg").contains("<polyline").contains("pages per receiver");
    }

    @Test
    void aContinueRouteAddsExactlyTheCriticalPage() throws Exception {
        LiveHistory history =
                new LiveHistory()
                        .firing(
                                T0 + SECOND,
                                "alertname",
                                "DiskFull",
                                "team",
                                "db",
                                "severity",
                                "critical")
                        .firing(
                                T0 + 2 * SECOND,
                                "alertname",
                                "HighLatency",
                                "team",
                                "web",
                                "severity",
                                "warning")
                        .ticksUntil(T0 + 3 * MINUTE);
        Path before =
                write(
                        dir.resolve("before.yaml"),
                        config(
                                "[alertname]",
                                "",
                                "    - matchers: ['team=\"db\"']\n      receiver: db\n"));
        Path after =
                write(
                        dir.resolve("after.yaml"),
                        config(
                                "[alertname]",
                                "",
                                "    - matchers: ['team=\"db\"']\n      receiver: db\n      continue: true\n"
                                        + "    - matchers: ['severity=\"critical\"']\n      receiver: pager\n"));
        history.archive(before, dir.resolve("archive"));

        Run run =
                replay(
                        "--archive",
                        dir.resolve("archive"),
                        "--config",
                        after,
                        "--out",
                        dir.resolve("out"));

        assertThat(run.status).as(run.all()).isZero();
        assertThat(run.out)
                .contains("pages: 2 archived, 3 replayed: 1 added, 0 removed, 0 changed");
        assertThat(run.out).containsPattern("(?m)^  pager +0 +1 +1 +0 +0 ");
        assertThat(run.out).containsPattern("(?m)^  db +1 +1 +0 +0 +0 ");
        assertThat(run.out).contains("{alertname=DiskFull, severity=critical, team=db}");
    }

    @Test
    void aMissingArchiveIsAUsageError() throws Exception {
        Run run =
                replay(
                        "--archive",
                        dir.resolve("nowhere"),
                        "--config",
                        liveConfig,
                        "--out",
                        dir.resolve("out"));

        assertThat(run.status).isEqualTo(2);
        assertThat(run.err).contains("no archive at " + dir.resolve("nowhere"));
    }

    @Test
    void aCorruptArchiveFileIsNamed() throws Exception {
        Path bad = dir.resolve("archive/2026-12-01/00/part-x-0-0.parquet");
        Files.createDirectories(bad.getParent());
        Files.writeString(bad, "PAR1 this is not parquet");

        Run run =
                replay(
                        "--archive",
                        dir.resolve("archive"),
                        "--config",
                        liveConfig,
                        "--out",
                        dir.resolve("out"));

        assertThat(run.status).isEqualTo(1);
        assertThat(run.err).contains("archive file " + bad + " cannot be read");
    }

    @Test
    void anInvalidConfigGivesFileLineKey() throws Exception {
        Path broken =
                write(
                        dir.resolve("broken.yaml"),
                        config("[alertname]", "", "")
                                .replace("group_wait: 30s", "group_wait: soon"));

        Run run = replay("--archive", archive, "--config", broken, "--out", dir.resolve("out"));

        assertThat(run.status).isEqualTo(2);
        assertThat(run.err)
                .containsPattern(
                        java.util.regex.Pattern.quote(broken.toString())
                                + ":\\d+: route\\.group_wait: ");
    }

    // --- fixtures ---

    private static String handler(String name, String sha) {
        return "  handler:\n    rom: classpath:dev/pagerboy/vm/handlers/"
                + name
                + ".gb\n    sha256: "
                + sha
                + "\n";
    }

    private static String config(String groupBy, String handler, String routes) {
        return "kafka:\n  bootstrap_servers: localhost:9092\n"
                + "receivers:\n  - name: oncall\n    team: sre\n  - name: db\n    team: db\n"
                + "  - name: pager\n    team: sre\n"
                + "route:\n  receiver: oncall\n  group_by: "
                + groupBy
                + "\n"
                + "  group_wait: 30s\n  group_interval: 5m\n  repeat_interval: 4h\n"
                + handler
                + (routes.isEmpty() ? "" : "  routes:\n" + routes);
    }

    private static Path write(Path file, String text) throws Exception {
        Files.writeString(file, text);
        return file;
    }

    private record Run(int status, String out, String err) {
        String all() {
            return "stdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    private static Run replay(Object... args) {
        List<String> list = new ArrayList<>();
        for (Object a : args) {
            list.add(a.toString());
        }
        list.add("--no-progress");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        int status = Cli.run(new ReplayCommand(o, e), list.toArray(String[]::new), o, e);
        return new Run(
                status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
