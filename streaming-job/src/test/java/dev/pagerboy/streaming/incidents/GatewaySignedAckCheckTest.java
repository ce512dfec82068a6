package dev.pagerboy.streaming.incidents;

import static dev.pagerboy.streaming.incidents.IncidentFixtures.ALICE;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.INCIDENT;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.MALLORY;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.ROSTER;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.T0;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.ackJson;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.ackRecord;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.address;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.alerts.ack.AckAction;
import dev.pagerboy.contracts.ack.AckMethod;
import dev.pagerboy.streaming.config.AckSettings;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;

/**
 * Acks the ack gateway signs for the engineer who pressed a one-time link: accepted when the
 * gateway's address is trusted ({@code acks.gateway_signers}) and the engineer is on the roster,
 * with the gateway method in the claim and hence in the ledger leaf; rejected otherwise.
 */
class GatewaySignedAckCheckTest {

    private static final ECKeyPair GATEWAY = ECKeyPair.create(BigInteger.valueOf(4_242));
    private static final AckCheck TRUSTING =
            new AckCheck(ROSTER, new AckSettings(Duration.ofMinutes(5), List.of(address(GATEWAY))));

    @Test
    void aTrustedGatewaySignsForARosterEngineer() {
        AckCheck.Result r =
                TRUSTING.check(
                        ackRecord(0, T0, ackJson(GATEWAY, INCIDENT, AckAction.ACK, T0, ALICE)));
        assertThat(r.verdict()).isEqualTo(AckVerdict.ACCEPTED);
        assertThat(r.claim().engineer()).isEqualTo(address(ALICE));
        assertThat(r.claim().engineerName()).isEqualTo("alice");
        assertThat(r.claim().method()).isEqualTo(AckMethod.GATEWAY_ONE_TIME_LINK);
    }

    @Test
    void anEngineersOwnSignatureStaysSelfSigned() {
        AckCheck.Result r =
                TRUSTING.check(
                        ackRecord(0, T0, ackJson(ALICE, INCIDENT, AckAction.RESOLVE, T0, ALICE)));
        assertThat(r.verdict()).isEqualTo(AckVerdict.ACCEPTED);
        assertThat(r.claim().method()).isEqualTo(AckMethod.SELF_SIGNED);
    }

    @Test
    void aGatewayThatIsNotTrustedIsABadSignature() {
        AckCheck.Result r =
                IncidentFixtures.ACK_CHECK.check(
                        ackRecord(0, T0, ackJson(GATEWAY, INCIDENT, AckAction.ACK, T0, ALICE)));
        assertThat(r.verdict()).isEqualTo(AckVerdict.BAD_SIGNATURE);
        assertThat(r.detail()).contains("signed by " + address(GATEWAY));
    }

    @Test
    void aTrustedGatewayCannotSignForSomeoneOffTheRoster() {
        AckCheck.Result r =
                TRUSTING.check(
                        ackRecord(0, T0, ackJson(GATEWAY, INCIDENT, AckAction.ACK, T0, MALLORY)));
        assertThat(r.verdict()).isEqualTo(AckVerdict.NOT_ON_ROSTER);
        assertThat(r.detail()).contains(address(MALLORY));
    }
}
