package dev.pagerboy.streaming.ingest;

import static dev.pagerboy.streaming.ingest.AlertParserTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.records.LabelMatcher;
import dev.pagerboy.streaming.records.RawInput;
import dev.pagerboy.streaming.records.Silence;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SilenceParserTest {

    static final long T0 = Instant.parse("2026-11-28T12:00:00Z").toEpochMilli();
    private final SilenceParser parser = new SilenceParser();

    private static RawInput record(String json) {
        return new RawInput("silences", 0, 9L, T0 - 1, null, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesAlertmanagerApiSilence() {
        Silence s =
                parser.parse(
                                record(
                                        json(
                                                "{'id':'maint','matchers':[{'name':'team','value':'db','isRegex':false,'isEqual':true},"
                                                        + "{'name':'severity','value':'info|warning','isRegex':true,'isEqual':false}],"
                                                        + "'startsAt':'2026-11-28T12:00:00Z','endsAt':'2026-11-28T14:00:00Z',"
                                                        + "'createdBy':'alice','comment':'DB maintenance'}")))
                        .silence();
        assertThat(s.id()).isEqualTo("maint");
        assertThat(s.matchers())
                .containsExactly(
                        new LabelMatcher("team", "=", "db"),
                        new LabelMatcher("severity", "!~", "info|warning"));
        assertThat(s.startsAt()).isEqualTo(T0);
        assertThat(s.endsAt()).isEqualTo(T0 + 7_200_000);
        assertThat(s.createdBy()).isEqualTo("alice");
        assertThat(s.comment()).isEqualTo("DB maintenance");
        assertThat(s.eventTime()).isEqualTo(T0 - 1);
    }

    @Test
    void acceptsTextMatchersAndDerivesAStableIdWhenMissing() {
        String msg =
                json(
                        "{'matchers':['team=~\\'db|infra\\'','env!=dev'],'startsAt':0,'endsAt':1000,"
                                + "'createdBy':'bob','comment':'c'}");
        Silence s = parser.parse(record(msg)).silence();
        assertThat(s.matchers())
                .containsExactly(
                        new LabelMatcher("team", "=~", "db|infra"),
                        new LabelMatcher("env", "!=", "dev"));
        assertThat(s.id()).hasSize(32).isEqualTo(parser.parse(record(msg)).silence().id());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "[] | silence: expected a JSON object",
                "{'startsAt':0,'endsAt':1,'createdBy':'a','comment':'c'} | silence: matchers missing",
                "{'matchers':[],'startsAt':0,'endsAt':1,'createdBy':'a','comment':'c'} | silence: matchers is empty",
                "{'matchers':['team'],'startsAt':0,'endsAt':1,'createdBy':'a','comment':'c'} | silence: matchers[0]: bad matcher format: team",
                "{'matchers':[{'name':'a','value':'(','isRegex':true}],'startsAt':0,'endsAt':1,'createdBy':'a','comment':'c'} | silence: matchers[0]: error parsing regexp: missing closing ): `^(?:()$`",
                "{'matchers':[{'name':'a','value':'x','isRegex':'yes'}],'startsAt':0,'endsAt':1,'createdBy':'a','comment':'c'} | silence: matchers[0].isRegex must be a boolean",
                "{'matchers':[{'value':'x'}],'startsAt':0,'endsAt':1,'createdBy':'a','comment':'c'} | silence: matchers[0].name missing",
                "{'matchers':['a=~\\'.*\\''],'startsAt':0,'endsAt':1,'createdBy':'a','comment':'c'} | silence: at least one matcher must not match the empty string",
                "{'matchers':['a=b'],'endsAt':1,'createdBy':'a','comment':'c'} | silence: startsAt missing",
                "{'matchers':['a=b'],'startsAt':5,'endsAt':5,'createdBy':'a','comment':'c'} | silence: endsAt must be after startsAt",
                "{'matchers':['a=b'],'startsAt':0,'endsAt':1,'comment':'c'} | silence: createdBy missing",
                "{'matchers':['a=b'],'startsAt':0,'endsAt':1,'createdBy':'a','comment':''} | silence: comment is empty",
            })
    void deadLettersInvalidSilences(String silence, String reason) {
        var result = parser.parse(record(json(silence)));
        assertThat(result.isDeadLetter()).isTrue();
        assertThat(result.deadLetter().reason()).isEqualTo(reason);
        assertThat(result.deadLetter().topic()).isEqualTo("silences");
    }

    @Test
    void invalidJsonIsADeadLetter() {
        assertThat(parser.parse(record("{")).deadLetter().reason())
                .startsWith("invalid JSON at line 1");
    }
}
