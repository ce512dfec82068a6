package dev.pagerboy.datasets.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagerboy.datasets.Envelope;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PrefetcherTest {

    private static Envelope record(int i) {
        return Envelope.json(
                i, "k" + i, i % 7 == 0 ? Envelope.ACKS : Envelope.ALERTS, "{\"n\":" + i + "}");
    }

    @Test
    void handsOverEveryRecordInOrderAndEncoded() {
        List<Envelope> source = IntStream.range(0, 5_000).mapToObj(PrefetcherTest::record).toList();
        List<Prefetcher.Encoded> out = new ArrayList<>();
        try (Prefetcher prefetcher = new Prefetcher(source.iterator())) {
            prefetcher.forEachRemaining(out::add);
        }
        assertThat(out).hasSize(5_000);
        for (int i = 0; i < out.size(); i++) {
            assertThat(out.get(i).ts()).isEqualTo(i);
            assertThat(out.get(i).topic()).isEqualTo(i % 7 == 0 ? Envelope.ACKS : Envelope.ALERTS);
            assertThat(new String(out.get(i).key(), StandardCharsets.UTF_8)).isEqualTo("k" + i);
            assertThat(new String(out.get(i).value(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"n\":" + i + "}");
        }
    }

    @Test
    void rethrowsAFailureOfTheSourceAfterTheRecordsBeforeIt() {
        Iterator<Envelope> failing =
                new Iterator<>() {
                    int n;

                    @Override
                    public boolean hasNext() {
                        if (n == 3) {
                            throw new IllegalStateException("source broke");
                        }
                        return true;
                    }

                    @Override
                    public Envelope next() {
                        return record(n++);
                    }
                };
        try (Prefetcher prefetcher = new Prefetcher(failing)) {
            assertThatThrownBy(() -> prefetcher.forEachRemaining(e -> {}))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("source broke");
        }
    }
}
