package dev.pagerboy.vm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.vm.asm.AsmOptions;
import dev.pagerboy.vm.asm.AssemblyException;
import dev.pagerboy.vm.asm.Rgbds;
import dev.pagerboy.vm.cpu.Cpu;
import dev.pagerboy.vm.cpu.StopReason;
import java.nio.file.Path;

/**
 * Hardware tests written as small ROMs in assembly, built by the project's own assembler, in the
 * convention of the public test suites (Mooneye): the program ends at {@code LD B,B} with B, C, D,
 * E, H, L = 3, 5, 8, 13, 21, 34 when every check passed. A check that fails jumps to {@code Fail},
 * which stops at the breakpoint with the registers as they were, so the failure message shows what
 * the program saw.
 *
 * <p>The source is the body of {@code Main} at $0150 (entered with interrupts off and SP = $FFFE);
 * it may open other sections after it. Macros available: {@code quit_ok}, {@code expect REG, VALUE}
 * ({@code ld a, REG} then compare), {@code wait_dma} (longer than any OAM DMA), {@code to_hram
 * START, END} (copies the code between two labels to $FF80; it must jump only with {@code jr}
 * inside itself).
 */
public final class AsmTestRom {

    private static final String PRELUDE =
            """
            MACRO quit_ok
                ld b, 3
                ld c, 5
                ld d, 8
                ld e, 13
                ld h, 21
                ld l, 34
                ld b, b
                jr @
            ENDM
            MACRO expect
                ld a, \\1
                cp \\2
                jp nz, Fail
            ENDM
            MACRO wait_dma
                push af
                ld a, 42
            .w\\@
                dec a
                jr nz, .w\\@
                pop af
            ENDM
            MACRO to_hram
                ld hl, $FF80
                ld de, \\1
                ld c, \\2 - \\1
            .c\\@
                ld a, [de]
                ld [hl+], a
                inc de
                dec c
                jr nz, .c\\@
            ENDM
            SECTION "entry", ROM0[$100]
                nop
                jp Main
            SECTION "fail", ROM0[$4000 - 16]
            Fail::
                ld b, b
                jr @
            SECTION "main", ROM0[$150]
            Main::
                di
                ld sp, $FFFE
            """;

    private AsmTestRom() {}

    /** Assembles {@code body} after the prelude into a machine at PC = $0100. */
    public static GameBoy machine(String body) {
        try {
            byte[] rom =
                    Rgbds.buildText("test.asm", PRELUDE + body, Path.of("."), AsmOptions.defaults())
                            .rom();
            return new GameBoy(Cartridge.fromBytes(rom));
        } catch (AssemblyException | InvalidRomException e) {
            throw new AssertionError("test ROM does not build: " + e.getMessage(), e);
        }
    }

    /** Runs {@code body} to its breakpoint and asserts the Mooneye success registers. */
    public static GameBoy assertPasses(String body) {
        GameBoy gb = machine(body);
        gb.setBreakpointEnabled(true);
        RunResult result = gb.run(20_000_000);
        Cpu cpu = gb.cpu();
        String state =
                String.format(
                        "A=%02X F=%02X B=%02X C=%02X D=%02X E=%02X H=%02X L=%02X SP=%04X PC=%04X",
                        cpu.a(), cpu.f(), cpu.b(), cpu.c(), cpu.d(), cpu.e(), cpu.h(), cpu.l(),
                        cpu.sp(), cpu.pc());
        assertThat(result.reason()).as("stop reason; " + state).isEqualTo(StopReason.BREAKPOINT);
        assertThat(new int[] {cpu.b(), cpu.c(), cpu.d(), cpu.e(), cpu.h(), cpu.l()})
                .as("B C D E H L at the breakpoint (3 5 8 13 21 34 = passed); " + state)
                .containsExactly(3, 5, 8, 13, 21, 34);
        return gb;
    }
}
