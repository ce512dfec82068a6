package dev.pagerboy.vm.asm;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one source line into tokens using RGBDS rules: {@code $}/{@code 0x} hex, {@code %}/{@code
 * 0b} binary and {@code &}/{@code 0o} octal numbers with {@code _} separators, double-quoted
 * strings with backslash escapes, {@code ;} comments, and identifiers that may contain {@code .}
 * (local labels), {@code _}, {@code #} and {@code @}.
 */
final class Lexer {

    private static final String[] OPERATORS = {
        ">>>", "**", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "::", "+", "-", "*", "/", "%",
        "&", "|", "^", "~", "!", "<", ">", "(", ")", "[", "]", ",", ":", "="
    };

    private Lexer() {}

    static List<Token> lex(String line, SourceLocation where) throws LexException {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            int column = i + 1;
            if (c == ';') {
                break;
            }
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            boolean afterValue = !tokens.isEmpty() && tokens.get(tokens.size() - 1).isValue();
            if (c == '"') {
                StringBuilder text = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) {
                        throw new LexException(where.at(column), "unterminated string");
                    }
                    char s = line.charAt(i++);
                    if (s == '"') {
                        break;
                    }
                    if (s == '\\' && i < n) {
                        char e = line.charAt(i++);
                        switch (e) {
                            case 'n' -> text.append('\n');
                            case 't' -> text.append('\t');
                            case 'r' -> text.append('\r');
                            case '0' -> text.append('\0');
                            case '\\', '"', '\'', ',', '{', '}' -> text.append(e);
                            default ->
                                    throw new LexException(
                                            where.at(i - 1),
                                            "unknown escape '\\" + e + "' in string");
                        }
                    } else {
                        text.append(s);
                    }
                }
                tokens.add(new Token(Token.Kind.STRING, text.toString(), 0, column));
                continue;
            }
            if (c == '\'') {
                // A character literal, RGBDS 1.0: 'A' is the number 65 (the default character
                // map is ASCII), where "A" as a number is deprecated.
                int value = -1;
                if (i + 1 < n) {
                    char ch = line.charAt(i + 1);
                    int end = i + 2;
                    if (ch == '\\' && i + 2 < n) {
                        value = escaped(line.charAt(i + 2));
                        end = i + 3;
                    } else if (ch != '\'' && ch < 0x80) {
                        value = ch;
                    }
                    if (value >= 0 && end < n && line.charAt(end) == '\'') {
                        tokens.add(
                                new Token(
                                        Token.Kind.NUMBER,
                                        line.substring(i, end + 1),
                                        value,
                                        column));
                        i = end + 1;
                        continue;
                    }
                }
                throw new LexException(
                        where.at(column),
                        "a character literal is one ASCII character or escape between quotes,"
                                + " like 'A' or '\\n'");
            }
            int radix = 0;
            int start = i;
            if (c == '$' && i + 1 < n && isDigit(line.charAt(i + 1), 16)) {
                radix = 16;
                start = i + 1;
            } else if (c == '%' && !afterValue && i + 1 < n && isDigit(line.charAt(i + 1), 2)) {
                radix = 2;
                start = i + 1;
            } else if (c == '&' && !afterValue && i + 1 < n && isDigit(line.charAt(i + 1), 8)) {
                radix = 8;
                start = i + 1;
            } else if (c == '0' && i + 2 < n && "xXbBoO".indexOf(line.charAt(i + 1)) >= 0) {
                char p = Character.toLowerCase(line.charAt(i + 1));
                int r = p == 'x' ? 16 : p == 'b' ? 2 : 8;
                if (isDigit(line.charAt(i + 2), r)) {
                    radix = r;
                    start = i + 2;
                }
            } else if (Character.isDigit(c)) {
                radix = 10;
                start = i;
            }
            if (radix != 0) {
                int j = start;
                long value = 0;
                while (j < n && (isDigit(line.charAt(j), radix) || line.charAt(j) == '_')) {
                    char d = line.charAt(j++);
                    if (d != '_') {
                        value = value * radix + Character.digit(d, radix);
                        if (value > 0xFFFFFFFFL) {
                            throw new LexException(where.at(column), "number too large");
                        }
                    }
                }
                if (j < n && isIdentPart(line.charAt(j))) {
                    throw new LexException(
                            where.at(column),
                            "malformed number '" + line.substring(i, j + 1) + "'");
                }
                tokens.add(new Token(Token.Kind.NUMBER, line.substring(i, j), (int) value, column));
                i = j;
                continue;
            }
            if (isIdentStart(c)) {
                int j = i + 1;
                while (j < n && isIdentPart(line.charAt(j))) {
                    j++;
                }
                tokens.add(new Token(Token.Kind.IDENT, line.substring(i, j), 0, column));
                i = j;
                continue;
            }
            String op = null;
            for (String candidate : OPERATORS) {
                if (line.startsWith(candidate, i)) {
                    op = candidate;
                    break;
                }
            }
            if (op == null) {
                throw new LexException(where.at(column), "unexpected character '" + c + "'");
            }
            tokens.add(new Token(Token.Kind.OP, op, 0, column));
            i += op.length();
        }
        tokens.add(new Token(Token.Kind.EOL, "", 0, n + 1));
        return tokens;
    }

    private static boolean isDigit(char c, int radix) {
        return Character.digit(c, radix) >= 0 && c < 128;
    }

    /** The value of {@code \\e} in a character literal, or -1. */
    private static int escaped(char e) {
        return switch (e) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            case '0' -> 0;
            case '\\', '"', '\'' -> e;
            default -> -1;
        };
    }

    private static boolean isIdentStart(char c) {
        return Character.isLetter(c) && c < 128 || c == '_' || c == '.' || c == '@';
    }

    private static boolean isIdentPart(char c) {
        return Character.isLetterOrDigit(c) && c < 128
                || c == '_'
                || c == '.'
                || c == '#'
                || c == '@';
    }

    /** A lexical error at a known column. */
    static final class LexException extends Exception {
        final SourceLocation location;

        LexException(SourceLocation location, String message) {
            super(message);
            this.location = location;
        }
    }
}
