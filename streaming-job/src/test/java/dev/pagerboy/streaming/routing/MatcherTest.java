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
        assertThatThrownBy(() -> Matcher.parse("=db")).hasMessage("bad matcher format: =db");
        assertThatThrownBy(() -> Matcher.parse("team")).hasMessage("bad matcher format: team");
        assertThatThrownBy(() -> Matcher.parse("team=~\"(\""))
                .hasMessage("error parsing regexp: missing closing ): `^(?:()$`");
        assertThatThrownBy(() -> Matcher.parse("team=\"db"))
                .hasMessage("matcher value contains unescaped double quote: \"db");
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

    @Test
    void keepsTheBackslashOfAnUnknownEscapeAsAlertmanagerDoes() {
        Matcher digits = Matcher.parse("host=~\"db\\d+\"");
        assertThat(digits.value()).isEqualTo("db\\d+");
        assertThat(digits.matches(Map.of("host", "db42"))).isTrue();
        assertThat(digits.matches(Map.of("host", "dbddd"))).isFalse();
        assertThat(Matcher.parse("host=~\"a\\.b\"").matches(Map.of("host", "aXb"))).isFalse();
        assertThat(Matcher.parse("v=\"a\\\\b\\n\\\"\"").value()).isEqualTo("a\\b\n\"");
        assertThat(Matcher.parse("v=trail \\").value()).isEqualTo("trail \\");
    }

    @Test
    void splitsListsByAlertmanagersBraceAndCommaRules() {
        assertThat(Matcher.parseList("{a=\"b\"")).containsExactly(Matcher.equal("a", "b"));
        assertThat(Matcher.parseList("a=b, c:d=e,")).hasSize(2);
        assertThat(Matcher.parseList("")).isEmpty();
        assertThatThrownBy(() -> Matcher.parseList("a=\"b\",,c=\"d\""))
                .hasMessage("bad matcher format: ");
    }

    @Test
    void usesGoRegexSemantics() {
        assertThat(Matcher.regex("v", "a.b").matches(Map.of("v", "a\rb"))).isTrue();
        assertThat(Matcher.regex("v", "a.b").matches(Map.of("v", "a\u2028b"))).isTrue();
        assertThat(Matcher.regex("v", "[[:digit:]]+").matches(Map.of("v", "42"))).isTrue();
        assertThat(Matcher.regex("v", "a\\sb").matches(Map.of("v", "a\u000bb"))).isFalse();
        assertThat(Matcher.regex("v", "(?i)\u00e9t\u00e9").matches(Map.of("v", "\u00c9T\u00c9")))
                .isTrue();
        assertThat(Matcher.regex("v", "[a&&b]").matches(Map.of("v", "&"))).isTrue();
        assertThat(Matcher.regex("v", "(?P<n>a)").matches(Map.of("v", "a"))).isTrue();
        for (String unsupported : List.of("(?=a)a", "(a)\\1", "a*+", "a{1001}", "(?<n>a)")) {
            assertThatThrownBy(() -> Matcher.regex("v", unsupported))
                    .as(unsupported)
                    .hasMessageStartingWith("error parsing regexp: ");
        }
        assertThat(Matcher.regex("v", "[(?<n>]\\Q(?<\\E").matches(Map.of("v", "<(?<"))).isTrue();
    }
}
