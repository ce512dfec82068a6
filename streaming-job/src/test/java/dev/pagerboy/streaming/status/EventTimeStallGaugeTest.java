package dev.pagerboy.streaming.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EventTimeStallGaugeTest {

    private final AtomicLong wall = new AtomicLong(1_000_000);
    private final AtomicLong watermark = new AtomicLong(Long.MIN_VALUE);
    private final EventTimeStallGauge gauge = new EventTimeStallGauge(wall::get);

    @Test
    void countsTheSecondsAStillWatermarkKeepsARecordWaiting() {
        assertThat(gauge.getValue()).as("nothing arrived yet").isZero();
        gauge.waiting(5_000, watermark::get);
        assertThat(gauge.getValue()).isZero();
        wall.addAndGet(61_000);
        assertThat(gauge.getValue()).isEqualTo(61);
    }

    @Test
    void aMovingWatermarkStartsTheCountAgain() {
        gauge.waiting(5_000, watermark::get);
        gauge.getValue();
        wall.addAndGet(30_000);
        watermark.set(1_000);
        assertThat(gauge.getValue()).isZero();
        wall.addAndGet(20_000);
        assertThat(gauge.getValue()).isEqualTo(20);
    }

    @Test
    void aStillWatermarkWithNothingWaitingIsNoStallAndLaterWaitingCountsFromItsStart() {
        watermark.set(10_000);
        gauge.waiting(9_000, watermark::get); // behind the watermark: decided, nothing waits
        gauge.getValue();
        wall.addAndGet(600_000);
        assertThat(gauge.getValue()).as("a quiet stage").isZero();
        gauge.waiting(12_000, watermark::get);
        assertThat(gauge.getValue()).isZero();
        wall.addAndGet(7_000);
        assertThat(gauge.getValue()).isEqualTo(7);
        watermark.set(12_000);
        assertThat(gauge.getValue()).as("the watermark passed the record").isZero();
        wall.addAndGet(60_000);
        assertThat(gauge.getValue()).isZero();
    }
}
