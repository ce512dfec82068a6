package dev.pagerboy.vm.hw;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The timer at M-cycle resolution: times are T-cycles at the end of the M-cycle in which an access
 * happens, as the bus passes them.
 */
class TimerTest {

    private final Timer timer = new Timer();

    @BeforeEach
    void counterAtZero() {
        timer.reset(0);
        timer.writeDiv(0); // counter = 0 at t = 0; TAC is off, so no tick
    }

    @Test
    void countsAtTheFourTacRates() {
        int[] expectedAfter4096 = {4, 256, 64, 16}; // 4096 Hz, 262144 Hz, 65536 Hz, 16384 Hz
        for (int tac = 0; tac < 4; tac++) {
            timer.reset(0);
            timer.writeDiv(0);
            timer.writeTac(0, 4 | tac);
            timer.catchUp(4096 - 4);
            int before = timer.readTima(4096 - 4);
            timer.catchUp(4096);
            assertThat(timer.readTima(4096) & 0xFF)
                    .as("TAC=%d", 4 | tac)
                    .isEqualTo(expectedAfter4096[tac] & 0xFF);
            assertThat(before).isLessThanOrEqualTo(expectedAfter4096[tac]);
        }
    }

    @Test
    void overflowReadsZeroForOneMCycleThenReloadsTmaAndRequestsTheInterrupt() {
        timer.writeTac(0, 0x05); // bit 3: an edge every 16 T-cycles, the first at t = 16
        timer.writeTma(0, 0x42);
        timer.writeTima(0, 0xFF);
        assertThat(timer.nextEventTime()).isEqualTo(20);

        assertThat(timer.catchUp(16)).isZero();
        assertThat(timer.readTima(16)).isZero();
        assertThat(timer.catchUp(20)).isEqualTo(Interrupts.TIMER);
        assertThat(timer.readTima(20)).isEqualTo(0x42);
        // from TMA on: 0xBE more edges to the next overflow, at 16 + 0xBE * 16, reload 4 later
        assertThat(timer.nextEventTime()).isEqualTo(16 + 0xBE * 16 + 4);
    }

    @Test
    void writingTimaInTheZeroCycleCancelsReloadAndInterrupt() {
        timer.writeTac(0, 0x05);
        timer.writeTma(0, 0x42);
        timer.writeTima(0, 0xFF);
        timer.catchUp(16);
        timer.writeTima(16, 0x10);
        assertThat(timer.catchUp(20)).isZero();
        assertThat(timer.readTima(20)).isEqualTo(0x10);
    }

    @Test
    void writingTimaInTheReloadCycleIsIgnoredButTmaLandsInTima() {
        timer.writeTac(0, 0x05);
        timer.writeTma(0, 0x42);
        timer.writeTima(0, 0xFF);
        timer.catchUp(20);
        timer.writeTima(20, 0x10);
        assertThat(timer.readTima(20)).isEqualTo(0x42);
        timer.writeTma(20, 0x99);
        assertThat(timer.readTima(20)).isEqualTo(0x99);
        // one M-cycle later both writes are ordinary again
        timer.catchUp(24);
        timer.writeTima(24, 0x10);
        assertThat(timer.readTima(24)).isEqualTo(0x10);
    }

    @Test
    void resettingDivWhileTheSelectedBitIsHighTicksTima() {
        timer.writeTac(0, 0x05); // bit 3
        timer.catchUp(8);
        assertThat(timer.counterAt(8) & 8).isEqualTo(8);
        timer.writeDiv(8);
        assertThat(timer.readTima(8)).isEqualTo(1);

        timer.catchUp(12); // counter = 4: bit 3 low
        timer.writeDiv(12);
        assertThat(timer.readTima(12)).isEqualTo(1);
        assertThat(timer.readDiv(12)).isZero();
    }

    @Test
    void disablingTheTimerWhileTheSelectedBitIsHighTicksTima() {
        timer.writeTac(0, 0x05);
        timer.catchUp(8);
        timer.writeTac(8, 0x01);
        assertThat(timer.readTima(8)).isEqualTo(1);
        timer.catchUp(4096);
        assertThat(timer.readTima(4096)).isEqualTo(1);
    }

    @Test
    void divIsTheHighByteOfTheCounterAndStartsAtTheBootRomPhase() {
        timer.reset(0);
        assertThat(timer.readDiv(0)).isEqualTo(0xAB);
        assertThat(timer.readDiv(0x38)).isEqualTo(0xAC); // 0xABC8 + 0x38 = 0xAC00
        assertThat(timer.readTac()).isEqualTo(0xF8);
    }
}
