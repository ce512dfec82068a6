package dev.pagerboy.vm.isa;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The one SM83 mnemonic table: every base and $CB-prefixed opcode with its RGBDS mnemonic, operand
 * pattern, length and T-cycle count. The disassembler, the assembler (and its round-trip test) and
 * the trace output all read this table, so they cannot disagree about an instruction.
 *
 * <p>The table is built the way the opcode chart is laid out: the regular blocks ($40-$BF and all
 * of $CB) come from the register field in bits 0-2 and 3-5; the irregular rows are listed in chart
 * order. The eleven unused opcodes ($D3, $DB, $DD, $E3, $E4, $EB, $EC, $ED, $F4, $FC, $FD) have no
 * entry: {@link #base(int)} returns {@code null} for them.
 */
public final class Sm83Isa {

    /** The eight 8-bit register operands in encoding order (field value 6 is {@code [hl]}). */
    public static final List<String> R8 = List.of("b", "c", "d", "e", "h", "l", "[hl]", "a");

    /** 16-bit register pairs for ld/inc/dec/add (field value 3 is {@code sp}). */
    public static final List<String> R16 = List.of("bc", "de", "hl", "sp");

    /** 16-bit register pairs for push/pop (field value 3 is {@code af}). */
    public static final List<String> R16_STACK = List.of("bc", "de", "hl", "af");

    /** Branch conditions in encoding order. */
    public static final List<String> CONDITIONS = List.of("nz", "z", "nc", "c");

    private static final List<String> ALU =
            List.of("add", "adc", "sub", "sbc", "and", "xor", "or", "cp");
    private static final List<String> ROTATES =
            List.of("rlc", "rrc", "rl", "rr", "sla", "sra", "swap", "srl");
    private static final List<String> BIT_OPS = List.of("bit", "res", "set");

    private static final Opcode[] BASE = new Opcode[256];
    private static final Opcode[] PREFIXED = new Opcode[256];

    static {
        buildBase();
        buildPrefixed();
    }

    private Sm83Isa() {}

    /** The base opcode, or {@code null} if the byte is one of the eleven unused opcodes. */
    public static Opcode base(int code) {
        return BASE[code & 0xFF];
    }

    /** The $CB-prefixed opcode (all 256 exist). */
    public static Opcode prefixed(int code) {
        return PREFIXED[code & 0xFF];
    }

    /** Whether the byte is a defined base opcode. */
    public static boolean isDefined(int code) {
        return BASE[code & 0xFF] != null;
    }

    /** All defined opcodes: the 244 base ones, then the 256 prefixed ones. */
    public static List<Opcode> all() {
        List<Opcode> all = new ArrayList<>(501);
        for (Opcode op : BASE) {
            if (op != null) {
                all.add(op);
            }
        }
        Collections.addAll(all, PREFIXED);
        return all;
    }

    /**
     * The opcode at {@code pc}: reads one byte, and a second one after $CB. Returns {@code null}
     * for an unused opcode.
     */
    public static Opcode decode(ByteReader memory, int pc) {
        int code = memory.read(pc & 0xFFFF);
        return code == 0xCB ? PREFIXED[memory.read((pc + 1) & 0xFFFF)] : BASE[code];
    }

    /**
     * The instruction at {@code pc} as RGBDS source text with its operand values filled in, e.g.
     * {@code ld a, [$C010]} or {@code jr nz, $0156}. An unused opcode is written as {@code db $D3}.
     */
    public static String disassemble(ByteReader memory, int pc) {
        Opcode op = decode(memory, pc);
        if (op == null) {
            return String.format("db $%02X", memory.read(pc & 0xFFFF));
        }
        return render(op, operandValue(op, memory, pc), pc, null);
    }

    /**
     * The raw operand value of the instruction at {@code pc}: the little-endian immediate for
     * n16/[n16], the byte for n8/[a8]/e8/r8 (unsigned), or 0 when there is none.
     */
    public static int operandValue(Opcode op, ByteReader memory, int pc) {
        int immediateBytes = op.length() - (op.prefixed() ? 2 : 1);
        if (op.code() == 0x10 && !op.prefixed()) {
            return 0; // stop: the second byte is part of the encoding, not an operand
        }
        if (immediateBytes == 1) {
            return memory.read((pc + 1) & 0xFFFF);
        }
        if (immediateBytes == 2) {
            return memory.read((pc + 1) & 0xFFFF) | memory.read((pc + 2) & 0xFFFF) << 8;
        }
        return 0;
    }

    /**
     * Source text for {@code op} with its operand value. {@code labels} may name addresses (for
     * jump, call and absolute memory operands); pass {@code null} to print numbers only.
     */
    public static String render(Opcode op, int value, int pc, AddressNamer labels) {
        StringBuilder text = new StringBuilder(op.mnemonic());
        for (int i = 0; i < op.operands().size(); i++) {
            text.append(i == 0 ? " " : ", ");
            String pattern = op.operands().get(i);
            switch (pattern) {
                case "n8" -> text.append(hex8(value));
                case "n16" -> text.append(address(value, labels));
                case "[n16]" -> text.append('[').append(address(value, labels)).append(']');
                case "[a8]" -> text.append('[').append(address(0xFF00 | value, labels)).append(']');
                case "e8" -> text.append(signed((byte) value));
                case "sp+e8" ->
                        text.append((byte) value < 0 ? "sp - " : "sp + ")
                                .append(hex8(Math.abs((byte) value)));
                case "r8" -> text.append(address((pc + 2 + (byte) value) & 0xFFFF, labels));
                default -> text.append(pattern);
            }
        }
        return text.toString();
    }

    private static String address(int value, AddressNamer labels) {
        String name = labels == null ? null : labels.nameOf(value);
        return name != null ? name : String.format("$%04X", value & 0xFFFF);
    }

    private static String hex8(int value) {
        return String.format("$%02X", value & 0xFF);
    }

    private static String signed(byte value) {
        return value < 0 ? String.format("-$%02X", -value) : String.format("$%02X", (int) value);
    }

    /** Reads a byte of memory for decoding; returns 0-255. */
    @FunctionalInterface
    public interface ByteReader {
        int read(int address);
    }

    /** Gives a symbolic name to an address, or {@code null} to print it as a number. */
    @FunctionalInterface
    public interface AddressNamer {
        String nameOf(int address);
    }

    // ---- table construction, in opcode-chart order ------------------------------------------

    private static void put(int code, String text, int length, int cycles) {
        put(code, text, length, cycles, cycles);
    }

    private static void put(int code, String text, int length, int cycles, int cyclesTaken) {
        BASE[code] = parse(code, false, text, length, cycles, cyclesTaken);
    }

    private static Opcode parse(
            int code, boolean prefixed, String text, int length, int cycles, int cyclesTaken) {
        int space = text.indexOf(' ');
        String mnemonic = space < 0 ? text : text.substring(0, space);
        List<String> operands =
                space < 0 ? List.of() : List.of(text.substring(space + 1).split(", "));
        return new Opcode(code, prefixed, mnemonic, operands, length, cycles, cyclesTaken);
    }

    private static void buildBase() {
        // Rows $0x-$3x: loads, 16-bit arithmetic, rotates of A and relative jumps.
        put(0x00, "nop", 1, 4);
        put(0x10, "stop", 2, 4);
        put(0x18, "jr r8", 2, 12);
        for (int cc = 0; cc < 4; cc++) {
            put(0x20 | cc << 3, "jr " + CONDITIONS.get(cc) + ", r8", 2, 8, 12);
        }
        for (int rr = 0; rr < 4; rr++) {
            String pair = R16.get(rr);
            put(rr << 4 | 0x01, "ld " + pair + ", n16", 3, 12);
            put(rr << 4 | 0x03, "inc " + pair, 1, 8);
            put(rr << 4 | 0x09, "add hl, " + pair, 1, 8);
            put(rr << 4 | 0x0B, "dec " + pair, 1, 8);
        }
        put(0x02, "ld [bc], a", 1, 8);
        put(0x12, "ld [de], a", 1, 8);
        put(0x22, "ld [hli], a", 1, 8);
        put(0x32, "ld [hld], a", 1, 8);
        put(0x0A, "ld a, [bc]", 1, 8);
        put(0x1A, "ld a, [de]", 1, 8);
        put(0x2A, "ld a, [hli]", 1, 8);
        put(0x3A, "ld a, [hld]", 1, 8);
        put(0x08, "ld [n16], sp", 3, 20);
        for (int r = 0; r < 8; r++) {
            String reg = R8.get(r);
            boolean memory = r == 6;
            put(r << 3 | 0x04, "inc " + reg, 1, memory ? 12 : 4);
            put(r << 3 | 0x05, "dec " + reg, 1, memory ? 12 : 4);
            put(r << 3 | 0x06, "ld " + reg + ", n8", 2, memory ? 12 : 8);
        }
        String[] column7 = {"rlca", "rrca", "rla", "rra", "daa", "cpl", "scf", "ccf"};
        for (int i = 0; i < 8; i++) {
            put(i << 3 | 0x07, column7[i], 1, 4);
        }

        // Rows $4x-$7x: ld r, r' (with halt where ld [hl], [hl] would be).
        for (int dst = 0; dst < 8; dst++) {
            for (int src = 0; src < 8; src++) {
                int code = 0x40 | dst << 3 | src;
                if (code == 0x76) {
                    put(code, "halt", 1, 4);
                } else {
                    put(
                            code,
                            "ld " + R8.get(dst) + ", " + R8.get(src),
                            1,
                            dst == 6 || src == 6 ? 8 : 4);
                }
            }
        }

        // Rows $8x-$Bx: 8-bit arithmetic on A.
        for (int alu = 0; alu < 8; alu++) {
            for (int src = 0; src < 8; src++) {
                put(
                        0x80 | alu << 3 | src,
                        ALU.get(alu) + " a, " + R8.get(src),
                        1,
                        src == 6 ? 8 : 4);
            }
            put(0xC6 | alu << 3, ALU.get(alu) + " a, n8", 2, 8);
        }

        // Rows $Cx-$Fx: control flow, stack, high-page loads.
        for (int cc = 0; cc < 4; cc++) {
            String cond = CONDITIONS.get(cc);
            put(0xC0 | cc << 3, "ret " + cond, 1, 8, 20);
            put(0xC2 | cc << 3, "jp " + cond + ", n16", 3, 12, 16);
            put(0xC4 | cc << 3, "call " + cond + ", n16", 3, 12, 24);
        }
        for (int rr = 0; rr < 4; rr++) {
            put(0xC1 | rr << 4, "pop " + R16_STACK.get(rr), 1, 12);
            put(0xC5 | rr << 4, "push " + R16_STACK.get(rr), 1, 16);
        }
        for (int vector = 0; vector < 8; vector++) {
            put(0xC7 | vector << 3, String.format("rst $%02X", vector << 3), 1, 16);
        }
        put(0xC3, "jp n16", 3, 16);
        put(0xC9, "ret", 1, 16);
        put(0xCD, "call n16", 3, 24);
        put(0xD9, "reti", 1, 16);
        put(0xE0, "ldh [a8], a", 2, 12);
        put(0xF0, "ldh a, [a8]", 2, 12);
        put(0xE2, "ldh [c], a", 1, 8);
        put(0xF2, "ldh a, [c]", 1, 8);
        put(0xE8, "add sp, e8", 2, 16);
        put(0xF8, "ld hl, sp+e8", 2, 12);
        put(0xE9, "jp hl", 1, 4);
        put(0xF9, "ld sp, hl", 1, 8);
        put(0xEA, "ld [n16], a", 3, 16);
        put(0xFA, "ld a, [n16]", 3, 16);
        put(0xF3, "di", 1, 4);
        put(0xFB, "ei", 1, 4);
        // $CB is the prefix byte itself; it is described by the prefixed table.
        BASE[0xCB] = null;
    }

    private static void buildPrefixed() {
        for (int code = 0; code < 256; code++) {
            int r = code & 7;
            int y = code >> 3 & 7;
            String reg = R8.get(r);
            boolean memory = r == 6;
            String text;
            int cycles;
            if (code < 0x40) {
                text = ROTATES.get(y) + " " + reg;
                cycles = memory ? 16 : 8;
            } else {
                int op = (code >> 6) - 1;
                text = BIT_OPS.get(op) + " " + y + ", " + reg;
                cycles = memory ? (op == 0 ? 12 : 16) : 8;
            }
            PREFIXED[code] = parse(code, true, text, 2, cycles, cycles);
        }
    }

    /** Lower-cases a mnemonic or operand the way the table spells it. */
    public static String canonical(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
