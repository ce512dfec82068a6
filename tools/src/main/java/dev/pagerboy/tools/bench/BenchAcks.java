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
import dev.pagerboy.streaming.incidents.IncidentIds;
import dev.pagerboy.streaming.ingest.AlertParser;
import dev.pagerboy.streaming.ingest.ParseResult;
import dev.pagerboy.streaming.records.Alert;
import dev.pagerboy.streaming.records.RawInput;
import dev.pagerboy.streaming.routing.MatchedRoute;
import dev.pagerboy.streaming.routing.RouteTree;
import dev.pagerboy.tools.demo.DemoEngineerKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * <p>The incidents are known before the job runs because their ids are a function of the input: a
 * group is born at the event time of the first firing alert with its route and group key, and its
 * incident id is {@link IncidentIds#ofGroup}. The plan walks the same generated stream the alerts
 * came from, reads each record with the job's own {@link AlertParser} and routes it with the job's
 * {@link RouteTree}, and acknowledges the first incident of every {@code 1/F}-th new group, {@link
 * #ACK_AFTER_MS} after the group's first flush (its {@code group_wait}). Later incidents of a group
 * (after it resolved and fired again) are not acknowledged: their birth depends on the job's group
 * lifecycle, not on the input alone. An ack's record time is its own {@code acked_at}, so it is
 * within any allowed skew.
 */
final class BenchAcks {

    /** How long after its incident's first page an engineer acknowledges it, event time. */
    static final long ACK_AFTER_MS = 1;

    /**
     * What was loaded.
     *
     * @param groups groups the input's alerts open (first incidents)
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
        List<Planned> planned = new ArrayList<>();
        long groups = 0;
        Set<String> born = new HashSet<>();
        RouteTree routes = config.routes();
        AlertParser parser = new AlertParser();
        long lastEventTime = input.scale().apply(input.lastMillis());
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
                if (!Alert.FIRING.equals(alert.status())) {
                    continue;
                }
                for (MatchedRoute route : routes.match(alert.labels())) {
                    String groupKey = RouteTree.groupKey(route, alert.labels());
                    if (!born.add(route.id() + "|" + groupKey)) {
                        continue;
                    }
                    long index = groups++;
                    long ackedAt = eventTime + route.groupWait().toMillis() + ACK_AFTER_MS;
                    if (!chosen(index, share) || ackedAt > lastEventTime) {
                        continue;
                    }
                    Engineer by = engineers.get(planned.size() % engineers.size());
                    planned.add(
                            new Planned(
                                    new AckText(
                                            IncidentIds.ofGroup(route.id(), groupKey, eventTime),
                                            alert.fingerprint(),
                                            by.address(),
                                            AckAction.ACK,
                                            ackedAt),
                                    keys.get(by.address())));
                }
            }
        }
        // ECDSA is most of the cost; signatures are deterministic, so signing in parallel
        // changes nothing but time.
        List<SignedAck> signed =
                planned.parallelStream().map(p -> AckSigner.sign(p.text(), p.key())).toList();
        write(bootstrapServers, topic, signed);
        return new Loaded(groups, signed.size());
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
