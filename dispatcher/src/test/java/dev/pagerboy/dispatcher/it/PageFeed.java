package dev.pagerboy.dispatcher.it;

import dev.pagerboy.dispatcher.page.Page;
import dev.pagerboy.dispatcher.page.PageAlert;
import dev.pagerboy.dispatcher.page.PageReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Pages for the integration tests and the benchmark's shape: written to a notifications topic in
 * Kafka transactions, as the job's exactly-once sink does, so a {@code read_committed} dispatcher
 * sees them only after commit.
 */
final class PageFeed {

    private PageFeed() {}

    /** Page {@code i} for {@code receiver}: a one-alert escalation page with a unique key. */
    static Page page(int i, String receiver) {
        String incident = String.format("%016x-1796529600000", (long) i * 2654435761L);
        return new Page(
                incident + "/1/eng" + (i % 7),
                receiver,
                "route-1",
                "{}:{alertname=\"A" + i + "\"}",
                1,
                1_796_529_600_000L + i,
                "firing",
                Map.of("alertname", "A" + i),
                List.of(
                        new PageAlert(
                                String.format("%016x", i),
                                "firing",
                                "critical",
                                "page " + i,
                                "",
                                Map.of("alertname", "A" + i, "n", String.valueOf(i)),
                                1_796_529_600_000L,
                                0)),
                incident,
                "eng" + (i % 7),
                1,
                1);
    }

    /** Writes raw records (pages or not) in one committed transaction. */
    static void writeRaw(
            Properties transactional, String topic, List<byte[]> values, List<String> keys) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(transactional)) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < values.size(); i++) {
                producer.send(
                        new ProducerRecord<>(
                                topic,
                                keys.get(i) == null ? null : keys.get(i).getBytes(),
                                values.get(i)));
            }
            producer.commitTransaction();
        }
    }

    /** Writes pages keyed by idempotency key, {@code perTransaction} to a transaction. */
    static void write(
            Properties transactional, String topic, List<Page> pages, int perTransaction) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(transactional)) {
            producer.initTransactions();
            for (int from = 0; from < pages.size(); from += perTransaction) {
                producer.beginTransaction();
                for (Page p : pages.subList(from, Math.min(pages.size(), from + perTransaction))) {
                    producer.send(
                            new ProducerRecord<>(
                                    topic, p.idempotencyKey().getBytes(), PageReader.write(p)));
                }
                producer.commitTransaction();
            }
        }
    }

    static List<String> keys(List<Page> pages) {
        List<String> out = new ArrayList<>();
        pages.forEach(p -> out.add(p.idempotencyKey()));
        return out;
    }
}
