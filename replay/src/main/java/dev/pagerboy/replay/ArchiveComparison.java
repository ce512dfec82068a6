package dev.pagerboy.replay;

import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Replay's verdict on a stretch: the archived decision and output rows against the replay's, row by
 * row. Generic over the kinds of rows: whatever the archive's schema calls a decision (v1's {@code
 * dedup}, {@code handler}, {@code route}, {@code flush}; v2's {@code decision}, {@code mute}) or an
 * output ({@code notification}, {@code dead_letter}) is matched by its id within its kind, and two
 * rows are equal when their event time, key, outcome, payload and raw bytes are.
 *
 * @param rowsPerKind rows compared per kind (archived side)
 * @param differences every difference, ordered by kind and id
 */
public record ArchiveComparison(Map<String, Integer> rowsPerKind, List<Difference> differences) {

    /** How a row differs. */
    public enum Change {
        /** The archive has the row, the replay did not make it. */
        MISSING_IN_REPLAY,
        /** The replay made a row the archive does not have. */
        ONLY_IN_REPLAY,
        /** Both have the row, with different content. */
        CHANGED
    }

    /**
     * @param archived the archived row, or {@code null} when only the replay has it
     * @param replayed the replay's row, or {@code null} when only the archive has it
     */
    public record Difference(
            String kind, String id, Change change, ArchiveRecord archived, ArchiveRecord replayed) {

        /** Two or three lines for the terminal. */
        public String describe() {
            StringBuilder out = new StringBuilder();
            out.append(kind).append(' ').append(id).append(": ").append(change.name());
            if (archived != null) {
                out.append("\n    archived: ").append(line(archived));
            }
            if (replayed != null) {
                out.append("\n    replayed: ").append(line(replayed));
            }
            return out.toString();
        }

        private static String line(ArchiveRecord r) {
            return "@"
                    + r.eventTime()
                    + " key="
                    + r.key()
                    + " outcome="
                    + r.outcome()
                    + " "
                    + r.payloadJson();
        }
    }

    /**
     * Compares the rows of {@code archived} and {@code replayed} (both decision/output rows), all
     * but those the chain made ({@link #chainMade}).
     */
    public static ArchiveComparison of(List<ArchiveRecord> archived, List<ArchiveRecord> replayed) {
        Map<String, Map<String, ArchiveRecord>> before = byKindAndId(archived);
        Map<String, Map<String, ArchiveRecord>> after = byKindAndId(replayed);
        before.keySet().removeIf(ArchiveComparison::chainMade);
        after.keySet().removeIf(ArchiveComparison::chainMade);
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<Difference> differences = new ArrayList<>();
        TreeMap<String, Boolean> kinds = new TreeMap<>();
        before.keySet().forEach(k -> kinds.put(k, true));
        after.keySet().forEach(k -> kinds.put(k, true));
        for (String kind : kinds.keySet()) {
            Map<String, ArchiveRecord> a = before.getOrDefault(kind, Map.of());
            Map<String, ArchiveRecord> b = after.getOrDefault(kind, Map.of());
            counts.put(kind, a.size());
            TreeMap<String, Boolean> ids = new TreeMap<>();
            a.keySet().forEach(id -> ids.put(id, true));
            b.keySet().forEach(id -> ids.put(id, true));
            for (String id : ids.keySet()) {
                ArchiveRecord x = a.get(id);
                ArchiveRecord y = b.get(id);
                if (y == null) {
                    differences.add(new Difference(kind, id, Change.MISSING_IN_REPLAY, x, null));
                } else if (x == null) {
                    differences.add(new Difference(kind, id, Change.ONLY_IN_REPLAY, null, y));
                } else if (!sameDecision(x, y)) {
                    differences.add(new Difference(kind, id, Change.CHANGED, x, y));
                }
            }
        }
        return new ArchiveComparison(counts, differences);
    }

    public boolean identical() {
        return differences.isEmpty();
    }

    /** How many differences each kind of row has, by kind. */
    public Map<String, Integer> differencesPerKind() {
        Map<String, Integer> out = new TreeMap<>();
        for (Difference d : differences) {
            out.merge(d.kind(), 1, Integer::sum);
        }
        return out;
    }

    public int comparedRows() {
        return rowsPerKind.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Rows written from the chain's answers ({@code ack_receipt}: block and transaction of an
     * anchored ack; {@code archive_root}). Replay does not anchor (its accepted acks go to a
     * discarding sink), so it makes none; the audit shell checks them against the chain instead.
     * The accepted acks themselves are compared as {@code ack} verdict rows.
     */
    static boolean chainMade(String kind) {
        return kind.equals(ArchiveKind.ACK_RECEIPT.text())
                || kind.equals(ArchiveKind.ARCHIVE_ROOT.text());
    }

    private static boolean sameDecision(ArchiveRecord x, ArchiveRecord y) {
        return x.eventTime() == y.eventTime()
                && x.key().equals(y.key())
                && x.outcome().equals(y.outcome())
                && x.payloadJson().equals(y.payloadJson())
                && Arrays.equals(x.raw(), y.raw());
    }

    private static Map<String, Map<String, ArchiveRecord>> byKindAndId(List<ArchiveRecord> rows) {
        Map<String, Map<String, ArchiveRecord>> out = new TreeMap<>();
        for (ArchiveRecord r : rows) {
            out.computeIfAbsent(r.kind().text(), k -> new LinkedHashMap<>()).put(r.id(), r);
        }
        return out;
    }
}
