package dev.pagerboy.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagerboy.vm.cpu.StopReason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bounded runs, their stop reasons, hooks, serial capture, direct memory access, start state. */
class RunControlTest {

    /** Prints "Hi\n" over the serial port (polling SC), then LD B,B. */
    static TestRoms serialHello() {
        return TestRoms.romOnly()
                .at(0x200, 'H', 'i', '\n', 0)
                .code(
                        0x21, 0x00, 0x02, //   ld hl, $0200
                        0x2A, //         loop: ld a, [hl+]
                        0xB7, //               or a
                        0x28, 0x0D, //         jr z, done
                        0xE0, 0x01, //         ldh [SB], a
                        0x3E, 0x81, //         ld a, $81
                        0xE0, 0x02, //         ldh [SC], a
                        0xF0, 0x02, //   wait: ldh a, [SC]
                        0x87, //               add a, a
                        0x38, 0xFB, //         jr c, wait
                        0x18, 0xEF, //         jr loop
                        0x40); //        done: ld b, b
    }

    @Test
    void startsInThePostBootRomState() {
        GameBoy gb = TestRoms.romOnly().machine();
        assertThat(RunControlTestSupport.registers(gb))
                .isEqualTo("A=01 F=B0 B=00 C=13 D=00 E=D8 H=01 L=4D SP=FFFE PC=0100");
        assertThat(gb.peek(0xFF04)).isEqualTo(0xAB);
        assertThat(gb.peek(0xFF0F)).isEqualTo(0xE1);
        assertThat(gb.peek(0xFF40)).isEqualTo(0x91);
        assertThat(gb.peek(0xFF00)).isEqualTo(0xCF);
        assertThat(gb.peek(0xFF07)).isEqualTo(0xF8);
        assertThat(gb.peek(0xFF47)).isEqualTo(0xFC);
        assertThat(gb.peek(0xFFFF)).isZero();
        assertThat(gb.cycles()).isZero();
        assertThat(gb.cpu().ime()).isFalse();
    }

    @Test
    void capturesSerialOutputAndStopsAtTheBreakpoint() {
        GameBoy gb = serialHello().machine();
        StringBuilder heard = new StringBuilder();
        gb.setSerialListener(b -> heard.append((char) b));
        gb.setBreakpointEnabled(true);
        RunResult result = gb.run(1_000_000);
        assertThat(result.reason()).isEqualTo(StopReason.BREAKPOINT);
        assertThat(gb.serialText()).isEqualTo("Hi\n");
        assertThat(heard).hasToString("Hi\n");
        assertThat(result.cycles()).as("three 8-bit transfers at 8192 Hz").isGreaterThan(3 * 3584L);
        assertThat(gb.cpu().pc()).isEqualTo(0x165);
    }

    @Test
    void theBreakpointIsAPlainNopUnlessEnabled() {
        GameBoy gb = serialHello().machine();
        RunResult result = gb.run(200_000);
        assertThat(result.reason()).isEqualTo(StopReason.CYCLE_LIMIT);
        assertThat(result.cycles()).isBetween(200_000L, 200_024L);
    }

    @Test
    void anIllegalOpcodeLocksTheCpuAndIsReportedAsAFault() {
        GameBoy gb = TestRoms.romOnly().code(0x00, 0x00, 0xDD).machine();
        RunResult result = gb.run(1_000_000);
        assertThat(result.reason()).isEqualTo(StopReason.ILLEGAL_OPCODE);
        assertThat(result.fault()).isEqualTo(new RunResult.Fault(0xDD, 0x152));
        assertThat(result.fault()).hasToString("illegal opcode 0xDD at 0x0152");
        RunResult again = gb.run(1_000_000);
        assertThat(again.reason()).isEqualTo(StopReason.ILLEGAL_OPCODE);
        assertThat(again.cycles()).isZero();
    }

    @Test
    void stopEndsTheRunBecauseNothingCanWakeTheMachine() {
        GameBoy gb = TestRoms.romOnly().code(0x10, 0x00, 0x40).machine();
        RunResult result = gb.run(1_000_000);
        assertThat(result.reason()).isEqualTo(StopReason.STOP_INSTRUCTION);
        assertThat(gb.cpu().pc()).isEqualTo(0x152);
        assertThat(gb.peek(0xFF04)).as("STOP resets DIV").isZero();
    }

