package dev.pagerboy.datasets.cli;

import dev.pagerboy.cli.PositiveNumber;
import dev.pagerboy.cli.UsageException;
import dev.pagerboy.datasets.Envelope;
import dev.pagerboy.datasets.history.OutageHistory;
import dev.pagerboy.datasets.kafka.KafkaStreamProducer;
import dev.pagerboy.datasets.kafka.KafkaTarget;
import dev.pagerboy.datasets.kafka.ProducerReport;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code history}: a multi-year outage history with ticks ({@link OutageHistory}), for a bounded
 * run of the job over years of event time (docs/OPERATIONS.md, "A bounded run over years").
 */
@Command(
        name = "history",
        description = {
            "Years of node outages (lognormal durations, one firing and one resolve each) with ticks,",
            "for a bounded run: ./pagerboy job --clock topic --bounded. The same options give the",
            "same bytes. Without --to or --out the stream goes to stdout; a FILE ending in .gz is",
            "gzip-compressed. In files a tick is one line on topic ticks; on Kafka it goes to every",
            "partition of the ticks topic."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./pagerboy datasets history --seed 10 --years 10 --out /tmp/history.jsonl.gz",
            "  ./pagerboy datasets history --seed 10 --years 10 --to kafka://127.0.0.1:9092/alerts"
        })
final class HistoryCommand implements Callable<Integer> {

    @Option(names = "--seed", paramLabel = "S", required = true, description = "The random seed.")
    long seed;

    @Option(
            names = "--years",
            paramLabel = "Y",
            converter = PositiveNumber.Int.class,
            required = true,
            description = "How many years (of 365 days) the history lasts.")
    int years;

    @Option(
            names = "--nodes",
            paramLabel = "N",
            converter = PositiveNumber.Int.class,
            description = "Nodes that fail (default: ${DEFAULT-VALUE}: about 5,000 alerts a year).")
    int nodes = 71;

    @Option(
            names = "--mean-gap",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Mean time between two outages of one node (default: 10d).")
    long meanGapMs = 10 * OutageHistory.DAY;

    @Option(
            names = "--tick-every",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Time between ticks (default: 1d).")
    long tickEveryMs = OutageHistory.DAY;

    @Option(
            names = "--start",
            paramLabel = "TIME",
            converter = StartTimeConverter.class,
            description = "Start of the history: an RFC 3339 time (default: 2026-01-01T00:00:00Z).")
    long startMs = 1_767_225_600_000L;

    @Mixin StreamDestination destination;

    @Option(
            names = "--ticks-topic",
            paramLabel = "TOPIC",
            description = "The ticks topic with --to (default: " + OutageHistory.TICKS + ").")
    String ticksTopic = OutageHistory.TICKS;

    private final PrintStream out;
    private final PrintStream err;

    HistoryCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        return DatasetsCli.work(this::history);
    }

    private int history() throws InterruptedException {
        destination.check();
        if (meanGapMs <= 0 || tickEveryMs <= 0) {
            throw new UsageException("--mean-gap and --tick-every must be positive");
        }
        OutageHistory history =
                new OutageHistory(
                        seed,
                        startMs,
                        years * 365,
                        nodes,
                        meanGapMs / (double) OutageHistory.DAY,
                        tickEveryMs);
        String size =
                String.format(
                        "%d outages (%d longer than two days), %d alerts, %d tick times",
                        history.outages().size(),
                        history.longerThan(2 * OutageHistory.DAY),
                        history.messages().size(),
                        history.tickTimes().size());
        if (destination.toKafka()) {
            KafkaTarget target = destination.kafka();
            ProducerReport report =
                    new KafkaStreamProducer(
                                    target,
                                    Map.of(Envelope.TICKS, ticksTopic),
                                    2,
                                    KafkaStreamProducer.DEFAULT_COMPRESSION,
                                    KafkaStreamProducer.Delivery.IN_ORDER)
                            .send(history.envelopes().iterator(), 0);
            err.printf(
                    "datasets: history of %s; sent %d alerts to %s and %d ticks to %s at %s in"
                            + " %.1f s%n",
                    size,
                    report.alerts(),
                    target.alertsTopic(),
                    report.ticks(),
                    ticksTopic,
                    target.bootstrapServers(),
                    report.seconds());
            return 0;
        }
        long written = destination.write(history.envelopes().iterator(), out);
        err.printf("datasets: history of %s; wrote %d records%n", size, written);
        return 0;
    }
}
