package dev.pagerboy.vm.dis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.vm.asm.AsmOptions;
import dev.pagerboy.vm.asm.AssembledRom;
import dev.pagerboy.vm.asm.Rgbds;
import dev.pagerboy.vm.isa.Opcode;
import dev.pagerboy.vm.isa.Sm83Isa;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DisassemblerRoundTripTest {

    /** Every opcode of the table written in source, assembled, and checked byte by byte. */
    @Test
    void everyOpcodeAssemblesToItsEncodingAndRoundTrips() throws Exception {
        StringBuilder src =
                new StringBuilder("SECTION \"entry\", ROM0[$0100]\n    nop\n    jp Everything\n");
        src.append("SECTION \"all\", ROM0[$0150]\nEverything:\n");
        StringBuilder expected = new StringBuilder();
        int pc = 0x0150;
        for (Opcode op : Sm83Isa.all()) {
            String text =
                    op.pattern()
                            .replace("[n16]", "[$C123]")
                            .replace("[a8]", "[$FF47]")
                            .replace("sp+e8", "sp + 5")
                            .replace("n16", "$1234")
                            .replace("n8", "$42")
                            .replace("e8", "-3")
                            .replace("r8", String.format("$%04X", pc));
            src.append("    ").append(text).append('\n');
            pc += op.length();
        }
        AssembledRom first =
                Rgbds.buildText("all.asm", src.toString(), Path.of("."), AsmOptions.defaults());
        // Check the encodings straight from the table: opcode bytes, then the operand bytes.
        int at = 0x0150;
        List<Integer> starts = new java.util.ArrayList<>();
        for (Opcode op : Sm83Isa.all()) {
            byte[] rom = first.rom();
            if (op.prefixed()) {
                assertThat(rom[at] & 0xFF).as(op.describe()).isEqualTo(0xCB);
                assertThat(rom[at + 1] & 0xFF).as(op.describe()).isEqualTo(op.code());
            } else {
                assertThat(rom[at] & 0xFF).as(op.describe()).isEqualTo(op.code());
            }
            starts.add(at);
            at += op.length();
        }
        // Control flow alone would stop at the first jp; name every instruction as an entry.
        String listing = Disassembler.disassemble(first.rom(), "all.gb", starts, List.of());
        AssembledRom second =
                Rgbds.buildText("all.dis.asm", listing, Path.of("."), AsmOptions.defaults());
        assertThat(second.rom()).isEqualTo(first.rom());
        assertThat(listing)
                .contains("ld a, [$C123]")
                .contains("ldh [$FF47], a")
                .contains("ld hl, sp + $05")
                .contains("add sp, -$03");
    }

    @Test
    void usesSymbolNamesAndKeepsDataAsData() throws Exception {
        String src =
                """
                SECTION "entry", ROM0[$0100]
                    nop
                    jp Main
                SECTION "main", ROM0[$0150]
                Main:
                    ld hl, Table
                .loop:
                    ld a, [hli]
                    and a
                    jr nz, .loop
                    ret
                Table:
                    db $D3, $DB, 1, 2, 0
                    ds 40, $FF
                """;
        AssembledRom rom = Rgbds.buildText("t.asm", src, Path.of("."), AsmOptions.defaults());
        List<Disassembler.SymLabel> labels =
                rom.labels().stream()
                        .map(l -> new Disassembler.SymLabel(l.bank(), l.address(), l.name()))
                        .toList();
        String listing = Disassembler.disassemble(rom.rom(), "t.gb", List.of(), labels);
        assertThat(listing)
                .contains("Main.loop:")
                .contains("jr nz, Main.loop")
                .contains("jp Main")
                .contains("db $D3, $DB, $01, $02, $00")
                .contains("ds 40, $FF");
        assertThat(Rgbds.buildText("t2.asm", listing, Path.of("."), AsmOptions.defaults()).rom())
                .isEqualTo(rom.rom());
    }

    @Test
    void banksBeyondTheFirstTwoRoundTrip() throws Exception {
        String src =
                """
                SECTION "entry", ROM0[$0100]
                    nop
                    jp Main
                SECTION "main", ROM0[$0150]
                Main:
                    ld a, BANK(Far)
                    ld [$2000], a
                    call Far
                    jr Main
                SECTION "far", ROMX[$4000], BANK[3]
                Far:
                    ld a, 7
                    ret
                """;
        AssembledRom rom = Rgbds.buildText("banks.asm", src, Path.of("."), AsmOptions.defaults());
        assertThat(rom.rom()).hasSize(4 * 0x4000);
        List<Disassembler.SymLabel> labels =
                rom.labels().stream()
                        .map(l -> new Disassembler.SymLabel(l.bank(), l.address(), l.name()))
                        .toList();
        String listing = Disassembler.disassemble(rom.rom(), "banks.gb", List.of(), labels);
        assertThat(listing)
                .contains("SECTION \"ROM Bank $003\", ROMX[$4000], BANK[$003]")
                .contains("Far:");
        assertThat(
                        Rgbds.buildText(
                                        "banks.dis.asm",
                                        listing,
                                        Path.of("."),
                                        AsmOptions.defaults())
                                .rom())
                .isEqualTo(rom.rom());
    }

    /** Random bytes are the hardest listing: code and data interleaved anywhere. */
    @Test
    void randomRomsRoundTrip() throws Exception {
        java.util.Random random = new java.util.Random(7);
        for (int seed = 0; seed < 3; seed++) {
            byte[] rom = new byte[0x8000];
            random.nextBytes(rom);
            rom[0x0147] = 0; // ROM only, as the assembler leaves it
            dev.pagerboy.vm.asm.RomHeader.fix(rom, null, null);
            String listing =
                    Disassembler.disassemble(
                            rom, "random.gb", List.of(0x0150, 0x2000, 0x4000), List.of());
            assertThat(
                            Rgbds.buildText(
                                            "random.asm",
                                            listing,
                                            Path.of("."),
                                            AsmOptions.defaults())
                                    .rom())
                    .isEqualTo(rom);
        }
    }
}
