package dev.pagerboy.vm.cpu;

import dev.pagerboy.vm.AsmTestRom;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The M-cycle of each memory access inside an instruction, observed the way the Mooneye timing
 * tests observe it ({@code acceptance/call_timing.s}, {@code call_cc_timing.s}, {@code
 * jp_timing.s}, {@code jp_cc_timing.s}, {@code ret_timing.s}, {@code ret_cc_timing.s}, {@code
 * reti_timing.s}, {@code pop_timing.s}, {@code push_timing.s}, {@code rst_timing.s}, {@code
 * add_sp_e_timing.s}, {@code ld_hl_sp_e_timing.s}): an OAM DMA from VRAM runs, the instruction runs
 * from echo RAM, and the one access under test touches OAM ($FE00/$FE01). In the DMA's last M-cycle
 * (M161 after the FF46 write) a read gives $FF and a write is lost; one M-cycle later the read
 * gives the byte the DMA copied and the write lands.
 *
 * <p>A routine in HRAM writes FF46 (M0), waits until M153, runs {@code nops} NOPs and {@code jp
 * hl}; the instruction's opcode fetch is then M155 + nops, so its access number {@code j} (0 = the
 * fetch, as in SM83_ACCESS.md) lands in M161 with {@code nops = 6 - j}.
 */
class AccessTimingRomTest {

    /**
     * One instruction under test.
     *
     * @param name what is tested
     * @param address where the instruction runs (echo RAM, $FD00-$FDFF)
     * @param bytes its bytes, the ones that lie in OAM left out (they come from VRAM via the DMA)
     * @param vram VRAM $8000.. (copied to OAM by the DMA)
     * @param setup register set-up before the probe (runs after the HRAM copy)
     * @param access the access number under test (0 = opcode fetch)
     * @param whenLost checks when the access falls in the DMA's last M-cycle
     * @param whenSeen checks when it falls in the M-cycle after
     */
    record Case(
            String name,
            int address,
            int[] bytes,
            String vram,
            String setup,
            int access,
            String whenLost,
            String whenSeen) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Landing sites of a jump whose high byte was read from OAM: $FFA0 if $FF, $D0A0 if $D0. */
    private static final String LANDINGS =
            """
                ld a, $16
                ld [$FFA0], a
                ld [$D0A0], a
                ld a, 1
                ld [$FFA1], a
                ld a, 2
                ld [$D0A1], a
                ld a, $C3
                ld [$FFA2], a
                ld [$D0A2], a
                ld a, LOW(Check)
                ld [$FFA3], a
                ld [$D0A3], a
                ld a, HIGH(Check)
                ld [$FFA4], a
                ld [$D0A4], a
            """;

    private static final String HIGH_BYTE_D0 = "db $D0\n";
    private static final String JP_CHECK = "db $C3, LOW(Check), HIGH(Check)\n";

