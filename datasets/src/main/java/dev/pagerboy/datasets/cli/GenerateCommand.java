package dev.pagerboy.datasets.cli;

import dev.pagerboy.alerts.Rfc3339;
import dev.pagerboy.alerts.format.AlertFormat;
import dev.pagerboy.datasets.Envelope;
import dev.pagerboy.datasets.gen.AlertStreamGenerator;
import dev.pagerboy.datasets.gen.Calibration;
import dev.pagerboy.datasets.gen.GeneratorConfig;
import dev.pagerboy.datasets.gen.TeamRoster;
import dev.pagerboy.datasets.io.EnvelopeWriter;
import dev.pagerboy.datasets.kafka.KafkaStreamProducer;
import dev.pagerboy.datasets.kafka.KafkaTarget;
import dev.pagerboy.datasets.kafka.ProducerReport;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code generate}: builds a {@link GeneratorConfig} from options and sends the stream on. */
final class GenerateCommand {
    private static final Set<String> VALUED =
            Set.of(
                    "--seed",
                    "--alerts",
                    "--format",
                    "--malformed",
                    "--forged",
                    "--teams",
                    "--repeat-interval",
                    "--start",
                    "--to",
                    "--rate",
                    "--acks-topic",
                    "--partitions",
                    "--out",
                    "--compression");

    private final PrintStream out;
    private final PrintStream err;

    GenerateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) throws InterruptedException {
        Options o = Options.parse(args, VALUED, Set.of("--acks"));
        GeneratorConfig config = config(o);
        if (o.has("--to") && o.has("--out")) {
            throw new UsageException("give --to or --out, not both");
        }
        if ((o.has("--rate") || o.has("--compression") || o.has("--partitions"))
                && !o.has("--to")) {
            throw new UsageException(
                    "--rate, --partitions and --compression apply to --to kafka://... only");
        }
        AlertStreamGenerator generator = new AlertStreamGenerator(config);
        if (o.has("--to")) {
            KafkaTarget target = KafkaTarget.parse(o.required("--to"));
            double rate = o.number("--rate", 0, 0, 1e9);
            int partitions = (int) o.longValue("--partitions", 2, 1);
            ProducerReport report =
                    new KafkaStreamProducer(
                                    target,
                                    o.text("--acks-topic", Envelope.ACKS),
                                    partitions,
                                    o.text(
                                            "--compression",
                                            KafkaStreamProducer.DEFAULT_COMPRESSION))
                            .send(generator, rate);
            err.printf(
                    "datasets: %s to %s; process CPU %.1f s%n",
                    report.summary(), target.bootstrapServers(), processCpuSeconds());
            return 0;
        }
        long start = System.nanoTime();
        long written;
        try (EnvelopeWriter writer = writer(o)) {
            written = writer.writeAll(generator);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write " + o.text("--out", "stdout") + ": " + e.getMessage(), e);
        }
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

    private EnvelopeWriter writer(Options o) throws IOException {
        if (o.has("--out") && !o.text("--out", "-").equals("-")) {
            return EnvelopeWriter.toFile(Path.of(o.required("--out")));
        }
        OutputStream stdout =
                new java.io.FilterOutputStream(out) {
                    @Override
                    public void close() throws IOException {
                        flush(); // leave System.out open
                    }
                };
        return new EnvelopeWriter(stdout, false);
    }

    private static GeneratorConfig config(Options o) {
        long seed;
        try {
            seed = Long.parseLong(o.required("--seed"));
        } catch (NumberFormatException e) {
            throw new UsageException(
                    "--seed must be a whole number, got '" + o.text("--seed", "") + "'");
        }
        long alerts = o.longValue("--alerts", -1, 0);
        if (alerts < 0) {
            throw new UsageException("--alerts is required");
        }
        AlertFormat format = AlertFormat.fromCliName(o.text("--format", "alertmanager"));
        long startMs =
                o.has("--start")
                        ? Rfc3339.parse(o.required("--start"))
                        : GeneratorConfig.DEFAULT_START_MS;
        return new GeneratorConfig(
                seed,
                alerts,
                format,
                o.has("--acks"),
                o.fraction("--malformed"),
                o.fraction("--forged"),
                (int) o.longValue("--teams", TeamRoster.DEFAULT_TEAMS, 1),
                o.durationMs("--repeat-interval", GeneratorConfig.DEFAULT_REPEAT_INTERVAL_MS),
                startMs,
                Calibration.defaults());
    }
}
