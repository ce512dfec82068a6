package dev.pagerboy.datasets.cli;

import dev.pagerboy.alerts.format.AlertFormat;
import dev.pagerboy.cli.PositiveNumber;
import dev.pagerboy.cli.UsageException;
import dev.pagerboy.datasets.Envelope;
import dev.pagerboy.datasets.gen.AlertStreamGenerator;
import dev.pagerboy.datasets.gen.Calibration;
import dev.pagerboy.datasets.gen.GeneratorConfig;
import dev.pagerboy.datasets.gen.TeamRoster;
import dev.pagerboy.datasets.kafka.KafkaStreamProducer;
import dev.pagerboy.datasets.kafka.KafkaTarget;
import dev.pagerboy.datasets.kafka.ProducerReport;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code generate}: builds a {@link GeneratorConfig} from options and sends the stream on. */
@Command(
        name = "generate",
        description = {
            "A seeded, calibrated alert stream; the same options give the same bytes.",
            "N counts records on the alerts topic. Without --to or --out the stream goes to stdout;",
            "a FILE ending in .gz is gzip-compressed."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./pagerboy datasets generate --seed 7 --alerts 1000 --out /tmp/alerts.jsonl.gz",
            "  ./pagerboy datasets generate --seed 7 --alerts 1000 --start now-2h --acks --format pagerduty",
            "  ./pagerboy datasets generate --seed 7 --alerts 1000 --start now --to kafka://127.0.0.1:9092/alerts --rate 50"
        })
final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--seed", paramLabel = "S", required = true, description = "The random seed.")
    long seed;

    @Option(
            names = "--alerts",
            paramLabel = "N",
            required = true,
            description = "Records on the alerts topic.")
    long alerts;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            converter = FormatConverter.class,
            completionCandidates = FormatConverter.Names.class,
            defaultValue = "alertmanager",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    AlertFormat format;

    @Option(
            names = "--acks",
            description = "Also generate signed acknowledgments (on the acks topic).")
    boolean acks;

    @Option(
            names = "--malformed",
            paramLabel = "F",
            converter = FractionConverter.class,
            description = "Share of malformed records, 0..1 (default: 0).")
    double malformed;

    @Option(
            names = "--forged",
            paramLabel = "F",
            converter = FractionConverter.class,
            description = "Share of acks with a forged signature, 0..1 (default: 0).")
    double forged;

    @Option(
            names = "--teams",
            paramLabel = "T",
            description = "Teams (operators) (default: ${DEFAULT-VALUE}).")
    int teams = TeamRoster.DEFAULT_TEAMS;

    @Option(
            names = "--repeat-interval",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Alertmanager's repeat_interval, e.g. 4h or 1h30m (default: 4h).")
    long repeatIntervalMs = GeneratorConfig.DEFAULT_REPEAT_INTERVAL_MS;

    @Option(
            names = "--start",
            paramLabel = "TIME",
            converter = StartTimeConverter.class,
            description = {
                "Start of the timeline: now, now-DURATION (e.g. now-2h) or an RFC 3339 time",
                "(default: 2026-01-01T00:00:00Z). Use now for a live job: its ticks follow the wall clock."
            })
    long startMs = GeneratorConfig.DEFAULT_START_MS;

    @Mixin StreamDestination destination;

    @Option(
            names = "--rate",
            paramLabel = "R",
            description = "Records/s with --to (0 = unlimited, the default).")
    Double rate;

    @Option(
            names = "--acks-topic",
            paramLabel = "TOPIC",
            description = "The acks topic with --to (default: " + Envelope.ACKS + ").")
    String acksTopic = Envelope.ACKS;

    @Option(
            names = "--partitions",
            paramLabel = "P",
            converter = PositiveNumber.Int.class,
            description = "Partitions of topics it creates, with --to (default: 2).")
    Integer partitions;

    @Option(
            names = "--compression",
            paramLabel = "CODEC",
            description =
                    "Producer compression with --to (default: "
                            + KafkaStreamProducer.DEFAULT_COMPRESSION
                            + ").")
    String compression;

    private final PrintStream out;
    private final PrintStream err;

    GenerateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        return DatasetsCli.work(this::generate);
    }

    private int generate() throws InterruptedException {
        destination.check();
        if ((rate != null || compression != null || partitions != null) && !destination.toKafka()) {
            throw new UsageException(
                    "--rate, --partitions and --compression apply to --to kafka://... only");
        }
        if (rate != null && !(rate >= 0 && rate <= 1e9)) {
            throw new UsageException("--rate must be between 0 and 1e9 records/s, got " + rate);
        }
        GeneratorConfig config =
                new GeneratorConfig(
                        seed,
                        alerts,
                        format,
                        acks,
                        malformed,
                        forged,
                        teams,
                        repeatIntervalMs,
                        startMs,
                        Calibration.defaults());
        AlertStreamGenerator generator = new AlertStreamGenerator(config);
        if (destination.toKafka()) {
            KafkaTarget target = destination.kafka();
            ProducerReport report =
                    new KafkaStreamProducer(
                                    target,
                                    acksTopic,
                                    partitions != null ? partitions : 2,
                                    compression != null
                                            ? compression
                                            : KafkaStreamProducer.DEFAULT_COMPRESSION)
                            .send(generator, rate != null ? rate : 0);
            err.printf(
                    "datasets: %s to %s; process CPU %.1f s%n",
                    report.summary(), target.bootstrapServers(), processCpuSeconds());
            return 0;
        }
        long start = System.nanoTime();
        long written = destination.write(generator, out);
        double seconds = (System.nanoTime() - start) / 1e9;
        err.printf(
                "datasets: wrote %d records (%d alerts, %d acks) in %.2f s: %.0f alerts/s;"
                        + " process CPU %.1f s%n",
                written,
                generator.alertsEmitted(),
                generator.acksEmitted(),
                seconds,
                generator.alertsEmitted() / Math.max(seconds, 1e-9),
                processCpuSeconds());
        return 0;
    }

    /** CPU time of this JVM so far: on a shared machine, wall time alone says little. */
    private static double processCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }
}
