package dev.pagerboy.streaming.records;

import java.io.Serializable;

/**
 * One label matcher as data: {@code name op value}, with {@code op} one of {@code =}, {@code !=},
 * {@code =~}, {@code !~} (Alertmanager's four matcher types). It is the serializable form carried
 * in {@link Silence} records; {@code dev.pagerboy.streaming.routing.Matcher} compiles it for
 * matching.
 *
 * @param name the label name
 * @param op {@code =}, {@code !=}, {@code =~} or {@code !~}
 * @param value the literal value, or the regular expression (unanchored as written; it is anchored
 *     when compiled)
 */
public record LabelMatcher(String name, String op, String value) implements Serializable {

    @Override
    public String toString() {
        return name + op + '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
