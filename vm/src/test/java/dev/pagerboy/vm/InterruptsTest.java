package dev.pagerboy.vm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.vm.cpu.StopReason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * IME, EI delay, priority, dispatch timing, the IE-push case and HALT, as hand-encoded programs.
 */
class InterruptsTest {

    private static final int RETI = 0xD9;

    private static RunResult runToBreakpoint(GameBoy gb) {
        gb.setBreakpointEnabled(true);
        RunResult result = gb.run(1_000_000);
        assertThat(result.reason()).isEqualTo(StopReason.BREAKPOINT);
        return result;
    }

    @Test
    void servesTheHighestPriorityRequestFirst() {
        GameBoy gb =
                TestRoms.romOnly()
                        .at(0x40, 0x36, 0x40, 0x23, RETI) // VBlank: ld [hl], $40; inc hl; reti
                        .at(0x50, 0x36, 0x50, 0x23, RETI) // timer:  ld [hl], $50; inc hl; reti
                        .at(0x48, 0x36, 0x48, 0x23, RETI) // STAT
                        .code(
                                0x3E, 0x1F, 0xE0, 0xFF, // ld a, $1F; ldh [IE], a
                                0x3E, 0x07, 0xE0,
                                0x0F, // ld a, $07; ldh [IF], a  (VBlank, STAT, timer)
                                0x21, 0x00, 0xC0, //       ld hl, $C000
                                0xFB, 0x00, //             ei; nop
                                0x40) //                   ld b, b
                        .machine();
        runToBreakpoint(gb);
        assertThat(gb.readBytes(0xC000, 3)).containsExactly(0x40, 0x48, 0x50);
    }

    @Test
    void eiTakesEffectAfterTheFollowingInstruction() {
        TestRoms rom =
                TestRoms.romOnly()
                        .at(0x40, 0x78, 0xEA, 0x00, 0xC0, RETI) // ld a, b; ld [$C000], a; reti
                        .code(
                                0x3E, 0x01, 0xE0, 0xFF, 0xE0, 0x0F, // IE = IF = VBlank
                                0x3E, 0xEE, 0xEA, 0x00, 0xC0, // ld [$C000], $EE (not served marker)
                                0xFB, //             ei
                                0x04, //             inc b   (runs before the interrupt)
                                0x04, //             inc b   (runs after it)
                                0x40);
        GameBoy gb = rom.machine();
        runToBreakpoint(gb);
        assertThat(gb.peek(0xC000)).isEqualTo(1);
        assertThat(gb.cpu().b()).isEqualTo(2);
    }

    @Test
    void diRightAfterEiServesNothing() {
        GameBoy gb =
                TestRoms.romOnly()
                        .at(0x40, 0x3E, 0x99, 0xEA, 0x00, 0xC0, RETI)
                        .code(0x3E, 0x01, 0xE0, 0xFF, 0xE0, 0x0F, 0xFB, 0xF3, 0x00, 0x00, 0x40)
                        .machine();
        runToBreakpoint(gb);
        assertThat(gb.peek(0xC000)).isZero();
        assertThat(gb.cpu().ime()).isFalse();
        assertThat(gb.peek(0xFF0F) & 1).as("still requested").isEqualTo(1);
    }

    @Test
    void dispatchTakesFiveMCyclesAndAcknowledgesTheRequest() {
        GameBoy gb =
                TestRoms.romOnly()
                        .at(0x40, 0x40) // ld b, b in the handler
                        .code(0x3E, 0x01, 0xE0, 0xFF, 0xE0, 0x0F, 0xFB, 0x00, 0x00)
                        .machine();
        List<long[]> trace = new ArrayList<>();
        gb.setTraceHook((cpu, cycle) -> trace.add(new long[] {cpu.pc(), cycle}));
        runToBreakpoint(gb);
        long[] nop = trace.get(trace.size() - 2);
        long[] handler = trace.get(trace.size() - 1);
        assertThat(nop[0]).isEqualTo(0x157);
        assertThat(handler[0]).isEqualTo(0x40);
        assertThat(handler[1] - nop[1]).as("NOP, then 5 M-cycles of dispatch").isEqualTo(4 + 20);
        assertThat(gb.peek(0xFF0F) & 1).isZero();
        assertThat(gb.cpu().sp()).isEqualTo(0xFFFC);
        assertThat(gb.readBytes(0xFFFC, 2)).containsExactly(0x58, 0x01); // return address 0x0158
    }

