package dev.pagerboy.streaming.replay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplaySourcesTest {

    @Test
    void theArchivedKafkaKeyIsReadFromTheInputPayload() throws Exception {
        assertThat(
                        ReplaySources.ArchivedKey.of(
                                "{\"alerts\":{\"a\":1},\"key\":\"aGk=\",\"offset\":3}"))
                .isEqualTo("hi".getBytes());
        assertThat(ReplaySources.ArchivedKey.of("{\"key\":null,\"offset\":3}")).isNull();
        assertThat(ReplaySources.ArchivedKey.of("{\"offset\":3}")).isNull();
    }
}
