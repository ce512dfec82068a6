package dev.pagerboy.vm.asm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Golden tests of section placement and fill, each placement worked out by hand from rgblink's
 * rules (RGBDS {@code src/link/assign.cpp}, {@code src/link/output.cpp}; explained in
 * vm/ASSEMBLER.md, "Placement"): groups in the order bank+address, bank, address, none (a ROM0
 * section is bank-fixed); within a group larger first, and of equal sizes the later-declared first;
 * each at the lowest bank, then the lowest address, where it fits. Gaps in the written banks hold
 * the link pad (0x00), the rest of the file the rgbfix pad (0xFF).
 */
class LinkerPlacementTest {

    @Test
    void rom0FloatingSectionsGoLargestFirstEachToTheLowestGapThatFits() throws Exception {
        AssembledRom rom =
                AsmTestSupport.build(
                        """
                        SECTION "fixed at 0", ROM0[$0000]
                            ds 8, $11
                        SECTION "small", ROM0
                        Small: ds 4, $22
                        SECTION "big", ROM0
                        Big: ds 16, $33
                        SECTION "mid a", ROM0
                        MidA: ds 8, $44
                        SECTION "mid b", ROM0
                        MidB: ds 8, $55
                        SECTION "fixed at 20", ROM0[$0020]
                            ds 4, $66
                        SECTION "empty", ROM0
                        Empty:
                        """);
        // Free after the fixed ones: $0008-$001F (24 bytes), $0024-$3FFF.
        // big (16) -> $0008, leaving $0018-$001F (8); mid b (8, declared after mid a) -> $0018;
        // mid a (8) -> $0024; small (4) -> $002C; the empty section takes the region start.
        assertThat(rom.address("Big")).isEqualTo(0x0008);
        assertThat(rom.address("MidB")).isEqualTo(0x0018);
        assertThat(rom.address("MidA")).isEqualTo(0x0024);
        assertThat(rom.address("Small")).isEqualTo(0x002C);
        assertThat(rom.address("Empty")).isEqualTo(0x0000);
        byte[] bytes = rom.rom();
        assertThat(bytes[0x0030]).as("gap in a written bank: link pad").isEqualTo((byte) 0x00);
        assertThat(bytes).hasSize(0x8000);
        assertThat(Arrays.copyOfRange(bytes, 0x4000, 0x8000))
                .as("past the last linked bank: rgbfix pad")
                .containsOnly((byte) 0xFF);
    }

    @Test
    void romxGroupsBankAndAddressThenBankThenAddressThenNone() throws Exception {
        AssembledRom rom =
                AsmTestSupport.build(
                        """
                        SECTION "anywhere", ROMX
                        Anywhere: ds 32, $01
                        SECTION "address only", ROMX[$4000]
                        AddressOnly: ds 8, $02
                        SECTION "bank 1 only", ROMX, BANK[1]
                        Bank1: ds 2, $03
                        SECTION "bank 2 at 4000", ROMX[$4000], BANK[2]
                        Bank2At4000: ds 4, $04
                        """);
        // bank 2 at $4000 first; then bank 1 only -> 1:$4000 (2 bytes); then address only: $4000
        // is taken in banks 1 and 2 -> 3:$4000; then anywhere (32) -> lowest bank with room,
        // bank 1, at $4002.
        assertThat(label(rom, "Bank2At4000")).isEqualTo(new int[] {2, 0x4000});
        assertThat(label(rom, "Bank1")).isEqualTo(new int[] {1, 0x4000});
        assertThat(label(rom, "AddressOnly")).isEqualTo(new int[] {3, 0x4000});
        assertThat(label(rom, "Anywhere")).isEqualTo(new int[] {1, 0x4002});
        byte[] bytes = rom.rom();
        assertThat(bytes).as("banks 0-3 linked: 64 KiB, no rgbfix padding").hasSize(0x10000);
        assertThat(bytes[3 * 0x4000 + 8]).as("gap in bank 3: link pad").isEqualTo((byte) 0x00);
        assertThat(bytes[1 * 0x4000 + 2]).isEqualTo((byte) 0x01);
        assertThat(bytes[3 * 0x4000]).isEqualTo((byte) 0x02);
    }

    @Test
    void aSectionTooBigForEveryGapIsAnErrorNamingIt() {
        AssemblyException e =
                org.junit.jupiter.api.Assertions.assertThrows(
                        AssemblyException.class,
                        () ->
                                AsmTestSupport.build(
                                        """
                                        SECTION "a", HRAM[$FF80]
                                            ds 64
                                        SECTION "b", HRAM
                                            ds 64
                                        """));
        assertThat(e.getMessage()).contains("no room for section \"b\" (64 bytes) in HRAM");
    }

    private static int[] label(AssembledRom rom, String name) {
        for (AssembledRom.Label l : rom.labels()) {
            if (l.name().equals(name)) {
                return new int[] {l.bank(), l.address()};
            }
        }
        throw new AssertionError("no label " + name);
    }
}
