package dev.pagerboy.devstack;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension that gives a test class one real {@link EmbeddedKafka} broker, started before
 * the first test and stopped (threads ended, directory deleted) after the last one.
 *
 * <pre>{@code
 * @RegisterExtension static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();
 *
 * @Test
 * void something() {
 *     kafka.createTopics(2, "alerts");
 *     try (var producer = new KafkaProducer<byte[], byte[]>(kafka.producerProperties())) { ... }
 *     List<ConsumerRecord<byte[], byte[]>> out = kafka.readCommitted("notifications");
 * }
 * }</pre>
 *
 * <p>The field must be {@code static}: the broker lives for the whole class (a start costs 3–5 s).
 * Topics therefore outlive a single test; give each test its own topic names when tests must not
 * see each other's records.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, AfterAllCallback {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private EmbeddedKafka broker;
    private ExtensionContext owner;

    @Override
    public void beforeAll(ExtensionContext context) {
        // @Nested classes run beforeAll again on the inherited extension: keep the outer broker.
        if (broker == null) {
            broker = EmbeddedKafka.start();
            owner = context;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (context == owner) {
            broker.close();
            broker = null;
            owner = null;
        }
    }

    /** The running broker. */
    public EmbeddedKafka broker() {
        if (broker == null) {
            throw new IllegalStateException(
                    "the Kafka broker is not running: register KafkaBrokerExtension on a static"
                            + " field with @RegisterExtension");
        }
        return broker;
    }

    /** The {@code bootstrap.servers} value for clients. */
    public String bootstrapServers() {
        return broker().bootstrapServers();
    }

    /** Creates topics with one partition each (existing topics are kept). */
    public void createTopics(String... names) {
        broker().createTopics(names);
    }

    /** Creates topics with {@code partitions} partitions each (existing topics are kept). */
    public void createTopics(int partitions, String... names) {
        broker().createTopics(partitions, names);
    }

    /** Properties for a plain {@code KafkaProducer<byte[], byte[]>}: acks=all, idempotent. */
    public Properties producerProperties() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    /** Properties for a transactional {@code KafkaProducer<byte[], byte[]>}. */
    public Properties transactionalProducerProperties(String transactionalId) {
        Properties p = producerProperties();
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        return p;
    }

    /**
     * Properties for a {@code KafkaConsumer<byte[], byte[]>} in a fresh consumer group that reads
     * from the earliest offset and only sees committed transactional data.
     */
    public Properties readCommittedConsumerProperties() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        return p;
    }

    /**
     * Every record of {@code topic} visible to a read_committed consumer now, per partition in
     * offset order. Commit markers land just after a commit returns: to wait for output, use {@link
     * #awaitCommitted}.
     */
    public List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic) {
        return CommittedRecords.readAll(bootstrapServers(), topic, READ_TIMEOUT);
    }

    /**
     * All committed records of {@code topic} once there are at least {@code expected}; fails after
     * 60 s. Assert on the returned list's exact size to catch duplicates.
     */
    public List<ConsumerRecord<byte[], byte[]>> awaitCommitted(String topic, int expected) {
        return CommittedRecords.awaitAtLeast(bootstrapServers(), topic, expected, READ_TIMEOUT);
    }
}
