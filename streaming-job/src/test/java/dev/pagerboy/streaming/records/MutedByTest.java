package dev.pagerboy.streaming.records;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MutedByTest {

    @Test
    void aSilenceIsNamedByItsId() {
        MutedBy muted = MutedBy.silence("0a1b", "s-1");

        assertThat(muted.cause()).isEqualTo(MutedBy.Cause.SILENCED);
        assertThat(muted.cause().text()).isEqualTo("silenced");
        assertThat(muted.rule()).isEqualTo("silence:s-1");
        assertThat(muted.inhibitingFingerprint()).isEmpty();
    }

    @Test
    void anInhibitionNamesItsRuleAndTheInhibitingAlert() {
        MutedBy muted = MutedBy.inhibition("2c3d", 3, "9f00");

        assertThat(muted.cause().text()).isEqualTo("inhibited");
        assertThat(muted.inhibitingFingerprint()).isEqualTo("9f00");
        assertThat(muted.silenceId()).isEmpty();
    }

    @Test
    void theSameRuleIsTheSameMuteWhicheverSourceInhibits() {
        assertThat(MutedBy.inhibition("2c3d", 0, "aaaa").rule())
                .isEqualTo(MutedBy.inhibition("2c3d", 0, "bbbb").rule())
                .isNotEqualTo(MutedBy.inhibition("2c3d", 1, "aaaa").rule());
    }
}
