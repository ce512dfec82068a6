package dev.pagerboy.tools.chaos;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one scenario checked and measured: a table of checks (what, figure, ok) and figures, printed
 * for people, and one {@code key=value} line for scripts ({@code scenario= inputs= lost=
 * duplicated= … passed=}).
 */
final class ScenarioReport {

    private record Row(String what, String figure, Boolean ok) {}

    private final Scenario scenario;
    private final List<Row> rows = new ArrayList<>();
    private final Map<String, String> summary = new LinkedHashMap<>();
    private boolean passed = true;

    ScenarioReport(Scenario scenario) {
        this.scenario = scenario;
        summary.put("scenario", scenario.name());
    }

    Scenario scenario() {
        return scenario;
    }

    /** A checked row: the scenario fails if {@code ok} is false. */
    void check(String what, String figure, boolean ok) {
        rows.add(new Row(what, figure, ok));
        passed &= ok;
    }

    /** A measured figure, not a pass/fail check. */
    void figure(String what, String figure) {
        rows.add(new Row(what, figure, null));
    }

    /** A field of the closing {@code key=value} line. */
    void summary(String key, Object value) {
        summary.put(key, String.valueOf(value));
    }

    /** Fails the scenario with the reason (e.g. the job died, or a fault could not be injected). */
    void fail(String what, String why) {
        check(what, why, false);
    }

    boolean passed() {
        return passed;
    }

    void print(PrintStream out) {
        int width = rows.stream().mapToInt(r -> r.what().length()).max().orElse(10);
        int figureWidth =
                rows.stream()
                        .mapToInt(r -> r.figure().lines().findFirst().orElse("").length())
                        .max()
                        .orElse(10);
        out.println();
        out.println(scenario.name() + " — " + scenario.title());
        String line = "-".repeat(width + figureWidth + 12);
        out.println(line);
        for (Row r : rows) {
            String mark = r.ok() == null ? "" : r.ok() ? "ok" : "FAILED";
            out.printf(
                    "%-" + width + "s  %-" + figureWidth + "s  %s%n", r.what(), r.figure(), mark);
        }
        out.println(line);
        summary.putIfAbsent("inputs", "unknown");
        summary.putIfAbsent("lost", "unknown");
        summary.putIfAbsent("duplicated", "unknown");
        summary.put("passed", String.valueOf(passed));
        out.println(keyValueLine());
    }

    String keyValueLine() {
        StringBuilder kv = new StringBuilder();
        summary.forEach(
                (k, v) -> kv.append(kv.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return kv.toString();
    }
}
