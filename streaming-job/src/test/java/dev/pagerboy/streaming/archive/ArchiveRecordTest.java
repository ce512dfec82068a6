package dev.pagerboy.streaming.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.records.Alert;
import dev.pagerboy.streaming.records.DeadLetter;
import dev.pagerboy.streaming.records.RawInput;
import dev.pagerboy.streaming.records.Tick;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArchiveRecordTest {

    private static final byte[] BODY = "{\"x\":1}".getBytes(StandardCharsets.UTF_8);

    @Test
    void rawAlertRowKeepsSourcePositionAndBytes() {
        RawInput raw = new RawInput("alerts", 2, 41L, 1_000L, null, BODY);

        ArchiveRecord row = ArchiveRecord.rawAlert(raw);

        assertThat(row.kind()).isEqualTo(ArchiveKind.ALERT_RAW);
        assertThat(row.id()).isEqualTo("alert_raw:alerts/2/41");
        assertThat(row.sourceTopic()).isEqualTo("alerts");
        assertThat(row.sourcePartition()).isEqualTo(2);
        assertThat(row.sourceOffset()).isEqualTo(41L);
        assertThat(row.eventTime()).isEqualTo(1_000L);
        assertThat(row.raw()).isEqualTo(BODY);
        assertThat(row.payloadJson())
                .isEqualTo(
                        "{\"key\":null,\"offset\":41,\"partition\":2,\"timestamp\":1000,\"topic\":\"alerts\"}");
    }

    @Test
    void payloadJsonIsCanonicalWhateverTheMapOrder() {
        Map<String, String> forward = new LinkedHashMap<>();
        forward.put("a", "1");
        forward.put("b", "2");
        Map<String, String> backward = new LinkedHashMap<>();
        backward.put("b", "2");
        backward.put("a", "1");

        String one = ArchiveRecord.CanonicalJson.write(alert(forward));
        String two = ArchiveRecord.CanonicalJson.write(alert(backward));

        assertThat(one).isEqualTo(two);
        assertThat(one).startsWith("{\"annotations\":{},\"endsAt\":0,\"eventId\":\"e1\"");
        assertThat(one).contains("\"labels\":{\"a\":\"1\",\"b\":\"2\"}");
        assertThat(one).doesNotContain("\"firing\":true"); // derived accessors are not columns
    }

    @Test
    void deadLetterRowCarriesReasonAndDecodedBytes() {
        DeadLetter letter =
                DeadLetter.of(new RawInput("alerts", 0, 7L, 5L, null, BODY), "unknown format");

        ArchiveRecord row = ArchiveRecord.deadLetter(letter);

        assertThat(row.outcome()).isEqualTo("unknown format");
        assertThat(row.raw()).isEqualTo(BODY);
        assertThat(row.id()).isEqualTo("dead_letter:alerts/0/7");
    }

    @Test
    void rowsAreNeverNullAndCompareByContent() {
        ArchiveRecord tick = ArchiveRecord.tick(new Tick(60_000L));

        assertThat(tick).isEqualTo(ArchiveRecord.tick(new Tick(60_000L)));
        assertThat(tick.key()).isEmpty();
        assertThat(tick.sourceTopic()).isEmpty();
        assertThat(tick.sourceOffset()).isEqualTo(-1L);
        assertThat(tick.raw()).isEmpty();
        assertThat(tick.payloadJson()).isEqualTo("{\"eventTime\":60000}");
    }

    @Test
    void ticksFromATopicAreIdentifiedByTheirCoordinatesSoPartitionsDoNotCollide() {
        ArchiveRecord first = ArchiveRecord.tick(new Tick(60_000L, "ticks", 0, 7L));
        ArchiveRecord second = ArchiveRecord.tick(new Tick(60_000L, "ticks", 1, 7L));

        assertThat(first.id()).isEqualTo("tick:ticks/0/7");
        assertThat(second.id()).isEqualTo("tick:ticks/1/7");
        assertThat(first.sourceTopic()).isEqualTo("ticks");
        assertThat(second.sourcePartition()).isEqualTo(1);
        assertThat(first.sourceOffset()).isEqualTo(7L);
        assertThat(first.eventTime()).isEqualTo(60_000L);
    }

    private static Alert alert(Map<String, String> labels) {
        return new Alert(
                "0123456789abcdef",
                Alert.FIRING,
                labels,
                Map.of(),
                1L,
                0L,
                2L,
                "native",
                "e1",
                "alerts/0/1#0");
    }
}
