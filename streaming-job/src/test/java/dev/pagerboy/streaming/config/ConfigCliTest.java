package dev.pagerboy.streaming.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCliTest {

    private static final Path SAMPLE =
            Path.of(System.getProperty("pagerboy.root"), "streaming-job/config/pagerboy.yaml");

    @TempDir Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return ConfigCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void checkAcceptsTheShippedSample() {
        assertThat(run("check", SAMPLE.toString())).isZero();
        assertThat(out.toString()).startsWith(SAMPLE + ": valid (7 receivers, 8 routes)");
    }

    @Test
    void checkReportsTheFirstProblemAndFails() throws Exception {
        Path bad =
                Files.writeString(
                        dir.resolve("bad.yaml"),
                        PagerBoyConfigTest.BASE
                                + "  routes:\n    - receiver: db\n      matchers: ['a=\"b\",,c=\"d\"']\n");
        assertThat(run("check", bad.toString())).isEqualTo(1);
        assertThat(err.toString())
                .isEqualTo(bad + ":12: route.routes[0].matchers[0]: bad matcher format: \n");
    }

    @Test
    void routesTestPrintsReceiversInTreeOrderLikeAmtool() {
        assertThat(
                        run(
                                "routes",
                                "test",
                                "--config",
                                SAMPLE.toString(),
                                "severity=critical",
                                "team=data-engineering",
                                "service=\"postgres\""))
                .isZero();
        assertThat(out.toString()).isEqualTo("pager-critical,team-data\n");
    }

    @Test
    void routesTestPrintsGroupKeysOnRequest() {
        assertThat(
                        run(
                                "routes",
                                "test",
                                "--config",
                                SAMPLE.toString(),
                                "--group-key",
                                "alertname=DiskFull",
                                "team=data-engineering",
                                "instance=h1",
                                "service=mysql",
                                "severity=warning"))
                .isZero();
        assertThat(out.toString())
                .isEqualTo(
                        "team-data\n"
                                + "team-data {}/{team=\"data-engineering\"}/{service=~\"postgres|mysql"
                                + "|redis|mongodb|elasticsearch\",severity=\"warning\"}:"
                                + "{alertname=\"DiskFull\", instance=\"h1\"}\n");
    }

    @Test
    void routesTestVerifiesReceivers() {
        assertThat(
                        run(
                                "routes",
                                "test",
                                "--config",
                                SAMPLE.toString(),
                                "--verify-receivers",
                                "team-runtimes",
                                "team=data-engineering"))
                .isEqualTo(1);
        assertThat(out.toString())
                .isEqualTo(
                        "team-data\nWARNING: Expected receivers did not match resolved receivers.\n");
    }

    @Test
    void routesTestRejectsLabelsThatAreNotEqualities() {
        assertThat(run("routes", "test", "--config", SAMPLE.toString(), "team=~db")).isEqualTo(2);
        assertThat(err.toString()).contains("labels must be specified as key=value pairs");
    }
}
