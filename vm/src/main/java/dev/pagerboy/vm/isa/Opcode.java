package dev.pagerboy.vm.isa;

import java.util.List;

/**
 * One SM83 instruction form from the opcode chart: its encoding, its RGBDS mnemonic and operand
 * pattern, its length in bytes and its duration in T-cycles (4 per M-cycle).
 *
 * <p>Operand patterns are the literal RGBDS operand text, except for these placeholders, which
 * stand for the bytes that follow the opcode:
 *
 * <ul>
 *   <li>{@code n8} an 8-bit immediate, {@code n16} a 16-bit immediate;
 *   <li>{@code e8} a signed 8-bit immediate ({@code add sp, e8}, {@code ld hl, sp+e8});
 *   <li>{@code r8} the target of a relative jump ({@code jr}), written in source as an address;
 *   <li>{@code [n16]} an absolute memory operand, {@code [a8]} an {@code ldh} operand in
 *       $FF00-$FFFF.
 * </ul>
 *
 * @param code the opcode byte (for prefixed opcodes, the byte after $CB)
 * @param prefixed whether this is a $CB-prefixed opcode
 * @param mnemonic lower-case RGBDS mnemonic, e.g. {@code ld}
 * @param operands operand patterns in source order
 * @param length total length in bytes, including the $CB prefix
 * @param cycles T-cycles when a conditional branch is not taken (or always, if unconditional)
 * @param cyclesTaken T-cycles when a conditional branch is taken (equal to {@code cycles}
 *     otherwise)
 */
public record Opcode(
        int code,
        boolean prefixed,
        String mnemonic,
        List<String> operands,
        int length,
        int cycles,
        int cyclesTaken) {

    public Opcode {
        operands = List.copyOf(operands);
    }

    /** Whether the duration depends on a branch condition. */
    public boolean conditional() {
        return cycles != cyclesTaken;
    }

    /** The pattern as source text, e.g. {@code ld a, [n16]}. */
    public String pattern() {
        return operands.isEmpty() ? mnemonic : mnemonic + " " + String.join(", ", operands);
    }

    /** A name for failure messages, e.g. {@code $CB $37 swap a} or {@code $3E ld a, n8}. */
    public String describe() {
        return (prefixed ? String.format("$CB $%02X ", code) : String.format("$%02X ", code))
                + pattern();
    }

    @Override
    public String toString() {
        return describe();
    }
}
