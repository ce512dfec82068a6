package dev.pagerboy.vm.cli;

import dev.pagerboy.cli.ExistingFile;
import dev.pagerboy.cli.ExitStatus;
import dev.pagerboy.vm.handler.AlertJson;
import dev.pagerboy.vm.handler.Decision;
import dev.pagerboy.vm.handler.HandlerInput;
import dev.pagerboy.vm.handler.HandlerResult;
import dev.pagerboy.vm.handler.HandlerRom;
import dev.pagerboy.vm.handler.HandlerRuntime;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vm handler ...}: commands about handler ROMs; today {@code test}. */
@Command(
        name = "handler",
        description = "Handler ROMs: run one on a file of alerts.",
        synopsisSubcommandLabel = "COMMAND",
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./pagerboy vm handler test severity --alerts datasets/samples/alerts.jsonl.gz"
        })
final class HandlerCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitStatus.USAGE.code();
    }

    /**
     * {@code vm handler test HANDLER.gb --alerts FILE.jsonl[.gz] [--budget N]}: runs a handler on
     * every alert of a JSON-lines file (native alerts, Alertmanager webhook messages, or the
     * datasets' envelopes; gzip when the name ends in .gz), keeping each fingerprint's state
     * between lines as the streaming job does, and prints one line per alert with its decision and
     * cycles, then a totals line. Exit 0 when every alert got the handler's own decision, 1 when
     * some faulted (their fallback decision is printed), 2 for bad arguments or lines that are not
     * alerts (each is reported; the others still run).
     */
    @Command(
            name = "test",
            description = {
                "Run a handler on each alert of a JSON-lines file.",
                "Prints one decision line per alert, then totals. The file may be gzipped (.gz). Each",
                "fingerprint's state is kept between lines, as in the job."
            },
            footerHeading = "%nExamples:%n",
            footer = {
                "  ./pagerboy vm handler test severity --alerts datasets/samples/alerts.jsonl.gz",
                "  ./pagerboy vm handler test /tmp/flap.gb --alerts alerts.jsonl --budget 50000"
            })
    static final class Test implements Callable<Integer> {

        @Mixin HandlerRunOptions handlerOptions;

        @Option(
                names = "--alerts",
                paramLabel = "FILE.jsonl",
                required = true,
                description = "Alerts, one JSON document per line.")
        Path alerts;

        private final PrintStream out;
        private final PrintStream err;

        Test(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public Integer call() throws IOException {
            HandlerRom handler = AlertFiles.handler(handlerOptions.rom);
            List<String> lines = readLines(ExistingFile.require("--alerts", alerts));
            out.println(
                    "# handler "
                            + handler.name()
                            + " sha256="
                            + handler.sha256Hex()
                            + " abi="
                            + handler.abiVersion());
            HandlerRuntime runtime = new HandlerRuntime(handler, handlerOptions.budget);
            Map<String, byte[]> states = new HashMap<>();
            int badLines = 0;
            int faults = 0;
            int alertsRun = 0;
            int suppressed = 0;
            long cycles = 0;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty()) {
                    continue;
                }
                List<HandlerInput> parsed;
                try {
                    parsed = AlertJson.parseLine(line);
                } catch (IllegalArgumentException e) {
                    err.println(alerts + ":" + (i + 1) + ": " + e.getMessage());
                    badLines++;
                    continue;
                }
                for (HandlerInput alert : parsed) {
                    HandlerResult result = runtime.run(alert, states.get(alert.fingerprintHex()));
                    states.put(alert.fingerprintHex(), result.newState());
                    faults += result.fault() == null ? 0 : 1;
                    alertsRun++;
                    suppressed += result.decision().suppress() ? 1 : 0;
                    cycles += result.cycles();
                    out.println(
                            "line "
                                    + (i + 1)
                                    + " "
                                    + alert.alertname()
                                    + " fp="
                                    + alert.fingerprintHex()
                                    + " "
                                    + describe(result));
                }
            }
            out.printf(
                    "# total alerts=%d suppressed=%d faults=%d bad_lines=%d cycles=%d"
                            + " mean_cycles=%d%n",
                    alertsRun,
                    suppressed,
                    faults,
                    badLines,
                    cycles,
                    alertsRun == 0 ? 0 : cycles / alertsRun);
            return badLines > 0
                    ? ExitStatus.USAGE.code()
                    : faults > 0 ? ExitStatus.FAILED.code() : ExitStatus.OK.code();
        }
    }

    /** The lines of a text file, gunzipped first when its name ends in .gz. */
    private static List<String> readLines(Path file) throws IOException {
        if (!file.toString().endsWith(".gz")) {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        }
        try (java.io.BufferedReader in =
                new java.io.BufferedReader(
                        new java.io.InputStreamReader(
                                new java.util.zip.GZIPInputStream(Files.newInputStream(file)),
                                StandardCharsets.UTF_8))) {
            return in.lines().toList();
        }
    }

    /** One line: the decision fields, cycles, and the fault if any. */
    static String describe(HandlerResult result) {
        Decision d = result.decision();
        StringBuilder s = new StringBuilder();
        s.append("severity=").append(d.severity());
        s.append(" route=").append(d.routeId());
        s.append(" suppress=").append(d.suppress());
        s.append(" escalation=").append(d.escalationPolicyId());
        s.append(" labels=").append(new TreeMap<>(d.addedLabels()));
        s.append(" truncated=").append(d.truncated());
        s.append(" summary=\"").append(d.summary().replace("\"", "\\\"")).append('"');
        s.append(" cycles=").append(result.cycles());
        if (result.fault() != null) {
            s.append(" fault=")
                    .append(result.fault().kind())
                    .append(" (")
                    .append(result.fault().detail())
                    .append(')');
        }
        return s.toString();
    }
}
