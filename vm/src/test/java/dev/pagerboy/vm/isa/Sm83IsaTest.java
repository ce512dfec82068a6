package dev.pagerboy.vm.isa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class Sm83IsaTest {

    @Test
    void hasEveryDefinedOpcodeAndNoUnusedOne() {
        Set<Integer> unused =
                Set.of(0xCB, 0xD3, 0xDB, 0xDD, 0xE3, 0xE4, 0xEB, 0xEC, 0xED, 0xF4, 0xFC, 0xFD);
        for (int code = 0; code < 256; code++) {
            assertThat(Sm83Isa.isDefined(code)).as("$%02X", code).isEqualTo(!unused.contains(code));
            assertThat(Sm83Isa.prefixed(code)).isNotNull();
        }
        assertThat(Sm83Isa.all()).hasSize(244 + 256);
    }

    @Test
    void patternsAreUniqueSoTheAssemblerCanLookThemUp() {
        Set<String> seen = new HashSet<>();
        for (Opcode op : Sm83Isa.all()) {
            assertThat(seen.add(op.pattern())).as(op.describe()).isTrue();
        }
    }

    @Test
    void spotChecksAgainstTheOpcodeChart() {
        assertThat(Sm83Isa.base(0x3E).pattern()).isEqualTo("ld a, n8");
        assertThat(Sm83Isa.base(0x76).pattern()).isEqualTo("halt");
        assertThat(Sm83Isa.base(0x36).cycles()).isEqualTo(12);
        assertThat(Sm83Isa.base(0xC4).cycles()).isEqualTo(12);
        assertThat(Sm83Isa.base(0xC4).cyclesTaken()).isEqualTo(24);
        assertThat(Sm83Isa.base(0xC0).cyclesTaken()).isEqualTo(20);
        assertThat(Sm83Isa.base(0x08).length()).isEqualTo(3);
        assertThat(Sm83Isa.base(0x08).cycles()).isEqualTo(20);
        assertThat(Sm83Isa.base(0x10).length()).isEqualTo(2);
        assertThat(Sm83Isa.base(0xFF).pattern()).isEqualTo("rst $38");
        assertThat(Sm83Isa.prefixed(0x37).describe()).isEqualTo("$CB $37 swap a");
        assertThat(Sm83Isa.prefixed(0x46).cycles()).isEqualTo(12);
        assertThat(Sm83Isa.prefixed(0xC6).cycles()).isEqualTo(16);
        assertThat(Sm83Isa.prefixed(0x7F).pattern()).isEqualTo("bit 7, a");
    }

    @Test
    void rendersOperandValues() {
        byte[] mem = {
            (byte) 0xFA,
            0x10,
            (byte) 0xC0,
            0x20,
            (byte) 0xFE,
            (byte) 0xF8,
            (byte) 0xFF,
            (byte) 0xE0,
            0x44,
            (byte) 0xD3
        };
        Sm83Isa.ByteReader reader = a -> a < mem.length ? mem[a] & 0xFF : 0;
        assertThat(Sm83Isa.disassemble(reader, 0)).isEqualTo("ld a, [$C010]");
        assertThat(Sm83Isa.disassemble(reader, 3)).isEqualTo("jr nz, $0003");
        assertThat(Sm83Isa.disassemble(reader, 5)).isEqualTo("ld hl, sp - $01");
        assertThat(Sm83Isa.disassemble(reader, 7)).isEqualTo("ldh [$FF44], a");
        assertThat(Sm83Isa.disassemble(reader, 9)).isEqualTo("db $D3");
    }
}
