package dev.pagerboy.streaming.config;

import dev.pagerboy.alerts.Durations;
import dev.pagerboy.alerts.Rfc3339;
import dev.pagerboy.cli.Cli;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code ./pagerboy oncall}: asks a schedule of {@code pagerboy.yaml} who is on call, the question
 * escalation asks before it pages. It is the one place in schedules that reads the clock: {@link
 * #main} passes "now" in, so tests and {@code --at} ask the same pure {@link OnCallSchedule}.
 */
@Command(
        name = "oncall",
        description = {
            "Prints who is on call for a schedule at a time, and with --next every handoff in a"
                    + " window.",
            "Times are shown in the schedule's time zone.",
            "Exit status: 0 answered, 1 the configuration is invalid, 2 bad usage."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./pagerboy oncall --config pagerboy.yaml --schedule db-primary",
            "  ./pagerboy oncall --config pagerboy.yaml --schedule db-primary"
                    + " --at 2026-12-24T20:00:00+01:00 --next 7d"
        })
public final class OnCallCli implements Callable<Integer> {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "the pagerboy.yaml to read (required)")
    Path config;

    @Option(
            names = "--schedule",
            paramLabel = "NAME",
            description = "the schedule's name (required)")
    String schedule;

    @Option(
            names = "--at",
            paramLabel = "TIME",
            converter = TimeConverter.class,
            description = "RFC 3339 time to ask about, e.g. 2026-12-24T20:00:00Z (default: now)")
    Long at;

    @Option(
            names = "--next",
            paramLabel = "DURATION",
            converter = WindowConverter.class,
            description = "also list every shift from TIME for this long, e.g. 7d or 12h")
    Duration next;

    // Checked in call(), not with required=true: picocli then reports a mistyped option itself
    // ("Unknown option: '--shedule'") instead of only the required options it left missing.
    @Spec CommandSpec spec;

    private final PrintStream out;
    private final PrintStream err;
    private final long now;

    public OnCallCli(PrintStream out, PrintStream err, long now) {
        this.out = out;
        this.err = err;
        this.now = now;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.currentTimeMillis()));
    }

    /** Parses {@code args} and answers; returns the exit status (0, 1 bad config, 2 bad usage). */
    public static int run(String[] args, PrintStream out, PrintStream err, long now) {
        return Cli.run(new OnCallCli(out, err, now), args, out, err);
    }

    @Override
    public Integer call() {
        require(config, "--config=FILE");
        require(schedule, "--schedule=NAME");
        PagerBoyConfig cfg;
        try {
            cfg = PagerBoyConfig.load(config);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 1;
        }
        OnCallSchedule s = cfg.schedules().get(schedule);
        if (s == null) {
            err.println(
                    "pagerboy oncall: --schedule: no schedule \""
                            + schedule
                            + "\" in "
                            + config
                            + " (expected one of: "
                            + (cfg.schedules().isEmpty()
                                    ? "none defined"
                                    : String.join(", ", cfg.schedules().keySet()))
                            + ")");
            return 2;
        }
        long time = at != null ? at : now;
        Optional<OnCall> onCall = s.at(time);
        out.println(
                s.name()
                        + " ("
                        + s.zone()
                        + ") at "
                        + format(time, s.zone())
                        + ": "
                        + onCall.map(OnCallCli::describe).orElse("nobody is on call"));
        if (next != null) {
            out.println();
            printTable(
                    s.timeline(time, time + next.toMillis()),
                    time,
                    time + next.toMillis(),
                    s.zone());
        }
        out.flush();
        return 0;
    }

    private void require(Object value, String option) {
        if (value == null) {
            throw new ParameterException(
                    spec.commandLine(), "Missing required option: '" + option + "'");
        }
    }

    private static String describe(OnCall onCall) {
        return onCall.engineer()
                + (onCall.coverage() == OnCall.Coverage.OVERRIDE
                        ? " (override)"
                        : " (layer " + onCall.source() + ")");
    }

    /** One row per shift, and a "nobody" row for every stretch that no layer or override covers. */
    private void printTable(List<OnCallShift> shifts, long from, long to, ZoneId zone) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"START", "END", "ENGINEER", "LAYER"});
        long covered = from;
        for (OnCallShift shift : shifts) {
            if (shift.start() > covered) {
                rows.add(
                        new String[] {
                            format(covered, zone), format(shift.start(), zone), "nobody", "-"
                        });
            }
            rows.add(
                    new String[] {
                        format(shift.start(), zone),
                        format(shift.end(), zone),
                        shift.onCall().engineer(),
                        shift.onCall().source()
                    });
            covered = shift.end();
        }
        if (covered < to) {
            rows.add(new String[] {format(covered, zone), format(to, zone), "nobody", "-"});
        }
        int[] widths = new int[4];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i < row.length - 1 ? pad(row[i], widths[i] + 2) : row[i]);
            }
            out.println(line);
        }
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }

    private static String format(long epochMillis, ZoneId zone) {
        return TIME.format(Instant.ofEpochMilli(epochMillis).atZone(zone));
    }

    /** {@code --at}: an RFC 3339 time, as everywhere in PagerBoy. */
    static final class TimeConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return Rfc3339.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(
                        "bad time \""
                                + value
                                + "\" (expected RFC 3339, e.g. 2026-11-28T12:00:00Z)");
            }
        }
    }

    /** {@code --next}: a positive duration in PagerBoy's one duration grammar. */
    static final class WindowConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration d;
            try {
                d = Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
            if (d.isZero()) {
                throw new TypeConversionException("must be greater than zero (expected e.g. 7d)");
            }
            return d;
        }
    }
}
