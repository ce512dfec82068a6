package dev.pagerboy.alerts;

/**
 * The two ways Go treats strings that Alertmanager's output depends on and Java does differently:
 * Go orders strings by their UTF-8 bytes ({@link String#compareTo} orders UTF-16 units, which puts
 * characters beyond U+FFFF before U+E000–U+FFFF), and Go's {@code %q} ({@code strconv.Quote})
 * escapes every rune that is not printable. Group keys and route keys are built with both, and must
 * be byte-identical to Alertmanager's.
 */
public final class GoText {

    private GoText() {}

    /** Go's {@code a < b} for strings: UTF-8 byte order, which is code point order. */
    public static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /**
     * Go's {@code strconv.Quote(s)}: double quotes; {@code \a \b \f \n \r \t \v \\ \"}; other
     * non-printable runes as {@code \x} and two hex digits (below U+0080), a backslash, {@code u}
     * and four hex digits, or {@code \U} and eight. A lone surrogate, which UTF-8 cannot carry, is
     * written as Go writes invalid input: U+FFFD.
     */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isSurrogate((char) c) && c <= 0xffff) {
                c = 0xfffd;
            }
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case 0x07 -> b.append("\\a");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case 0x0b -> b.append("\\v");
                default -> {
                    if (isPrint(c)) {
                        b.appendCodePoint(c);
                    } else if (c < 0x80) {
                        b.append(String.format("\\x%02x", c));
                    } else if (c <= 0xffff) {
                        b.append(String.format("\\u%04x", c));
                    } else {
                        b.append(String.format("\\U%08x", c));
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /**
     * Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols (categories L, M,
     * N, P, S) and the ASCII space. Java 17 and the Go 1.19 that built Alertmanager 0.25 both use
     * Unicode 13.
     */
    static boolean isPrint(int c) {
        if (c == ' ') {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.UPPERCASE_LETTER,
                    Character.LOWERCASE_LETTER,
                    Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER,
                    Character.OTHER_LETTER,
                    Character.NON_SPACING_MARK,
                    Character.ENCLOSING_MARK,
                    Character.COMBINING_SPACING_MARK,
                    Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER,
                    Character.OTHER_NUMBER,
                    Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION,
                    Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION,
                    Character.MATH_SYMBOL,
                    Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL,
                    Character.OTHER_SYMBOL ->
                    true;
            default -> false;
        };
    }
}
