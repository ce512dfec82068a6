package dev.pagerboy.tools.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.dispatcher.delivery.Outcome;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher's books in every scenario: what makes them fail (a page never delivered, an effect
 * under a key never paged, a page without a receipt, a failed receipt, receipts beyond the
 * deliveries) and what does not (a re-delivery the key absorbed, with its second receipt), and how
 * they enter the closing line's {@code lost=} and {@code duplicated=}.
 */
class DeliveryBooksTest {

    private static final Set<String> PAGES = Set.of("a", "b", "c");
    private static final List<DeliveryBooks.Copy> ONE = List.of(delivered("replica 1"));

    @Test
    void everyPageDeliveredOnceInEffectWithAReceiptBalances() {
        DeliveryBooks books =
                DeliveryBooks.balance(
                        PAGES,
                        Map.of("a", 1, "b", 2, "c", 1),
                        Map.of(
                                "a",
                                ONE,
                                "b",
                                List.of(delivered("replica 1"), delivered("replica 2")),
                                "c",
                                ONE));

        assertThat(books.balanced()).isTrue();
        assertThat(books.redeliveries()).isEqualTo(1);
        assertThat(books.receipts()).isEqualTo(4);
        ScenarioReport report = report(books);
        assertThat(report.passed()).isTrue();
        assertThat(report.keyValueLine())
                .contains(" lost=0 ")
                .contains(" duplicated=0 ")
                .contains(" deliveries_lost=0 ")
                .contains(" delivery_receipts_lost=0");
    }

    @Test
    void aPageNeverDeliveredIsLost() {
        DeliveryBooks books =
                DeliveryBooks.balance(
                        PAGES, Map.of("a", 1, "c", 1), Map.of("a", ONE, "b", ONE, "c", ONE));

        assertThat(books.lost()).isEqualTo(1);
        assertThat(books.receiptsBeyondDeliveries()).isEqualTo(1);
        ScenarioReport report = report(books);
        assertThat(report.passed()).isFalse();
        assertThat(report.keyValueLine()).contains(" lost=1 ").contains(" deliveries_lost=1 ");
    }

    @Test
    void oneRunsRowAmongSeveralPassesOnlyIfItsBooksBalance() {
        ScenarioReport report = new ScenarioReport(Scenario.R5);
        DeliveryBooks.balance(
                        PAGES, Map.of("a", 1, "b", 1, "c", 1), Map.of("a", ONE, "b", ONE, "c", ONE))
                .addRow(report, "infinite-loop");
        assertThat(report.passed()).isTrue();

        DeliveryBooks.balance(PAGES, Map.of("a", 1, "c", 1), Map.of("a", ONE, "c", ONE))
                .addRow(report, "illegal-opcode");
        assertThat(report.passed()).isFalse();
    }

    @Test
    void aPageWithoutAReceiptIsLost() {
        DeliveryBooks books =
                DeliveryBooks.balance(
                        PAGES, Map.of("a", 1, "b", 1, "c", 1), Map.of("a", ONE, "c", ONE));

        assertThat(books.receiptsLost()).isEqualTo(1);
        assertThat(report(books).keyValueLine())
                .contains(" lost=1 ")
                .contains(" delivery_receipts_lost=1");
    }

    @Test
    void anEffectUnderAKeyNeverPagedIsADuplicate() {
        DeliveryBooks books =
                DeliveryBooks.balance(
                        PAGES,
                        Map.of("a", 1, "b", 1, "c", 1, "a-again", 1),
                        Map.of("a", ONE, "b", ONE, "c", ONE));

        assertThat(books.foreignEffects()).isEqualTo(1);
        assertThat(report(books).keyValueLine())
                .contains(" duplicated=1 ")
                .contains(" effects_duplicated=1 ");
    }

    @Test
    void aFailedReceiptOrOneBeyondTheDeliveriesFails() {
        DeliveryBooks failed =
                DeliveryBooks.balance(
                        PAGES,
                        Map.of("a", 1, "b", 1, "c", 1),
                        Map.of(
                                "a",
                                ONE,
                                "b",
                                List.of(new DeliveryBooks.Copy(Outcome.FAILED, "replica 1")),
                                "c",
                                ONE));
        DeliveryBooks twice =
                DeliveryBooks.balance(
                        PAGES,
                        Map.of("a", 1, "b", 1, "c", 1),
                        Map.of(
                                "a",
                                ONE,
                                "b",
                                List.of(delivered("replica 1"), delivered("replica 2")),
                                "c",
                                ONE));

        assertThat(failed.balanced()).isFalse();
        assertThat(report(failed).passed()).isFalse();
        assertThat(twice.receiptsBeyondDeliveries()).isEqualTo(1);
        assertThat(report(twice).passed()).isFalse();
    }

    @Test
    void aReceiptRecordWrittenTwiceByteForByteIsOneReceipt() {
        // R2 (finding 15): the broker killed between taking a batch of receipts and answering;
        // the producer's retry wrote the batch again, the same bytes at a later offset
        DeliveryBooks copied =
                DeliveryBooks.balance(
                        PAGES,
                        Map.of("a", 1, "b", 1, "c", 1),
                        Map.of(
                                "a",
                                ONE,
                                "b",
                                List.of(delivered("replica 2"), delivered("replica 2")),
                                "c",
                                ONE));

        assertThat(copied.receiptCopies()).isEqualTo(1);
        assertThat(copied.receiptsBeyondDeliveries()).isZero();
        ScenarioReport report = report(copied);
        assertThat(report.passed()).isTrue();
        assertThat(report.keyValueLine()).contains(" delivery_receipts=4 receipt_copies=1");
    }

    private static DeliveryBooks.Copy delivered(String bytes) {
        return new DeliveryBooks.Copy(Outcome.DELIVERED, bytes);
    }

    private static ScenarioReport report(DeliveryBooks books) {
        ScenarioReport report = new ScenarioReport(Scenario.R1);
        Books job = new Books(10, 0, 0, new Copies(3, 3, 0, 0, 0), new Copies(5, 5, 0, 0, 0));
        report.summary("inputs", job.inputs());
        report.summary("lost", 0);
        report.summary("duplicated", 0);
        books.addTo(report, job);
        return report;
    }
}
