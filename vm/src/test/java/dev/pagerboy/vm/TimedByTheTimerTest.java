package dev.pagerboy.vm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.vm.cpu.StopReason;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Instruction timing measured the way Blargg's instr_timing ROM measures it: by the program itself,
 * with the timer. The program clears DIV and TIMA at 262144 Hz (one tick per 16 T-cycles), runs a
 * body of instructions, then reads TIMA. DIV is cleared at counter 0, TIMA written 12 T-cycles
 * later and read 12 T-cycles after the body, so TIMA = (24 + body T-cycles) / 16.
 */
class TimedByTheTimerTest {

    static Stream<Arguments> bodies() {
        return Stream.of(
                Arguments.of("16 x NOP", repeat(16, 0x00), 16 * 4),
                Arguments.of("16 x LD A,[HL]", repeat(16, 0x7E), 16 * 8),
                Arguments.of("8 x JR +0", repeat(8, 0x18, 0x00), 8 * 12),
                Arguments.of("4 x PUSH BC; POP BC", repeat(4, 0xC5, 0xC1), 4 * (16 + 12)),
                Arguments.of("6 x INC [HL]", repeat(6, 0x34), 6 * 12),
                Arguments.of("4 x LD [$C010],SP", repeat(4, 0x08, 0x10, 0xC0), 4 * 20),
                Arguments.of("5 x RES 0,[HL]", repeat(5, 0xCB, 0x86), 5 * 16));
    }

    private static int[] repeat(int times, int... bytes) {
        return IntStream.range(0, times * bytes.length).map(i -> bytes[i % bytes.length]).toArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void theTimerSeesTheInstructionsTakeTheirCycles(String name, int[] body, int bodyCycles) {
        // With 0-3 extra NOPs in front, the four readings pin the body's length to the M-cycle.
        for (int nops = 0; nops < 4; nops++) {
            int[] code =
                    Stream.of(PROLOGUE, new int[nops], body, EPILOGUE)
                            .flatMapToInt(IntStream::of)
                            .toArray();
            GameBoy gb = TestRoms.romOnly().code(code).machine();
            gb.setBreakpointEnabled(true);
            assertThat(gb.run(100_000).reason()).isEqualTo(StopReason.BREAKPOINT);
            assertThat(gb.cpu().a())
                    .as("%s after %d NOPs", name, nops)
                    .isEqualTo((24 + 4 * nops + bodyCycles) / 16);
        }
    }

    private static final int[] PROLOGUE = {
        0x21,
        0x00,
        0xC0, // ld hl, $C000
        0x3E,
        0x05,
        0xE0,
        0x07, // ld a, 5; ldh [TAC], a
        0xAF,
        0xE0,
        0x04, // xor a; ldh [DIV], a
        0xE0,
        0x05 // ldh [TIMA], a
    };
    private static final int[] EPILOGUE = {0xF0, 0x05, 0x40}; // ldh a, [TIMA]; ld b, b
}
