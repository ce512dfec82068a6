package dev.pagerboy.tools.demo;

import dev.pagerboy.cli.Cli;
import dev.pagerboy.cli.CommandFailure;
import dev.pagerboy.cli.ExistingFile;
import dev.pagerboy.cli.UsageException;
import dev.pagerboy.datasets.Envelope;
import dev.pagerboy.datasets.io.EnvelopeReader;
import dev.pagerboy.devstack.CommittedRecords;
import dev.pagerboy.devstack.ConsumerGroupLag;
import dev.pagerboy.devstack.EmbeddedKafka;
import dev.pagerboy.streaming.archive.ArchiveLayout;
import dev.pagerboy.streaming.config.ConfigException;
import dev.pagerboy.streaming.config.JobConfig;
import dev.pagerboy.streaming.config.JobOptions;
import dev.pagerboy.streaming.config.KafkaSettings;
import dev.pagerboy.streaming.routing.MatchedRoute;
import dev.pagerboy.streaming.sources.TickClock;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./pagerboy demo}: the whole product on one machine in about a minute. It starts Kafka,
 * runs the PagerBoy job on a Flink MiniCluster (parallelism 2, exactly-once), replays the shipped
 * sample on an accelerated clock while showing progress, waits for the last notifications to be
 * committed, prints what came out, and stops everything.
 *
 * <p>Time in the demo is the dataset's: alerts carry their recorded send time as the Kafka
 * timestamp, and the feeder drives the job's clock through the ticks topic ({@code --clock topic}),
 * so the run's decisions are the ones the same data would get live.
 */
@Command(
        name = "demo",
        description = {
            "The whole product on one machine, with the shipped sample.",
            "Starts Kafka, runs the PagerBoy job on a local Flink MiniCluster, replays three weeks",
            "of PCIC 2021 wireless alarms (Alertmanager webhooks) on an accelerated clock, prints a",
            "summary, and stops everything."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./pagerboy demo",
            "  ./pagerboy demo --seconds 120",
            "  ./pagerboy demo --gateway",
            "  ./pagerboy demo --acks",
            "  ./pagerboy demo --dataset datasets/samples/pcic2021-3w.pagerduty.jsonl.gz --speed 50000"
        })
public final class Demo implements Callable<Integer> {

    static final int PARTITIONS = 2;
    static final int PARALLELISM = 2;

    /** Wall-clock time between two ticks of the replay clock. */
    static final long TICK_EVERY_WALL_MS = 200;

    /** How far the clock runs on after the last record, so groups that are still waiting flush. */
    static final Duration DRAIN = Duration.ofHours(1);

    /** Input partitions without records stop holding event time back after this long. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(1);

    /**
     * With acks, the clock moves on this far past the replay's clock ({@link #DRAIN} after its last
     * record) at the end, so that the last acks, applied just past it, are applied.
     */
    static final Duration ACKS_APPLIED_AFTER = Duration.ofMinutes(1);

    /** The job's consumer group: its committed offsets tell how far the job has checkpointed. */
    static final String GROUP_ID = "pagerboy-demo";

    /** The longest the demo waits for the job to catch up after feeding (a loaded machine). */
    static final Duration MAX_WAIT = Duration.ofMinutes(10);

    @Mixin DemoOptions.Flags flags;

    @Option(
            names = "--gateway",
            description =
                    "At the end, keep Kafka and the ack gateway running and print its URL and"
                            + " an ack link to try (Ctrl-C stops).")
    boolean gateway;

    @Option(
            names = "--acks",
            description =
                    "The roster's engineers acknowledge incidents with signed acks, the job anchors"
                            + " them on a local Anvil chain, and the summary checks every proof."
                            + " Their acks reach the job behind its event time, so the resolves of"
                            + " the alerts they ack are held back until the acks are in; the job"
                            + " archives where it applied each ack, so replay reproduces their"
                            + " verdicts (docs/REPLAY.md).")
    boolean acks;

    private final PrintStream out;

