package dev.pagerboy.streaming.anchor;

import dev.pagerboy.contracts.Bytes32;
import dev.pagerboy.contracts.ledger.BatchAnchor;
import dev.pagerboy.contracts.merkle.MerkleTree;
import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The Merkle root over the archive rows of one event hour, as anchored on the chain so that a later
 * edit, deletion or insertion of a row of that hour is detectable (docs/ARCHIVE.md, "Archive
 * integrity on the chain").
 *
 * <p>Leaves are {@link #rowDigest row digests} sorted by row id: rows, not files, because which
 * file a row lands in depends on checkpoint timing and parallelism, while a row's content and id do
 * not — a replay, a compaction or a re-partitioning of the files keeps the root. {@code
 * archive_root} rows are about an hour and never part of it. Rows arriving after an hour was sealed
 * form a further {@code generation} of the same hour with a root of their own.
 *
 * @param hourStart the hour's first millisecond (UTC, epoch ms)
 * @param generation 0 for the rows present when the hour was sealed, 1, 2, … for late rows
 * @param rowCount rows under the root
 * @param root the Merkle root ({@link MerkleTree}, the same tree as acknowledgment batches)
 */
public record ArchiveHourRoot(long hourStart, int generation, long rowCount, Bytes32 root) {

    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final String DOMAIN = "pagerboy/archive-hour/v1/";

    /**
     * The root of {@code rows}, which must all belong to the hour starting at {@code hourStart}.
     */
    public static ArchiveHourRoot of(
            long hourStart, int generation, Collection<ArchiveRecord> rows) {
        if (hourStart % HOUR != 0) {
            throw new IllegalArgumentException(hourStart + " is not the start of an hour");
        }
        List<ArchiveRecord> covered = new ArrayList<>();
        for (ArchiveRecord row : rows) {
            if (row.kind() == ArchiveKind.ARCHIVE_ROOT) {
                continue;
            }
            if (row.eventTime() < hourStart || row.eventTime() >= hourStart + HOUR) {
                throw new IllegalArgumentException(
                        "row "
                                + row.id()
                                + " at "
                                + Instant.ofEpochMilli(row.eventTime())
                                + " is not in the hour of "
                                + Instant.ofEpochMilli(hourStart));
            }
            covered.add(row);
        }
        if (covered.isEmpty()) {
            throw new IllegalArgumentException(
                    "no archive rows in the hour of " + Instant.ofEpochMilli(hourStart));
        }
        covered.sort(Comparator.comparing(ArchiveRecord::id));
        MerkleTree tree = MerkleTree.of(covered.stream().map(ArchiveHourRoot::rowDigest).toList());
        return new ArchiveHourRoot(hourStart, generation, tree.size(), tree.root());
    }

    /**
     * The hour's batch id on the ledger: keccak256 of {@code pagerboy/archive-hour/v1/<hour>/<g>}.
     */
    public Bytes32 batchId() {
        return Bytes32.keccak256(DOMAIN + Instant.ofEpochMilli(hourStart) + "/" + generation);
    }

    /** What {@code AlertLedger.anchor} stores; {@code firstSeq} is the hour's number since 1970. */
    public BatchAnchor toAnchor() {
        return new BatchAnchor(batchId(), root, rowCount, hourStart / HOUR);
    }

    /**
     * keccak256 of every column of the row, each length-prefixed (big-endian int) in the archive's
     * column order: schema_version, id, kind, event_time, key, source_topic, source_partition,
     * source_offset, outcome, payload_json, raw. An auditor recomputes it from a Parquet row alone.
     */
    public static Bytes32 rowDigest(ArchiveRecord row) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + row.raw().length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(row.schemaVersion());
            text(out, row.id());
            text(out, row.kind().text());
            out.writeLong(row.eventTime());
            text(out, row.key());
            text(out, row.sourceTopic());
            out.writeInt(row.sourcePartition());
            out.writeLong(row.sourceOffset());
            text(out, row.outcome());
            text(out, row.payloadJson());
            out.writeInt(row.raw().length);
            out.write(row.raw());
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
