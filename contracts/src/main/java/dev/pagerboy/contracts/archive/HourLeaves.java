package dev.pagerboy.contracts.archive;

import dev.pagerboy.contracts.Bytes32;
import dev.pagerboy.contracts.merkle.MerkleTree;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The leaves of one generation of an event hour's root: (row id, row digest) pairs sorted by row
 * id. The job stores this list in the {@code raw} column of the hour's {@code archive_root} row so
 * that an auditor can name the exact row that was edited, deleted or inserted; the list cannot be
 * forged without changing the root, which is anchored on the chain (docs/ARCHIVE.md).
 *
 * <p>Encoding: for each leaf, the id's UTF-8 byte count (big-endian int32), the id, the 32 digest
 * bytes. Nothing else: the count follows from the length.
 *
 * @param leaves sorted by row id (String order), at least one
 */
public record HourLeaves(List<Leaf> leaves) {

    /** An hour in milliseconds: an event hour starts at a multiple of it (UTC). */
    public static final long HOUR_MILLIS = Duration.ofHours(1).toMillis();

    private static final String DOMAIN = "pagerboy/archive-hour/v1/";

    /** One row under an hour's root. */
    public record Leaf(String rowId, Bytes32 digest) {}

    public HourLeaves {
        if (leaves.isEmpty()) {
            throw new IllegalArgumentException("an hour's root covers at least one row");
        }
        leaves = List.copyOf(leaves);
        for (int i = 1; i < leaves.size(); i++) {
            if (leaves.get(i - 1).rowId().compareTo(leaves.get(i).rowId()) > 0) {
                throw new IllegalArgumentException(
                        "leaves out of row id order at " + leaves.get(i).rowId());
            }
        }
    }

    /** The leaves of {@code rows} in tree order (any order in). */
    public static HourLeaves sorted(List<Leaf> rows) {
        List<Leaf> ordered = new ArrayList<>(rows);
        ordered.sort(Comparator.comparing(Leaf::rowId).thenComparing(Leaf::digest));
        return new HourLeaves(ordered);
    }

    /** The Merkle root over the digests in this order (the same tree as ack batches). */
    public Bytes32 root() {
        return MerkleTree.of(leaves.stream().map(Leaf::digest).toList()).root();
    }

    public int size() {
        return leaves.size();
    }

    /**
     * The ledger batch id of an hour's generation: keccak256 of {@code
     * pagerboy/archive-hour/v1/<hour as ISO-8601 instant>/<generation>}.
     */
    public static Bytes32 batchId(long hourStart, int generation) {
        return Bytes32.keccak256(DOMAIN + Instant.ofEpochMilli(hourStart) + "/" + generation);
    }

    /** The stored form ({@code archive_root.raw}). */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(leaves.size() * 80);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (Leaf leaf : leaves) {
                byte[] id = leaf.rowId().getBytes(StandardCharsets.UTF_8);
                out.writeInt(id.length);
                out.write(id);
                out.write(leaf.digest().toArray());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory stream
        }
        return bytes.toByteArray();
    }

    /**
     * Reads the stored form.
     *
     * @throws IllegalArgumentException if {@code stored} is not a leaf list
     */
    public static HourLeaves fromBytes(byte[] stored) {
        List<Leaf> leaves = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
            while (in.available() > 0) {
                int length = in.readInt();
                if (length < 0 || length > in.available() - Bytes32.LENGTH) {
                    throw new IllegalArgumentException(
                            "leaf list: row id length " + length + " runs past the end");
                }
                byte[] id = in.readNBytes(length);
                byte[] digest = in.readNBytes(Bytes32.LENGTH);
                leaves.add(new Leaf(new String(id, StandardCharsets.UTF_8), Bytes32.of(digest)));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("leaf list: truncated (" + e.getMessage() + ")", e);
        }
        return new HourLeaves(leaves);
    }
}
