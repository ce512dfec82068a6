package dev.pagerboy.streaming.routing;

import dev.pagerboy.streaming.records.LabelMatcher;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A compiled label matcher with Alertmanager's semantics: {@code =}, {@code !=}, {@code =~} and
 * {@code !~}. Regular expressions are anchored at both ends, as Alertmanager does ({@code
 * ^(?:regex)$}), and a label that is absent counts as the empty string, so {@code foo=""} matches
 * alerts without {@code foo} and {@code foo!=""} requires it.
 *
 * <p>Java's regex dialect is used; for the expressions routing configs use (alternation, classes,
 * {@code .*}) it agrees with Go's RE2.
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
                pattern = Pattern.compile("^(?:" + value + ")$");
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(
                        "bad regular expression \"" + value + "\": " + e.getDescription());
            }
        }
        return new Matcher(name, type, value, pattern);
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
            case REGEX -> pattern.matcher(v).matches();
            case NOT_REGEX -> !pattern.matcher(v).matches();
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

    /** Alertmanager's string form, e.g. {@code severity=~"critical|page"}. */
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
