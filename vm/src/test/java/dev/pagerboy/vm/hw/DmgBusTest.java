package dev.pagerboy.vm.hw;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.vm.TestRoms;
import org.junit.jupiter.api.Test;

/** The memory map, MBC1, OAM DMA, the screen timing and the serial port, driven cycle by cycle. */
class DmgBusTest {

    /** A 2 MiB MBC1 ROM whose every 16 KiB bank starts with its bank number (low and high byte). */
    private static DmgBus mbc1Bus(int romSize, int ramSize) {
        TestRoms rom = TestRoms.mbc1(romSize, ramSize == 0 ? 0 : 3);
        for (int bank = 1; bank < romSize / 0x4000; bank++) {
            rom.at(bank * 0x4000, bank, bank >> 8);
        }
        return new DmgBus(rom.image(), true, false, ramSize);
    }

    private static void idle(DmgBus bus, long tCycles) {
        for (long i = 0; i < tCycles; i += 4) {
            bus.idle();
        }
    }

    @Test
    void mbc1SelectsRomBanksAndTreatsBankZeroAsOne() {
        DmgBus bus = mbc1Bus(0x200000, 0); // 128 banks
        assertThat(bus.read(0x4000)).isEqualTo(1);
        bus.write(0x2000, 0x05);
        assertThat(bus.read(0x4000)).isEqualTo(5);
        bus.write(0x2000, 0x00);
        assertThat(bus.read(0x4000)).isEqualTo(1);
        bus.write(0x3FFF, 0x1F);
        assertThat(bus.read(0x4000)).isEqualTo(0x1F);
        bus.write(0x4000, 0x02); // upper bits: bank 0x5F
        assertThat(bus.read(0x4000)).isEqualTo(0x5F);
        bus.write(0x2000, 0x20); // only 5 bits count: 0x20 -> 0 -> 1, bank 0x41
        assertThat(bus.read(0x4000)).isEqualTo(0x41);
    }

    @Test
    void mbc1ModeOneBanksTheLowAreaAndTheRam() {
        DmgBus bus = mbc1Bus(0x200000, 0x8000);
        assertThat(bus.read(0x0000)).isEqualTo(0x00);
        bus.write(0x4000, 0x01);
        assertThat(bus.read(0x0000)).as("mode 0 keeps bank 0 low").isEqualTo(0x00);
        bus.write(0x6000, 0x01);
        assertThat(bus.read(0x0000)).as("mode 1 maps bank 0x20 low").isEqualTo(0x20);
        assertThat(bus.read(0x4000)).isEqualTo(0x21);

        assertThat(bus.read(0xA000)).as("RAM disabled reads 0xFF").isEqualTo(0xFF);
        bus.write(0xA000, 0x11);
        bus.write(0x0000, 0x0A); // enable RAM
        assertThat(bus.read(0xA000)).as("the write while disabled was dropped").isEqualTo(0x00);
        for (int bank = 0; bank < 4; bank++) {
            bus.write(0x4000, bank);
            bus.write(0xA123, 0xB0 + bank);
        }
        for (int bank = 0; bank < 4; bank++) {
            bus.write(0x4000, bank);
            assertThat(bus.read(0xA123)).isEqualTo(0xB0 + bank);
        }
        bus.write(0x6000, 0x00); // mode 0: RAM bank 0
        assertThat(bus.read(0xA123)).isEqualTo(0xB0);
        bus.write(0x0000, 0x00);
        assertThat(bus.read(0xA123)).isEqualTo(0xFF);
    }

    @Test
    void romBankNumbersWrapToTheRomSize() {
        DmgBus bus = mbc1Bus(0x20000, 0); // 8 banks
        bus.write(0x2000, 0x0B);
        assertThat(bus.read(0x4000)).isEqualTo(3);
    }

    @Test
    void echoRamMirrorsWramAndUnusedAreasReadAsOnADmg() {
        DmgBus bus = mbc1Bus(0x8000, 0);
        bus.write(0xC123, 0x5A);
        bus.write(0xDD00, 0xA5);
        assertThat(bus.read(0xE123)).isEqualTo(0x5A);
        assertThat(bus.read(0xFD00)).isEqualTo(0xA5);
        bus.write(0xF000, 0x77);
        assertThat(bus.read(0xD000)).isEqualTo(0x77);
        assertThat(bus.read(0xFEA0)).isEqualTo(0x00);
        assertThat(bus.read(0xFF4C)).isEqualTo(0xFF);
        assertThat(bus.read(0xFF03)).isEqualTo(0xFF);
        assertThat(bus.read(0xFF00)).isEqualTo(0xCF);
        bus.write(0xFF00, 0x20);
        assertThat(bus.read(0xFF00)).isEqualTo(0xEF);
        bus.write(0xFF0F, 0x00);
        assertThat(bus.read(0xFF0F)).isEqualTo(0xE0);
        assertThat(bus.read(0xFF07)).isEqualTo(0xF8);
        assertThat(bus.read(0xFF02)).isEqualTo(0x7E);
        assertThat(bus.read(0xFF10)).isEqualTo(0x80);
        assertThat(bus.read(0xFF26)).isEqualTo(0xF1);
        bus.write(0xFFFF, 0x1F);
        assertThat(bus.read(0xFFFF)).isEqualTo(0x1F);
    }

