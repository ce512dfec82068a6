package dev.pagerboy.tools.bench;

import dev.pagerboy.alerts.Rfc3339;
import dev.pagerboy.alerts.ack.AckAction;
import dev.pagerboy.alerts.ack.AckText;
import dev.pagerboy.alerts.ack.SignedAck;
import dev.pagerboy.cli.UsageException;
import dev.pagerboy.datasets.Envelope;
import dev.pagerboy.datasets.gen.AckSigner;
import dev.pagerboy.datasets.gen.AlertStreamGenerator;
import dev.pagerboy.streaming.config.Engineer;
import dev.pagerboy.streaming.config.PagerBoyConfig;
import dev.pagerboy.streaming.ingest.AlertParser;
import dev.pagerboy.streaming.ingest.ParseResult;
import dev.pagerboy.streaming.records.Alert;
import dev.pagerboy.streaming.records.RawInput;
import dev.pagerboy.streaming.routing.RouteTree;
import dev.pagerboy.tools.demo.DemoEngineerKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.web3j.crypto.ECKeyPair;

/**
 * The acknowledgments of {@code bench pipeline --ack-share F}: the roster's engineers acknowledge a
 * share F of the incidents that the benchmark's alerts open, with acks signed as the engineers sign
 * them (EIP-191, their demo keys: {@link DemoEngineerKeys}), loaded into the {@code acks} topic
 * beside the alerts before the job starts, so the job parses, checks, applies and anchors them
 * while it processes the alerts.
 *
 * <p>The incidents are known before the job runs because their ids are a function of the input. The
 * plan walks the same generated stream the alerts came from, reads each record with the job's own
 * {@link AlertParser}, routes it with the job's {@link RouteTree}, and predicts the first incident
 * of every group with {@link FirstIncidents}: not every group's birth opens one (a group whose
 * alerts have all ended by its first flush notifies nothing and is deleted). It acknowledges every
 * {@code 1/F}-th of those incidents {@link #ACK_AFTER_MS} after it opened (the group's first
 * flush). Later incidents of a group (after it resolved and fired again) are not acknowledged. An
 * ack's record time is its own {@code acked_at}, so it is within any allowed skew.
 */
final class BenchAcks {

    /** How long after its incident's first page an engineer acknowledges it, event time. */
    static final long ACK_AFTER_MS = 1;

    /**
     * What was loaded.
     *
     * @param groups groups whose first flush opens an incident (one first incident each)
     * @param acks acks written to the acks topic, one per acknowledged incident
     */
    record Loaded(long groups, long acks) {}

    /** One ack to sign: its text and who signs it. */
    private record Planned(AckText text, ECKeyPair key) {}

    private BenchAcks() {}

    /**
     * Plans, signs and writes to {@code topic} the acks for {@code share} of the incidents that
     * {@code input} (already loaded) opens under {@code config}.
     */
    static Loaded load(
            String bootstrapServers,
            String topic,
            PagerBoyConfig config,
            BenchInput.Loaded input,
            double share) {
        List<Engineer> engineers = signers(config);
        Map<String, ECKeyPair> keys = new TreeMap<>();
        for (Engineer e : engineers) {
            keys.put(e.address(), DemoEngineerKeys.of(e.name()));
        }
        RouteTree routes = config.routes();
        AlertParser parser = new AlertParser();
        FirstIncidents incidents = new FirstIncidents(config.lifecycle());
        AlertStreamGenerator generator = new AlertStreamGenerator(input.generator());
        while (generator.hasNext()) {
            Envelope e = generator.next();
            if (!Envelope.ALERTS.equals(e.topic())) {
                continue;
            }
            long eventTime = input.scale().apply(e.ts());
            ParseResult parsed =
                    parser.parse(new RawInput(topic, 0, 0, eventTime, e.keyBytes(), e.value()));
            if (parsed.isDeadLetter()) {
                continue;
            }
            for (Alert alert : parsed.alerts()) {
                incidents.alert(alert, routes.match(alert.labels()));
            }
        }
        long lastEventTime = input.scale().apply(input.lastMillis());
        List<FirstIncidents.Opened> opened = incidents.opened(lastEventTime);
        List<Planned> planned = new ArrayList<>();
        for (int index = 0; index < opened.size(); index++) {
            FirstIncidents.Opened incident = opened.get(index);
            long ackedAt = incident.openedAt() + ACK_AFTER_MS;
            if (!chosen(index, share) || ackedAt > lastEventTime) {
                continue;
            }
            Engineer by = engineers.get(planned.size() % engineers.size());
            planned.add(
                    new Planned(
                            new AckText(
                                    incident.incidentId(),
                                    incident.fingerprint(),
                                    by.address(),
                                    AckAction.ACK,
                                    ackedAt),
                            keys.get(by.address())));
        }
        // ECDSA is most of the cost; signatures are deterministic, so signing in parallel
        // changes nothing but time.
        List<SignedAck> signed =
                planned.parallelStream().map(p -> AckSigner.sign(p.text(), p.key())).toList();
        write(bootstrapServers, topic, signed);
        return new Loaded(opened.size(), signed.size());
    }

    /** Whether group {@code index} is among an exact, evenly spread {@code share} of groups. */
    static boolean chosen(long index, double share) {
        return Math.floor((index + 1) * share) > Math.floor(index * share);
    }

    /**
     * The roster's engineers, in name order; each must have its demo key's address, the only keys
     * this benchmark can sign with.
     */
    static List<Engineer> signers(PagerBoyConfig config) {
        if (config.engineers().isEmpty()) {
            throw new UsageException(
                    config.sourceFile()
                            + ": engineers: --ack-share needs a roster (nobody could sign an ack)");
        }
        List<Engineer> engineers = new ArrayList<>(config.engineers().values());
        engineers.sort(Comparator.comparing(Engineer::name));
        for (Engineer e : engineers) {
            String demo = DemoEngineerKeys.address(DemoEngineerKeys.of(e.name()));
            if (!demo.equals(e.address())) {
                throw new UsageException(
                        config.sourceFile()
                                + ": engineers."
                                + e.name()
                                + ".address: --ack-share signs with the demo key of each engineer"
                                + " (expected "
                                + demo
                                + ", the address of the demo key for \""
                                + e.name()
                                + "\")");
            }
        }
        return engineers;
    }

    /** Writes the acks in {@code acked_at} order, keyed by incident id, stamped with their time. */
    private static void write(String bootstrapServers, String topic, List<SignedAck> acks) {
        List<SignedAck> ordered = new ArrayList<>(acks);
        ordered.sort(Comparator.comparingLong(a -> a.text().ackedAtMillis()));
        Rfc3339 times = new Rfc3339();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(BenchInput.producerProperties(bootstrapServers))) {
            for (SignedAck ack : ordered) {
                producer.send(
                        new ProducerRecord<>(
                                topic,
                                null,
                                ack.text().ackedAtMillis(),
                                ack.text().incidentId().getBytes(StandardCharsets.UTF_8),
                                ack.toJson(times).getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }
}
