package dev.pagerboy.datasets.cli;

import dev.pagerboy.alerts.AlertEvent;
import dev.pagerboy.alerts.Rfc3339;
import dev.pagerboy.alerts.format.AlertFormat;
import dev.pagerboy.cli.PositiveNumber;
import dev.pagerboy.cli.UsageException;
import dev.pagerboy.datasets.Envelope;
import dev.pagerboy.datasets.SampleStreams;
import dev.pagerboy.datasets.io.EnvelopeWriter;
import dev.pagerboy.datasets.pcic.PcicAlarm;
import dev.pagerboy.datasets.pcic.PcicAlarmCsv;
import dev.pagerboy.datasets.pcic.PcicConverter;
import dev.pagerboy.datasets.rules.RuleCollections;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code convert}: PCIC 2021 Alarm.csv → the shipped Alertmanager and PagerDuty samples. */
@Command(
        name = "convert",
        description = {
            "Convert PCIC 2021 Alarm.csv into the shipped samples.",
            "Writes Alertmanager and PagerDuty JSON Lines (default: days 140-160 into",
            "datasets/samples/pcic2021-3w.*.jsonl.gz)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./pagerboy datasets convert",
            "  ./pagerboy datasets convert --from-day 100 --days 7 --name pcic-week --out-dir /tmp/s",
            "  ./pagerboy datasets convert --all --out-dir /tmp/s"
        })
final class ConvertCommand implements Callable<Integer> {
    static final String ALARM_CSV = "huawei-pcic2021-18v-wireless/Alarm.csv";
    static final long DEFAULT_FROM_DAY = 140;
    static final long DEFAULT_DAYS = 21;

    @Option(
            names = "--raw",
            paramLabel = "DIR",
            description = "The raw data sets (default: ../shared/datasets-raw).")
    Path raw;

    @Option(
            names = "--out-dir",
            paramLabel = "DIR",
            description = "Where the two files go (default: datasets/samples).")
    Path outDir;

    @Option(
            names = "--from-day",
            paramLabel = "D",
            description = "First day of the slice (default: " + DEFAULT_FROM_DAY + ").")
    Long fromDay;

    @Option(
            names = "--days",
            paramLabel = "N",
            converter = PositiveNumber.Long.class,
            description = "Days in the slice (default: " + DEFAULT_DAYS + ").")
    Long days;

    @Option(names = "--all", description = "Convert every alarm instead of a slice.")
    boolean all;

    @Option(
            names = "--name",
            paramLabel = "PREFIX",
            description = "File name prefix (default: pcic2021-3w, or pcic2021-all with --all).")
    String name;

    private final Path root;
    private final PrintStream out;

    ConvertCommand(Path root, PrintStream out) {
        this.root = root;
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        return DatasetsCli.work(this::convert);
    }

    private int convert() {
        Path raw = this.raw != null ? this.raw : DatasetsCli.defaultRaw(root);
        Path outDir = this.outDir != null ? this.outDir : root.resolve("datasets/samples");
        if (all && (fromDay != null || days != null)) {
            throw new UsageException("--all converts every alarm: drop --from-day and --days");
        }
        if (!Files.isDirectory(raw)) {
            throw new UsageException("--raw: no such directory: " + raw);
        }
        if (fromDay != null && fromDay < 0) {
            throw new UsageException("--from-day must be 0 or more, got " + fromDay);
        }
        long fromDay = this.fromDay != null ? this.fromDay : DEFAULT_FROM_DAY;
        long days = this.days != null ? this.days : DEFAULT_DAYS;
        String name =
                this.name != null ? this.name : all ? "pcic2021-all" : SampleStreams.PCIC_SLICE;

        List<PcicAlarm> alarms = PcicAlarmCsv.read(raw.resolve(ALARM_CSV));
        PcicConverter converter = new PcicConverter(RuleCollections.load(raw), alarms);
        List<AlertEvent> events =
                all
                        ? converter.convertAll(alarms)
                        : converter.convert(alarms, fromDay * 86_400, (fromDay + days) * 86_400);
        if (events.isEmpty()) {
            throw new UsageException(
                    "no alarm starts in days " + fromDay + " to " + (fromDay + days));
        }
        Rfc3339 times = new Rfc3339();
        for (AlertFormat format : List.of(AlertFormat.ALERTMANAGER, AlertFormat.PAGERDUTY)) {
            Path file = outDir.resolve(SampleStreams.fileName(name, format));
            try (EnvelopeWriter writer = EnvelopeWriter.toFile(file)) {
                for (AlertEvent event : events) {
                    writer.write(
                            Envelope.json(
                                    event.sendTimeMs(),
                                    format.key(event),
                                    Envelope.ALERTS,
                                    format.render(event, times)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
            out.printf("wrote %s (%d records)%n", file, events.size());
        }
        out.printf(
                "%d source rows, %d alarms converted, events from %s to %s%n",
                alarms.size(),
                events.size() / 2,
                times.format(events.get(0).sendTimeMs()),
                times.format(events.get(events.size() - 1).sendTimeMs()));
        return 0;
    }
}
