package dev.pagerboy.vm.cli;

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

/**
 * {@code vm handler test HANDLER.gb --alerts FILE.jsonl[.gz] [--budget N]}: runs a handler on every
 * alert of a JSON-lines file (native alerts, Alertmanager webhook messages, or the datasets'
 * envelopes; gzip when the name ends in .gz), keeping each fingerprint's state between lines as the
 * streaming job does, and prints one line per alert with its decision and cycles. Exit 0 when every
 * alert got the handler's own decision, 1 when some faulted (their fallback decision is printed), 2
 * for bad arguments or lines that are not alerts (each is reported; the others still run).
 */
final class HandlerCommand {

    private static final String USAGE =
            "usage: ./pagerboy vm handler test HANDLER.gb|LIBRARY_NAME --alerts FILE.jsonl [--budget N]";

    int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || !args[0].equals("test")) {
            err.println(
                    "pagerboy vm handler: unknown subcommand"
                            + (args.length == 0 ? "" : " '" + args[0] + "'"));
            err.println(USAGE);
            return 2;
        }
        HandlerRunOptions options;
        try {
            options = HandlerRunOptions.parse(args, 1, "--alerts", false);
        } catch (IllegalArgumentException e) {
            err.println("pagerboy vm handler test: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        Path alerts = options.input();
        HandlerRom handler;
        List<String> lines;
        try {
            handler = AlertFiles.handler(options.rom());
            lines = readLines(alerts);
        } catch (IOException e) {
            err.println("pagerboy vm handler test: " + e.getMessage());
            return 2;
        }
        out.println(
                "# handler "
                        + handler.name()
                        + " sha256="
                        + handler.sha256Hex()
                        + " abi="
                        + handler.abiVersion());
        HandlerRuntime runtime = new HandlerRuntime(handler, options.budget());
        Map<String, byte[]> states = new HashMap<>();
        int badLines = 0;
        int faults = 0;
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
        return badLines > 0 ? 2 : faults > 0 ? 1 : 0;
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