    static Stream<Arguments> cases() {
        List<Case> cases = new ArrayList<>();
        String landedOnFf = "    expect d, 1\n";
        String landedOnD0 = "    expect d, 2\n";
        for (String[] jump :
                new String[][] {
                    {"call nn", "CD"}, {"call z, nn", "CC"}, {"jp nn", "C3"}, {"jp z, nn", "CA"}
                }) {
            cases.add(
                    new Case(
                            jump[0] + ": operand high byte in M3",
                            0xFDFE,
                            new int[] {Integer.parseInt(jump[1], 16), 0xA0},
                            HIGH_BYTE_D0,
                            LANDINGS,
                            2,
                            landedOnFf,
                            landedOnD0));
        }
        String returnFromFdff = LANDINGS + "    ld a, $A0\n    ld [$DDFF], a\n    ld sp, $FDFF\n";
        cases.add(
                new Case(
                        "ret: high byte pop in M3",
                        0xFD00,
                        new int[] {0xC9},
                        HIGH_BYTE_D0,
                        returnFromFdff,
                        2,
                        landedOnFf,
                        landedOnD0));
        cases.add(
                new Case(
                        "reti: high byte pop in M3",
                        0xFD00,
                        new int[] {0xD9},
                        HIGH_BYTE_D0,
                        returnFromFdff,
                        2,
                        landedOnFf,
                        landedOnD0));
        cases.add(
                new Case(
                        "ret z: high byte pop in M4",
                        0xFD00,
                        new int[] {0xC8},
                        HIGH_BYTE_D0,
                        returnFromFdff,
                        3,
                        landedOnFf,
                        landedOnD0));
        cases.add(
                new Case(
                        "pop bc: high byte in M3",
                        0xFD00,
                        new int[] {0xC1, 0xC3, 0x00, 0x00},
                        HIGH_BYTE_D0,
                        "    ld a, $A0\n    ld [$DDFF], a\n    ld sp, $FDFF\n"
                                + patchJpCheck(0xDD01),
                        2,
                        "    expect b, $FF\n    expect c, $A0\n",
                        "    expect b, $D0\n    expect c, $A0\n"));
        cases.add(
                new Case(
                        "ld hl, sp+e: operand in M2",
                        0xFDFF,
                        new int[] {0xF8},
                        HIGH_BYTE_D0 + JP_CHECK,
                        "    ld sp, $C100\n",
                        1,
                        "    expect h, $C0\n    expect l, $FF\n",
                        "    expect h, $C0\n    expect l, $D0\n"));
        cases.add(
                new Case(
                        "add sp, e: operand in M2",
                        0xFDFF,
                        new int[] {0xE8},
                        HIGH_BYTE_D0 + "db $08, $00, $C0\n" + JP_CHECK,
                        "    ld sp, $C100\n",
                        1,
                        "    expect [$C001], $C0\n    expect [$C000], $FF\n",
                        "    expect [$C001], $C0\n    expect [$C000], $D0\n"));
        String stackInOam = "    ld sp, $FE02\n    ld bc, $1234\n";
        String bothLost = "    expect [$FE01], $EE\n    expect [$FE00], $D0\n";
        cases.add(
                new Case(
                        "push bc: second write (low byte) in M4",
                        0xFD00,
                        new int[] {0xC5, 0xC3, 0x00, 0x00},
                        "db $D0, $EE\n",
                        stackInOam + patchJpCheck(0xDD01),
                        3,
                        bothLost,
                        "    expect [$FE01], $EE\n    expect [$FE00], $34\n"));
        cases.add(
                new Case(
                        "rst: second write (low byte) in M4",
                        0xFD00,
                        new int[] {0xFF},
                        "db $D0, $EE\n",
                        stackInOam,
                        3,
                        bothLost,
                        "    expect [$FE01], $EE\n    expect [$FE00], $01\n"));
        cases.add(
                new Case(
                        "call nn: second write (low byte) in M6",
                        0xFD00,
                        new int[] {0xCD, 0x00, 0x00},
                        "db $D0, $EE\n",
                        stackInOam
                                + "    ld a, LOW(Check)\n    ld [$DD01], a\n"
                                + "    ld a, HIGH(Check)\n    ld [$DD02], a\n",
                        5,
                        bothLost,
                        "    expect [$FE01], $EE\n    expect [$FE00], $03\n"));
        return cases.stream()
                .flatMap(c -> Stream.of(Arguments.of(c, true), Arguments.of(c, false)));
    }

    private static String patchJpCheck(int wram) {
        return String.format(
                "    ld a, LOW(Check)\n    ld [$%04X], a\n    ld a, HIGH(Check)\n    ld [$%04X], a\n",
                wram + 1, wram + 2);
    }

    @ParameterizedTest(name = "{0}, in the DMA''s last M-cycle: {1}")
    @MethodSource("cases")
    void theAccessHappensInItsMCycle(Case c, boolean inLastDmaCycle) {
        int nops = (inLastDmaCycle ? 6 : 7) - c.access();
        StringBuilder src = new StringBuilder();
        src.append("    ld hl, $8000\n    ld de, Vram\n    ld c, VramEnd - Vram\n");
        src.append(".vram\n    ld a, [de]\n    ld [hl+], a\n    inc de\n    dec c\n");
        src.append("    jr nz, .vram\n");
        int wram = c.address() - 0x2000;
        for (int i = 0; i < c.bytes().length; i++) {
            src.append(
                    String.format("    ld a, $%02X\n    ld [$%04X], a\n", c.bytes()[i], wram + i));
        }
        src.append("    to_hram Probe, ProbeEnd\n");
        src.append(c.setup());
        src.append(String.format("    ld hl, $%04X\n    ld a, $80\n    jp $FF80\n", c.address()));
        src.append("Probe:\n    ldh [$46], a\n    ld a, 38\n.wait\n    dec a\n    jr nz, .wait\n");
        src.append("    nop\n".repeat(nops));
        src.append("    jp hl\nProbeEnd:\n");
        src.append("Vram:\n    ").append(c.vram()).append("VramEnd:\n");
        src.append("Check:\n    ld sp, $FFFE\n    wait_dma\n");
        src.append(inLastDmaCycle ? c.whenLost() : c.whenSeen());
        src.append("    quit_ok\n");
        src.append("SECTION \"rst38\", ROM0[$38]\n    jp Check\n");
        AsmTestRom.assertPasses(src.toString());
    }
}