    /** Ends the gateway of {@code --gateway} when counted down; null: Ctrl-C ends it. */
    private CountDownLatch gatewayStop;

    /** Rewrite the progress line in place (a terminal), or print a plain line every 10 %. */
    private final boolean terminal;

    private long lastDecile = -1;

    public Demo(PrintStream out) {
        this(out, false);
    }

    Demo(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        Cli.main(new Demo(System.out, System.console() != null), args);
    }

    /** Runs the demo with the given streams; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run(new Demo(out), args, out, err);
    }

    @Override
    public Integer call() {
        Path root = Path.of(System.getProperty("pagerboy.root", ".")).toAbsolutePath().normalize();
        return run(flags.options(root));
    }

    /** Runs the demo, printing its progress and summary; returns the process exit status. */
    int run(DemoOptions options) {
        ExistingFile.require("--config", options.config());
        ExistingFile.require("--dataset", options.dataset());
        JobOptions defaults = JobOptions.defaults(options.config());
        JobConfig config;
        List<Envelope> dataset;
        try {
            config = JobConfig.load(defaults);
            dataset = EnvelopeReader.readAll(options.dataset());
        } catch (ConfigException | IllegalArgumentException | UncheckedIOException e) {
            throw new UsageException(e.getMessage(), e);
        }
        if (dataset.isEmpty()) {
            throw new UsageException(options.dataset() + " holds no records");
        }
        out.println("PagerBoy demo");
        try {
            DemoSummary summary = execute(options, defaults, config, dataset);
            if (!gateway) {
                summary.print(out);
            }
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure("interrupted", e);
        } catch (Exception e) {
            throw new CommandFailure("failed: " + describe(e), e);
        }
    }

