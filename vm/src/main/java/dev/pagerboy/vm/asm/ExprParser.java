package dev.pagerboy.vm.asm;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses expressions from a token list with RGBDS operator precedence (highest first): unary {@code
 * + - ~ !}; {@code **}; {@code * / %}; {@code << >> >>>}; {@code & | ^}; {@code + -}; comparisons;
 * {@code && ||}.
 */
final class ExprParser {

    private static final List<Set<String>> LEVELS =
            List.of(
                    Set.of("&&", "||"),
                    Set.of("==", "!=", "<", ">", "<=", ">="),
                    Set.of("+", "-"),
                    Set.of("&", "|", "^"),
                    Set.of("<<", ">>", ">>>"),
                    Set.of("*", "/", "%"));

    private final List<Token> tokens;
    private final SourceLocation line;
    private final ScopeNamer namer;
    private final Section here;
    private final int hereOffset;
    int pos;

    /** Turns a label as written ({@code .loop}) into its full name ({@code Main.loop}). */
    interface ScopeNamer {
        String fullName(String name, SourceLocation where) throws ParseException;
    }

    ExprParser(
            List<Token> tokens,
            int pos,
            SourceLocation line,
            ScopeNamer namer,
            Section here,
            int hereOffset) {
        this.tokens = tokens;
        this.pos = pos;
        this.line = line;
        this.namer = namer;
        this.here = here;
        this.hereOffset = hereOffset;
    }

    Token peek() {
        return tokens.get(pos);
    }

    Expr parse() throws ParseException {
        return level(0);
    }

    private Expr level(int level) throws ParseException {
        if (level == LEVELS.size()) {
            return power();
        }
        Expr left = level(level + 1);
        while (peek().kind() == Token.Kind.OP && LEVELS.get(level).contains(peek().text())) {
            Token op = tokens.get(pos++);
            Expr right = level(level + 1);
            left = new Expr.Binary(op.text(), left, right, line.at(op.column()));
        }
        return left;
    }

    private Expr power() throws ParseException {
        Expr base = unary();
        if (peek().is("**")) {
            Token op = tokens.get(pos++);
            return new Expr.Binary("**", base, power(), line.at(op.column()));
        }
        return base;
    }

    private Expr unary() throws ParseException {
        Token t = peek();
        if (t.is("-") || t.is("+") || t.is("~") || t.is("!")) {
            pos++;
            return new Expr.Unary(t.text(), unary(), line.at(t.column()));
        }
        return primary();
    }

    private Expr primary() throws ParseException {
        Token t = tokens.get(pos);
        SourceLocation where = line.at(t.column());
        switch (t.kind()) {
            case NUMBER -> {
                pos++;
                return new Expr.Num(t.number(), where);
            }
            case STRING -> {
                pos++;
                byte[] bytes = t.text().getBytes(StandardCharsets.UTF_8);
                if (bytes.length != 1) {
                    throw new ParseException(
                            where, "a string in an expression must be one character");
                }
                return new Expr.Num(bytes[0] & 0xFF, where);
            }
            case IDENT -> {
                pos++;
                String upper = t.text().toUpperCase(Locale.ROOT);
                if (upper.equals("STRLEN") && peek().is("(")) {
                    pos++;
                    Token text = tokens.get(pos);
                    if (text.kind() != Token.Kind.STRING) {
                        throw new ParseException(line.at(text.column()), "STRLEN() needs a string");
                    }
                    pos++;
                    expect(")");
                    return new Expr.Num(text.text().getBytes(StandardCharsets.UTF_8).length, where);
                }
                if (peek().is("(") && Set.of("HIGH", "LOW", "DEF", "BANK").contains(upper)) {
                    pos++;
                    Expr result;
                    if (upper.equals("DEF") || upper.equals("BANK")) {
                        Token name = tokens.get(pos);
                        if (name.kind() != Token.Kind.IDENT) {
                            throw new ParseException(
                                    line.at(name.column()), upper + "() needs a symbol name");
                        }
                        pos++;
                        result =
                                new Expr.Call(
                                        upper, null, namer.fullName(name.text(), where), where);
                    } else {
                        result = new Expr.Call(upper, parse(), null, where);
                    }
                    expect(")");
                    return result;
                }
                if (t.text().equals("@")) {
                    if (here == null) {
                        throw new ParseException(where, "'@' is only valid inside a section");
                    }
                    return new Expr.Here(here, hereOffset, where);
                }
                return new Expr.Sym(namer.fullName(t.text(), where), where);
            }
            case OP -> {
                if (t.is("(")) {
                    pos++;
                    Expr inner = parse();
                    expect(")");
                    return inner;
                }
                throw new ParseException(where, "expected an expression, found '" + t.text() + "'");
            }
            default -> throw new ParseException(where, "expected an expression, found end of line");
        }
    }

    void expect(String op) throws ParseException {
        Token t = peek();
        if (!t.is(op)) {
            throw new ParseException(
                    line.at(t.column()),
                    "expected '"
                            + op
                            + "', found "
                            + (t.kind() == Token.Kind.EOL ? "end of line" : "'" + t.text() + "'"));
        }
        pos++;
    }

    /** A syntax error at a known column. */
    static final class ParseException extends Exception {
        final SourceLocation location;

        ParseException(SourceLocation location, String message) {
            super(message, null, false, false);
            this.location = location;
        }
    }
}