    @Test
    void lyAdvancesEvery456CyclesOver154LinesAndVBlankIsRequestedAtLine144() {
        DmgBus bus = mbc1Bus(0x8000, 0);
        bus.write(0xFF0F, 0x00);
        long start = bus.now();
        idle(bus, 456 - (bus.now() - 0) - 4); // the next read happens at t = 456 - 4 + 4
        assertThat(bus.read(0xFF44)).isEqualTo(1);
        idle(bus, 456L * 142 - 4);
        assertThat(bus.read(0xFF44)).isEqualTo(143);
        assertThat(bus.read(0xFF0F) & 1).as("no VBlank before line 144").isZero();
        idle(bus, 456L * 144 - bus.now() - 4);
        assertThat(bus.read(0xFF44)).isEqualTo(144);
        assertThat(bus.read(0xFF0F) & 1).isEqualTo(1);
        assertThat(bus.read(0xFF41) & 3).as("mode 1 in VBlank").isEqualTo(1);
        idle(bus, 456L * 154 - bus.now() - 4);
        assertThat(bus.read(0xFF44)).as("wraps after 154 lines").isEqualTo(0);
        assertThat(start).isGreaterThanOrEqualTo(0);
    }

    @Test
    void statModesFollowTheLineAndLyReadsZeroWithTheLcdOff() {
        DmgBus bus = mbc1Bus(0x8000, 0);
        idle(bus, 456L * 10 - 4);
        assertThat(bus.read(0xFF41) & 3).isEqualTo(2); // t = 10 lines: start of line 10
        idle(bus, 80 - 4);
        assertThat(bus.read(0xFF41) & 3).isEqualTo(3);
        idle(bus, 172 - 4);
        assertThat(bus.read(0xFF41) & 3).isEqualTo(0);
        bus.write(0xFF40, 0x11); // LCD off
        assertThat(bus.read(0xFF44)).isZero();
        assertThat(bus.read(0xFF41) & 3).isZero();
    }

    @Test
    void statInterruptFiresWhenLyReachesLyc() {
        DmgBus bus = mbc1Bus(0x8000, 0);
        bus.write(0xFF0F, 0x00);
        bus.write(0xFF45, 20);
        bus.write(0xFF41, 0x40); // LYC=LY source
        idle(bus, 456L * 20 - bus.now() - 8);
        assertThat(bus.read(0xFF0F) & 2).as("the M-cycle before line 20").isZero();
        bus.idle();
        assertThat(bus.read(0xFF44)).isEqualTo(20);
        assertThat(bus.read(0xFF0F) & 2).isEqualTo(2);
        assertThat(bus.read(0xFF41) & 4).as("coincidence flag").isEqualTo(4);
    }

    @Test
    void oamDmaOwnsTheMainBusForM2ToM161AfterTheWrite() {
        DmgBus bus = mbc1Bus(0x8000, 0);
        for (int i = 0; i < 160; i++) {
            bus.write(0xC100 + i, i ^ 0x5A);
        }
        bus.write(0xFF80, 0x99);
        bus.write(0xFF46, 0xC1); // M0
        long m0 = bus.now();
        assertThat(bus.read(0xFE00)).as("M1: OAM still reachable").isZero();
        assertThat(bus.read(0xC105)).as("M2: the DMA's byte 0").isEqualTo(0x5A);
        assertThat(bus.read(0x0150)).as("M3: the DMA's byte 1, ROM is on its bus").isEqualTo(0x5B);
        assertThat(bus.read(0xFE00)).as("M4: OAM").isEqualTo(0xFF);
        assertThat(bus.read(0xFF80)).isEqualTo(0x99);
        assertThat(bus.read(0xFF46)).isEqualTo(0xC1);
        while (bus.now() < m0 + 160 * 4) {
            bus.idle();
        }
        assertThat(bus.read(0xFE00)).as("M161, the last DMA M-cycle").isEqualTo(0xFF);
        assertThat(bus.read(0xFE00)).isEqualTo(0x5A);
        assertThat(bus.read(0xFE9F)).isEqualTo(159 ^ 0x5A);
        assertThat(bus.read(0xC100)).isEqualTo(0x5A);
    }

    @Test
    void serialTransferTakesEightBitsAt8192HzAndRequestsTheInterrupt() {
        DmgBus bus = mbc1Bus(0x8000, 0);
        bus.write(0xFF0F, 0x00);
        bus.write(0xFF01, 'A');
        bus.write(0xFF02, 0x81);
        long started = bus.now();
        assertThat(bus.serialOutput()).containsExactly('A');
        while ((bus.read(0xFF02) & 0x80) != 0) {
            bus.idle();
        }
        long took = bus.now() - started;
        assertThat(took).isBetween(8L * 512 - 512, 8L * 512 + 8);
        assertThat(bus.read(0xFF01)).as("no partner: ones shifted in").isEqualTo(0xFF);
        assertThat(bus.read(0xFF0F) & 8).isEqualTo(8);
    }
}
