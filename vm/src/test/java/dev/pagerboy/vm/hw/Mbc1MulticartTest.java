package dev.pagerboy.vm.hw;

import dev.pagerboy.vm.AsmTestRom;
import dev.pagerboy.vm.Cartridge;
import org.junit.jupiter.api.Test;

/**
 * MBC1M multicart wiring, as assembled 1 MiB test ROMs. Source: Pan Docs "MBC1", the MBC1M section:
 * the two-bit register drives ROM bank bits 4-5 (mode 1 maps game $00/$10/$20/$30 at 0000-3FFF),
 * bit 4 of the five-bit register is not connected; multicarts are recognised by a Nintendo header
 * in bank $10.
 */
class Mbc1MulticartTest {

    /**
     * Selects high2 = 1, low5 = 1 in mode 1 from HRAM, reads $0000 and $4000 (B, C), then low5 =
     * $11 and reads $4000 again (D). Marker bytes: bank $10 $A0, $11 $B1, $20 $C0, $21 $C1, $31
     * $D1.
     */
    private static String program(boolean secondGameHeader) {
        StringBuilder logo = new StringBuilder("    db ");
        byte[] bytes = Cartridge.nintendoLogo();
        for (int i = 0; i < bytes.length; i++) {
            logo.append(i == 0 ? "" : ", ").append(String.format("$%02X", bytes[i] & 0xFF));
        }
        return """
                    to_hram Probe, ProbeEnd
                    jp $FF80
                Probe:
                    ld a, 1
                    ld [$6000], a
                    ld [$4000], a
                    ld [$2000], a
                    ld a, [$0000]
                    ld b, a
                    ld a, [$4000]
                    ld c, a
                    ld a, $11
                    ld [$2000], a
                    ld a, [$4000]
                    ld d, a
                    xor a
                    ld [$6000], a
                    ld [$4000], a
                    inc a
                    ld [$2000], a
                    jp ProbeDone
                ProbeEnd:
                ProbeDone:
                    %s
                    quit_ok
                SECTION "type", ROM0[$0147]
                    db $01
                SECTION "bank 10", ROMX[$4000], BANK[$10]
                    db $A0
                %s
                SECTION "bank 11", ROMX[$4000], BANK[$11]
                    db $B1
                SECTION "bank 20", ROMX[$4000], BANK[$20]
                    db $C0
                SECTION "bank 21", ROMX[$4000], BANK[$21]
                    db $C1
                SECTION "bank 31", ROMX[$4000], BANK[$31]
                    db $D1
                """
                .formatted(
                        secondGameHeader
                                ? "expect b, $A0\n    expect c, $B1\n    expect d, $B1"
                                : "expect b, $C0\n    expect c, $C1\n    expect d, $D1",
                        secondGameHeader
                                ? "SECTION \"game 2 header\", ROMX[$4104], BANK[$10]\n" + logo
                                : "");
    }

    @Test
    void aOneMegabyteMbc1WithAHeaderInBank10IsWiredAsAMulticart() {
        AsmTestRom.assertPasses(program(true));
    }

    @Test
    void withoutTheSecondHeaderItIsAnOrdinaryMbc1() {
        AsmTestRom.assertPasses(program(false));
    }
}
