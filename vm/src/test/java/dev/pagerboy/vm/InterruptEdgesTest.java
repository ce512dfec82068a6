package dev.pagerboy.vm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * HALT, the HALT bug and DI at the edges, as assembled test ROMs.
 *
 * <p>Sources: Pan Docs "halt" and "halt bug" (EI; HALT returns to the HALT, HALT; RST pushes the
 * RST's own address, EI wins over RST, the byte after HALT read twice); Mooneye {@code
 * acceptance/halt_ime1_timing2-GS.s} and {@code halt_ime0_nointr_timing.s} (leaving HALT takes
 * exactly the time a run of NOPs would); Mooneye {@code acceptance/di_timing-GS.s} (DMG: DI acts at
 * once, so an interrupt that becomes pending in DI's M-cycle is not served).
 */
class InterruptEdgesTest {

    /** IE = IF = timer: an interrupt is pending from the start. */
    private static final String TIMER_PENDING =
            """
                ld a, $04
                ldh [$FF], a
                ldh [$0F], a
            """;

    @Test
    void eiThenHaltWithAnInterruptPendingReturnsToTheHalt() {
        AsmTestRom.assertPasses(
                TIMER_PENDING
                        + """
                            ei
                        HaltHere:
                            halt
                            jp Fail
                        SECTION "timer", ROM0[$50]
                        Timer:
                            pop de
                            expect d, HIGH(HaltHere)
                            expect e, LOW(HaltHere)
                            quit_ok
                        """);
    }

    @Test
    void haltBugMakesRstPushItsOwnAddress() {
        AsmTestRom.assertPasses(
                TIMER_PENDING
                        + """
                            halt
                        RstHere:
                            rst $38
                            jp Fail
                        SECTION "rst38", ROM0[$38]
                        Rst38:
                            pop de
                            expect d, HIGH(RstHere)
                            expect e, LOW(RstHere)
                            quit_ok
                        """);
    }

    @Test
    void eiBeforeABuggedHaltWinsOverTheRstAfterIt() {
        AsmTestRom.assertPasses(
                TIMER_PENDING
                        + """
                            ei
                        HaltHere:
                            halt
                            rst $38
                            jp Fail
                        SECTION "rst38", ROM0[$38]
                        Rst38:
                            jp Fail
                        SECTION "timer", ROM0[$50]
                        Timer:
                            pop de
                            expect d, HIGH(HaltHere)
                            expect e, LOW(HaltHere)
                            quit_ok
                        """);
    }

    @Test
    void haltBugReadsTheByteAfterHaltTwice() {
        AsmTestRom.assertPasses(
                TIMER_PENDING
                        + """
                            ld b, 0
                            halt
                            inc b
                            expect b, 2
                            quit_ok
                        """);
    }

    /**
     * The timer runs at 16 T-cycles per tick; a DIV write in M0 and TIMA = $FF written in M3 make
     * it overflow in M4 and request its interrupt in M5 (Pan Docs "Timer obscure behaviour"); the
     * program waits either with HALT or with NOPs, and the handler stops at the breakpoint. The two
     * must stop at the same T-cycle.
     */
    @Test
    void haltWithImeSetServesTheInterruptExactlyWhenNopsWould() {
        String start =
                """
                    ld a, $04
                    ldh [$FF], a
                    xor a
                    ldh [$05], a
                    ldh [$06], a
                    ldh [$0F], a
                    ld a, $05
                    ldh [$07], a
                    ei
                    ld a, $FF
                    ldh [$04], a
                    ldh [$05], a
                """;
        String handler =
                """
                SECTION "timer", ROM0[$50]
                Timer:
                    quit_ok
                """;
        GameBoy halted = AsmTestRom.assertPasses(start + "    halt\n    jp Fail\n" + handler);
        GameBoy spinning =
                AsmTestRom.assertPasses(
                        start + "    REPT 40\n    nop\n    ENDR\n    jp Fail\n" + handler);
        assertThat(halted.cycles()).isEqualTo(spinning.cycles());
    }

    /**
     * The same with IME = 0 (DI instead of EI, so the timer starts at the same T-cycle): HALT ends
     * without a dispatch, exactly 5 M-cycles (the dispatch) earlier than with IME = 1.
     */
    @Test
    void haltWithImeClearEndsWhenTheRequestArrives() {
        String start =
                """
                    ld a, $04
                    ldh [$FF], a
                    xor a
                    ldh [$05], a
                    ldh [$06], a
                    ldh [$0F], a
                    ld a, $05
                    ldh [$07], a
                    %s
                    ld a, $FF
                    ldh [$04], a
                    ldh [$05], a
                    halt
                """;
        GameBoy withoutDispatch = AsmTestRom.assertPasses(start.formatted("di") + "    quit_ok\n");
        GameBoy withDispatch =
                AsmTestRom.assertPasses(
                        start.formatted("ei")
                                + """
                                    jp Fail
                                SECTION "timer", ROM0[$50]
                                Timer:
                                    quit_ok
                                """);
        assertThat(withDispatch.cycles() - withoutDispatch.cycles()).isEqualTo(5 * 4);
    }

    /**
     * As above the timer requests its interrupt in M5 after the DIV write. With one NOP after the
     * TIMA write DI is fetched in M5 and wins; with two, the interrupt is served before DI.
     */
    @Test
    void diInTheMCycleTheInterruptArrivesPreventsTheDispatch() {
        String start =
                """
                    ld a, $04
                    ldh [$FF], a
                    xor a
                    ldh [$05], a
                    ldh [$06], a
                    ldh [$0F], a
                    ld a, $05
                    ldh [$07], a
                    ld b, 0
                    ei
                    ld a, $FF
                    ldh [$04], a
                    ldh [$05], a
                """;
        String handler =
                """
                    di
                    nop
                    nop
                    expect b, 0
                    ldh a, [$0F]
                    and $04
                    jp z, Fail
                    quit_ok
                SECTION "timer", ROM0[$50]
                Timer:
                    inc b
                    ld a, b
                    cp 1
                    jp nz, Fail
                    ld b, 3
                    ld c, 5
                    ld d, 8
                    ld e, 13
                    ld h, 21
                    ld l, 34
                    ld b, b
                """;
        AsmTestRom.assertPasses(start + "    nop\n" + handler);
        GameBoy served = AsmTestRom.machine(start + "    nop\n    nop\n" + handler);
        served.setBreakpointEnabled(true);
        served.run(1_000_000);
        assertThat(served.cpu().pc()).as("stopped in the handler").isBetween(0x50, 0x70);
    }
}
