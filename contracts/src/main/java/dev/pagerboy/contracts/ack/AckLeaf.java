package dev.pagerboy.contracts.ack;

import dev.pagerboy.alerts.ack.AckAction;
import dev.pagerboy.alerts.ack.AckText;
import dev.pagerboy.contracts.Bytes32;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * One acknowledgment as the ledger commits to it. Its {@link #digest()} is a Merkle leaf.
 *
 * <p>The canonical encoding is Solidity's {@code abi.encode(string incidentId, bytes8 fingerprint,
 * address engineer, uint64 ackedAtMillis, bytes32 signatureHash, uint64 sequence, uint8 method)};
 * {@code AlertLedger.ackLeafDigest} computes the same digest on-chain, so an auditor needs nothing
 * but the contract to recompute a leaf. The encoder is written out here (not Web3j's generic one)
 * because the job hashes every acknowledgment and this layout never changes.
 *
 * @param incidentId the incident that was acknowledged
 * @param fingerprint the alert fingerprint, 16 lowercase hex digits (8 bytes)
 * @param engineer who acknowledged, lowercase 0x address
 * @param ackedAtMillis acknowledgment time, epoch milliseconds (event time)
 * @param signatureHash keccak256 of the 65-byte signature ({@link AckSignature#hash()})
 * @param sequence the acknowledgment's sequence number in the ledger
 * @param method who signed: the engineer, or the gateway for a one-time link
 */
public record AckLeaf(
        String incidentId,
        String fingerprint,
        String engineer,
        long ackedAtMillis,
        Bytes32 signatureHash,
        long sequence,
        AckMethod method) {

    private static final int WORD = 32;
    private static final int HEAD_WORDS = 7;

    public AckLeaf {
        incidentId = AckText.incidentId(incidentId);
        fingerprint = AckText.fingerprint(fingerprint);
        engineer = AckText.engineer(engineer);
        AckText.nonNegative("acked_at", ackedAtMillis);
        AckText.nonNegative("sequence", sequence);
        if (signatureHash == null || method == null) {
            throw new IllegalArgumentException("signature hash and method are required");
        }
    }

    /** The leaf for a signed message, committing to the message's fields and the signature. */
    public static AckLeaf of(
            AckText message, AckSignature signature, long sequence, AckMethod method) {
        return new AckLeaf(
                message.incidentId(),
                message.fingerprint(),
                message.engineer(),
                message.ackedAtMillis(),
                signature.hash(),
                sequence,
                method);
    }

    /**
     * The text this leaf's signature is over, given the action it did. The leaf layout (shared with
     * {@code AlertLedger.ackLeafDigest}) does not commit to the action itself; the signature hash
     * does, through the signed text.
     */
    public AckText message(AckAction action) {
        return new AckText(incidentId, fingerprint, engineer, action, ackedAtMillis);
    }

    /** {@code abi.encode(...)} of the seven fields, see the class comment. */
    public byte[] abiEncoded() {
        byte[] id = incidentId.getBytes(StandardCharsets.UTF_8);
        int paddedId = (id.length + WORD - 1) / WORD * WORD;
        byte[] out = new byte[HEAD_WORDS * WORD + WORD + paddedId];
        putUint(out, 0, HEAD_WORDS * WORD); // offset of the string's tail
        byte[] fp = HexFormat.of().parseHex(fingerprint);
        System.arraycopy(fp, 0, out, WORD, fp.length); // bytesN are left-aligned
        byte[] addr = HexFormat.of().parseHex(engineer.substring(2));
        System.arraycopy(addr, 0, out, 3 * WORD - addr.length, addr.length);
        putUint(out, 3, ackedAtMillis);
        signatureHash.copyTo(out, 4 * WORD);
        putUint(out, 5, sequence);
        putUint(out, 6, method.code());
        putUint(out, HEAD_WORDS, id.length);
        System.arraycopy(id, 0, out, (HEAD_WORDS + 1) * WORD, id.length);
        return out;
    }

    /** keccak256 of {@link #abiEncoded()}: the Merkle leaf. */
    public Bytes32 digest() {
        return Bytes32.keccak256(abiEncoded());
    }

    /** Writes a non-negative value right-aligned (big-endian) into head word {@code word}. */
    private static void putUint(byte[] out, int word, long value) {
        int end = (word + 1) * WORD;
        for (int i = 1; i <= Long.BYTES; i++) {
            out[end - i] = (byte) (value >>> (8 * (i - 1)));
        }
    }
}
