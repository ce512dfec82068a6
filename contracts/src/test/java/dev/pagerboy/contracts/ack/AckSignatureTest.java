package dev.pagerboy.contracts.ack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagerboy.alerts.ack.AckAction;
import dev.pagerboy.alerts.ack.AckText;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

class AckSignatureTest {

    // Anvil's dev accounts 1 and 2: public keys, test use only.
    static final Credentials ENGINEER =
            Credentials.create(
                    "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
    static final Credentials SOMEONE_ELSE =
            Credentials.create(
                    "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");

    static final AckText MESSAGE =
            new AckText(
                    "INC-2026-0042",
                    "0123456789abcdef",
                    ENGINEER.getAddress(),
                    AckAction.ACK,
                    1_790_000_123_456L);

    @Test
    void canonicalMessageIsExactlyTheV2Text() {
        assertThat(MESSAGE.text())
                .isEqualTo(
                        "PagerBoy acknowledgment v2\n"
                                + "incident: INC-2026-0042\n"
                                + "fingerprint: 0123456789abcdef\n"
                                + "engineer: 0x70997970c51812dc3a010c7d01b50e0d17dc79c8\n"
                                + "action: ack\n"
                                + "acked_at: 1790000123456");
        assertThat(MESSAGE.bytes()).isEqualTo(MESSAGE.text().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void messageNormalisesAChecksummedEngineerAddressToLowercase() {
        AckText checksummed =
                new AckText(
                        "INC-1",
                        "0123456789abcdef",
                        Keys.toChecksumAddress(ENGINEER.getAddress()),
                        AckAction.ACK,
                        1L);

        assertThat(checksummed.engineer()).isEqualTo(ENGINEER.getAddress());
    }

    @Test
    void messageRejectsMalformedFields() {
        assertThatThrownBy(
                        () ->
                                new AckText(
                                        "INC-1",
                                        "0123456789ABCDEF",
                                        ENGINEER.getAddress(),
                                        AckAction.ACK,
                                        1))
                .hasMessageContaining("fingerprint");
        assertThatThrownBy(
                        () -> new AckText("INC-1", "0123456789abcdef", "0x1234", AckAction.ACK, 1))
                .hasMessageContaining("engineer");
        assertThatThrownBy(
                        () ->
                                new AckText(
                                        "INC\n1",
                                        "0123456789abcdef",
                                        ENGINEER.getAddress(),
                                        AckAction.ACK,
                                        1))
                .hasMessageContaining("one line");
        assertThatThrownBy(
                        () ->
                                new AckText(
                                        "INC-1",
                                        "0123456789abcdef",
                                        ENGINEER.getAddress(),
                                        AckAction.ACK,
                                        -1))
                .hasMessageContaining("acked_at");
    }

    @Test
    void signAndRecoverRoundTrip() throws Exception {
        AckSignature signature = AckSignature.sign(MESSAGE, ENGINEER.getEcKeyPair());

        assertThat(signature.recoverSigner(MESSAGE)).isEqualTo(ENGINEER.getAddress());
        assertThat(signature.isSignedBy(MESSAGE, ENGINEER.getAddress())).isTrue();
        assertThat(AckSignature.fromHex(signature.toHex())).isEqualTo(signature);
    }

    @Test
    void signatureIsEip191PersonalSign() throws Exception {
        AckSignature signature = AckSignature.sign(MESSAGE, ENGINEER.getEcKeyPair());
        byte[] rsv = signature.toBytes();
        Sign.SignatureData data =
                new Sign.SignatureData(
                        rsv[64], Arrays.copyOfRange(rsv, 0, 32), Arrays.copyOfRange(rsv, 32, 64));

        // What a wallet's personal_sign verifier computes, independent of AckSignature.
        BigInteger key =
                Sign.signedPrefixedMessageToKey(
                        MESSAGE.text().getBytes(StandardCharsets.UTF_8), data);

        assertThat("0x" + Keys.getAddress(key)).isEqualTo(ENGINEER.getAddress());
    }

    @Test
    void aSignatureByAnotherKeyIsNotTheEngineers() throws Exception {
        AckSignature forged = AckSignature.sign(MESSAGE, SOMEONE_ELSE.getEcKeyPair());

        assertThat(forged.isSignedBy(MESSAGE, ENGINEER.getAddress())).isFalse();
        assertThat(forged.recoverSigner(MESSAGE)).isEqualTo(SOMEONE_ELSE.getAddress());
    }

    @Test
    void aSignatureOverADifferentMessageDoesNotVerify() {
        AckSignature signature = AckSignature.sign(MESSAGE, ENGINEER.getEcKeyPair());
        AckText laterAck =
                new AckText(
                        MESSAGE.incidentId(),
                        MESSAGE.fingerprint(),
                        MESSAGE.engineer(),
                        AckAction.ACK,
                        MESSAGE.ackedAtMillis() + 1);

        assertThat(signature.isSignedBy(laterAck, ENGINEER.getAddress())).isFalse();
    }

    @Test
    void anAckSignatureDoesNotVerifyAsAResolve() {
        AckSignature signature = AckSignature.sign(MESSAGE, ENGINEER.getEcKeyPair());
        AckText resolve =
                new AckText(
                        MESSAGE.incidentId(),
                        MESSAGE.fingerprint(),
                        MESSAGE.engineer(),
                        AckAction.RESOLVE,
                        MESSAGE.ackedAtMillis());

        assertThat(signature.isSignedBy(resolve, ENGINEER.getAddress())).isFalse();
    }

    @Test
    void aTamperedSignatureDoesNotVerify() throws Exception {
        byte[] rsv = AckSignature.sign(MESSAGE, ENGINEER.getEcKeyPair()).toBytes();
        rsv[10] ^= 0x01;

        assertThat(AckSignature.fromBytes(rsv).isSignedBy(MESSAGE, ENGINEER.getAddress()))
                .isFalse();
    }

    @Test
    void rejectsTheHighSTwinOfAValidSignature() throws Exception {
        AckSignature valid = AckSignature.sign(MESSAGE, ENGINEER.getEcKeyPair());
        byte[] twin = highSTwin(valid.toBytes());

        // Plain ecrecover accepts the twin: this is the malleability we must refuse.
        Sign.SignatureData data =
                new Sign.SignatureData(
                        twin[64],
                        Arrays.copyOfRange(twin, 0, 32),
                        Arrays.copyOfRange(twin, 32, 64));
        assertThat("0x" + Keys.getAddress(Sign.signedPrefixedMessageToKey(MESSAGE.bytes(), data)))
                .isEqualTo(ENGINEER.getAddress());

        AckSignature malleable = AckSignature.fromBytes(twin);
        assertThatThrownBy(() -> malleable.recoverSigner(MESSAGE))
                .isInstanceOf(InvalidAckSignatureException.class)
                .hasMessageContaining("high-s");
        assertThat(malleable.isSignedBy(MESSAGE, ENGINEER.getAddress())).isFalse();
    }

    @Test
    void rejectsMalformedSignatures() {
        assertThatThrownBy(() -> AckSignature.fromHex("0x1234"))
                .isInstanceOf(InvalidAckSignatureException.class)
                .hasMessageContaining("65 bytes");
        byte[] badV = AckSignature.sign(MESSAGE, ENGINEER.getEcKeyPair()).toBytes();
        badV[64] = 30;
        assertThatThrownBy(() -> AckSignature.fromBytes(badV))
                .isInstanceOf(InvalidAckSignatureException.class)
                .hasMessageContaining("v must be 27 or 28");
        assertThatThrownBy(() -> AckSignature.fromBytes(new byte[65]).recoverSigner(MESSAGE))
                .isInstanceOf(InvalidAckSignatureException.class)
                .hasMessageContaining("r is out of range");
        assertThatThrownBy(() -> AckSignature.fromHex("zz".repeat(65)))
                .isInstanceOf(InvalidAckSignatureException.class);
    }

    @Test
    void acceptsARawRecoveryIdAsV() throws Exception {
        byte[] rsv = AckSignature.sign(MESSAGE, ENGINEER.getEcKeyPair()).toBytes();
        rsv[64] -= 27;

        assertThat(AckSignature.fromBytes(rsv).recoverSigner(MESSAGE))
                .isEqualTo(ENGINEER.getAddress());
    }

    /** (r, n - s, flipped v): the same signer under plain ecrecover. */
    static byte[] highSTwin(byte[] rsv) {
        BigInteger n = Sign.CURVE_PARAMS.getN();
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(rsv, 32, 64));
        byte[] highS = toBytes32(n.subtract(s));
        byte[] twin = rsv.clone();
        System.arraycopy(highS, 0, twin, 32, 32);
        twin[64] = (byte) (rsv[64] == 27 ? 28 : 27);
        return twin;
    }

    private static byte[] toBytes32(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }
}
