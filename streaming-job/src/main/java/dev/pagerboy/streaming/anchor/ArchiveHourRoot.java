package dev.pagerboy.streaming.anchor;

import dev.pagerboy.contracts.Bytes32;
import dev.pagerboy.contracts.archive.ArchiveRowDigest;
import dev.pagerboy.contracts.archive.HourLeaves;
import dev.pagerboy.contracts.ledger.BatchAnchor;
import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Merkle root over the archive rows of one event hour, as anchored on the chain so that a later
 * edit, deletion or insertion of a row of that hour is detectable (docs/ARCHIVE.md, "Archive
 * integrity on the chain").
 *
 * <p>Leaves are {@link #rowDigest row digests} sorted by row id: rows, not files, because which
 * file a row lands in depends on checkpoint timing and parallelism, while a row's content and id do
 * not — a replay, a compaction or a re-partitioning of the files keeps the root. {@code
 * archive_root} rows are about an hour and {@code ack_receipt} rows are anchored with their ack
 * batch, so neither is part of an hour ({@link #covers}). Rows arriving after an hour was sealed
 * form a further {@code generation} of the same hour with a root of their own.
 *
 * @param hourStart the hour's first millisecond (UTC, epoch ms)
 * @param generation 0 for the rows present when the hour was sealed, 1, 2, … for late rows
 * @param rowCount rows under the root
 * @param root the Merkle root ({@code MerkleTree}, the same tree as acknowledgment batches)
 */
public record ArchiveHourRoot(long hourStart, int generation, long rowCount, Bytes32 root) {

    private static final long HOUR = HourLeaves.HOUR_MILLIS;

    /**
     * The root of {@code rows}, which must all belong to the hour starting at {@code hourStart};
     * rows that no hour {@link #covers} are left out.
     */
    public static ArchiveHourRoot of(
            long hourStart, int generation, Collection<ArchiveRecord> rows) {
        return of(hourStart, generation, leavesOf(hourStart, rows));
    }

    /** The root over {@code leaves}. */
    public static ArchiveHourRoot of(long hourStart, int generation, HourLeaves leaves) {
        if (hourStart % HOUR != 0) {
            throw new IllegalArgumentException(hourStart + " is not the start of an hour");
        }
        return new ArchiveHourRoot(hourStart, generation, leaves.size(), leaves.root());
    }

    /** The sorted leaves of {@code rows} (see {@link #of(long, int, Collection)}). */
    public static HourLeaves leavesOf(long hourStart, Collection<ArchiveRecord> rows) {
        List<HourLeaves.Leaf> covered = new ArrayList<>();
        for (ArchiveRecord row : rows) {
            if (!covers(row.kind())) {
                continue;
            }
            if (hourOf(row.eventTime()) != hourStart) {
                throw new IllegalArgumentException(
                        "row "
                                + row.id()
                                + " at "
                                + Instant.ofEpochMilli(row.eventTime())
                                + " is not in the hour of "
                                + Instant.ofEpochMilli(hourStart));
            }
            covered.add(leaf(row));
        }
        if (covered.isEmpty()) {
            throw new IllegalArgumentException(
                    "no archive rows in the hour of " + Instant.ofEpochMilli(hourStart));
        }
        return HourLeaves.sorted(covered);
    }

    /**
     * Whether rows of {@code kind} are under their hour's root: every kind but {@code archive_root}
     * (about an hour, not part of it) and {@code ack_receipt} (written after the chain confirmed
     * its ack batch, by the anchoring sink, and authenticated by that batch's root: {@code ack
     * verify}).
     */
    public static boolean covers(ArchiveKind kind) {
        return kind != ArchiveKind.ARCHIVE_ROOT && kind != ArchiveKind.ACK_RECEIPT;
    }

    /** The start of the event hour holding {@code eventTime}. */
    public static long hourOf(long eventTime) {
        return Math.floorDiv(eventTime, HOUR) * HOUR;
    }

    /**
     * The hour's batch id on the ledger: keccak256 of {@code pagerboy/archive-hour/v1/<hour>/<g>}.
     */
    public Bytes32 batchId() {
        return HourLeaves.batchId(hourStart, generation);
    }

    /** What {@code AlertLedger.anchor} stores; {@code firstSeq} is the hour's number since 1970. */
    public BatchAnchor toAnchor() {
        return new BatchAnchor(batchId(), root, rowCount, hourStart / HOUR);
    }

    /**
     * The {@code archive_root} row of this root: {@code id = archive_root:<hour ISO>/<generation>},
     * {@code event_time} = the hour, {@code key} = the hour, {@code outcome = sealed}, the root's
     * figures in the payload and {@code leaves}, the (row id, digest) list under the root, in
     * {@code raw} ({@link HourLeaves#toBytes}).
     */
    public ArchiveRecord row(HourLeaves leaves) {
        String hour = Instant.ofEpochMilli(hourStart).toString();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("batchId", batchId().toHex());
        payload.put("generation", generation);
        payload.put("hourStart", hourStart);
        payload.put("root", root.toHex());
        payload.put("rowCount", rowCount);
        return new ArchiveRecord(
                ArchiveRecord.SCHEMA_VERSION,
                ArchiveKind.ARCHIVE_ROOT.rowId(hour + "/" + generation),
                ArchiveKind.ARCHIVE_ROOT,
                hourStart,
                hour,
                "",
                -1,
                -1,
                "sealed",
                ArchiveRecord.CanonicalJson.write(payload),
                leaves.toBytes());
    }

    /** The (row id, digest) leaf of {@code row}. */
    public static HourLeaves.Leaf leaf(ArchiveRecord row) {
        return new HourLeaves.Leaf(row.id(), rowDigest(row));
    }

    /**
     * keccak256 of every column of the row, each length-prefixed (big-endian int) in the archive's
     * column order: schema_version, id, kind, event_time, key, source_topic, source_partition,
     * source_offset, outcome, payload_json, raw. An auditor recomputes it from a Parquet row alone
     * ({@link ArchiveRowDigest}).
     */
    public static Bytes32 rowDigest(ArchiveRecord row) {
        return ArchiveRowDigest.of(
                row.schemaVersion(),
                row.id(),
                row.kind().text(),
                row.eventTime(),
                row.key(),
                row.sourceTopic(),
                row.sourcePartition(),
                row.sourceOffset(),
                row.outcome(),
                row.payloadJson(),
                row.raw());
    }
}
