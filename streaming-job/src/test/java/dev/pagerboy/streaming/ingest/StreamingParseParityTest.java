package dev.pagerboy.streaming.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.alerts.format.AlertFormat;
import dev.pagerboy.alerts.format.AlertReader;
import dev.pagerboy.alerts.format.InvalidRecord;
import dev.pagerboy.alerts.format.ReadAlerts;
import dev.pagerboy.datasets.Envelope;
import dev.pagerboy.datasets.gen.AlertStreamGenerator;
import dev.pagerboy.datasets.gen.GeneratorConfig;
import dev.pagerboy.datasets.io.EnvelopeReader;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming fast path of {@link AlertReader#read(byte[], long)} against the tree reading
 * ({@link AlertReader#readTree}) on what the datasets module really produces: the shipped samples
 * and the seeded generator in all three formats with malformed records injected. Each record must
 * give equal alerts (ids, labels, times, format) or the same dead-letter reason.
 */
class StreamingParseParityTest {

    private static Path samples() {
        String root = System.getProperty("pagerboy.root");
        return (root == null || root.isEmpty() ? Path.of("..") : Path.of(root))
                .resolve("datasets/samples");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pcic2021-3w.alertmanager.jsonl.gz", "pcic2021-3w.pagerduty.jsonl.gz"})
    void shippedSamplesReadTheSameOnBothPaths(String file) {
        int records = 0;
        for (Envelope e : EnvelopeReader.readAll(samples().resolve(file))) {
            assertSameReading(e);
            records++;
        }
        assertThat(records).isGreaterThan(1000);
    }

    @ParameterizedTest
    @EnumSource(AlertFormat.class)
    void generatedStreamsWithMalformedRecordsReadTheSameOnBothPaths(AlertFormat format) {
        AlertStreamGenerator gen =
                new AlertStreamGenerator(
                        GeneratorConfig.of(11L, 3_000, format).withFaults(0.05, 0.0));
        int records = 0;
        while (gen.hasNext()) {
            Envelope e = gen.next();
            if (Envelope.ALERTS.equals(e.topic())) {
                assertSameReading(e);
                records++;
            }
        }
        assertThat(records).isGreaterThanOrEqualTo(3_000);
    }

    private static void assertSameReading(Envelope e) {
        Object streamed = reading(() -> AlertReader.read(e.value(), e.ts()));
        Object tree = reading(() -> AlertReader.readTree(e.value(), e.ts()));
        assertThat(streamed).as(e.payload()).isEqualTo(tree);
    }

    /** The alerts read, or the dead-letter reason as text. */
    private static Object reading(Read read) {
        try {
            return read.read();
        } catch (InvalidRecord invalid) {
            return "dead letter: " + invalid.getMessage();
        }
    }

    private interface Read {
        ReadAlerts read() throws InvalidRecord;
    }
}
