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
import java.util.regex.Pattern;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./pagerboy replay incident ID} on an incident with an escalation and an ack: a DbDown
 * alert at T0+1s opens an incident (policy {@code standard}, picked by the route-by-label ROM):
 * Alice is paged at level 1, nobody answers, Bob is paged at level 2 two minutes later and
 * acknowledges at T0+3m. A HostDown alert in another group opens another incident, which must stay
 * out of the story. The story must list every step in event time, with the ROM and its cycles and
 * the route, and the replay of the incident's keys must reproduce its archived rows.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ReplayIncidentCommandTest {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkMiniCluster.extension();

    private static final String ROUTE_BY_LABEL_SHA256 = EscalatedHistory.ROUTE_BY_LABEL_SHA256;

    @TempDir static Path shared;
    @TempDir Path dir;

    private static Path config;
    private static Path archive;
    private static String dbDown;
    private static String hostDown;

    @BeforeAll
    static void archiveAnEscalatedAndAcknowledgedIncident() throws Exception {
        config = EscalatedHistory.config(shared.resolve("pagerboy.yaml"), "2m");
        archive = shared.resolve("archive");
        EscalatedHistory.archive(config, archive);
        dbDown = EscalatedHistory.DB_DOWN;
        hostDown = EscalatedHistory.HOST_DOWN;
    }

    @Test
    void tellsTheStoryOfAnEscalatedAndAcknowledgedIncident() throws Exception {
        Path html = dir.resolve("incident.html");
        Run run =
                replay(
                        "incident",
                        dbDown,
                        "--archive",
                        archive,
                        "--config",
                        config,
                        "--out",
                        dir.resolve("out"),
                        "--html",
                        html);

        assertThat(run.status).as(run.all()).isZero();
        List<String> story = timeline(run.out);
        assertThat(story)
                .as(run.out)
                .containsExactly(
                        "INPUT alert record",
                        "DECISION alert",
                        "INCIDENT incident #1 triggered",
                        "INCIDENT incident #2 escalated",
                        "PAGE page to phones for alice",
                        "INCIDENT incident #3 escalated",
                        "PAGE page to phones for bob",
                        "INPUT ack record",
                        "INCIDENT incident #4 acknowledged",
                        "ACK ack by bob: accepted");
        assertThat(run.out)
                .contains("Incident " + dbDown)
                .contains("policy    standard; status acknowledged")
                .contains("handler ROM " + ROUTE_BY_LABEL_SHA256.substring(0, 12) + " on route {}")
                .containsPattern("new_firing; handler .* [1-9][0-9]* cycles")
                .contains("routed by {} {}:{alertname=\"DbDown\"}")
                .contains("escalated to level 2 (step 2)")
                .contains("acknowledged by bob -> acknowledged")
                .doesNotContain("HostDown")
                .containsPattern("replay: identical: [1-9][0-9]* archived rows of the incident");
        assertThat(Files.readString(html))
                .contains("<h1>Incident <code>" + dbDown)
                .contains("<details>")
                .contains("identical");
    }

    @Test
    void asJsonTheStoryHasItsEntriesAndTheReplayVerdict() throws Exception {
        Run run =
                replay(
                        "incident",
                        hostDown,
                        "--archive",
                        archive,
                        "--config",
                        config,
                        "--out",
                        dir.resolve("out"),
                        "--json");

        assertThat(run.status).as(run.all()).isZero();
        assertThat(run.out)
                .contains("\"incidentId\" : \"" + hostDown + "\"")
                .contains("\"kind\" : \"PAGE\"")
                .contains("\"identical\" : true")
                .doesNotContain("DbDown");
    }

    @Test
    void anUnknownIncidentIsAUsageErrorNamingSomeKnownOnes() throws Exception {
        Run run =
                replay(
                        "incident",
                        "0000000000000000-1",
                        "--archive",
                        archive,
                        "--config",
                        config,
                        "--out",
                        dir.resolve("out"));

        assertThat(run.status).as(run.all()).isEqualTo(2);
        assertThat(run.err)
                .contains("no incident 0000000000000000-1 in the archive (it holds 2 incidents");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    /** The kind and first words of each timeline line. */
    private static List<String> timeline(String out) {
        List<String> lines = new ArrayList<>();
        Pattern line = Pattern.compile("^\\d{4}-\\S+ +([A-Z]+) +(.*)$");
        for (String l : out.lines().toList()) {
            var m = line.matcher(l);
            if (m.matches()) {
                String[] words = m.group(2).split(" ");
                int n =
                        switch (m.group(1)) {
                            case "INPUT" -> 2;
                            case "DECISION" -> 1;
                            case "INCIDENT" -> 3;
                            case "ACK" -> 4;
                            default -> 5;
                        };
                lines.add(
                        m.group(1)
                                + " "
                                + String.join(
                                                " ",
                                                List.of(words)
                                                        .subList(0, Math.min(n, words.length)))
                                        .replaceAll(",$", ""));
            }
        }
        return lines;
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
