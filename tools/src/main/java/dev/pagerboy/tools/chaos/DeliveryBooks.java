package dev.pagerboy.tools.chaos;

import dev.pagerboy.dispatcher.delivery.Outcome;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dispatcher's side of a run's books: every page the run committed has had its effect at the
 * local receiver exactly once, and has a durable delivery receipt that says it was delivered.
 *
 * <p>Re-delivery is part of the dispatcher's design (a replica that dies before it commits its
 * offsets leaves its pages to the next owner, and the idempotency key lets the receiver drop the
 * second copy), so a second delivery of a page is counted ({@code redeliveries}) but is not a
 * duplicate. A duplicate is a second <em>effect</em>: one under a key the run never paged. A page
 * delivered again may get a second receipt under the same key; more receipts of a page than
 * deliveries of it would mean receipts written without a delivery, and fail the books.
 *
 * <p>A receipt record whose bytes equal another's under the same key is one receipt written twice,
 * not a second receipt: the same replica, delivery time and attempts. The replicas' idempotent
 * producer writes a batch twice when the broker is killed with {@code kill -9} between taking the
 * batch and answering (R2, finding 15). Every reader of receipts takes a copy as the receipt it
 * copies (the job's {@code FailedDelivery.escalates}), so copies are counted ({@code
 * receiptCopies}) and do not fail the books; only distinct receipts are held against the
 * deliveries.
 *
 * @param pages distinct pages (idempotency keys) the run committed
 * @param lost pages without an effect at the receiver
 * @param foreignEffects effects under keys the run never paged (duplicate effects)
 * @param redeliveries deliveries of a page after its first (absorbed by the receiver)
 * @param receipts delivery receipt records read, every copy
 * @param receiptCopies receipt records that repeat another's bytes under the same key
 * @param receiptsLost pages without a receipt
 * @param receiptsFailed receipts with outcome failed (the local receiver refuses nothing)
 * @param receiptsForeign receipts for keys the run never paged
 * @param receiptsBeyondDeliveries receipts of a page beyond its deliveries at the receiver
 */
record DeliveryBooks(
        long pages,
        long lost,
        long foreignEffects,
        long redeliveries,
        long receipts,
        long receiptCopies,
        long receiptsLost,
        long receiptsFailed,
        long receiptsForeign,
        long receiptsBeyondDeliveries) {

    /**
     * One receipt record as read from the receipts topic.
     *
     * @param outcome its outcome
     * @param bytes its value, to tell a record written twice from a second receipt
     */
    record Copy(Outcome outcome, String bytes) {}

    /**
     * @param pages the idempotency keys of the run's committed notifications
     * @param deliveries per key, how often it reached the receiver (the first time included)
     * @param receipts per key, every receipt record read
     */
    static DeliveryBooks balance(
            Set<String> pages, Map<String, Integer> deliveries, Map<String, List<Copy>> receipts) {
        long lost = 0;
        long receiptsLost = 0;
        for (String page : pages) {
            if (!deliveries.containsKey(page)) {
                lost++;
            }
            if (!receipts.containsKey(page)) {
                receiptsLost++;
            }
        }
        long foreign = 0;
        long redeliveries = 0;
        for (Map.Entry<String, Integer> d : deliveries.entrySet()) {
            if (!pages.contains(d.getKey())) {
                foreign++;
            }
            redeliveries += d.getValue() - 1;
        }
        long records = 0;
        long copies = 0;
        long failed = 0;
        long receiptsForeign = 0;
        long beyond = 0;
        for (Map.Entry<String, List<Copy>> r : receipts.entrySet()) {
            List<Copy> read = r.getValue();
            Map<String, Outcome> distinct = new HashMap<>();
            read.forEach(c -> distinct.put(c.bytes(), c.outcome()));
            records += read.size();
            copies += read.size() - distinct.size();
            failed += distinct.values().stream().filter(o -> o != Outcome.DELIVERED).count();
            if (!pages.contains(r.getKey())) {
                receiptsForeign += distinct.size();
            }
            beyond += Math.max(0, distinct.size() - deliveries.getOrDefault(r.getKey(), 0));
        }
        return new DeliveryBooks(
                pages.size(),
                lost,
                foreign,
                redeliveries,
                records,
                copies,
                receiptsLost,
                failed,
                receiptsForeign,
                beyond);
    }

    boolean balanced() {
        return lost == 0
                && foreignEffects == 0
                && receiptsLost == 0
                && receiptsFailed == 0
                && receiptsForeign == 0
                && receiptsBeyondDeliveries == 0;
    }

    /**
     * Adds the rows and the closing line's keys to {@code report}; the run's {@code lost=} and
     * {@code duplicated=} then also count lost deliveries and receipts, and duplicate effects.
     */
    void addTo(ScenarioReport report, Books job) {
        report.check(
                "pages delivered to the receiver (committed pages)",
                pages - lost + " of " + pages,
                lost == 0);
        report.check(
                "effects under a key never paged (duplicate effects)",
                String.valueOf(foreignEffects),
                foreignEffects == 0);
        report.figure("re-deliveries absorbed by the keys", String.valueOf(redeliveries));
        report.check(
                "pages with a delivery receipt",
                pages - receiptsLost + " of " + pages + " (" + receipts + " receipts)",
                receiptsLost == 0);
        report.figure(
                "receipt records written twice, byte for byte (one receipt each)",
                String.valueOf(receiptCopies));
        report.check(
                "receipts failed / for no page / beyond the deliveries",
                receiptsFailed + " / " + receiptsForeign + " / " + receiptsBeyondDeliveries,
                receiptsFailed == 0 && receiptsForeign == 0 && receiptsBeyondDeliveries == 0);
        report.summary("lost", job.lost() + job.archiveMissing() + lost + receiptsLost);
        report.summary("duplicated", job.duplicated() + job.archiveDuplicated() + foreignEffects);
        report.summary("pages_delivered", pages - lost);
        report.summary("deliveries_lost", lost);
        report.summary("effects_duplicated", foreignEffects);
        report.summary("redeliveries", redeliveries);
        report.summary("delivery_receipts", receipts);
        report.summary("receipt_copies", receiptCopies);
        report.summary("delivery_receipts_lost", receiptsLost);
    }

    /**
     * One row for one run among several of a scenario (R5 runs one per hostile ROM), named {@code
     * name}: it passes only if the books balanced.
     */
    void addRow(ScenarioReport report, String name) {
        report.check(
                name + ": pages delivered, duplicate effects, with a receipt (failed receipts)",
                (pages - lost)
                        + " of "
                        + pages
                        + ", "
                        + foreignEffects
                        + ", "
                        + (pages - receiptsLost)
                        + " of "
                        + pages
                        + " ("
                        + receiptsFailed
                        + ")",
                balanced());
    }
}
