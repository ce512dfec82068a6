package dev.pagerboy.tools.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.ingest.AlertParser;
import dev.pagerboy.streaming.ingest.ParseResult;
import dev.pagerboy.streaming.records.RawInput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * R4's hostile records through the job's parser alone, without the cluster: each must be a dead
 * letter with a reason. The oversized and out-of-range kinds are what chaos R4 found accepted (see
 * docs/RELIABILITY.md, "Findings"); alerts' {@code InputLimits} now refuses them.
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

    /** Chaos R4's finding: over {@code InputLimits} (alerts/), each is a dead letter. */
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
        RawInput input =
                new RawInput("alerts", 0, 7, 1_767_225_600_000L, new byte[0], kind.bytes(3));
        assertThat(parser.parse(input).deadLetter().reason())
                .as(kind + "'s reason names the limit")
                .containsAnyOf(
                        "limit of", "is outside 1970-01-01T00:00:00Z to 2100-01-01T00:00:00Z");
    }

    /** R4 counts on {@link HostileRecords#refused()}: it must say what the parser does. */
    @ParameterizedTest
    @EnumSource(HostileRecords.class)
    void refusedSaysWhatTheParserDoes(HostileRecords kind) {
        RawInput input =
                new RawInput("alerts", 0, 7, 1_767_225_600_000L, new byte[0], kind.bytes(3));
        assertThat(parser.parse(input).isDeadLetter())
                .as(kind.toString())
                .isEqualTo(kind.refused());
    }

    @Test
    void refusedAmongCountsEveryKindButInvalidUtf8() {
        int kinds = HostileRecords.values().length;
        assertThat(HostileRecords.refusedAmong(kinds)).isEqualTo(kinds - 1);
        assertThat(HostileRecords.refusedAmong(HostileRecords.INVALID_UTF8.ordinal()))
                .isEqualTo(HostileRecords.INVALID_UTF8.ordinal());
        assertThat(HostileRecords.refusedAmong(10 * kinds + 1)).isEqualTo(10 * (kinds - 1) + 1);
    }

    @Test
    void theBulkyKindsStopAtTheirCapSoAHundredThousandRecordsFitOnDisk() {
        int kinds = HostileRecords.values().length;
        int count = 100_000;
        java.util.Map<HostileRecords, Integer> byKind =
                new java.util.EnumMap<>(HostileRecords.class);
        for (int i = 0; i < count; i++) {
            byKind.merge(HostileRecords.kindOf(i), 1, Integer::sum);
        }
        for (HostileRecords kind : HostileRecords.values()) {
            if (kind.bulky()) {
                assertThat(byKind.get(kind))
                        .as(kind.name())
                        .isEqualTo(HostileRecords.MAX_BULKY_COPIES);
            } else if (kind != HostileRecords.TRUNCATED_JSON) {
                assertThat(byKind.get(kind)).as(kind.name()).isGreaterThanOrEqualTo(count / kinds);
            }
        }
        // the refused count follows the capped kinds: every record but the invalid UTF-8 ones
        assertThat(HostileRecords.refusedAmong(count))
                .isEqualTo(count - byKind.get(HostileRecords.INVALID_UTF8));
        // below the cap (R4 up to 20,000 alerts) the kinds cycle as before
        assertThat(HostileRecords.kindOf(HostileRecords.MAX_BULKY_COPIES * kinds - 1))
                .isEqualTo(HostileRecords.values()[kinds - 1]);
        assertThat(HostileRecords.kindOf(HostileRecords.HUGE_JSON.ordinal()))
                .isEqualTo(HostileRecords.HUGE_JSON);
    }

    private void assertDeadLetter(HostileRecords kind) {
        RawInput input =
                new RawInput("alerts", 0, 7, 1_767_225_600_000L, new byte[0], kind.bytes(3));
        ParseResult result = parser.parse(input);
        assertThat(result.isDeadLetter()).as(kind + " is a dead letter").isTrue();
        assertThat(result.deadLetter().reason()).as(kind + "'s reason").isNotBlank();
    }
}
