package dev.pagerboy.vm.hw;

import dev.pagerboy.vm.AsmTestRom;
import org.junit.jupiter.api.Test;

/**
 * The timer's edge cases, as assembled test ROMs. Sources: Pan Docs "Timer obscure behaviour" (TIMA
 * counts falling edges of the selected counter bit ANDed with the enable, so DIV and TAC writes can
 * tick it; after an overflow TIMA reads $00 for one M-cycle, then TMA is loaded and the interrupt
 * requested; a TIMA write in that M-cycle cancels both, a TIMA write in the reload M-cycle is
 * ignored and a TMA write there also reaches TIMA); Mooneye {@code acceptance/timer/div_write.s},
 * {@code rapid_toggle.s}, {@code tima_reload.s}, {@code tima_write_reloading.s}, {@code
 * tma_write_reloading.s}.
 *
 * <p>Each program resets DIV in M-cycle W (the counter is then 0) and works out the rest from the
 * counter: with TAC = $05 the selected bit 3 falls every 16 T-cycles, with TAC = $04 bit 9 is high
 * for counter values 512-1023.
 */
class TimerEdgesTest {

    /**
     * TIMA = 0, IF = 0, TMA = $10, TAC = {@code tac}, HL = TIMA, then DIV reset: the counter is 0.
     */
    private static String start(String tac) {
        return """
                    xor a
                    ldh [$05], a
                    ldh [$0F], a
                    ld a, $10
                    ldh [$06], a
                    ld a, %s
                    ldh [$07], a
                    ld hl, $FF05
                    ldh [$04], a
                """
                .formatted(tac);
    }

    @Test
    void aDivWriteWhileTheSelectedBitIsHighTicksTima() {
        // Bit 9 is high from counter 512 on; 150 NOPs bring the counter to about 600.
        AsmTestRom.assertPasses(
                start("$04")
                        + """
                            REPT 150
                            nop
                            ENDR
                            ldh [$04], a
                            ldh a, [$05]
                            ld b, a
                            REPT 50
                            nop
                            ENDR
                            ldh [$04], a
                            ldh a, [$05]
                            ld c, a
                            expect b, 1
                            expect c, 1
                            quit_ok
                        """);
    }

    @Test
    void disablingOrSwitchingTheTimerWhileTheBitIsHighTicksTima() {
        // At counter ~600 bit 9 is high: TAC $04 -> $00 ticks, $00 -> $04 does not, three times.
        AsmTestRom.assertPasses(
                start("$04")
                        + """
                            REPT 150
                            nop
                            ENDR
                            ld hl, $FF07
                            ld b, $00
                            ld c, $04
                            ld [hl], b
                            ld [hl], c
                            ld [hl], b
                            ld [hl], c
                            ld [hl], b
                            ldh a, [$05]
                            expect a, 3
                            quit_ok
                        """);
    }

    /**
     * TIMA = $FE is written at counter 20; bit 3 falls at 32 (TIMA $FF) and at 48, the overflow
     * M-cycle (TIMA reads $00); the M-cycle after it (counter 52) reloads TMA and requests the
     * interrupt; the next edge is at 64. HL points at TIMA, so {@code ld a, [hl]} reads it in its
     * second M-cycle.
     */
    private static String overflowAt48(String between) {
        return start("$05")
                + """
                    ld a, $FE
                    ldh [$05], a
                """
                + between;
    }

    @Test
    void timaReadsZeroInTheOverflowMCycleThenTma() {
        AsmTestRom.assertPasses(
                overflowAt48(
                        """
                            REPT 5
                            nop
                            ENDR
                            ld a, [hl]
                            ld b, a
                            ld a, [hl]
                            ld c, a
                            ldh a, [$0F]
                            and $04
                            ld d, a
                            expect b, $00
                            expect c, $10
                            expect d, $04
                            quit_ok
                        """));
    }

    @Test
    void aTimaWriteInTheOverflowMCycleCancelsTheReloadAndTheInterrupt() {
        AsmTestRom.assertPasses(
                overflowAt48(
                        """
                            ld a, $33
                            REPT 3
                            nop
                            ENDR
                            ld [hl], a
                            ld a, [hl]
                            ld b, a
                            ldh a, [$0F]
                            and $04
                            ld c, a
                            expect b, $33
                            expect c, 0
                            quit_ok
                        """));
    }

    @Test
    void aTimaWriteInTheReloadMCycleIsIgnored() {
        AsmTestRom.assertPasses(
                overflowAt48(
                        """
                            ld a, $33
                            REPT 4
                            nop
                            ENDR
                            ld [hl], a
                            ld a, [hl]
                            ld b, a
                            ldh a, [$0F]
                            and $04
                            ld c, a
                            expect b, $10
                            expect c, $04
                            quit_ok
                        """));
    }

    @Test
    void aTmaWriteInTheReloadMCycleAlsoLoadsTima() {
        AsmTestRom.assertPasses(
                overflowAt48(
                        """
                            ld a, $44
                            REPT 3
                            nop
                            ENDR
                            ldh [$06], a
                            ld a, [hl]
                            ld b, a
                            expect b, $44
                            quit_ok
                        """));
    }
}
