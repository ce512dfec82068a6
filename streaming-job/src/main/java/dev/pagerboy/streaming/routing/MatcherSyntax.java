package dev.pagerboy.streaming.routing;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses matchers written as text exactly as Alertmanager 0.25 does ({@code pkg/labels/parse.go}),
 * for {@code matchers:} in routes and inhibit rules and for silences. The rules, which are more
 * tolerant than they look:
 *
 * <ul>
 *   <li>A list may start with {@code {} and may end with {@code }}, each trimmed on its own (so
 *       {@code {a="b"} is accepted); it is split at commas outside double quotes ({@code \"} does
 *       not end a quoted part); a last part that is blank is dropped (one trailing comma is fine),
 *       every other part must be a matcher ({@code a="b",,c="d"} is rejected).
 *   <li>A matcher is {@code name op value} with optional whitespace around each token; the name is
 *       {@code [a-zA-Z_:][a-zA-Z0-9_:]*} (a colon is allowed here, unlike in alert labels); {@code
 *       op} is {@code =~}, {@code =}, {@code !=} or {@code !~}; trailing whitespace of the value is
 *       dropped.
 *   <li>The value may be double-quoted. Inside it {@code \\}, {@code \"} and {@code \n} are escapes;
 *       any other backslash is kept as it is, so {@code host=~"db\d+"} is the regex {@code db\d+}; a
 *       backslash at the very end is literal. An unescaped {@code "} may only open and close the
 *       value.
 * </ul>
 *
 * Error messages are Alertmanager's: {@code bad matcher format: …}, {@code matcher value contains
 * unescaped double quote: …}, and Go's regex errors.
 */
final class MatcherSyntax {

    /** parse.go's own expression, evaluated by the same engine (RE2) as in Alertmanager. */
    private static final Pattern MATCHER =
            Pattern.compile("^\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(=~|=|!=|!~)\\s*((?s).*?)\\s*$");

    private MatcherSyntax() {}

    /** Alertmanager's {@code ParseMatcher}. */
    static Matcher parse(String text) {
        com.google.re2j.Matcher m = MATCHER.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("bad matcher format: " + text);
        }
        String name = m.group(1);
        Matcher.Type type = Matcher.Type.ofOperator(m.group(2));
        String raw = m.group(3);
        String rawValue = raw;
        boolean expectTrailingQuote = false;
        if (rawValue.startsWith("\"")) {
            rawValue = rawValue.substring(1);
            expectTrailingQuote = true;
        }
        if (hasLoneSurrogate(rawValue)) {
            throw new IllegalArgumentException("matcher value not valid UTF-8: " + raw);
        }
        StringBuilder value = new StringBuilder(rawValue.length());
        boolean escaped = false;
        for (int i = 0; i < rawValue.length(); i++) {
            char c = rawValue.charAt(i);
            boolean last = i == rawValue.length() - 1;
            if (escaped) {
                escaped = false;
                switch (c) {
                    case 'n' -> value.append('\n');
                    case '"', '\\' -> value.append(c);
                    default -> value.append('\\').append(c);
                }
                continue;
            }
            switch (c) {
                case '\\' -> {
                    if (!last) {
                        escaped = true;
                    } else {
                        value.append('\\');
                    }
                }
                case '"' -> {
                    if (!expectTrailingQuote || !last) {
                        throw unescapedQuote(raw);
                    }
                    expectTrailingQuote = false;
                }
                default -> value.append(c);
            }
        }
        if (expectTrailingQuote) {
            throw unescapedQuote(raw);
        }
        return Matcher.of(name, type, value.toString());
    }

    /** Alertmanager's {@code ParseMatchers}: {@code {a="b", c=~"d"}} or a bare list. */
    static List<Matcher> parseList(String text) {
        String s = text.startsWith("{") ? text.substring(1) : text;
        s = s.endsWith("}") ? s.substring(0, s.length() - 1) : s;
        List<String> tokens = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        boolean insideQuotes = false;
        boolean escaped = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case ',' -> {
                    if (!insideQuotes) {
                        tokens.add(token.toString());
                        token.setLength(0);
                        continue;
                    }
                }
                case '"' -> {
                    if (!escaped) {
                        insideQuotes = !insideQuotes;
                    } else {
                        escaped = false;
                    }
                }
                case '\\' -> escaped = !escaped;
                default -> escaped = false;
            }
            token.append(c);
        }
        String last = goTrimSpace(token.toString());
        if (!last.isEmpty()) {
            tokens.add(last);
        }
        List<Matcher> out = new ArrayList<>(tokens.size());
        for (String t : tokens) {
            out.add(parse(t));
        }
        return out;
    }

    private static IllegalArgumentException unescapedQuote(String raw) {
        return new IllegalArgumentException(
                "matcher value contains unescaped double quote: " + raw);
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Go's {@code strings.TrimSpace}: Unicode white space, as {@code unicode.IsSpace} defines it.
     */
    private static String goTrimSpace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isGoSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isGoSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isGoSpace(char c) {
        return switch (c) {
            case '\t', '\n', 0x0b, '\f', '\r', ' ', 0x85, 0xa0 -> true;
            default -> c > 0xff && Character.isSpaceChar(c);
        };
    }
}
