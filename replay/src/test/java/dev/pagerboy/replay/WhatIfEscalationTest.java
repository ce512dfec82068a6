package dev.pagerboy.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.cli.Cli;
import dev.pagerboy.streaming.testing.FlinkMiniCluster;
import java.io.ByteArrayOutputStream;
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
 * The what-if report says which incidents would have escalated differently under a changed
 * escalation policy ({@link EscalatedHistory}, archived with Bob's level 2 minutes after Alice's).
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class WhatIfEscalationTest {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    @TempDir static Path shared;
    @TempDir Path dir;

    private static Path archive;

    @BeforeAll
    static void archiveTheHistory() throws Exception {
        archive = shared.resolve("archive");
        EscalatedHistory.archive(
                EscalatedHistory.config(shared.resolve("live.yaml"), "2m"), archive);
    }

    @Test
    void aSlowerSecondLevelEscalatesBothIncidentsLessFar() throws Exception {
        // Bob's level 10 minutes after Alice's: due after the last tick, so never paged. DbDown
        // stops at Alice (Bob's ack is still accepted: the policy does not restrict acks);
        // HostDown, which went to ops, stops at Alice too.
        Path slower = EscalatedHistory.config(dir.resolve("slower.yaml"), "10m");

        Run run = whatIf(slower);

        assertThat(run.status).as(run.all()).isZero();
        assertThat(run.out)
                .contains(
                        "incidents: 2 archived, 2 replayed: 0 escalated further, 2 escalated less,"
                                + " 0 opened, 0 not opened, 0 otherwise changed")
                .containsPattern(
                        "escalated_less +"
                                + EscalatedHistory.DB_DOWN
                                + " steps 2 -> 1; acknowledged @\\S+ -> acknowledged by bob ->"
                                + " acknowledged @\\S+ -> acknowledged by bob")
                .contains("escalated_less    " + EscalatedHistory.HOST_DOWN + " steps 3 -> 1");
        // Bob's pages: 2 archived (DbDown, HostDown), none replayed.
        assertThat(run.out).containsPattern("(?m)^  bob +2 +0 +0 +2 +0 ");
    }

    @Test
    void aFasterSecondLevelEscalatesTheAcknowledgedIncidentFurther() throws Exception {
        // Bob's level 30 s after Alice's: ops is paged at T0+2m41s, before Bob's ack at T0+3m.
        // HostDown pages the same three levels, earlier: the same steps, other times.
        Path faster = EscalatedHistory.config(dir.resolve("faster.yaml"), "30s");

        Run run = whatIf(faster);

        assertThat(run.status).as(run.all()).isZero();
        assertThat(run.out)
                .contains(
                        "incidents: 2 archived, 2 replayed: 1 escalated further, 0 escalated less,"
                                + " 0 opened, 0 not opened, 1 otherwise changed")
                .contains("escalated_further " + EscalatedHistory.DB_DOWN + " steps 2 -> 3")
                .contains("otherwise_changed " + EscalatedHistory.HOST_DOWN + " steps 3 -> 3");
    }

    @Test
    void theSamePolicyChangesNoIncident() throws Exception {
        Run run = whatIf(EscalatedHistory.config(dir.resolve("same.yaml"), "2m"));

        assertThat(run.status).as(run.all()).isZero();
        assertThat(run.out)
                .contains(
                        "incidents: 2 archived, 2 replayed: 0 escalated further, 0 escalated less,"
                                + " 0 opened, 0 not opened, 0 otherwise changed");
    }

    private Run whatIf(Path config) throws Exception {
        return run(
                "--archive",
                archive,
                "--config",
                config,
                "--out",
                dir.resolve("out"),
                "--html",
                dir.resolve("report.html"));
    }

    private record Run(int status, String out, String err) {
        String all() {
            return "stdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    private static Run run(Object... args) throws Exception {
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
        String html = Files.readString(Path.of(list.get(list.indexOf("--html") + 1)));
        assertThat(html).contains("<h2>Incidents</h2>");
        return new Run(
                status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
