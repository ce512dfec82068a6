package dev.pagerboy.datasets.cli;

import dev.pagerboy.alerts.AlertEvent;
import dev.pagerboy.alerts.Rfc3339;
import dev.pagerboy.alerts.format.AlertFormat;
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
import java.util.Set;

/** {@code convert}: PCIC 2021 Alarm.csv → the shipped Alertmanager and PagerDuty samples. */
final class ConvertCommand {
    static final String ALARM_CSV = "huawei-pcic2021-18v-wireless/Alarm.csv";
    static final long DEFAULT_FROM_DAY = 140;
    static final long DEFAULT_DAYS = 21;

    private final Path root;
    private final PrintStream out;

    ConvertCommand(Path root, PrintStream out) {
        this.root = root;
        this.out = out;
    }

    int run(List<String> args) {
        Options o =
                Options.parse(
                        args,
                        Set.of("--raw", "--out-dir", "--from-day", "--days", "--name"),
                        Set.of("--all"));
        Path raw = Path.of(o.text("--raw", DatasetsCli.defaultRaw(root).toString()));
        Path outDir = Path.of(o.text("--out-dir", root.resolve("datasets/samples").toString()));
        if (o.has("--all") && (o.has("--from-day") || o.has("--days"))) {
            throw new UsageException("--all converts every alarm: drop --from-day and --days");
        }
        if (!Files.isDirectory(raw)) {
            throw new UsageException("--raw: no such directory " + raw);
        }
        long fromDay = o.longValue("--from-day", DEFAULT_FROM_DAY, 0);
        long days = o.longValue("--days", DEFAULT_DAYS, 1);
        String name = o.text("--name", o.has("--all") ? "pcic2021-all" : SampleStreams.PCIC_SLICE);

        List<PcicAlarm> alarms = PcicAlarmCsv.read(raw.resolve(ALARM_CSV));
        PcicConverter converter = new PcicConverter(RuleCollections.load(raw), alarms);
        List<AlertEvent> events =
                o.has("--all")
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
