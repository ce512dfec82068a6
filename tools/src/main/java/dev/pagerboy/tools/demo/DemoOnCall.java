package dev.pagerboy.tools.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.alerts.Rfc3339;
import dev.pagerboy.alerts.ack.AckAction;
import dev.pagerboy.alerts.ack.AckText;
import dev.pagerboy.alerts.ack.SignedAck;
import dev.pagerboy.datasets.gen.AckSigner;
import dev.pagerboy.devstack.CommittedRecords;
import dev.pagerboy.streaming.config.Engineer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.web3j.crypto.ECKeyPair;

/**
 * The demo's on-call engineers: they read the pages the job commits to the {@code notifications}
 * topic ({@code read_committed}, as a dispatcher would), and the engineer a page names acknowledges
 * its incident by writing a signed ack, made with their own key ({@link DemoEngineerKeys}), to the
 * {@code acks} topic, if the page lists one of the alerts the demo chose for acknowledging firing
 * ({@link HeldResolves}). The other incidents are left alone: they escalate, or resolve on their
 * own. A handful of bad acks goes along — a replay of an accepted ack, a forgery and a stranger's
 * ack — so the run shows each rejection.
 *
 * <p>An engineer answers {@link #reactionMillis} of event time after the page (the ack's Kafka
 * timestamp and its signed {@code acked_at}), whenever the page is read: tying acks to the wall
 * clock would make them depend on how fast the machine runs the job. A page is read only once the
 * job has committed it, by then the job's event time may be hours or days past the ack's, and the
 * job applies such a late ack at its current event time (archived as a {@code late_input} row, so
 * replay applies it there too): the demo's MTTA measures that lag too. The chosen alerts' resolves
 * are held back until the acks are in, so their incidents are still open then, and every such ack
 * is accepted however far behind it is. By then the incident has usually been escalated through its
 * policy's levels already, so it counts as both escalated and acknowledged.
 *
 * <p>{@link #stop} reads every page committed so far before it stops, so that which incidents are
 * acknowledged does not depend on how far the reader had got.
 */
