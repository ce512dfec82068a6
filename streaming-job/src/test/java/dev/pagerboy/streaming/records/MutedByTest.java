package dev.pagerboy.streaming.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagerboy.streaming.archive.ArchiveRecord.CanonicalJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class MutedByTest {

    @Test
    void isArchivedAsTheFingerprintEqualsByText() {
        GroupFlush flush =
                new GroupFlush(
                        "ops",
                        "{}:{alertname=\"A\"}",
                        1,
                        1_000L,
                        "group_wait",
                        false,
                        "all_muted",
                        List.of(),
                        List.of(MutedBy.silence("0a1b", "s-1")),
                        List.of(MutedBy.inhibitRule("2c3d", 0)));

        assertThat(CanonicalJson.write(flush))
                .contains("\"silenced\":[\"0a1b=s-1\"]")
                .contains("\"inhibited\":[\"2c3d=0\"]");
    }

    @Test
    void readsTheArchivedTextBack() {
        assertThat(MutedBy.parse("0a1b=s=1")).isEqualTo(new MutedBy("0a1b", "s=1"));
        assertThat(MutedBy.parse(MutedBy.inhibitRule("2c3d", 3).text()))
                .isEqualTo(MutedBy.inhibitRule("2c3d", 3));
    }

    @Test
    void refusesTextWithoutASeparator() {
        assertThatThrownBy(() -> MutedBy.parse("0a1b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected fingerprint=silenceId");
    }
}
