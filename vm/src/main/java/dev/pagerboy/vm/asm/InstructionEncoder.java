package dev.pagerboy.vm.asm;

import dev.pagerboy.vm.asm.Assembler.Line;
import dev.pagerboy.vm.isa.Opcode;
import dev.pagerboy.vm.isa.Sm83Isa;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns one instruction line into bytes: classifies its operands (register, {@code [register]},
 * {@code [address]}, {@code sp+e8}, value), finds the one form in the opcode table whose pattern
 * they fit, after applying the spellings RGBDS accepts for the same instruction, and emits the
 * opcode with its operand bytes (or patches for the linker).
 */
final class InstructionEncoder {

    private static final Set<String> REGISTERS =
            Set.of(
                    "a", "b", "c", "d", "e", "h", "l", "af", "bc", "de", "hl", "sp", "nz", "z",
                    "nc");
    private static final Set<String> ALU =
            Set.of("add", "adc", "sub", "sbc", "and", "xor", "or", "cp");
    private static final Map<String, List<Opcode>> BY_MNEMONIC = new HashMap<>();

    static {
        for (Opcode op : Sm83Isa.all()) {
            BY_MNEMONIC.computeIfAbsent(op.mnemonic(), k -> new ArrayList<>()).add(op);
        }
    }

    private final Assembler assembler;

    InstructionEncoder(Assembler assembler) {
        this.assembler = assembler;
    }

    /** Whether {@code word} is an SM83 mnemonic (or one of the ldi/ldd spellings). */
    static boolean isMnemonic(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return BY_MNEMONIC.containsKey(lower) || lower.equals("ldi") || lower.equals("ldd");
    }

    private record Operand(String kind, String register, Expr expr, SourceLocation location) {}

    void instruction(List<Token> tokens, int pos, Line line) throws ExprParser.ParseException {
        Token head = tokens.get(pos);
        Section section = assembler.requireRomSection(line, head.column());
        int start = section.size();
        String mnemonic = head.text().toLowerCase(Locale.ROOT);
        List<Operand> operands = new ArrayList<>();
        int p = pos + 1;
        while (tokens.get(p).kind() != Token.Kind.EOL) {
            int end = p;
            int depth = 0;
            while (tokens.get(end).kind() != Token.Kind.EOL
                    && !(depth == 0 && tokens.get(end).is(","))) {
                if (tokens.get(end).is("(") || tokens.get(end).is("[")) {
                    depth++;
                } else if (tokens.get(end).is(")") || tokens.get(end).is("]")) {
                    depth--;
                }
                end++;
            }
            if (end == p) {
                throw new ExprParser.ParseException(
                        line.at(tokens.get(p).column()), "missing operand");
            }
            operands.add(operand(tokens, p, end, line, section, start));
            p = end;
            if (tokens.get(p).is(",")) {
                p++;
                if (tokens.get(p).kind() == Token.Kind.EOL) {
                    throw new ExprParser.ParseException(
                            line.at(tokens.get(p).column()), "missing operand after ','");
                }
            }
        }
        // Spellings RGBDS accepts for the same instruction.
        if (mnemonic.equals("ldi") || mnemonic.equals("ldd")) {
            String reg = mnemonic.equals("ldi") ? "[hli]" : "[hld]";
            mnemonic = "ld";
            for (int i = 0; i < operands.size(); i++) {
                if ("[hl]".equals(operands.get(i).register())) {
                    operands.set(i, new Operand("mem-reg", reg, null, operands.get(i).location()));
                }
            }
        }
        if (ALU.contains(mnemonic) && operands.size() == 1) {
            operands.add(0, new Operand("reg", "a", null, line.at(head.column())));
        }
        if (mnemonic.equals("ld") && operands.stream().anyMatch(o -> "[c]".equals(o.register()))) {
            mnemonic = "ldh";
        }
        if (mnemonic.equals("jp")
                && operands.size() == 1
                && "[hl]".equals(operands.get(0).register())) {
            operands.set(0, new Operand("reg", "hl", null, operands.get(0).location()));
        }
        List<Opcode> candidates = BY_MNEMONIC.getOrDefault(mnemonic, List.of());
        for (Opcode op : candidates) {
            if (op.operands().size() != operands.size()) {
                continue;
            }
            boolean matches = true;
            for (int i = 0; i < operands.size() && matches; i++) {
                matches = matches(op.operands().get(i), operands.get(i));
            }
            if (matches) {
                encode(op, operands, section);
                return;
            }
        }
        throw new ExprParser.ParseException(
                line.at(head.column()), "no form of '" + mnemonic + "' takes these operands");
    }

