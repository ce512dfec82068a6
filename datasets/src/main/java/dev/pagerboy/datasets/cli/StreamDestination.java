package dev.pagerboy.datasets.cli;

import dev.pagerboy.cli.Cli;
import dev.pagerboy.cli.PathConverter;
import dev.pagerboy.cli.UsageException;
import dev.pagerboy.datasets.Envelope;
import dev.pagerboy.datasets.io.EnvelopeWriter;
import dev.pagerboy.datasets.kafka.KafkaTarget;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import picocli.CommandLine.Option;

/**
 * Where a generated stream goes, a picocli mixin: Kafka ({@code --to}), a file ({@code --out}) or
 * stdout. {@code generate} and {@code history} send their streams the same way, so they declare it
 * once; both hand a Kafka target to {@link dev.pagerboy.datasets.kafka.KafkaStreamProducer}.
 */
final class StreamDestination {

    @Option(
            names = "--to",
            paramLabel = "kafka://HOST:PORT/TOPIC",
            description = "Produce to Kafka: the alerts go to TOPIC.")
    String to;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE (- for stdout).")
    String outFile;

    /** Refuses both destinations at once. */
    void check() {
        if (to != null && outFile != null) {
            throw new UsageException("give --to or --out, not both");
        }
    }

    /** Whether the stream goes to Kafka. */
    boolean toKafka() {
        return to != null;
    }

    /** The {@code --to} target; throws {@link IllegalArgumentException} on a malformed URL. */
    KafkaTarget kafka() {
        return KafkaTarget.parse(to);
    }

    /** Writes the stream to {@code --out}, or to {@code stdout}; returns the records written. */
    long write(Iterator<Envelope> envelopes, PrintStream stdout) {
        try (EnvelopeWriter writer = writer(stdout)) {
            return writer.writeAll(envelopes);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write "
                            + (outFile != null ? outFile : "stdout")
                            + ": "
                            + Cli.describe(e),
                    e);
        }
    }

    private EnvelopeWriter writer(PrintStream stdout) throws IOException {
        if (outFile != null && !outFile.equals("-")) {
            return EnvelopeWriter.toFile(new PathConverter().convert(outFile));
        }
        return new EnvelopeWriter(
                new FilterOutputStream(stdout) {
                    @Override
                    public void close() throws IOException {
                        flush(); // leave System.out open
                    }
                },
                false);
    }
}
