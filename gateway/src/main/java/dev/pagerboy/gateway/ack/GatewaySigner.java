package dev.pagerboy.gateway.ack;

import dev.pagerboy.alerts.GoJson;
import dev.pagerboy.alerts.Rfc3339;
import dev.pagerboy.alerts.ack.AckText;
import dev.pagerboy.alerts.ack.SignedAck;
import dev.pagerboy.contracts.ack.AckSignature;
import dev.pagerboy.contracts.ledger.KeyFile;
import java.nio.file.Path;
import org.web3j.crypto.Credentials;

/**
 * The gateway's own secp256k1 key: it signs the canonical {@link AckText} that names the engineer
 * who pressed a button (EIP-191, the method "gateway-signed one-time link" of {@code AckLeaf}). The
 * job accepts such an ack when this key's {@link #address()} is in its {@code
 * acks.gateway_signers}. The key file has the ledger's key-file format ({@link KeyFile}).
 */
public final class GatewaySigner {

    private final Credentials credentials;

    public GatewaySigner(Credentials credentials) {
        this.credentials = credentials;
    }

    public static GatewaySigner read(Path keyFile) {
        return new GatewaySigner(KeyFile.read(keyFile));
    }

    /** The lowercase address the job must trust. */
    public String address() {
        return credentials.getAddress().toLowerCase(java.util.Locale.ROOT);
    }

    public Credentials credentials() {
        return credentials;
    }

    /**
     * The signed ack of {@code text}: Web3j's EIP-191 signature byte for byte, made by libsecp256k1
     * when it loads ({@link AckSignature#sign}). Signing is most of the gateway's CPU per press.
     */
    public SignedAck sign(AckText text) {
        return new SignedAck(text, AckSignature.sign(text, credentials.getEcKeyPair()).toHex());
    }

    /**
     * The {@code acks} record of a signed ack: {@link SignedAck#toJson} plus {@code "link"}, the
     * nonce of the one-time link it came from (or none), which the job ignores and the gateway
     * reads back at start to know which links were used.
     */
    public static String json(SignedAck ack, String linkNonce) {
        String json = ack.toJson(new Rfc3339());
        if (linkNonce == null || linkNonce.isEmpty()) {
            return json;
        }
        StringBuilder out = new StringBuilder(json.length() + 40);
        out.append(json, 0, json.length() - 1).append(",\"link\":");
        GoJson.string(out, linkNonce);
        return out.append('}').toString();
    }
}
