package dev.pagerboy.datasets.gen;

import dev.pagerboy.datasets.Envelope;
import dev.pagerboy.datasets.io.EnvelopeWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Test helpers that run the generator into memory. */
final class GeneratedStreams {
    private GeneratedStreams() {}

    static byte[] bytes(GeneratorConfig config) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (EnvelopeWriter writer = new EnvelopeWriter(out, false)) {
            writer.writeAll(new AlertStreamGenerator(config));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static List<Envelope> list(GeneratorConfig config) {
        List<Envelope> all = new ArrayList<>();
        new AlertStreamGenerator(config).forEachRemaining(all::add);
        return all;
    }
}
