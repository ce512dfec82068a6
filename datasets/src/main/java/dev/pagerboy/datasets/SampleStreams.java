package dev.pagerboy.datasets;

import dev.pagerboy.alerts.format.AlertFormat;
import dev.pagerboy.datasets.io.EnvelopeReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The sample streams shipped in {@code datasets/samples/}: three weeks of the PCIC 2021 wireless
 * alarms (source days 140–160) as Alertmanager webhook messages and as PagerDuty events, written by
 * {@code ./pagerboy datasets convert}. Use {@link #read} to replay one in the demo or a test.
 */
public final class SampleStreams {
    /** The shipped slice's file-name prefix. */
    public static final String PCIC_SLICE = "pcic2021-3w";

    private SampleStreams() {}

    /** The shipped file of a format under a project root (PagerBoy's checkout). */
    public static Path file(Path projectRoot, AlertFormat format) {
        if (format == AlertFormat.NATIVE) {
            throw new IllegalArgumentException(
                    "the shipped samples are alertmanager and pagerduty");
        }
        return projectRoot
                .resolve("datasets")
                .resolve("samples")
                .resolve(fileName(PCIC_SLICE, format));
    }

    /** {@code <prefix>.<format>.jsonl.gz}. */
    public static String fileName(String prefix, AlertFormat format) {
        return prefix + "." + format.cliName() + ".jsonl.gz";
    }

    /** Every envelope of a shipped sample, in send-time order. */
    public static List<Envelope> read(Path projectRoot, AlertFormat format) {
        Path file = file(projectRoot, format);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("missing sample stream " + file);
        }
        return EnvelopeReader.readAll(file);
    }
}
