package dev.pagerboy.datasets.io;

import dev.pagerboy.datasets.Envelope;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.zip.GZIPOutputStream;

/**
 * Writes envelopes as JSON Lines (one envelope per line, "\n" after each), gzip-compressed when the
 * file name ends in {@code .gz}. Java's gzip header carries no time stamp, so equal input gives
 * equal bytes.
 */
public final class EnvelopeWriter implements AutoCloseable {
    private final Writer out;
    private final StringBuilder line = new StringBuilder(2048);
    private long written;

    public EnvelopeWriter(OutputStream stream, boolean gzip) throws IOException {
        OutputStream target = gzip ? new GZIPOutputStream(stream, 1 << 16) : stream;
        this.out =
                new BufferedWriter(new OutputStreamWriter(target, StandardCharsets.UTF_8), 1 << 16);
    }

    /** Opens a file for writing, creating its directory; gzip when the name ends in .gz. */
    public static EnvelopeWriter toFile(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new EnvelopeWriter(
                Files.newOutputStream(file), file.getFileName().toString().endsWith(".gz"));
    }

    public void write(Envelope envelope) {
        line.setLength(0);
        envelope.appendJsonLine(line);
        line.append('\n');
        try {
            out.append(line);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write: " + e.getMessage(), e);
        }
        written++;
    }

    public long writeAll(Iterator<Envelope> envelopes) {
        long before = written;
        while (envelopes.hasNext()) {
            write(envelopes.next());
        }
        return written - before;
    }

    public long written() {
        return written;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
