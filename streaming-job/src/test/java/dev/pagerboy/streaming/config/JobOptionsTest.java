package dev.pagerboy.streaming.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagerboy.streaming.archive.ArchiveLayout;
import dev.pagerboy.streaming.config.JobOptions.ClockSource;
import dev.pagerboy.streaming.sinks.ExactlyOnceSinkSettings;
import dev.pagerboy.streaming.sources.TickClock;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobOptionsTest {

    private static final Path CONFIG = Path.of("pagerboy.yaml");

    @Test
    void defaultsAreTheDocumentedOnes() {
        JobOptions o = JobOptions.defaults(CONFIG);

        assertThat(o)
                .isEqualTo(
                        new JobOptions(
                                CONFIG,
                                null,
                                ArchiveLayout.at(
                                        Path.of(JobOptions.DEFAULT_ARCHIVE)
                                                .toAbsolutePath()
                                                .toUri()
                                                .toString()),
                                0,
                                3,
                                Duration.ofSeconds(10),
                                ClockSource.WALL,
                                TickClock.REAL_TIME,
                                Duration.ofSeconds(1),
                                Duration.ofSeconds(5),
                                Duration.ofSeconds(10),
                                false,
                                "pagerboy",
                                "pagerboy",
                                ExactlyOnceSinkSettings.DEFAULT_TRANSACTION_TIMEOUT,
                                null,
                                null,
                                "",
                                null));
    }

    @Test
    void aSetterChangesOnlyItsOption() {
        JobOptions defaults = JobOptions.defaults(CONFIG);

        JobOptions changed = defaults.toBuilder().idleTimeout(Duration.ofMinutes(10)).build();

        assertThat(changed.idleTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(changed.toBuilder().idleTimeout(defaults.idleTimeout()).build())
                .isEqualTo(defaults);
    }

    @Test
    void toBuilderKeepsEveryOption() {
        JobOptions o =
                JobOptions.builder(Path.of("c.yaml"))
                        .bootstrapServers("127.0.0.1:9092")
                        .archive(ArchiveLayout.at("file:/tmp/archive/").compactingEvery(3))
                        .parallelism(4)
                        .restartAttempts(0)
                        .restartDelay(Duration.ofMillis(500))
                        .clock(ClockSource.TOPIC)
                        .tickClock(new TickClock(1, 2, 60))
                        .tickInterval(Duration.ofSeconds(2))
                        .maxOutOfOrderness(Duration.ZERO)
                        .idleTimeout(Duration.ofMinutes(1))
                        .stopAtLatest(true)
                        .groupId("g")
                        .transactionalIdPrefix("t")
                        .transactionTimeout(Duration.ofMinutes(2))
                        .checkpointDir("file:/tmp/checkpoints")
                        .build();

        assertThat(o.toBuilder().build()).isEqualTo(o);
        assertThat(o.configFile()).isEqualTo(Path.of("c.yaml"));
        assertThat(o.checkpointDir()).isEqualTo("file:/tmp/checkpoints");
    }

    @Test
    void buildRefusesANegativeParallelism() {
        assertThatThrownBy(() -> JobOptions.builder(CONFIG).parallelism(-1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parallelism");
    }
}
