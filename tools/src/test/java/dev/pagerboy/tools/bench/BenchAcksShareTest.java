package dev.pagerboy.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagerboy.cli.UsageException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BenchAcksShareTest {

    @Test
    void aShareChoosesExactlyThatManyEvenlySpreadGroups() {
        long chosen = 0;
        for (long i = 0; i < 1_000; i++) {
            if (BenchAcks.chosen(i, 0.1)) {
                chosen++;
            }
        }
        assertThat(chosen).isEqualTo(100);
        assertThat(BenchAcks.chosen(0, 1.0)).isTrue();
        assertThat(BenchAcks.chosen(0, 0.25)).isFalse();
        assertThat(BenchAcks.chosen(3, 0.25)).isTrue();
    }

    @Test
    void theAckShareFlagTakesAShare() {
        Path root = Path.of(".");
        assertThat(BenchOptions.parse(new String[] {}, root).acks()).isFalse();
        assertThat(BenchOptions.parse(new String[] {"--ack-share", "0.1"}, root).ackShare())
                .isEqualTo(0.1);
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--ack-share", "1.5"}, root))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("expected 0 < F <= 1");
    }
}
