package dev.pagerboy.streaming.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputOrderTest {

    private static ArchiveRecord row(int partition, long offset, long time) {
        return new ArchiveRecord(
                1,
                "alert_raw:alerts/" + partition + "/" + offset,
                ArchiveKind.ALERT_RAW,
                time,
                "",
                "alerts",
                partition,
                offset,
                "received",
                "{}",
                new byte[0]);
    }

    @Test
    void keepsOffsetOrderInsideAPartitionAndMergesPartitionsByEventTime() {
        // As the archive's hour files may hold them: partition 0 out of order by event time
        // (offset 1 is 2 s older than offset 0), and the files' order is not the offsets'.
        List<ArchiveRecord> rows =
                List.of(
                        row(1, 1, 5_000),
                        row(0, 1, 1_000),
                        row(1, 0, 2_000),
                        row(0, 0, 3_000),
                        row(0, 2, 4_000));

        List<ArchiveRecord> ordered = InputOrder.ordered(new java.util.ArrayList<>(rows));

        assertThat(ordered)
                .extracting(ArchiveRecord::id)
                .containsExactly(
                        "alert_raw:alerts/1/0", // 2000: head of partition 1 is older than 3000
                        "alert_raw:alerts/0/0", // 3000
                        "alert_raw:alerts/0/1", // 1000, after its predecessor in the partition
                        "alert_raw:alerts/0/2", // 4000
                        "alert_raw:alerts/1/1"); // 5000
    }
}
