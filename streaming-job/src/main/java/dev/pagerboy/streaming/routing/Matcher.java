package dev.pagerboy.streaming.routing;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.pagerboy.streaming.records.LabelMatcher;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A compiled label matcher with Alertmanager's semantics: {@code =}, {@code !=}, {@code =~} and
 * {@code !~}. Regular expressions are anchored at both ends, as Alertmanager does ({@code
 * ^(?:regex)$}), and a label that is absent counts as the empty string, so {@code foo=""} matches
 * alerts without {@code foo} and {@code foo!=""} requires it.
 *
 * <p>Regular expressions are Go's (RE2), through RE2/J, Google's Java port of the same engine:
 * {@code java.util.regex} differs from Go on {@code .} and line terminators, {@code \s}, {@code
 * (?i)} with non-ASCII letters, POSIX classes and {@code &&}, and accepts lookaround,
 * backreferences and possessive quantifiers that Alertmanager rejects. With RE2/J the same patterns
 * are accepted and they match the same strings.
 */
public final class Matcher implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The four matcher types, by their operator. */
    public enum Type {
        EQUAL("="),
        NOT_EQUAL("!="),
        REGEX("=~"),
        NOT_REGEX("!~");

        private final String operator;

        Type(String operator) {
            this.operator = operator;
        }

        public String operator() {
            return operator;
        }

        /** The type for an operator, or {@code null} if it is not one of the four. */
        public static Type ofOperator(String op) {
            for (Type t : values()) {
                if (t.operator.equals(op)) {
                    return t;
                }
            }
            return null;
        }
    }

    private final String name;
    private final Type type;
    private final String value;
    private final Pattern pattern;

    private Matcher(String name, Type type, String value, Pattern pattern) {
        this.name = name;
        this.type = type;
        this.value = value;
        this.pattern = pattern;
    }

    /**
     * Builds a matcher.
     *
     * @throws IllegalArgumentException with a readable message for an empty name or a bad regex
     */
    public static Matcher of(String name, Type type, String value) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("matcher label name is empty");
        }
        if (value == null) {
            throw new IllegalArgumentException("matcher value is missing");
        }
        Pattern pattern = null;
        if (type == Type.REGEX || type == Type.NOT_REGEX) {
            try {
                rejectAngleNamedGroup(value);
                pattern = Pattern.compile("^(?:" + value + ")$");
            } catch (PatternSyntaxException e) {
                // RE2/J words its errors as Go does: "error parsing regexp: ...: `...`"
                throw new IllegalArgumentException(e.getMessage());
            }
        }
        return new Matcher(name, type, value, pattern);
    }

    /**
     * RE2/J follows newer Go and accepts {@code (?<name>re)}; the Go 1.19 regexp that Alertmanager
     * 0.25 is built with knows only {@code (?P<name>re)} and rejects it. This finds {@code (?<}
     * outside escapes, {@code \Q…\E} and character classes, where it can only be such a group
     * (lookbehind is no RE2 syntax at all).
     */
    private static void rejectAngleNamedGroup(String re) {
        boolean inClass = false;
        for (int i = 0; i < re.length(); i++) {
            char c = re.charAt(i);
            if (c == '\\') {
                if (i + 1 < re.length() && re.charAt(i + 1) == 'Q') {
                    int end = re.indexOf("\\E", i + 2);
                    i = end < 0 ? re.length() : end + 1;
                } else {
                    i++;
                }
            } else if (inClass) {
                if (c == '[' && re.startsWith("[:", i)) {
                    int end = re.indexOf(":]", i + 2);
                    i = end < 0 ? i : end + 1;
                } else if (c == ']') {
                    inClass = false;
                }
            } else if (c == '[') {
                inClass = true;
                // A ']' right after '[' or '[^' is a literal member, not the end.
                if (re.startsWith("^", i + 1)) {
                    i++;
                }
                if (re.startsWith("]", i + 1)) {
                    i++;
                }
            } else if (re.startsWith("(?<", i)) {
                throw new IllegalArgumentException(
                        "error parsing regexp: invalid or unsupported Perl syntax: `(?<`");
            }
        }
    }

    public static Matcher equal(String name, String value) {
        return of(name, Type.EQUAL, value);
    }

    public static Matcher regex(String name, String value) {
        return of(name, Type.REGEX, value);
    }

    /** Compiles the data form carried by silences. */
    public static Matcher of(LabelMatcher m) {
        Type type = Type.ofOperator(m.op());
        if (type == null) {
            throw new IllegalArgumentException("unknown matcher operator \"" + m.op() + "\"");
        }
        return of(m.name(), type, m.value());
    }

    /** Parses one matcher in Alertmanager's string form; see {@link MatcherSyntax}. */
    public static Matcher parse(String text) {
        return MatcherSyntax.parse(text);
    }

    /**
     * Parses a comma-separated list of matchers, optionally in braces: {@code {a="b", c=~"d|e"}}.
     */
    public static List<Matcher> parseList(String text) {
        return MatcherSyntax.parseList(text);
    }

    /** Whether {@code labels} satisfy this matcher (absent label = empty string). */
    public boolean matches(Map<String, String> labels) {
        String v = labels.getOrDefault(name, "");
        return switch (type) {
            case EQUAL -> v.equals(value);
            case NOT_EQUAL -> !v.equals(value);
            case REGEX -> pattern.matches(v);
            case NOT_REGEX -> !pattern.matches(v);
        };
    }

    /** Whether every matcher matches (true for an empty list). */
    public static boolean allMatch(List<Matcher> matchers, Map<String, String> labels) {
        for (Matcher m : matchers) {
            if (!m.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    public String name() {
        return name;
    }

    public Type type() {
        return type;
    }

    public String value() {
        return value;
    }

    /** The data form, for records and the archive. */
    public LabelMatcher toLabelMatcher() {
        return new LabelMatcher(name, type.operator(), value);
    }

    /**
     * Alertmanager's string form, e.g. {@code severity=~"critical|page"}: the value with
     * OpenMetrics escapes ({@code \\}, {@code \"}, {@code \n}) and nothing else, as route keys show
     * it.
     */
    @Override
    public String toString() {
        return name
                + type.operator()
                + '"'
                + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
                + '"';
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Matcher other
                && name.equals(other.name)
                && type == other.type
                && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return (name.hashCode() * 31 + type.hashCode()) * 31 + value.hashCode();
    }
}