    @Test
    void pushingTheHighByteOntoIeCancelsTheDispatchAndJumpsToZero() {
        GameBoy gb =
                TestRoms.romOnly()
                        .at(0x0000, 0x40) // ld b, b: where a cancelled dispatch lands
                        .at(0x0040, 0xDD) // the VBlank handler must not run
                        .at(0x0200, 0x31, 0x00, 0x00, 0xFB, 0x00) // ld sp, 0; ei; nop
                        .code(0x3E, 0x01, 0xE0, 0xFF, 0xE0, 0x0F, 0xC3, 0x00, 0x02)
                        .machine();
        runToBreakpoint(gb);
        assertThat(gb.cpu().pc()).isEqualTo(0x0001);
        assertThat(gb.peek(0xFFFF)).as("IE now holds the pushed high byte").isEqualTo(0x02);
        assertThat(gb.peek(0xFF0F) & 1).as("not acknowledged").isEqualTo(1);
    }

    @Test
    void haltBugExecutesTheNextByteTwiceWhenImeIsOffAndAnInterruptIsPending() {
        GameBoy gb =
                TestRoms.romOnly()
                        .code(
                                0x3E, 0x01, 0xE0, 0xFF, 0xE0, 0x0F, // IE = IF = VBlank, IME off
                                0xAF, //  xor a
                                0x76, //  halt
                                0x3C, //  inc a
                                0x40)
                        .machine();
        runToBreakpoint(gb);
        assertThat(gb.cpu().a()).isEqualTo(2);
    }

    @Test
    void haltWithImeOffWakesOnARequestAndContinuesWithoutDispatch() {
        GameBoy gb =
                TestRoms.romOnly()
                        .at(0x50, 0xDD) // must not be served
                        .code(
                                0x3E, 0x04, 0xE0, 0xFF, //       IE = timer
                                0xAF, 0xE0, 0x0F, //             IF = 0
                                0x3E, 0x05, 0xE0, 0x07, //       TAC = enabled, 16 T-cycles per tick
                                0x76, //                         halt
                                0x3C, //                         inc a
                                0x40)
                        .machine();
        RunResult result = runToBreakpoint(gb);
        assertThat(gb.cpu().a()).isEqualTo(6); // 5 from TAC, + 1
        assertThat(gb.peek(0xFF0F) & 4).isEqualTo(4);
        assertThat(result.cycles())
                .as("about 256 timer ticks of 16 T-cycles")
                .isBetween(4000L, 4300L);
    }

    @Test
    void haltWithNothingEnabledSleepsUntilTheBudgetEnds() {
        GameBoy gb = TestRoms.romOnly().code(0xAF, 0xE0, 0xFF, 0x76, 0x40).machine();
        gb.setBreakpointEnabled(true);
        RunResult result = gb.run(10_000_000);
        assertThat(result.reason()).isEqualTo(StopReason.CYCLE_LIMIT);
        assertThat(gb.cpu().halted()).isTrue();
        assertThat(result.instructions()).as("nop, jp, xor, ldh, halt").isEqualTo(5);
    }

    @Test
    void timerAndVBlankInterruptsArriveAtTheirRates() {
        GameBoy gb =
                TestRoms.romOnly()
                        .at(0x40, 0x0C, RETI) // VBlank: inc c
                        .at(0x50, 0x04, RETI) // timer: inc b
                        .code(
                                0x3E, 0x05, 0xE0, 0xFF, //  IE = VBlank | timer
                                0xAF, 0xE0, 0x0F, //        IF = 0
                                0x47, 0x4F, //              ld b, a; ld c, a
                                0x3E, 0x04, 0xE0, 0x07, //  TAC = enabled, 4096 Hz (1024 T per tick)
                                0xFB, //                    ei
                                0x76, 0x18, 0xFD) //        loop: halt; jr loop
                        .machine();
        gb.run(70224L * 10);
        assertThat(gb.cpu().c()).as("10 frames: 10 VBlanks").isEqualTo(10);
        // 70224 * 10 / (256 * 1024) = 2.68 overflows
        assertThat(gb.cpu().b()).isEqualTo(2);
    }
}
