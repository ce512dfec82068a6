package dev.pagerboy.vm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The asm, dis, trace and handler commands as a user runs them: output, files and exit status. */
class ToolCommandsTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int vm(String... args) {
        out.reset();
        err.reset();
        return VmCli.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static Path handlerSource(String name) {
        return Path.of(System.getProperty("pagerboy.root"), "vm", "handlers", name + ".asm");
    }

    private static final String ALERT =
            "{\"status\":\"firing\",\"labels\":{\"alertname\":\"KubeletDown\",\"severity\":\"critical\",\"job\":\"kubelet\"},"
                    + "\"annotations\":{\"summary\":\"Target disappeared.\"},\"startsAt\":\"2026-11-25T10:15:00Z\",\"repeatCount\":0}";

    @Test
    void asmWritesRomAndSymAndDisRoundTrips(@TempDir Path dir) throws Exception {
        Path rom = dir.resolve("route.gb");
        Path sym = dir.resolve("route.sym");
        assertThat(
                        vm(
                                "asm",
                                handlerSource("route-by-label").toString(),
                                "-o",
                                rom.toString(),
                                "--sym",
                                sym.toString()))
                .isZero();
        assertThat(Files.readString(sym)).contains("00:0156 PagerBoyRun");
        Path listing = dir.resolve("route.dis.asm");
        assertThat(vm("dis", rom.toString(), "-o", listing.toString())).isZero();
        assertThat(Files.readString(listing)).contains("HandlerMain:");
        Path again = dir.resolve("again.gb");
        assertThat(vm("asm", listing.toString(), "-o", again.toString())).isZero();
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(rom));
    }

    @Test
    void asmReportsEveryErrorAndExitsTwo(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.asm");
        Files.writeString(bad, "SECTION \"a\", ROM0\n    ld a, [hl\n    jp nowhere\n    frob\n");
        assertThat(vm("asm", bad.toString(), "-o", dir.resolve("bad.gb").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains(bad + ":2:14: expected ']'")
                .contains(bad + ":4:5: unknown instruction");
        assertThat(dir.resolve("bad.gb")).doesNotExist();
        assertThat(vm("asm", "-o")).isEqualTo(2);
    }

    @Test
    void embeddedAlertRomRunsStandaloneUntilEnd(@TempDir Path dir) throws Exception {
        Path alert = dir.resolve("alert.json");
        Files.writeString(alert, ALERT);
        Path demo = dir.resolve("demo.gb");
        assertThat(
                        vm(
                                "asm",
                                handlerSource("route-by-label").toString(),
                                "--embed-alert",
                                alert.toString(),
                                "-o",
                                demo.toString()))
                .isZero();
        assertThat(vm("run", demo.toString(), "--until-serial", "END")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("severity=critical\nroute=20\nsuppress=false\nescalation=1\n")
                .contains("END");
    }

    @Test
    void traceShowsEveryInstructionWithRegistersAndTheDecision(@TempDir Path dir) throws Exception {
        Path alert = dir.resolve("alert.json");
        Files.writeString(alert, ALERT);
        assertThat(vm("trace", "route-by-label", "--alert", alert.toString())).isZero();
        String trace = out.toString(StandardCharsets.UTF_8);
        assertThat(trace.lines().findFirst().orElseThrow())
                .matches("\\s+0\\s+\\$0156\\s+call \\$[0-9A-F]{4}\\s+A=01 F=B0 .* SP=E000");
        assertThat(trace).contains("ld [$C5FF], a").contains("route=20").contains("cycles=");
        assertThat(vm("trace", "route-by-label")).isEqualTo(2);
    }

    @Test
    void handlerTestPrintsOneLinePerAlertAndReportsBadLines(@TempDir Path dir) throws Exception {
        Path alerts = dir.resolve("alerts.jsonl");
        Files.writeString(
                alerts,
                ALERT
                        + "\n{\"labels\":{}}\n"
                        + ALERT.replace("\"repeatCount\":0", "\"repeatCount\":5")
                                .replace("critical", "warning")
                        + "\n");
        assertThat(vm("handler", "test", "storm-throttle", "--alerts", alerts.toString()))
                .isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("line ")))
                .hasSize(2);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("line 3 KubeletDown")
                .contains("suppress=true");
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains(alerts + ":2: startsAt is required");
        Path sample =
                Path.of(
                        System.getProperty("pagerboy.root"),
                        "datasets",
                        "samples",
                        "pcic2021-3w.alertmanager.jsonl.gz");
        assertThat(vm("handler", "test", "route-by-label", "--alerts", sample.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("line ")))
                .hasSize(7666);
        assertThat(out.toString(StandardCharsets.UTF_8).lines().reduce((a, b) -> b).orElseThrow())
                .startsWith("# total alerts=7666 suppressed=")
                .contains(" faults=0 bad_lines=0 cycles=");
    }
}