final class DemoOnCall implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(200);

    /** The longest {@link #stop} reads on to the end of the committed pages. */
    private static final Duration DRAIN = Duration.ofMinutes(2);

    private final Map<String, Engineer> roster;
    private final Set<String> acknowledging;
    private final String acksTopic;
    private final long lastEventTime;
    private final KafkaConsumer<byte[], byte[]> pages;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Rfc3339 times = new Rfc3339();
    private final ECKeyPair stranger = DemoEngineerKeys.of(DemoEngineerKeys.UNROSTERED);
    private final Set<String> seen = new HashSet<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong sent = new AtomicLong();
    private final Thread thread;
    private volatile Exception failure;
    private int acknowledged;

    private DemoOnCall(
            Map<String, Engineer> roster,
            Set<String> acknowledging,
            String bootstrapServers,
            String notificationsTopic,
            String acksTopic,
            long lastEventTime) {
        this.roster = roster;
        this.acknowledging = Set.copyOf(acknowledging);
        this.acksTopic = acksTopic;
        this.lastEventTime = lastEventTime;
        this.pages =
                new KafkaConsumer<>(CommittedRecords.readCommittedProperties(bootstrapServers));
        List<TopicPartition> partitions = new ArrayList<>();
        pages.partitionsFor(notificationsTopic)
                .forEach(
                        p -> partitions.add(new TopicPartition(notificationsTopic, p.partition())));
        pages.assign(partitions);
        pages.seekToBeginning(partitions);
        this.producer = new KafkaProducer<>(producerProperties(bootstrapServers));
        this.thread = new Thread(this::run, "demo-on-call");
        thread.setDaemon(true);
    }

    /**
     * Starts answering pages.
     *
     * @param roster the configured roster: only engineers whose address is their demo key's act
     * @param acknowledging the alerts (by fingerprint) whose incidents are acknowledged
     * @param lastEventTime the replay's last record: no ack is made later
     */
    static DemoOnCall start(
            Map<String, Engineer> roster,
            Set<String> acknowledging,
            String bootstrapServers,
            String notificationsTopic,
            String acksTopic,
            long lastEventTime) {
        DemoOnCall onCall =
                new DemoOnCall(
                        roster,
                        acknowledging,
                        bootstrapServers,
                        notificationsTopic,
                        acksTopic,
                        lastEventTime);
        onCall.thread.start();
        return onCall;
    }

    /**
     * Answers every page committed so far, then stops, flushes what was written and returns the
     * number of acks sent. Call it once no transaction of the job is completing ({@code
     * CommittedRecords.awaitSettled}), so that every committed page is visible.
     */
    long stop() throws Exception {
        running.set(false);
        thread.join(DRAIN.plusSeconds(30).toMillis());
        if (failure != null) {
            throw new IllegalStateException("the demo's engineers failed", failure);
        }
        if (thread.isAlive()) {
            throw new IllegalStateException(
                    "the demo's engineers did not finish reading the pages within " + DRAIN);
        }
        return sent.get();
    }

    long sent() {
        return sent.get();
    }

    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try (pages;
                producer) {
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> r : pages.poll(POLL)) {
                    answer(r.value());
                }
            }
            readToEnd();
            producer.flush();
        } catch (Exception e) {
            failure = e;
        }
    }

    /** Answers the pages up to the end of what is committed now (the read_committed end). */
    private void readToEnd() throws IOException {
        Map<TopicPartition, Long> ends = pages.endOffsets(pages.assignment());
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while (!reached(ends)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "committed pages not read to their end " + ends + " within " + DRAIN);
            }
            for (ConsumerRecord<byte[], byte[]> r : pages.poll(POLL)) {
                answer(r.value());
            }
        }
    }

    private boolean reached(Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (pages.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Acknowledges the incident of a firing page sent to an engineer, once per incident, when the
     * page lists a firing alert the demo chose for acknowledging.
     */
    void answer(byte[] page) throws IOException {
        JsonNode p = JSON.readTree(page);
        String incident = p.path("incidentId").asText();
        Engineer engineer = roster.get(p.path("engineer").asText());
        String fingerprint = acknowledgedAlert(p.path("alerts"));
        if (engineer == null
                || !"firing".equals(p.path("status").asText())
                || fingerprint == null
                || !seen.add(incident)) {
            return;
        }
        ECKeyPair key = DemoEngineerKeys.of(engineer.name());
        if (!DemoEngineerKeys.address(key).equals(engineer.address())) {
            return; // not a demo key: only the engineer can sign for this address
        }
        long now = p.path("eventTime").asLong() + reactionMillis(incident);
        if (now > lastEventTime) {
            return; // the clock runs on after the last record only to flush waiting groups
        }
        AckText text = new AckText(incident, fingerprint, engineer.address(), AckAction.ACK, now);
        SignedAck ack = AckSigner.sign(text, key);
        send(incident, ack, now);
        switch (acknowledged++) {
            case 0 -> send(incident, ack, now); // replayed: a duplicate, no effect
            case 1 -> send(incident, AckSigner.sign(text, stranger), now); // forged
            case 2 ->
                    send(
                            incident,
                            AckSigner.sign(
                                    new AckText(
                                            incident,
                                            text.fingerprint(),
                                            DemoEngineerKeys.address(stranger),
                                            AckAction.ACK,
                                            now),
                                    stranger),
                            now); // signed correctly by someone on no roster
            default -> {
                // one of each is enough to show the rejections
            }
        }
    }

    /** The first alert of a page that fires and was chosen for acknowledging, else null. */
    private String acknowledgedAlert(JsonNode alerts) {
        for (JsonNode a : alerts) {
            String fingerprint = a.path("fingerprint").asText();
            if (acknowledging.contains(fingerprint)
                    && !"resolved".equals(a.path("status").asText())) {
                return fingerprint;
            }
        }
        return null;
    }

    /** How long the engineer takes to answer: 30 s to 5 min, fixed per incident. */
    static long reactionMillis(String incident) {
        return 30_000L + Math.floorMod(incident.hashCode() * 31L, 270L) * 1_000L;
    }

    private void send(String incident, SignedAck ack, long at) {
        producer.send(
                new ProducerRecord<>(
                        acksTopic,
                        null,
                        at,
                        incident.getBytes(StandardCharsets.UTF_8),
                        ack.toJson(times).getBytes(StandardCharsets.UTF_8)));
        sent.incrementAndGet();
    }

    private static Properties producerProperties(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }
}