    @Test
    void aWriteHookSeesEveryWriteCanDropOneAndCanStopTheRun() {
        GameBoy gb =
                TestRoms.romOnly()
                        .code(
                                0x3E, 0x11, 0xEA, 0x00, 0xC0, // ld [$C000], $11
                                0x3E, 0x22, 0xEA, 0x00, 0xD0, // ld [$D000], $22 (dropped)
                                0x3E, 0x33, 0xEA, 0x00, 0xC1, // ld [$C100], $33 (the "done" write)
                                0x18, 0xFE) //                    jr @
                        .machine();
        List<String> writes = new ArrayList<>();
        gb.setWriteHook(
                (address, value) -> {
                    writes.add(String.format("%04X=%02X", address, value));
                    if (address == 0xC100) {
                        gb.requestStop();
                    }
                    return address != 0xD000;
                });
        RunResult result = gb.run(1_000_000);
        assertThat(result.reason()).isEqualTo(StopReason.STOP_REQUESTED);
        assertThat(writes).containsExactly("C000=11", "D000=22", "C100=33");
        assertThat(gb.peek(0xC000)).isEqualTo(0x11);
        assertThat(gb.peek(0xD000)).isZero();
        assertThat(gb.cpu().pc()).as("stopped after the writing instruction").isEqualTo(0x15F);

        gb.setWriteHook(null);
        assertThat(gb.run(1000).reason())
                .as("the next run continues")
                .isEqualTo(StopReason.CYCLE_LIMIT);
    }

    @Test
    void theTraceHookSeesEveryInstructionWithItsStartCycle() {
        GameBoy gb = TestRoms.romOnly().code(0x00, 0x3E, 0x07, 0x40).machine();
        List<String> trace = new ArrayList<>();
        gb.setTraceHook((cpu, cycle) -> trace.add(String.format("%04X@%d", cpu.pc(), cycle)));
        gb.setBreakpointEnabled(true);
        gb.run(1000);
        assertThat(trace).containsExactly("0100@0", "0101@4", "0150@20", "0151@24", "0153@32");
    }

    @Test
    void stopsAtTheCycleLimitAfterTheInstructionThatCrossesIt() {
        GameBoy gb = TestRoms.romOnly().code(0x18, 0xFE).machine(); // jr @ (12 T-cycles)
        RunResult result = gb.run(100);
        assertThat(result.reason()).isEqualTo(StopReason.CYCLE_LIMIT);
        assertThat(result.cycles()).isEqualTo(104); // 4 + 16 + 7 * 12 crosses 100 at 104
        assertThat(gb.run(0).cycles()).isZero();
    }

    @Test
    void directMemoryAccessCopiesBytesInAndOutWithoutSpendingCycles() {
        GameBoy gb = TestRoms.mbc1(0x10000, 2).machine();
        gb.writeBytes(0xC000, new byte[] {1, 2, 3});
        gb.writeBytes(0xA000, new byte[] {9, 8});
        gb.poke(0xFF80, 0x42);
        assertThat(gb.readBytes(0xC000, 3)).containsExactly(1, 2, 3);
        assertThat(gb.readBytes(0xE000, 3)).as("echo").containsExactly(1, 2, 3);
        assertThat(gb.peek(0xFF80)).isEqualTo(0x42);
        assertThat(gb.peek(0x0100)).isZero();
        assertThat(gb.cycles()).isZero();
        assertThatThrownBy(() -> gb.poke(0x4000, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> gb.readBytes(0xFFF0, 0x20))
                .isInstanceOf(IllegalArgumentException.class);
        // cartridge RAM written directly is what the program sees once it enables RAM
        gb.setBreakpointEnabled(true);
        gb.restore(gb.snapshot());
        assertThat(gb.peek(0xA000)).as("RAM disabled for the CPU").isEqualTo(0xFF);
    }

    @Test
    void resetReturnsToTheStartStateWithoutForgettingHooks() {
        GameBoy gb = serialHello().machine();
        byte[] fresh = gb.snapshot();
        gb.setBreakpointEnabled(true);
        gb.run(1_000_000);
        gb.reset();
        assertThat(gb.snapshot()).isEqualTo(fresh);
        assertThat(gb.serialText()).isEmpty();
        assertThat(gb.run(1_000_000).reason()).isEqualTo(StopReason.BREAKPOINT);
    }
}
