package dev.pagerboy.contracts.archive;

import dev.pagerboy.contracts.Bytes32;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The digest of one archive row, a leaf of its event hour's root (docs/ARCHIVE.md, "Event-hour
 * roots"). It lives here, beside the Merkle tree and the ledger client, and takes the columns as
 * plain values, because two sides compute it: the job from its rows and the audit shell from a
 * Parquet file, and the shell must not depend on the job (it would pull Flink in).
 *
 * <p>keccak256 of every column, each length-prefixed (big-endian int32 byte count; ints and longs
 * as 4 and 8 big-endian bytes), in the archive's column order.
 */
public final class ArchiveRowDigest {

    private ArchiveRowDigest() {}

    /** The digest of a row with these columns (text columns {@code ""} when empty, never null). */
    public static Bytes32 of(
            int schemaVersion,
            String id,
            String kind,
            long eventTime,
            String key,
            String sourceTopic,
            int sourcePartition,
            long sourceOffset,
            String outcome,
            String payloadJson,
            byte[] raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + raw.length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(schemaVersion);
            text(out, id);
            text(out, kind);
            out.writeLong(eventTime);
            text(out, key);
            text(out, sourceTopic);
            out.writeInt(sourcePartition);
            out.writeLong(sourceOffset);
            text(out, outcome);
            text(out, payloadJson);
            out.writeInt(raw.length);
            out.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory stream
        }
        return Bytes32.keccak256(bytes.toByteArray());
    }

    private static void text(DataOutputStream out, String value) throws IOException {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }
}
