package dev.pagerboy.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagerboy.vm.bench.LoopRoms;
import org.junit.jupiter.api.Test;

/** Snapshots are byte-exact, and a restored machine continues exactly as the original. */
class SnapshotTest {

    /** Timer and VBlank interrupts, serial transfers and MBC1 RAM writes, all in flight. */
    private static GameBoy busyMachine() {
        return TestRoms.mbc1(0x10000, 3)
                .at(0x40, 0x0C, 0xD9) // VBlank: inc c; reti
                .at(0x50, 0x04, 0x78, 0xE0, 0x01, 0x3E, 0x81, 0xE0, 0x02, 0xD9) // timer: send b
                .code(
                        0x3E, 0x0A, 0xEA, 0x00, 0x00, // enable cartridge RAM
                        0x3E, 0x05, 0xE0, 0xFF, //       IE = VBlank | timer
                        0x3E, 0x05, 0xE0, 0x07, //       TAC = 262144 Hz
                        0xFB, //                         ei
                        0x21, 0x00, 0xA0, //             ld hl, $A000
                        0x34, //                   loop: inc [hl]
                        0x2C, //                         inc l
                        0x18, 0xFC) //                   jr loop
                .machine();
    }

    @Test
    void restoringASnapshotAndRunningAgainGivesTheSameBytes() {
        GameBoy gb = busyMachine();
        gb.run(123_457);
        byte[] middle = gb.snapshot();
        gb.run(500_000);
        byte[] end = gb.snapshot();
        String serial = gb.serialText();
        assertThat(serial).isNotEmpty();

        gb.restore(middle);
        assertThat(gb.snapshot()).as("restore then snapshot is the identity").isEqualTo(middle);
        gb.run(500_000);
        assertThat(gb.snapshot()).isEqualTo(end);
        assertThat(gb.serialText()).isEqualTo(serial);

        GameBoy other = busyMachine();
        other.restore(middle);
        other.run(500_000);
        assertThat(other.snapshot()).as("a second machine continues identically").isEqualTo(end);
    }

    @Test
    void snapshotsCoverOamDmaInFlight() {
        GameBoy gb =
                TestRoms.romOnly()
                        .code(0x3E, 0xC0, 0xE0, 0x46, 0x18, 0xFE) // start DMA from $C000; jr @
                        .machine();
        gb.run(40);
        byte[] during = gb.snapshot();
        gb.run(1000);
        byte[] after = gb.snapshot();
        gb.restore(during);
        assertThat(gb.peek(0xC000)).isZero();
        gb.run(1000);
        assertThat(gb.snapshot()).isEqualTo(after);
    }

    @Test
    void refusesASnapshotOfAnotherRomOrGarbage() {
        GameBoy gb = busyMachine();
        GameBoy other = new GameBoy(LoopRoms.aluLoop());
        assertThatThrownBy(() -> other.restore(gb.snapshot()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("snapshot is of ROM");
        assertThatThrownBy(() -> gb.restore(new byte[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class);
        byte[] truncated = java.util.Arrays.copyOf(gb.snapshot(), 100);
        assertThatThrownBy(() -> gb.restore(truncated))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("truncated");
    }
}