    private Operand operand(
            List<Token> tokens, int from, int to, Line line, Section section, int offset)
            throws ExprParser.ParseException {
        Token first = tokens.get(from);
        SourceLocation where = line.at(first.column());
        if (to - from == 1
                && first.kind() == Token.Kind.IDENT
                && REGISTERS.contains(first.text().toLowerCase(Locale.ROOT))) {
            return new Operand("reg", first.text().toLowerCase(Locale.ROOT), null, where);
        }
        if (first.is("[") && !tokens.get(to - 1).is("]")) {
            Token after = tokens.get(to);
            throw new ExprParser.ParseException(
                    line.at(after.column()),
                    "expected ']', found "
                            + (after.kind() == Token.Kind.EOL
                                    ? "end of line"
                                    : "'" + after.text() + "'"));
        }
        if (first.is("[")) {
            List<Token> inner = tokens.subList(from + 1, to - 1);
            String reg = memoryRegister(inner);
            if (reg != null) {
                return new Operand("mem-reg", reg, null, where);
            }
            return new Operand(
                    "mem",
                    null,
                    expression(tokens, from + 1, to - 1, line, section, offset),
                    where);
        }
        if (first.isIdent("sp") && (tokens.get(from + 1).is("+") || tokens.get(from + 1).is("-"))) {
            Expr e = expression(tokens, from + 2, to, line, section, offset);
            if (tokens.get(from + 1).is("-")) {
                e = new Expr.Unary("-", e, e.location());
            }
            return new Operand("sp-offset", null, e, where);
        }
        return new Operand("imm", null, expression(tokens, from, to, line, section, offset), where);
    }

    private static String memoryRegister(List<Token> inner) {
        if (inner.size() == 1 && inner.get(0).kind() == Token.Kind.IDENT) {
            String r = inner.get(0).text().toLowerCase(Locale.ROOT);
            return Set.of("hl", "bc", "de", "c", "hli", "hld").contains(r) ? "[" + r + "]" : null;
        }
        if (inner.size() == 2
                && inner.get(0).isIdent("hl")
                && (inner.get(1).is("+") || inner.get(1).is("-"))) {
            return inner.get(1).is("+") ? "[hli]" : "[hld]";
        }
        if (inner.size() == 3
                && inner.get(0).kind() == Token.Kind.NUMBER
                && inner.get(0).number() == 0xFF00
                && inner.get(1).is("+")
                && inner.get(2).isIdent("c")) {
            return "[c]";
        }
        return null;
    }

    private Expr expression(
            List<Token> tokens, int from, int to, Line line, Section section, int offset)
            throws ExprParser.ParseException {
        List<Token> slice = new ArrayList<>(tokens.subList(from, to));
        slice.add(
                new Token(Token.Kind.EOL, "", 0, to < tokens.size() ? tokens.get(to).column() : 1));
        ExprParser parser =
                new ExprParser(slice, 0, line.at(1), assembler::fullName, section, offset);
        Expr e = parser.parse();
        Assembler.requireEnd(parser.peek(), line);
        return e;
    }

    private boolean matches(String pattern, Operand operand) throws ExprParser.ParseException {
        switch (pattern) {
            case "n8", "n16", "e8", "r8" -> {
                return operand.kind().equals("imm");
            }
            case "[n16]", "[a8]" -> {
                return operand.kind().equals("mem");
            }
            case "sp+e8" -> {
                return operand.kind().equals("sp-offset");
            }
            default -> {}
        }
        if (pattern.startsWith("[")) {
            return pattern.equals(operand.register());
        }
        char c = pattern.charAt(0);
        if (Character.isDigit(c) || c == '$') {
            if (!operand.kind().equals("imm")) {
                return false;
            }
            int wanted =
                    c == '$'
                            ? Integer.parseInt(pattern.substring(1), 16)
                            : Integer.parseInt(pattern);
            return assembler.constant(operand.expr(), "this operand") == wanted;
        }
        return operand.kind().equals("reg") && pattern.equals(operand.register());
    }

    private void encode(Opcode op, List<Operand> operands, Section section)
            throws ExprParser.ParseException {
        if (op.prefixed()) {
            section.emit(0xCB);
        }
        section.emit(op.code());
        if (op.code() == 0x10 && !op.prefixed()) {
            section.emit(0x00); // stop is two bytes on the SM83
            return;
        }
        for (int i = 0; i < operands.size(); i++) {
            Section.Patch.Kind kind =
                    switch (op.operands().get(i)) {
                        case "n8" -> Section.Patch.Kind.BYTE;
                        case "n16", "[n16]" -> Section.Patch.Kind.WORD;
                        case "e8", "sp+e8" -> Section.Patch.Kind.SIGNED_BYTE;
                        case "r8" -> Section.Patch.Kind.RELATIVE;
                        case "[a8]" -> Section.Patch.Kind.HIGH_PAGE;
                        default -> null;
                    };
            if (kind != null) {
                assembler.value(section, operands.get(i).expr(), kind);
            }
        }
    }
}
