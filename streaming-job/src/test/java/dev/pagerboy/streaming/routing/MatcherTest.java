package dev.pagerboy.streaming.routing;

import static dev.pagerboy.streaming.routing.RoutingFixtures.labels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagerboy.streaming.records.LabelMatcher;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatcherTest {

    private static final Map<String, String> DB = labels("team", "db", "severity", "critical");

    @Test
    void fourOperators() {
        assertThat(Matcher.parse("team=\"db\"").matches(DB)).isTrue();
        assertThat(Matcher.parse("team!=\"db\"").matches(DB)).isFalse();
        assertThat(Matcher.parse("severity=~\"crit.*|page\"").matches(DB)).isTrue();
        assertThat(Matcher.parse("severity!~\"crit.*\"").matches(DB)).isFalse();
    }

    @Test
    void regexIsAnchoredLikeAlertmanager() {
        assertThat(Matcher.parse("team=~\"d\"").matches(DB)).isFalse();
        assertThat(Matcher.parse("team=~\"d.\"").matches(DB)).isTrue();
        assertThat(Matcher.parse("team=~\"db|web\"").matches(labels("team", "xdb"))).isFalse();
    }

    @Test
    void absentLabelIsTheEmptyString() {
        assertThat(Matcher.parse("env=\"\"").matches(DB)).isTrue();
        assertThat(Matcher.parse("env!=\"\"").matches(DB)).isFalse();
        assertThat(Matcher.parse("env=~\".*\"").matches(DB)).isTrue();
        assertThat(Matcher.parse("env=~\".+\"").matches(DB)).isFalse();
    }

    @Test
    void parsesBareAndQuotedValuesWithEscapes() {
        assertThat(Matcher.parse(" team = db ").value()).isEqualTo("db");
        Matcher m = Matcher.parse("msg=\"say \\\"hi\\\" \\\\ now\"");
        assertThat(m.value()).isEqualTo("say \"hi\" \\ now");
        assertThat(m.toString()).isEqualTo("msg=\"say \\\"hi\\\" \\\\ now\"");
        assertThat(Matcher.parse(m.toString())).isEqualTo(m);
    }

    @Test
    void parsesBracedLists() {
        assertThat(Matcher.parseList("{team=\"db\", path=~\"a,b\"}"))
                .containsExactly(Matcher.equal("team", "db"), Matcher.regex("path", "a,b"));
    }

    @Test
    void rejectsMalformedMatchers() {
        assertThatThrownBy(() -> Matcher.parse("=db"))
                .hasMessageContaining("expected a label name first");
        assertThatThrownBy(() -> Matcher.parse("team"))
                .hasMessageContaining("expected one of =, !=, =~, !~");
        assertThatThrownBy(() -> Matcher.parse("team=~\"(\""))
                .hasMessageStartingWith("bad regular expression \"(\"");
        assertThatThrownBy(() -> Matcher.parse("team=\"db")).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> Matcher.of(new LabelMatcher("a", "==", "b")))
                .hasMessageContaining("unknown matcher operator");
    }

    @Test
    void convertsToAndFromTheRecordForm() {
        Matcher m = Matcher.parse("severity!~\"info|debug\"");
        assertThat(m.toLabelMatcher()).isEqualTo(new LabelMatcher("severity", "!~", "info|debug"));
        assertThat(Matcher.of(m.toLabelMatcher())).isEqualTo(m);
        assertThat(Matcher.allMatch(List.of(), DB)).isTrue();
    }
}
