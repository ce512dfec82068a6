package dev.pagerboy.tools.chaos;

import dev.pagerboy.alerts.Rfc3339;
import dev.pagerboy.alerts.ack.AckAction;
import dev.pagerboy.alerts.ack.AckText;
import dev.pagerboy.datasets.gen.AckSigner;
import dev.pagerboy.datasets.gen.EngineerKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * R4's hostile records for the acks topic: acks for the incidents the clean run paged an engineer
 * about, none of which may take effect. Each is refused by the job's stateless ack check, so each
 * must become a dead letter with a reason and none may change a page:
 *
 * <ul>
 *   <li>{@link Kind#FORGED}: the text names the rostered engineer's shipped address, but the
 *       signature is the forger's key ({@code bad_signature});
 *   <li>{@link Kind#UNROSTERED}: correctly signed by a key no roster entry names ({@code
 *       not_on_roster});
 *   <li>{@link Kind#REPLAYED}: the unrostered record before it written again, byte for byte (each
 *       copy refused on its own);
 *   <li>{@link Kind#GARBAGE}: R4's hostile alert records ({@link HostileRecords}: truncated, huge,
 *       mistyped, deeply nested, invalid UTF-8, oversized, empty) on the acks topic ({@code
 *       malformed}).
 * </ul>
 *
 * An accepted ack that is replayed is the incident stage's {@code duplicate} verdict, which needs
 * an accepted ack first and so changes the pages; R3 and {@code demo --acks} cover that path, R4's
 * books compare with the clean run.
 */
final class HostileAcks {

    /** The kinds, in the order the records cycle through them. */
    enum Kind {
        FORGED,
        UNROSTERED,
        REPLAYED,
        GARBAGE
    }

    /** One hostile ack record: its key (the incident id), time and bytes. */
    record Hostile(Kind kind, String key, long at, byte[] value) {}

    private HostileAcks() {}

    /**
     * {@code count} hostile ack records answering {@code answers} (the acks an engineer would have
     * sent, {@link AckPlan#answering}), cycling through the kinds and the answered incidents.
     *
     * @param rosterAddress the shipped address of the engineer a page names (what a forger claims)
     */
    static List<Hostile> records(
            List<AckPlan.Ack> answers,
            java.util.function.Function<String, String> rosterAddress,
            EngineerKeys keys,
            int count) {
        if (answers.isEmpty()) {
            throw new IllegalArgumentException("no incident paged an engineer: nothing to forge");
        }
        Rfc3339 times = new Rfc3339();
        EngineerKeys.Engineer forger = keys.forger();
        List<Hostile> out = new ArrayList<>(count);
        Kind[] kinds = Kind.values();
        byte[] previous = null;
        for (int i = 0; i < count; i++) {
            AckPlan.Ack answer = answers.get(i % answers.size());
            Kind kind = kinds[i % kinds.length];
            byte[] value =
                    switch (kind) {
                        case FORGED -> {
                            AckText claimed =
                                    new AckText(
                                            answer.incidentId(),
                                            answer.fingerprint(),
                                            rosterAddress.apply(answer.engineer()),
                                            AckAction.ACK,
                                            answer.at());
                            yield utf8(AckSigner.sign(claimed, forger.keyPair()).toJson(times));
                        }
                        case UNROSTERED -> {
                            AckText own =
                                    new AckText(
                                            answer.incidentId(),
                                            answer.fingerprint(),
                                            forger.address(),
                                            AckAction.ACK,
                                            answer.at());
                            yield utf8(AckSigner.sign(own, forger.keyPair()).toJson(times));
                        }
                        case REPLAYED -> previous;
                        case GARBAGE -> HostileRecords.kindOf(i / kinds.length).bytes(i);
                    };
            out.add(new Hostile(kind, answer.incidentId(), answer.at(), value));
            previous = value;
        }
        return out;
    }

    /** Writes the records to {@code topic}, keyed by incident id, stamped with the ack's time. */
    static void write(String bootstrap, String topic, List<Hostile> records) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, String.valueOf(4 * 1024 * 1024));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (Hostile h : records) {
                producer.send(new ProducerRecord<>(topic, null, h.at(), utf8(h.key()), h.value()));
            }
            producer.flush();
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
