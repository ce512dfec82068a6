package dev.pagerboy.vm;

import org.junit.jupiter.api.Test;

/**
 * The DIV phase a ROM started without a boot ROM sees, as the DMG (revisions A, B, C) and MGB boot
 * ROM leave it. Sources: Pan Docs "Power Up Sequence", hardware registers (DIV = $AB on DMG/MGB);
 * Mooneye {@code acceptance/boot_div-dmgABCmgb.s} (the first read 14 M-cycles after PC = $0100
 * comes right after an increment, so the counter stands at $ABC8 when the fetch at $0100 begins).
 */
class BootStateTest {

    @Test
    void divIncrementsFourteenMCyclesAfterTheStartAndEvery64AfterThat() {
        // The entry (nop; jp Main) and Main's di; ld sp, $FFFE take 9 M-cycles. Then the reads of
        // ldh a, [DIV] land in M13 (one before the increment), M77 (one before the next) and M142
        // (right on the one after).
        AsmTestRom.assertPasses(
                """
                    nop
                    ldh a, [$04]
                    ld b, a
                    REPT 60
                    nop
                    ENDR
                    ldh a, [$04]
                    ld c, a
                    REPT 61
                    nop
                    ENDR
                    ldh a, [$04]
                    ld d, a
                    expect b, $AB
                    expect c, $AC
                    expect d, $AE
                    quit_ok
                """);
    }
}
