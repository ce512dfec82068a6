package dev.pagerboy.datasets;

import dev.pagerboy.alerts.format.AlertFormat;
import java.nio.file.Path;

/**
 * The sample streams shipped in {@code datasets/samples/}: three weeks of the PCIC 2021 wireless
 * alarms (source days 140–160) as Alertmanager webhook messages and as PagerDuty events, written by
 * {@code ./pagerboy datasets convert}. Read one with {@code EnvelopeReader.readAll(file(root,
 * format))}; this class stays below {@code io} so the two packages do not use each other.
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
}
