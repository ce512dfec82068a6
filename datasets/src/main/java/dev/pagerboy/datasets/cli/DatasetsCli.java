package dev.pagerboy.datasets.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code ./pagerboy datasets}: convert the PCIC alarms into the shipped samples, generate seeded
 * streams to a file or Kafka, rebuild the rule catalog, and measure a stream. Bad input and bad
 * options print one clear line and exit with status 2; failures of the outside world (a broker that
 * refuses records) exit with status 1.
 */
public final class DatasetsCli {
    static final String USAGE =
            """
            usage: ./pagerboy datasets <command> [options]

            commands:
              generate --seed S --alerts N [--format alertmanager|pagerduty|native] [--acks]
                       [--malformed F] [--forged F] [--teams T] [--repeat-interval 4h]
                       [--start RFC3339] [--to kafka://HOST:PORT/TOPIC [--rate R]
                       [--acks-topic acks] [--partitions P] [--compression lz4] | --out FILE]
                  a seeded, calibrated alert stream; the same options give the same bytes.
                  N counts records on the alerts topic; --rate is records/s (0 = unlimited) and
                  applies to --to only. FILE ending in .gz is gzip-compressed; no --to/--out: stdout.
              convert [--raw DIR] [--out-dir DIR] [--from-day D] [--days N | --all] [--name PREFIX]
                  PCIC 2021 Alarm.csv -> Alertmanager and PagerDuty JSON Lines (default: days 140-160
                  into datasets/samples/pcic2021-3w.*.jsonl.gz)
              catalog [--raw DIR] [--out FILE]
                  rebuild the bundled rule catalog from the raw rule collections
              stats FILE [--format alertmanager|pagerduty|native]
                  measure a stream file against the calibration table
              help
                  this text

            --raw defaults to ../shared/datasets-raw next to the project root.
            """;

    private DatasetsCli() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command and returns its exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(USAGE);
            return 2;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            return switch (args[0]) {
                case "generate" -> new GenerateCommand(out, err).run(rest);
                case "convert" -> new ConvertCommand(projectRoot(), out).run(rest);
                case "catalog" -> new CatalogCommand(projectRoot(), out).run(rest);
                case "stats" -> new StatsCommand(out).run(rest);
                case "help", "-h", "--help" -> {
                    out.print(USAGE);
                    yield 0;
                }
                default -> throw new UsageException("unknown command '" + args[0] + "'");
            };
        } catch (UsageException | IllegalArgumentException e) {
            err.println("datasets: " + e.getMessage());
            err.println("run './pagerboy datasets help' for the commands and options");
            return 2;
        } catch (UncheckedIOException | IllegalStateException e) {
            err.println("datasets: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("datasets: interrupted");
            return 1;
        }
    }

    /** The project root: the launcher passes {@code -Dpagerboy.root}; otherwise the working dir. */
    static Path projectRoot() {
        return Path.of(System.getProperty("pagerboy.root", ".")).toAbsolutePath().normalize();
    }

    static Path defaultRaw(Path root) {
        return root.resolve("../shared/datasets-raw").normalize();
    }
}
