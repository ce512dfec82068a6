package dev.pagerboy.streaming.routing;

import dev.pagerboy.streaming.records.LabelMatcher;
import dev.pagerboy.streaming.records.Silence;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link Silence} with its matchers compiled, ready to test alerts against. As in Alertmanager, a
 * silence mutes an alert when every matcher matches its labels and the time lies in {@code
 * [startsAt, endsAt)}.
 */
public final class SilenceRule implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Silence silence;
    private final List<Matcher> matchers;

    private SilenceRule(Silence silence, List<Matcher> matchers) {
        this.silence = silence;
        this.matchers = matchers;
    }

    /**
     * Compiles {@code silence}.
     *
     * @throws IllegalArgumentException for a bad operator or regex (parsers validate before)
     */
    public static SilenceRule of(Silence silence) {
        List<Matcher> compiled = new ArrayList<>();
        for (LabelMatcher m : silence.matchers()) {
            compiled.add(Matcher.of(m));
        }
        return new SilenceRule(silence, List.copyOf(compiled));
    }

    /** Whether this silence mutes an alert with {@code labels} at event time {@code time}. */
    public boolean matches(Map<String, String> labels, long time) {
        return time >= silence.startsAt()
                && time < silence.endsAt()
                && Matcher.allMatch(matchers, labels);
    }

    public Silence silence() {
        return silence;
    }

    public List<Matcher> matchers() {
        return matchers;
    }
}