    /**
     * Starts Kafka and the job, replays {@code dataset}, waits until the job has caught up, stops
     * everything and returns what came out.
     */
    DemoSummary execute(
            DemoOptions options, JobOptions defaults, JobConfig config, List<Envelope> dataset)
            throws Exception {
        Set<String> keptOpen = Set.of();
        if (gateway) {
            Optional<HeldBackResolve> held = holdBackOneResolve(dataset);
            if (held.isPresent()) {
                dataset = held.get().rest();
                keptOpen = Set.of(held.get().fingerprint());
            }
        }
        long first = dataset.get(0).ts();
        long last = dataset.get(dataset.size() - 1).ts();
        double speed = options.speedFor(last - first);
        Path archive = options.workDir().resolve("archive").toAbsolutePath();
        recreate(options.workDir());
        out.println("[1/5] starting Kafka ...");
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                DemoAcking acking =
                        DemoAcking.start(
                                acks ? config.pagerboy().engineers() : Map.of(),
                                options.workDir(),
                                out);
                DemoDispatch dispatch = DemoDispatch.start(kafka, options.config(), PARTITIONS)) {
            KafkaSettings.Topics topics = config.topics();
            kafka.createTopics(
                    PARTITIONS,
                    topics.alerts(),
                    topics.silences(),
                    topics.ticks(),
                    topics.notifications(),
                    topics.deadLetters(),
                    topics.acks(),
                    topics.incidents(),
                    topics.ackReceipts(),
                    topics.receipts());
            out.println("bootstrap.servers=" + kafka.bootstrapServers());

            JobConfig demoConfig =
                    new JobConfig(
                            config.pagerboy(),
                            acking.withLedger(
                                    demoJobOptions(
                                            defaults,
                                            kafka.bootstrapServers(),
                                            archive,
                                            options.compactEvery())));
            out.printf(
                    "[2/5] starting the job on a Flink MiniCluster (parallelism %d,"
                            + " exactly-once checkpoints every %d ms) ...%n",
                    PARALLELISM, config.checkpointInterval().toMillis());
            DatasetFeeder.Report fed;
            try (MiniClusterJob job =
                    MiniClusterJob.start(demoConfig, PARALLELISM, "pagerboy demo")) {
                out.printf(
                        "[3/5] replaying %s: %,d records, %s .. %s, at %,.0fx real time%n",
                        options.dataset().getFileName(),
                        dataset.size(),
                        Instant.ofEpochMilli(first),
                        Instant.ofEpochMilli(last),
                        speed);
                DatasetFeeder feeder =
                        new DatasetFeeder(
                                kafka.bootstrapServers(), topics, PARTITIONS, TICK_EVERY_WALL_MS);
                List<Envelope> replayed = acking.holdResolves(dataset, keptOpen);
                acking.startEngineers(kafka.bootstrapServers(), topics, last);
                fed = feeder.feed(replayed, speed, DRAIN.toMillis(), this::showProgress);
                if (terminal) {
                    out.println();
                }
                out.println(
                        "[4/5] waiting until the job has read and checkpointed every record ...");
                awaitCaughtUp(kafka.bootstrapServers(), topics, archive);
                if (acking.on()) {
                    finishAcking(acking, kafka, topics, archive, fed);
                }
                out.println(
                        "[5/5] draining the job (last flushes; a final savepoint commits"
                                + " everything), then stopping Kafka");
                job.drainAndStop(options.workDir().resolve("savepoints").toAbsolutePath());
            }
            CommittedRecords.awaitSettled(kafka.bootstrapServers(), Duration.ofMinutes(1));
            DemoDispatch.Deliveries delivered =
                    dispatch.finish(
                            CommittedRecords.count(
                                    kafka.bootstrapServers(), topics.notifications(), MAX_WAIT),
                            MAX_WAIT);
            DemoSummary summary =
                    DemoSummary.collect(
                            fed,
                            kafka.bootstrapServers(),
                            topics,
                            archive,
                            config.pagerboy().receivers().keySet(),
                            romNames(config),
                            acking.verify(kafka.bootstrapServers(), topics),
                            delivered);
            if (gateway) {
                summary.print(out);
                DemoGateway.serve(options, kafka, out, gatewayStop);
            }
            return summary;
        }
    }

    /**
     * The end of a run with acks ({@link DemoAcking}), each step once the job has read and
     * checkpointed the one before: every page is committed, the engineers answer them all and stop,
     * the job has their last acks, the held resolves go in after the replay's clock, and the clock
     * moves on past them, which applies the acks and then resolves their incidents. Waits until
     * those incidents have resolved and for the last receipts; returns the number of resolves sent.
     */
    private void finishAcking(
            DemoAcking acking,
            EmbeddedKafka kafka,
            KafkaSettings.Topics topics,
            Path archive,
            DatasetFeeder.Report fed)
            throws Exception {
        String servers = kafka.bootstrapServers();
        long clock = fed.lastEventTime() + DRAIN.toMillis();
        acking.repeatTick(servers, topics, clock);
        awaitCaughtUp(servers, topics, archive);
        acking.finishAcking(servers);
        awaitCaughtUp(servers, topics, archive);
        acking.advanceClock(servers, topics, clock + ACKS_APPLIED_AFTER.toMillis());
        awaitCaughtUp(servers, topics, archive);
        acking.awaitReceipts(servers, topics, MAX_WAIT);
    }

    /**
     * The dataset without its last resolve of an alert that fired ({@link HeldBackResolve}), so
     * that the gateway has an open incident to offer; says so, since the summary then counts one
     * record less.
     */
    private Optional<HeldBackResolve> holdBackOneResolve(List<Envelope> dataset) {
        Optional<HeldBackResolve> held = HeldBackResolve.lastOf(dataset);
        if (held.isEmpty()) {
            return held;
        }
        out.printf(
                "--gateway: holding back the resolve of alert %s (sent %s), so its incident is"
                        + " still open at the end for you to acknowledge%n",
                held.get().fingerprint(), Instant.ofEpochMilli(held.get().record().ts()));
        return held;
    }

    /** Runs the demo with {@code --gateway} and ends its gateway when {@code stop} counts down. */
    Demo withGateway(CountDownLatch stop) {
        this.gateway = true;
        this.gatewayStop = stop;
        return this;
    }

    /** Each handler ROM of the routing tree by its SHA-256, named after its file. */
    static Map<String, String> romNames(JobConfig config) {
        Map<String, String> names = new TreeMap<>();
        for (MatchedRoute route : config.pagerboy().routes().routes()) {
            if (route.handlerRom() != null) {
                String path = route.handlerRom().path();
                String file =
                        path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf(':')) + 1);
                names.put(route.handlerRom().sha256(), file);
            }
        }
        return names;
    }

    /** The live job's options for the demo: embedded broker, replay clock, demo archive. */
    static JobOptions demoJobOptions(
            JobOptions defaults, String bootstrapServers, Path archive, int compactEvery) {
        return defaults.toBuilder()
                .bootstrapServers(bootstrapServers)
                .archive(
                        new ArchiveLayout(
                                archive.toUri().toString(),
                                compactEvery,
                                ArchiveLayout.DEFAULT_COMPACT_AT_BYTES))
                .parallelism(PARALLELISM)
                .clock(JobOptions.ClockSource.TOPIC)
                .tickClock(TickClock.REAL_TIME)
                .tickInterval(Duration.ofSeconds(1))
                .idleTimeout(IDLE_TIMEOUT)
                .restartAttempts(1)
                .restartDelay(Duration.ofSeconds(1))
                .groupId(GROUP_ID)
                .transactionalIdPrefix("pagerboy-demo")
                .build();
    }

    private void showProgress(DatasetFeeder.Progress p) {
        long percent = p.total() == 0 ? 100 : p.sent() * 100 / p.total();
        if (!terminal && percent / 10 == lastDecile) {
            return;
        }
        lastDecile = percent / 10;
        out.printf(
                (terminal ? "\r" : "")
                        + "      %3d%%  %,d / %,d records  event time %s "
                        + (terminal ? "" : "%n"),
                percent,
                p.sent(),
                p.total(),
                Instant.ofEpochMilli(p.eventTime()));
        out.flush();
    }

    /**
     * Waits until a completed checkpoint covers every record fed (the job's consumer group has
     * committed the end of the alerts, ticks and acks topics), so that draining the job loses no
     * input. On a loaded machine checkpoints slow down, so this reports progress and waits up to
     * {@link #MAX_WAIT}.
     */
    private void awaitCaughtUp(String bootstrapServers, KafkaSettings.Topics topics, Path archive)
            throws Exception {
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        long nextReport = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        try (ConsumerGroupLag lag = new ConsumerGroupLag(bootstrapServers, GROUP_ID)) {
            while (true) {
                long behind = lag.behind(List.of(topics.alerts(), topics.ticks(), topics.acks()));
                if (behind == 0) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "the job has not consumed "
                                    + behind
                                    + " input records after "
                                    + MAX_WAIT
                                    + "; is the machine overloaded?");
                }
                if (System.nanoTime() > nextReport) {
                    out.printf(
                            "      %,d input records not yet checkpointed, %,d archive files"
                                    + " not yet compacted%n",
                            behind, pendingArchiveFiles(archive));
                    nextReport = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                }
                Thread.sleep(500);
            }
        }
    }

    /**
     * Archive files still being written or waiting for compaction: their names start with a dot.
     */
    private static long pendingArchiveFiles(Path archive) throws IOException {
        if (!Files.isDirectory(archive)) {
            return 0;
        }
        long[] pending = {0};
        // The job renames and deletes files while we look: a vanished file is simply skipped.
        Files.walkFileTree(
                archive,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                        if (file.getFileName().toString().startsWith(".")) {
                            pending[0]++;
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        return FileVisitResult.CONTINUE;
                    }
                });
        return pending[0];
    }

    private static void recreate(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            text.append("\n  caused by ")
                    .append(cause.getClass().getSimpleName())
                    .append(": ")
                    .append(cause.getMessage());
        }
        return text.toString();
    }
}
