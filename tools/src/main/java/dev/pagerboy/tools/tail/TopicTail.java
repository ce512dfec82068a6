package dev.pagerboy.tools.tail;

import dev.pagerboy.cli.Cli;
import dev.pagerboy.devstack.CommittedRecords;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./pagerboy tail notifications|dead-letters|incidents}: follows one of the job's output
 * topics and prints each committed record as one readable line. It reads {@code read_committed}, so
 * it shows exactly what downstream consumers see: nothing of a transaction the job aborted, and a
 * page only once its checkpoint has completed.
 */
@Command(
        name = "tail",
        description = {
            "Prints the committed records of an output topic as they arrive, one line each.",
            "Reads read_committed: only what the job's checkpoints have committed."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./pagerboy tail notifications --bootstrap-servers 127.0.0.1:9092",
            "  ./pagerboy tail dead-letters --from-beginning --max 20",
            "  ./pagerboy tail notifications --from-beginning --idle 10   (ends after 10 s without news)",
            "  ./pagerboy tail incidents --topic my-incidents"
        })
public final class TopicTail implements Callable<Integer> {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

    @Parameters(
            index = "0",
            paramLabel = "TOPIC",
            description = "notifications, dead-letters or incidents (or any topic with --topic)")
    String what;

    @Option(
            names = "--bootstrap-servers",
            defaultValue = "127.0.0.1:9092",
            description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE})")
    String bootstrapServers;

    @Option(names = "--topic", description = "the topic's name, when it is not TOPIC itself")
    String topic;

    @Option(names = "--from-beginning", description = "start at the oldest record, not at the end")
    boolean fromBeginning;

    @Option(names = "--max", description = "stop after this many records (default: follow forever)")
    long max = Long.MAX_VALUE;

    @Option(
            names = "--idle",
            paramLabel = "SECONDS",
            description = "stop once no record has arrived for this long (for scripts)")
    Long idleSeconds;

    private final PrintStream out;
    private final PrintStream err;
    private final AtomicBoolean stopped = new AtomicBoolean();

    public TopicTail(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Parses {@code args} and tails; returns the exit status (0, 1 Kafka failed, 2 bad usage). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run(new TopicTail(out, err), args, out, err);
    }

    /** Asks a running {@link #call} to return after its current poll. */
    void stop() {
        stopped.set(true);
    }

    @Override
    public Integer call() {
        TailFormat.Kind kind =
                switch (what) {
                    case "notifications" -> TailFormat.Kind.NOTIFICATIONS;
                    case "dead-letters" -> TailFormat.Kind.DEAD_LETTERS;
                    default -> TailFormat.Kind.OTHER;
                };
        String name = topic != null ? topic : what;
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(CommittedRecords.readCommittedProperties(bootstrapServers))) {
            List<TopicPartition> partitions = partitions(consumer, name);
            if (partitions.isEmpty()) {
                err.println(
                        "pagerboy tail: topic '"
                                + name
                                + "' does not exist on "
                                + bootstrapServers);
                return 1;
            }
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            long shown = 0;
            long lastRecord = System.nanoTime();
            while (shown < max && !stopped.get() && !idleFor(lastRecord)) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.println(TailFormat.line(kind, r.value()));
                    lastRecord = System.nanoTime();
                    if (++shown >= max) {
                        break;
                    }
                }
                out.flush();
            }
            return 0;
        } catch (TimeoutException e) {
            err.println(
                    "pagerboy tail: Kafka at "
                            + bootstrapServers
                            + " did not answer within "
                            + CONNECT_TIMEOUT.toSeconds()
                            + " s");
            return 1;
        } catch (KafkaException e) {
            err.println("pagerboy tail: " + e.getMessage());
            return 1;
        }
    }

    private boolean idleFor(long lastRecordNanos) {
        return idleSeconds != null
                && System.nanoTime() - lastRecordNanos > TimeUnit.SECONDS.toNanos(idleSeconds);
    }

    private static List<TopicPartition> partitions(
            KafkaConsumer<byte[], byte[]> consumer, String name) {
        return consumer.partitionsFor(name, CONNECT_TIMEOUT).stream()
                .map(info -> new TopicPartition(name, info.partition()))
                .toList();
    }
}
