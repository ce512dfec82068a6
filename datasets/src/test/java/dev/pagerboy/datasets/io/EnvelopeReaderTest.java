package dev.pagerboy.datasets.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagerboy.datasets.Envelope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvelopeReaderTest {

    @Test
    void keepsThePayloadBytesExactlyAsWritten(@TempDir Path dir) throws Exception {
        // Spacing and escapes a re-serializer would change must survive the round trip.
        String payload = "{\"b\":1, \"a\":\"\\u003c&\",\"n\":1.50,\"x\":{\"y\":[1,2]}}";
        Envelope object = Envelope.json(1700000000123L, "00ff", Envelope.ALERTS, payload);
        Envelope text = new Envelope(5L, "k", Envelope.ALERTS, "{\"cut in ha", true);
        for (String name : List.of("s.jsonl", "s.jsonl.gz")) {
            Path file = dir.resolve(name);
            try (EnvelopeWriter writer = EnvelopeWriter.toFile(file)) {
                writer.write(object);
                writer.write(text);
            }
            assertThat(EnvelopeReader.readAll(file)).containsExactly(object, text);
        }
        assertThat(Files.readString(dir.resolve("s.jsonl")))
                .startsWith(
                        "{\"ts\":1700000000123,\"key\":\"00ff\",\"topic\":\"alerts\",\"payload\":{\"b\":1, ");
    }

    @Test
    void namesTheLineOfABadEnvelope(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(
                file,
                "{\"ts\":1,\"key\":\"k\",\"topic\":\"alerts\",\"payload\":{}}\n{\"ts\":\"x\"}\n");
        assertThatThrownBy(() -> EnvelopeReader.readAll(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad.jsonl:2")
                .hasMessageContaining("ts must be an integer");
    }
}
