package dev.pagerboy.tools.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.ingest.AlertParser;
import dev.pagerboy.streaming.ingest.ParseResult;
import dev.pagerboy.streaming.records.RawInput;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * R4's hostile records through the job's parser alone, without the cluster: each must be a dead
 * letter with a reason. The kinds the parser accepts today are the bug chaos R4 found (see
 * docs/RELIABILITY.md, "Findings"); their test is the reproducer, disabled until the limits exist
 * in alerts' {@code AlertReader}.
 */
class HostileRecordsParserTest {

    private final AlertParser parser = new AlertParser();

    @ParameterizedTest
    @EnumSource(
            value = HostileRecords.class,
            names = {
                "MEGABYTE_LABEL",
                "TEN_THOUSAND_LABELS",
                "FAR_PAST_TIMESTAMP",
                "FAR_FUTURE_TIMESTAMP",
                "INVALID_UTF8"
            },
            mode = EnumSource.Mode.EXCLUDE)
    void malformedRecordsAreDeadLettersWithAReason(HostileRecords kind) {
        assertDeadLetter(kind);
    }

    /**
     * Invalid UTF-8 is not refused: Alertmanager 0.25 (Go's JSON decoder) replaces each bad byte
     * with U+FFFD and keeps the alert, and the job does the same (issue 21's golden files).
     */
    @Test
    void invalidUtf8BecomesReplacementCharactersAsInAlertmanager() {
        RawInput input =
                new RawInput(
                        "alerts",
                        0,
                        7,
                        1_767_225_600_000L,
                        new byte[0],
                        HostileRecords.INVALID_UTF8.bytes(3));
        ParseResult result = parser.parse(input);
        assertThat(result.isDeadLetter()).as("a dead letter: " + result).isFalse();
        assertThat(result.alerts().toString()).contains("\uFFFD");
    }

    @Disabled(
            "bug found by chaos R4: AlertReader accepts a 1 MB label value, 10 000 labels and"
                    + " startsAt in year 1 or 9999 as alerts; enable with the limits in alerts/")
    @ParameterizedTest
    @EnumSource(
            value = HostileRecords.class,
            names = {
                "MEGABYTE_LABEL",
                "TEN_THOUSAND_LABELS",
                "FAR_PAST_TIMESTAMP",
                "FAR_FUTURE_TIMESTAMP"
            })
    void oversizedAndOutOfRangeAlertsAreDeadLetters(HostileRecords kind) {
        assertDeadLetter(kind);
    }

    private void assertDeadLetter(HostileRecords kind) {
        RawInput input =
                new RawInput("alerts", 0, 7, 1_767_225_600_000L, new byte[0], kind.bytes(3));
        ParseResult result = parser.parse(input);
        assertThat(result.isDeadLetter()).as(kind + " is a dead letter").isTrue();
        assertThat(result.deadLetter().reason()).as(kind + "'s reason").isNotBlank();
    }
}
