package dev.pagerboy.streaming.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.alerts.Fingerprint;
import dev.pagerboy.streaming.records.Alert;
import dev.pagerboy.streaming.records.DeadLetter;
import dev.pagerboy.streaming.records.RawInput;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertParserTest {

    static final long T0 = Instant.parse("2026-11-28T12:00:00Z").toEpochMilli();
    static final long RECEIVED = T0 + 5_000;

    private final AlertParser parser = new AlertParser();

    static RawInput record(String json) {
        return new RawInput(
                "alerts", 1, 42L, RECEIVED, null, json.getBytes(StandardCharsets.UTF_8));
    }

    /** Single quotes stand for double quotes, to keep the JSON in tests readable. */
    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private List<Alert> alerts(String json) {
        ParseResult result = parser.parse(record(json));
        assertThat(result.deadLetter()).as("dead letter").isNull();
        return result.alerts();
    }

    private String reason(String json) {
        ParseResult result = parser.parse(record(json));
        assertThat(result.alerts()).isEmpty();
        return result.deadLetter().reason();
    }

    static final String WEBHOOK =
            json(
                    "{'version':'4','groupKey':'{}:{alertname=\\'HostDown\\'}','truncatedAlerts':0,"
                            + "'status':'firing','receiver':'team-db','groupLabels':{'alertname':'HostDown'},"
                            + "'commonLabels':{'alertname':'HostDown'},'commonAnnotations':{},"
                            + "'externalURL':'http://am:9093','alerts':["
                            + "{'status':'firing','labels':{'alertname':'HostDown','instance':'db-1'},"
                            + "'annotations':{'summary':'db-1 down'},'startsAt':'2026-11-28T12:00:00Z',"
                            + "'endsAt':'0001-01-01T00:00:00Z','generatorURL':'http://prom','fingerprint':'x'},"
                            + "{'status':'resolved','labels':{'alertname':'HostDown','instance':'db-2'},"
                            + "'annotations':{},'startsAt':'2026-11-28T11:00:00.5Z',"
                            + "'endsAt':'2026-11-28T11:59:00Z'}]}");

    @Nested
    class AlertmanagerWebhook {

        @Test
        void parsesEveryAlertOfTheMessage() {
            List<Alert> alerts = alerts(WEBHOOK);

            assertThat(alerts).hasSize(2);
            Alert first = alerts.get(0);
            assertThat(first.format()).isEqualTo("alertmanager");
            assertThat(first.status()).isEqualTo(Alert.FIRING);
            assertThat(first.labels())
                    .containsExactlyInAnyOrderEntriesOf(
                            Map.of("alertname", "HostDown", "instance", "db-1"));
            assertThat(first.annotations()).containsEntry("summary", "db-1 down");
            assertThat(first.fingerprint()).isEqualTo(Fingerprint.hex(first.labels()));
            assertThat(first.startsAt()).isEqualTo(T0);
            assertThat(first.endsAt()).isZero();
            assertThat(first.eventTime()).isEqualTo(RECEIVED);
            assertThat(first.sourceRef()).isEqualTo("alerts/1/42#0");

            Alert second = alerts.get(1);
            assertThat(second.status()).isEqualTo(Alert.RESOLVED);
            assertThat(second.startsAt()).isEqualTo(T0 - 3_600_000 + 500);
            assertThat(second.endsAt()).isEqualTo(T0 - 60_000);
            assertThat(second.sourceRef()).isEqualTo("alerts/1/42#1");
            assertThat(second.eventId()).isNotEqualTo(first.eventId());
        }

        @Test
        void eventIdIsStableForReDeliveriesAndReformatting() {
            String reformatted = WEBHOOK.replace(",", " ,\n  ");
            assertThat(alerts(reformatted).get(0).eventId())
                    .isEqualTo(alerts(WEBHOOK).get(0).eventId());
            String changed = WEBHOOK.replace("db-1 down", "db-1 is down");
            assertThat(alerts(changed).get(0).eventId())
                    .isNotEqualTo(alerts(WEBHOOK).get(0).eventId());
        }

        @Test
        void sameContentAtALaterRecordTimeIsANewEvent() {
            // Alertmanager re-sends an unchanged firing alert every repeat_interval: that is a
            // repeat for dedup to judge, not a re-delivery of the same record.
            RawInput first = record(WEBHOOK);
            RawInput resent =
                    new RawInput("alerts", 1, 99L, RECEIVED + 4 * 3_600_000L, null, first.value());
            RawInput redelivered = new RawInput("alerts", 0, 7L, RECEIVED, null, first.value());
            String id = parser.parse(first).alerts().get(0).eventId();
            assertThat(parser.parse(resent).alerts().get(0).eventId()).isNotEqualTo(id);
            assertThat(parser.parse(redelivered).alerts().get(0).eventId()).isEqualTo(id);
        }

        @Test
        void singleAlertMessageHasPlainSourceRef() {
            String one =
                    json(
                            "{'version':'4','alerts':[{'status':'firing','labels':{'a':'b'},"
                                    + "'startsAt':'2026-11-28T12:00:00+01:00'}]}");
            Alert alert = alerts(one).get(0);
            assertThat(alert.sourceRef()).isEqualTo("alerts/1/42");
            assertThat(alert.startsAt()).isEqualTo(T0 - 3_600_000);
        }

        @Test
        void resolvedWithoutEndsAtEndsAtReceipt() {
            String msg =
                    json(
                            "{'version':'4','alerts':[{'status':'resolved','labels':{'a':'b'},"
                                    + "'startsAt':'2026-11-28T12:00:00Z'}]}");
            assertThat(alerts(msg).get(0).endsAt()).isEqualTo(RECEIVED);
        }

        @ParameterizedTest(name = "{1}")
        @CsvSource(
                delimiter = '|',
                value = {
                    "{'version':'4'} | alertmanager: alerts missing",
                    "{'version':'4','alerts':{}} | alertmanager: alerts must be an array",
                    "{'version':'4','alerts':[]} | alertmanager: alerts is empty",
                    "{'version':'4','alerts':[7]} | alertmanager: alerts[0] must be an object",
                    "{'version':'4','alerts':[{'labels':{'a':'b'},'startsAt':'2026-11-28T12:00:00Z'}]}"
                            + " | alertmanager: alerts[0].status missing",
                    "{'version':'4','alerts':[{'status':'pending','labels':{'a':'b'},'startsAt':'2026-11-28T12:00:00Z'}]}"
                            + " | alertmanager: alerts[0].status must be firing or resolved, not \"pending\"",
                    "{'version':'4','alerts':[{'status':'firing','labels':{'a':'b'},'startsAt':'2026-11-28T12:00:00Z'},"
                            + "{'status':'firing','labels':{'a':'c'},'startsAt':'2026-11-28T12:00:00Z'},"
                            + "{'status':'firing','startsAt':'2026-11-28T12:00:00Z'}]}"
                            + " | alertmanager: alerts[2].labels missing",
                    "{'version':'4','alerts':[{'status':'firing','labels':[],'startsAt':'2026-11-28T12:00:00Z'}]}"
                            + " | alertmanager: alerts[0].labels must be an object",
                    "{'version':'4','alerts':[{'status':'firing','labels':{},'startsAt':'2026-11-28T12:00:00Z'}]}"
                            + " | alertmanager: alerts[0].labels is empty",
                    "{'version':'4','alerts':[{'status':'firing','labels':{'a':1},'startsAt':'2026-11-28T12:00:00Z'}]}"
                            + " | alertmanager: alerts[0].labels.a must be a string",
                    "{'version':'4','alerts':[{'status':'firing','labels':{'':'x'},'startsAt':'2026-11-28T12:00:00Z'}]}"
                            + " | alertmanager: alerts[0].labels has an empty name",
                    "{'version':'4','alerts':[{'status':'firing','labels':{'a':'b'},'annotations':{'s':true},'startsAt':'2026-11-28T12:00:00Z'}]}"
                            + " | alertmanager: alerts[0].annotations.s must be a string",
                    "{'version':'4','alerts':[{'status':'firing','labels':{'a':'b'}}]}"
                            + " | alertmanager: alerts[0].startsAt missing",
                    "{'version':'4','alerts':[{'status':'firing','labels':{'a':'b'},'startsAt':'yesterday'}]}"
                            + " | alertmanager: alerts[0].startsAt invalid time \"yesterday\"",
                    "{'version':'4','alerts':[{'status':'firing','labels':{'a':'b'},'startsAt':true}]}"
                            + " | alertmanager: alerts[0].startsAt must be an RFC 3339 time or epoch milliseconds",
                    "{'version':'4','alerts':[{'status':'resolved','labels':{'a':'b'},'startsAt':'2026-11-28T12:00:00Z','endsAt':'2026-11-28T11:00:00Z'}]}"
                            + " | alertmanager: alerts[0].endsAt is before startsAt",
                })
        void deadLettersInvalidMessages(String message, String reason) {
            assertThat(reason(json(message))).isEqualTo(reason);
        }
    }

    @Nested
    class PagerDuty {

        static final String TRIGGER =
                json(
                        "{'routing_key':'R0UT1NGKEY','event_action':'trigger','dedup_key':'disk-db-1',"
                                + "'payload':{'summary':'Disk full on db-1','source':'db-1','severity':'critical',"
                                + "'timestamp':'2026-11-28T12:00:00Z','component':'postgres','group':'prod',"
                                + "'class':'disk','custom_details':{'free':'0%'}},"
                                + "'client':'Nagios','links':[{'href':'http://x'}]}");

        @Test
        void triggerBecomesFiringAlertWithRoutingLabels() {
            Alert alert = alerts(TRIGGER).get(0);
            assertThat(alert.format()).isEqualTo("pagerduty");
            assertThat(alert.status()).isEqualTo(Alert.FIRING);
            assertThat(alert.labels())
                    .containsExactlyInAnyOrderEntriesOf(
                            Map.of(
                                    "routing_key", "R0UT1NGKEY",
                                    "dedup_key", "disk-db-1",
                                    "severity", "critical",
                                    "source", "db-1",
                                    "component", "postgres",
                                    "group", "prod",
                                    "class", "disk"));
            assertThat(alert.annotations())
                    .containsEntry("summary", "Disk full on db-1")
                    .containsEntry("custom_details", "{\"free\":\"0%\"}")
                    .containsEntry("client", "Nagios")
                    .containsEntry("links", "[{\"href\":\"http://x\"}]");
            assertThat(alert.startsAt()).isEqualTo(T0);
            assertThat(alert.endsAt()).isZero();
            assertThat(alert.fingerprint())
                    .isEqualTo(
                            Fingerprint.hex(
                                    Map.of("routing_key", "R0UT1NGKEY", "dedup_key", "disk-db-1")));
        }

        @Test
        void acknowledgeAndResolveShareTheTriggersFingerprint() {
            String fp = alerts(TRIGGER).get(0).fingerprint();
            Alert ack =
                    alerts(
                                    json(
                                            "{'routing_key':'R0UT1NGKEY','event_action':'acknowledge','dedup_key':'disk-db-1'}"))
                            .get(0);
            Alert resolve =
                    alerts(
                                    json(
                                            "{'routing_key':'R0UT1NGKEY','event_action':'resolve','dedup_key':'disk-db-1'}"))
                            .get(0);
            assertThat(ack.fingerprint()).isEqualTo(fp);
            assertThat(ack.status()).isEqualTo(Alert.ACKNOWLEDGED);
            assertThat(resolve.fingerprint()).isEqualTo(fp);
            assertThat(resolve.status()).isEqualTo(Alert.RESOLVED);
            assertThat(resolve.endsAt()).isEqualTo(RECEIVED);
        }

        @Test
        void triggerWithoutDedupKeyIsItsOwnIncidentButStableOnReDelivery() {
            String noKey = TRIGGER.replace("\"dedup_key\":\"disk-db-1\",", "");
            Alert a = alerts(noKey).get(0);
            assertThat(a.labels().get("dedup_key")).isEqualTo(a.eventId());
            assertThat(alerts(noKey).get(0).fingerprint()).isEqualTo(a.fingerprint());
            assertThat(alerts(noKey.replace("db-1", "db-2")).get(0).fingerprint())
                    .isNotEqualTo(a.fingerprint());
        }

        @Test
        void repeatedTriggerAtALaterTimeIsANewEventOfTheSameIncident() {
            RawInput later =
                    new RawInput("alerts", 0, 1L, RECEIVED + 60_000, null, record(TRIGGER).value());
            Alert first = alerts(TRIGGER).get(0);
            Alert repeat = parser.parse(later).alerts().get(0);
            assertThat(repeat.eventId()).isNotEqualTo(first.eventId());
            assertThat(repeat.fingerprint()).isEqualTo(first.fingerprint());
        }

        @Test
        void triggerWithoutTimestampStartsAtReceipt() {
            String msg = TRIGGER.replace("\"timestamp\":\"2026-11-28T12:00:00Z\",", "");
            assertThat(alerts(msg).get(0).startsAt()).isEqualTo(RECEIVED);
        }

        @ParameterizedTest(name = "{1}")
        @CsvSource(
                delimiter = '|',
                value = {
                    "{'event_action':'trigger'} | pagerduty: routing_key missing",
                    "{'routing_key':'','event_action':'trigger'} | pagerduty: routing_key is empty",
                    "{'routing_key':'k','event_action':'escalate'} | pagerduty: event_action must be trigger, acknowledge or resolve, not \"escalate\"",
                    "{'routing_key':'k','event_action':5} | pagerduty: event_action must be a string",
                    "{'routing_key':'k','event_action':'resolve'} | pagerduty: dedup_key missing (required for resolve)",
                    "{'routing_key':'k','event_action':'acknowledge','dedup_key':''} | pagerduty: dedup_key must have 1 to 255 characters",
                    "{'routing_key':'k','event_action':'trigger'} | pagerduty: payload missing",
                    "{'routing_key':'k','event_action':'trigger','payload':'x'} | pagerduty: payload must be an object",
                    "{'routing_key':'k','event_action':'trigger','payload':{'source':'s','severity':'info'}} | pagerduty: payload.summary missing",
                    "{'routing_key':'k','event_action':'trigger','payload':{'summary':'s','severity':'info'}} | pagerduty: payload.source missing",
                    "{'routing_key':'k','event_action':'trigger','payload':{'summary':'s','source':'s'}} | pagerduty: payload.severity missing",
                    "{'routing_key':'k','event_action':'trigger','payload':{'summary':'s','source':'s','severity':'fatal'}} | pagerduty: payload.severity must be critical, error, warning or info, not \"fatal\"",
                    "{'routing_key':'k','event_action':'trigger','payload':{'summary':'s','source':'s','severity':'info','timestamp':'noon'}} | pagerduty: payload.timestamp invalid time \"noon\"",
                })
        void deadLettersInvalidEvents(String event, String reason) {
            assertThat(reason(json(event))).isEqualTo(reason);
        }

        @Test
        void resolveWithABrokenPayloadIsADeadLetter() {
            assertThat(
                            reason(
                                    json(
                                            "{'routing_key':'k','event_action':'resolve','dedup_key':'d','payload':{'timestamp':'x'}}")))
                    .isEqualTo("pagerduty: payload.timestamp invalid time \"x\"");
            assertThat(
                            reason(
                                    json(
                                            "{'routing_key':'k','event_action':'acknowledge','dedup_key':'d','payload':[]}")))
                    .isEqualTo("pagerduty: payload must be an object");
        }

        @Test
        void rejectsOverlongDedupKey() {
            String event =
                    "{\"routing_key\":\"k\",\"event_action\":\"resolve\",\"dedup_key\":\""
                            + "x".repeat(256)
                            + "\"}";
            assertThat(reason(event))
                    .isEqualTo("pagerduty: dedup_key must have 1 to 255 characters");
        }
    }

    @Nested
    class Native {

        static final String FIRING =
                json(
                        "{'version':'pagerboy/v1','id':'evt-1','status':'firing',"
                                + "'labels':{'alertname':'HighLatency','service':'api'},"
                                + "'annotations':{'runbook':'http://r'},'startsAt':'2026-11-28T12:00:00Z'}");

        @Test
        void parsesOneAlert() {
            Alert alert = alerts(FIRING).get(0);
            assertThat(alert.format()).isEqualTo("native");
            assertThat(alert.eventId()).isEqualTo("native:evt-1");
            assertThat(alert.labels()).containsEntry("service", "api").hasSize(2);
            assertThat(alert.annotations()).containsEntry("runbook", "http://r");
            assertThat(alert.startsAt()).isEqualTo(T0);
            assertThat(alert.endsAt()).isZero();
            assertThat(alert.sourceRef()).isEqualTo("alerts/1/42");
            assertThat(alert.fingerprint()).isEqualTo(Fingerprint.hex(alert.labels()));
        }

        @Test
        void acceptsEpochMillisAndNullEndsAt() {
            String msg =
                    json(
                            "{'version':'pagerboy/v1','id':'e','status':'resolved','labels':{'a':'b'},"
                                    + "'startsAt':"
                                    + T0
                                    + ",'endsAt':"
                                    + (T0 + 1000)
                                    + "}");
            Alert alert = alerts(msg).get(0);
            assertThat(alert.startsAt()).isEqualTo(T0);
            assertThat(alert.endsAt()).isEqualTo(T0 + 1000);
            String open = FIRING.replace("}}", "},\"endsAt\":null}");
            assertThat(alerts(open).get(0).endsAt()).isZero();
        }

        @ParameterizedTest(name = "{1}")
        @CsvSource(
                delimiter = '|',
                value = {
                    "{'version':'pagerboy/v1','status':'firing','labels':{'a':'b'},'startsAt':0} | native: id missing",
                    "{'version':'pagerboy/v1','id':' ','status':'firing','labels':{'a':'b'},'startsAt':0} | native: id is empty",
                    "{'version':'pagerboy/v1','id':'e','status':'open','labels':{'a':'b'},'startsAt':0} | native: status must be firing or resolved, not \"open\"",
                    "{'version':'pagerboy/v1','id':'e','status':'firing','startsAt':0} | native: labels missing",
                    "{'version':'pagerboy/v1','id':'e','status':'firing','labels':{},'startsAt':0} | native: labels is empty",
                    "{'version':'pagerboy/v1','id':'e','status':'firing','labels':{'a':null},'startsAt':0} | native: labels.a must be a string",
                    "{'version':'pagerboy/v1','id':'e','status':'firing','labels':{'a':'b'}} | native: startsAt missing",
                    "{'version':'pagerboy/v1','id':'e','status':'firing','labels':{'a':'b'},'startsAt':-5} | native: startsAt must not be negative",
                    "{'version':'pagerboy/v1','id':'e','status':'resolved','labels':{'a':'b'},'startsAt':10,'endsAt':5} | native: endsAt is before startsAt",
                })
        void deadLettersInvalidAlerts(String alert, String reason) {
            assertThat(reason(json(alert))).isEqualTo(reason);
        }
    }

    @Nested
    class Detection {

        @Test
        void invalidJsonNamesLineAndColumn() {
            assertThat(reason("{\"version\": \"4\", }"))
                    .startsWith("invalid JSON at line 1 column 18: ");
            assertThat(reason("{\n  \"a\": tru\n}")).startsWith("invalid JSON at line 2 column ");
        }

        @Test
        void rejectsDuplicateKeysAndTrailingGarbage() {
            assertThat(reason("{\"a\":1,\"a\":2}"))
                    .startsWith("invalid JSON at line 1 column")
                    .contains("Duplicate field 'a'");
            assertThat(reason("{\"a\":1} x")).startsWith("invalid JSON at line 1 column");
        }

        @Test
        void emptyRecord() {
            assertThat(reason("")).isEqualTo("empty record");
            assertThat(reason("   ")).isEqualTo("empty record");
        }

        @Test
        void nonObjectsAndUnknownShapes() {
            assertThat(reason("[1,2]"))
                    .isEqualTo("unknown format: expected a JSON object, got an array");
            assertThat(reason("\"hi\""))
                    .isEqualTo("unknown format: expected a JSON object, got a string");
            assertThat(reason("{\"hello\":\"world\"}"))
                    .startsWith("unknown format: expected an Alertmanager webhook");
            assertThat(reason("{\"version\":\"3\",\"alerts\":[]}"))
                    .isEqualTo(
                            "unknown format: unsupported version \"3\" (expected \"4\" for Alertmanager or \"pagerboy/v1\")");
        }

        @Test
        void invalidUtf8IsInvalidJson() {
            RawInput raw =
                    new RawInput(
                            "alerts",
                            0,
                            1,
                            2,
                            null,
                            new byte[] {'"', (byte) 0xc3, (byte) 0x28, '"'});
            assertThat(parser.parse(raw).deadLetter().reason()).startsWith("invalid JSON");
        }

        @Test
        void deadLetterKeepsRawBytesAndCoordinates() {
            RawInput raw = record("not json");
            DeadLetter dl = parser.parse(raw).deadLetter();
            assertThat(Base64.getDecoder().decode(dl.rawBase64())).isEqualTo(raw.value());
            assertThat(dl.topic()).isEqualTo("alerts");
            assertThat(dl.partition()).isEqualTo(1);
            assertThat(dl.offset()).isEqualTo(42L);
            assertThat(dl.eventTime()).isEqualTo(RECEIVED);
        }

        @Test
        void parserIsDeterministic() {
            assertThat(parser.parse(record(WEBHOOK)))
                    .isEqualTo(new AlertParser().parse(record(WEBHOOK)));
        }
    }
}
