package dev.pagerboy.tools.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pagerboy.alerts.Rfc3339;
import dev.pagerboy.alerts.ack.AckAction;
import dev.pagerboy.alerts.ack.AckText;
import dev.pagerboy.alerts.ack.SignedAck;
import dev.pagerboy.datasets.gen.AckSigner;
import dev.pagerboy.datasets.gen.EngineerKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * R3's acks: each incident that paged an engineer in the fault-free run is acknowledged by that
 * engineer {@value #AFTER_MS} ms (event time) after the first such page, signed with the engineer's
 * generated key ({@link EngineerKeys}); the record's timestamp is the ack's own time, so it is
 * within the job's allowed skew. Deterministic: the same pages give the same acks.
 */
final class AckPlan {

    /** How long after the page the engineer acknowledges, ms. */
    static final long AFTER_MS = 30_000;

    /**
     * One signed ack and where it goes: the incident, the paged alert's fingerprint and the
     * engineer's name (as the page names them), its time and its JSON.
     */
    record Ack(String incidentId, String fingerprint, String engineer, long at, String json) {}

    private AckPlan() {}

    static List<Ack> answering(Map<String, List<String>> notifications, EngineerKeys keys) {
        // The first engineer page of each incident, in a fixed order.
        Map<String, JsonNode> first = new TreeMap<>();
        notifications.values().stream()
                .flatMap(List::stream)
                .map(ChainOutage::engineerPage)
                .flatMap(java.util.Optional::stream)
                .forEach(
                        page ->
                                first.merge(
                                        page.path("incidentId").asText(),
                                        page,
                                        (a, b) ->
                                                a.path("eventTime").asLong()
                                                                <= b.path("eventTime").asLong()
                                                        ? a
                                                        : b));
        Rfc3339 times = new Rfc3339();
        List<Ack> acks = new ArrayList<>();
        for (JsonNode page : first.values()) {
            String fingerprint = page.path("alerts").path(0).path("fingerprint").asText();
            EngineerKeys.Engineer engineer = keys.engineer(page.path("engineer").asText(), 0);
            long at = page.path("eventTime").asLong() + AFTER_MS;
            AckText text =
                    new AckText(
                            page.path("incidentId").asText(),
                            fingerprint,
                            engineer.address(),
                            AckAction.ACK,
                            at);
            SignedAck signed = AckSigner.sign(text, engineer.keyPair());
            acks.add(
                    new Ack(
                            text.incidentId(),
                            fingerprint,
                            page.path("engineer").asText(),
                            at,
                            signed.toJson(times)));
        }
        acks.sort(Comparator.comparingLong(Ack::at).thenComparing(Ack::incidentId));
        return acks;
    }

    /** Writes the acks to {@code topic}, keyed by incident id, stamped with their own time. */
    static void write(String bootstrap, String topic, List<Ack> acks) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (Ack ack : acks) {
                producer.send(
                        new ProducerRecord<>(
                                topic,
                                null,
                                ack.at(),
                                ack.incidentId().getBytes(StandardCharsets.UTF_8),
                                ack.json().getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }
}
