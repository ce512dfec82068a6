package dev.pagerboy.alerts.ack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagerboy.alerts.Rfc3339;
import dev.pagerboy.alerts.format.InvalidRecord;
import dev.pagerboy.alerts.format.JsonFields;
import org.junit.jupiter.api.Test;

class AckTextTest {

    private static final String ENGINEER = "0x" + "ab".repeat(20);
    private static final AckText ACK =
            new AckText(
                    "0123456789abcdef:1764331200000",
                    "0123456789abcdef",
                    ENGINEER,
                    AckAction.ACK,
                    1_764_331_500_123L);

    @Test
    void theTextIsSixLinesWithTheAction() {
        assertThat(ACK.text())
                .isEqualTo(
                        "PagerBoy acknowledgment v2\n"
                                + "incident: 0123456789abcdef:1764331200000\n"
                                + "fingerprint: 0123456789abcdef\n"
                                + "engineer: "
                                + ENGINEER
                                + "\n"
                                + "action: ack\n"
                                + "acked_at: 1764331500123");
    }

    @Test
    void actionsGiveDifferentTexts() {
        AckText resolve =
                new AckText(
                        ACK.incidentId(),
                        ACK.fingerprint(),
                        ACK.engineer(),
                        AckAction.RESOLVE,
                        ACK.ackedAtMillis());
        assertThat(resolve.text()).isNotEqualTo(ACK.text()).contains("\naction: resolve\n");
    }

    @Test
    void parsesOnlyTheCanonicalForm() {
        assertThat(AckText.parse(ACK.text())).isEqualTo(ACK);
        assertThatThrownBy(() -> AckText.parse(ACK.text() + "\n"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AckText.parse(ACK.text().replace("acked_at: ", "acked_at: +")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AckText.parse(ACK.text().replace("v2", "v1")))
                .hasMessageContaining("PagerBoy acknowledgment v2");
        assertThatThrownBy(() -> AckText.parse(ACK.text().replace("action: ack", "action: ok")))
                .hasMessageContaining("unknown action 'ok'");
    }

    @Test
    void checksItsFieldsAndLowersTheAddress() {
        assertThat(
                        new AckText(
                                        "i",
                                        "0123456789abcdef",
                                        ENGINEER.toUpperCase().replace("0X", "0x"),
                                        AckAction.UNACK,
                                        0)
                                .engineer())
                .isEqualTo(ENGINEER);
        assertThatThrownBy(() -> new AckText("i", "0123456789ABCDEF", ENGINEER, AckAction.ACK, 1))
                .hasMessageContaining("fingerprint");
        assertThatThrownBy(
                        () -> new AckText("a\nb", "0123456789abcdef", ENGINEER, AckAction.ACK, 1))
                .hasMessageContaining("one line");
        assertThatThrownBy(() -> new AckText("i", "0123456789abcdef", "0x12", AckAction.ACK, 1))
                .hasMessageContaining("engineer");
        assertThatThrownBy(() -> new AckText("i", "0123456789abcdef", ENGINEER, null, 1))
                .hasMessageContaining("action");
        assertThatThrownBy(() -> new AckText("i", "0123456789abcdef", ENGINEER, AckAction.ACK, -1))
                .hasMessageContaining("acked_at");
    }

    @Test
    void theAckMessageRoundTrips() throws Exception {
        SignedAck signed = new SignedAck(ACK, "0x" + "1b".repeat(65));
        String json = signed.toJson(new Rfc3339());
        assertThat(json)
                .isEqualTo(
                        "{\"version\":\"pagerboy/v1\",\"kind\":\"ack\","
                                + "\"incident\":\"0123456789abcdef:1764331200000\","
                                + "\"fingerprint\":\"0123456789abcdef\",\"engineer\":\""
                                + ENGINEER
                                + "\",\"action\":\"ack\",\"ackedAt\":\"2025-11-28T12:05:00.123Z\","
                                + "\"signature\":\"0x"
                                + "1b".repeat(65)
                                + "\"}");
        assertThat(SignedAck.read(JsonFields.MAPPER.readTree(json))).isEqualTo(signed);
        assertThatThrownBy(
                        () ->
                                SignedAck.read(
                                        JsonFields.MAPPER.readTree(
                                                json.replace(
                                                        "\"action\":\"ack\"",
                                                        "\"action\":\"maybe\""))))
                .isInstanceOf(InvalidRecord.class)
                .hasMessageStartingWith("ack: unknown action 'maybe'");
    }
}
