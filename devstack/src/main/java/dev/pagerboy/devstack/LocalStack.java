package dev.pagerboy.devstack;

import dev.pagerboy.contracts.anvil.AnvilNode;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The services PagerBoy runs against on one machine: an embedded Kafka broker with the standard
 * topics, and an Anvil Ethereum node. Started together, stopped together.
 */
public final class LocalStack implements AutoCloseable {

    private final EmbeddedKafka kafka;
    private final AnvilNode anvil;

    private LocalStack(EmbeddedKafka kafka, AnvilNode anvil) {
        this.kafka = kafka;
        this.anvil = anvil;
    }

    /**
     * Starts Kafka (creating every {@link StandardTopics standard topic} with {@code partitions}
     * partitions) and Anvil. With a {@code chainStateFile} Anvil loads its chain from that file
     * when it exists and writes it back on close, so the chain survives restarts.
     */
    public static LocalStack start(int partitions, Optional<Path> chainStateFile) {
        EmbeddedKafka kafka = EmbeddedKafka.start();
        try {
            kafka.createTopics(partitions, StandardTopics.ALL.toArray(String[]::new));
            AnvilNode.Builder anvil = AnvilNode.builder();
            chainStateFile.ifPresent(anvil::stateFile);
            return new LocalStack(kafka, anvil.start());
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public AnvilNode anvil() {
        return anvil;
    }

    /** Stops Anvil (its whole process tree) and then Kafka. Idempotent. */
    @Override
    public void close() {
        try {
            anvil.close();
        } finally {
            kafka.close();
        }
    }
}
