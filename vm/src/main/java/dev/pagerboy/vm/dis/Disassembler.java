package dev.pagerboy.vm.dis;

import dev.pagerboy.vm.isa.Opcode;
import dev.pagerboy.vm.isa.Sm83Isa;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a ROM image back into RGBDS source that reassembles to the same bytes. Code is found by
 * following control flow from the entry points (the $0100 entry, the restart and interrupt vectors,
 * a PagerBoy handler's entry and any labels from a {@code .sym} file); everything else is written
 * as {@code db}/{@code ds} data. Jump and call targets get labels, named from the {@code .sym} file
 * when there is one.
 */
public final class Disassembler {

    private static final int BANK_SIZE = 0x4000;

    /** The cartridge entry point. Restart vectors are followed when an rst uses them. */
    private static final int ENTRY = 0x0100;

    private final byte[] rom;
    private final boolean[] codeStart;
    private final boolean[] covered;
    private final Map<Integer, String> names = new HashMap<>();

    /** A label from a {@code .sym} file: bank, address and name. */
    public record SymLabel(int bank, int address, String name) {}

    private Disassembler(byte[] rom) {
        this.rom = rom;
        this.codeStart = new boolean[rom.length];
        this.covered = new boolean[rom.length];
    }

    /**
     * Disassembles {@code rom}. {@code extraEntries} are further code addresses in bank 0 or 1
     * (e.g. a handler's entry point); {@code labels} may be empty.
     */
    public static String disassemble(
            byte[] rom, String title, List<Integer> extraEntries, List<SymLabel> labels) {
        Disassembler d = new Disassembler(rom);
        for (SymLabel l : labels) {
            int offset = d.offsetOf(l.bank(), l.address());
            if (offset >= 0 && offset < rom.length && isIdentifier(l.name())) {
                d.names.putIfAbsent(offset, l.name());
            }
        }
        d.trace(ENTRY);
        for (int e : extraEntries) {
            d.trace(e);
        }
        return d.write(title);
    }

    private static boolean isIdentifier(String name) {
        return name.matches("[A-Za-z_][A-Za-z0-9_.#@]*");
    }

    private int offsetOf(int bank, int address) {
        if (address < BANK_SIZE) {
            return bank == 0 ? address : -1;
        }
        if (address < 2 * BANK_SIZE) {
            return Math.max(bank, 1) * BANK_SIZE + address - BANK_SIZE;
        }
        return -1;
    }

    /** Follows control flow from a CPU address; banked addresses are followed only in bank 1. */
    private void trace(int entry) {
        Deque<Integer> work = new ArrayDeque<>();
        work.push(entry);
        while (!work.isEmpty()) {
            int pc = work.pop();
            while (true) {
                if (pc < 0
                        || pc >= 2 * BANK_SIZE
                        || pc >= rom.length
                        || codeStart[pc]
                        || covered[pc]) {
                    break;
                }
                Opcode op = Sm83Isa.decode(a -> a < rom.length ? rom[a] & 0xFF : 0, pc);
                if (op == null || (pc % BANK_SIZE) + op.length() > BANK_SIZE) {
                    break;
                }
                if (op.code() == 0x10
                        && !op.prefixed()
                        && (pc + 1 >= rom.length || rom[pc + 1] != 0)) {
                    break; // stop with a non-zero second byte would not reassemble to the same
                    // bytes
                }
                if (op.operands().contains("r8")) {
                    int raw = pc + 2 + (byte) rom[pc + 1];
                    if (raw < 0 || raw > 0xFFFF) {
                        break; // jumps around the top of memory: RGBDS cannot express it as jr
                    }
                }
                boolean free = true;
                for (int i = 0; i < op.length(); i++) {
                    free &= !covered[pc + i];
                }
                if (!free) {
                    break;
                }
                codeStart[pc] = true;
                for (int i = 0; i < op.length(); i++) {
                    covered[pc + i] = true;
                }
                int value = Sm83Isa.operandValue(op, a -> rom[a] & 0xFF, pc);
                String m = op.mnemonic();
                boolean jumps = m.equals("jp") || m.equals("call") || m.equals("jr");
                boolean toAddress = op.operands().contains("n16") || op.operands().contains("r8");
                if (jumps && toAddress) {
                    int target =
                            op.operands().contains("r8") ? (pc + 2 + (byte) value) & 0xFFFF : value;
                    work.push(target);
                    names.putIfAbsent(target, label(target));
                }
                if (m.equals("rst")) {
                    work.push(op.code() & 0x38);
                    names.putIfAbsent(op.code() & 0x38, label(op.code() & 0x38));
                }
                boolean conditional =
                        op.operands().size() == 2 || m.equals("call") || m.equals("rst");
                boolean ends =
                        m.equals("jp") || m.equals("jr") || m.equals("ret") || m.equals("reti");
                if (ends && !(conditional || (m.equals("ret") && op.operands().size() == 1))) {
                    break;
                }
                pc += op.length();
            }
        }
    }

    private static String label(int address) {
        return String.format("L%04X", address);
    }

    private String write(String title) {
        StringBuilder out = new StringBuilder();
        out.append("; Disassembled by pagerboy vm dis from ")
                .append(title)
                .append(" (")
                .append(rom.length)
                .append(" bytes).\n");
        out.append("; Reassembles to the same bytes with: ./pagerboy vm asm FILE.asm -o FILE.gb\n");
        int banks = rom.length / BANK_SIZE;
        for (int bank = 0; bank < banks; bank++) {
            out.append('\n');
            if (bank == 0) {
                out.append("SECTION \"ROM Bank $000\", ROM0[$0000]\n");
            } else {
                out.append(
                        String.format(
                                "SECTION \"ROM Bank $%03X\", ROMX[$4000], BANK[$%03X]%n",
                                bank, bank));
            }
            int start = bank * BANK_SIZE;
            int end = start + BANK_SIZE;
            int offset = start;
            while (offset < end) {
                String name = names.get(offset);
                int cpuAddress = bank == 0 ? offset : BANK_SIZE + offset - start;
                if (name != null) {
                    out.append(name).append(":\n");
                }
                if (codeStart[offset]) {
                    int pc = cpuAddress;
                    int base = start - (bank == 0 ? 0 : BANK_SIZE);
                    Opcode op = Sm83Isa.decode(a -> rom[base + a] & 0xFF, pc);
                    int value = Sm83Isa.operandValue(op, a -> rom[base + a] & 0xFF, pc);
                    String text =
                            Sm83Isa.render(op, value, pc, bank <= 1 ? this::nameForOperand : null);
                    out.append(String.format("    %-28s ; $%04X%n", text, cpuAddress));
                    offset += op.length();
                } else {
                    offset = data(out, offset, end, cpuAddress);
                }
            }
        }
        return out.toString();
    }

    /** Names only targets that are labelled lines in this listing (bank 0, or bank 1 at $4000+). */
    private String nameForOperand(int address) {
        if (address >= 2 * BANK_SIZE || address >= rom.length) {
            return null;
        }
        if (covered[address] && !codeStart[address]) {
            return null; // inside an instruction: no line starts there, so no label can
        }
        return names.get(address);
    }

    private int data(StringBuilder out, int offset, int end, int cpuAddress) {
        int run = 1;
        while (offset + run < end
                && rom[offset + run] == rom[offset]
                && !codeStart[offset + run]
                && !names.containsKey(offset + run)) {
            run++;
        }
        if (run >= 16) {
            out.append(
                    String.format(
                            "    ds %d, $%02X%s; $%04X%n",
                            run,
                            rom[offset] & 0xFF,
                            " ".repeat(Math.max(1, 21 - String.valueOf(run).length())),
                            cpuAddress));
            return offset + run;
        }
        StringBuilder line = new StringBuilder("    db ");
        int count = 0;
        int o = offset;
        while (o < end && count < 8 && !codeStart[o] && (count == 0 || !names.containsKey(o))) {
            if (count > 0 && sameRunAhead(o, end)) {
                break;
            }
            line.append(count == 0 ? "" : ", ").append(String.format("$%02X", rom[o] & 0xFF));
            count++;
            o++;
        }
        out.append(String.format("%-32s ; $%04X%n", line, cpuAddress));
        return o;
    }

    private boolean sameRunAhead(int offset, int end) {
        for (int i = 1; i < 16; i++) {
            if (offset + i >= end
                    || rom[offset + i] != rom[offset]
                    || codeStart[offset + i]
                    || names.containsKey(offset + i)) {
                return false;
            }
        }
        return true;
    }
}
