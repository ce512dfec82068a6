package dev.pagerboy.dispatcher.it;

import dev.pagerboy.dispatcher.receipts.Receipt;
import dev.pagerboy.dispatcher.receipts.ReceiptWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Every receipt on a receipts topic, read from the beginning as they arrive. */
final class ReceiptLog implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, List<Receipt>> byKey = new HashMap<>();
    private long count;

    ReceiptLog(String bootstrapServers, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "receipt-log-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        consumer = new KafkaConsumer<>(p);
        List<TopicPartition> parts = new ArrayList<>();
        consumer.partitionsFor(topic)
                .forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
    }

    /** Reads what has arrived (for up to {@code wait}); returns receipts by record key. */
    Map<String, List<Receipt>> poll(Duration wait) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(wait)) {
            try {
                byKey.computeIfAbsent(r.key(), k -> new ArrayList<>())
                        .add(ReceiptWriter.read(r.value()));
                count++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return byKey;
    }

    /** Whether every key has at least one receipt (after a poll). */
    boolean covers(Collection<String> keys) {
        poll(Duration.ofMillis(200));
        return byKey.keySet().containsAll(keys);
    }

    Map<String, List<Receipt>> receipts() {
        return byKey;
    }

    long count() {
        return count;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
