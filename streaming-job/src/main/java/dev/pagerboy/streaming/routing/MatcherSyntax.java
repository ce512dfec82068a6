package dev.pagerboy.streaming.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Parses matchers written as text, the way Alertmanager's configuration {@code matchers:} list and
 * its silence API accept them: {@code name op value} where {@code op} is {@code =}, {@code !=},
 * {@code =~} or {@code !~} and the value is either double-quoted (with {@code \"}, {@code \\} and
 * {@code \n} escapes) or bare. A list may also be written in braces, comma separated: {@code
 * {team="db", severity=~"critical|page"}}.
 */
final class MatcherSyntax {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private MatcherSyntax() {}

    static Matcher parse(String text) {
        String s = text.strip();
        int i = 0;
        while (i < s.length() && isNameChar(s.charAt(i))) {
            i++;
        }
        String name = s.substring(0, i);
        if (name.isEmpty()) {
            throw new IllegalArgumentException(
                    "bad matcher \"" + text + "\": expected a label name first");
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "bad matcher \"" + text + "\": invalid label name \"" + name + "\"");
        }
        String rest = s.substring(i).stripLeading();
        Matcher.Type type;
        if (rest.startsWith("=~")) {
            type = Matcher.Type.REGEX;
        } else if (rest.startsWith("!~")) {
            type = Matcher.Type.NOT_REGEX;
        } else if (rest.startsWith("!=")) {
            type = Matcher.Type.NOT_EQUAL;
        } else if (rest.startsWith("=")) {
            type = Matcher.Type.EQUAL;
        } else {
            throw new IllegalArgumentException(
                    "bad matcher \""
                            + text
                            + "\": expected one of =, !=, =~, !~ after \""
                            + name
                            + "\"");
        }
        String raw = rest.substring(type.operator().length()).strip();
        return Matcher.of(name, type, unquote(raw, text));
    }

    /** Parses {@code {a="b", c=~"d"}} or a bare comma-separated list. */
    static List<Matcher> parseList(String text) {
        String s = text.strip();
        if (s.startsWith("{")) {
            if (!s.endsWith("}")) {
                throw new IllegalArgumentException("bad matchers \"" + text + "\": missing }");
            }
            s = s.substring(1, s.length() - 1);
        }
        List<Matcher> out = new ArrayList<>();
        for (String part : splitOutsideQuotes(s)) {
            if (!part.isBlank()) {
                out.add(parse(part));
            }
        }
        return out;
    }

    private static boolean isNameChar(char c) {
        return c == '_' || Character.isLetterOrDigit(c) && c < 128;
    }

    private static String unquote(String raw, String text) {
        if (!raw.startsWith("\"")) {
            if (raw.contains("\"")) {
                throw new IllegalArgumentException(
                        "bad matcher \"" + text + "\": stray quote in value");
            }
            return raw;
        }
        if (raw.length() < 2
                || !raw.endsWith("\"")
                || raw.endsWith("\\\"") && !raw.endsWith("\\\\\"")) {
            throw new IllegalArgumentException(
                    "bad matcher \"" + text + "\": unterminated quoted value");
        }
        String body = raw.substring(1, raw.length() - 1);
        StringBuilder out = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                char next = body.charAt(++i);
                out.append(next == 'n' ? '\n' : next);
            } else if (c == '"') {
                throw new IllegalArgumentException(
                        "bad matcher \"" + text + "\": unescaped quote inside value");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static List<String> splitOutsideQuotes(String s) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && quoted && i + 1 < s.length()) {
                cur.append(c).append(s.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        parts.add(cur.toString());
        return parts;
    }
}
