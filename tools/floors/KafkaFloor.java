import dev.pagerboy.devstack.EmbeddedKafka;
import dev.pagerboy.dispatcher.delivery.Outcome;
import dev.pagerboy.dispatcher.page.*;
import dev.pagerboy.dispatcher.receipts.*;
import java.lang.management.*;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;
import org.apache.kafka.clients.consumer.*;
import org.apache.kafka.clients.producer.*;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.*;

/** Kafka floor: R read_committed consumers, each writing one acks=all idempotent receipt per page (ReceiptWriter), offsets committed after receipts are acked; no HTTP. */
public class KafkaFloor {
    public static void main(String[] a) throws Exception {
        int pages = Integer.parseInt(a[0]); int replicas = Integer.parseInt(a[1]);
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(6, "n", "r");
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "floor"); p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class); p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
            try (KafkaProducer<byte[], byte[]> prod = new KafkaProducer<>(p)) {
                prod.initTransactions();
                for (int from = 0; from < pages; from += 2000) {
                    prod.beginTransaction();
                    for (int i = from; i < Math.min(pages, from + 2000); i++) {
                        Page pg = new Page("k" + i + "/1/eng", "bench", "route-1", "{}:{alertname=\"A" + i + "\"}", 1, i, "firing", Map.of("alertname", "A" + (i % 100)),
                            List.of(new PageAlert(String.format("%016x", i), "firing", "critical", "bench page " + i, "", Map.of("alertname", "A" + (i % 100), "instance", "h" + i), 0, 0)),
                            "inc" + i, "eng", 1, 1);
                        prod.send(new ProducerRecord<>("n", pg.idempotencyKey().getBytes(), PageReader.write(pg)));
                    }
                    prod.commitTransaction();
                }
            }
            AtomicLong done = new AtomicLong();
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            Map<String, Double> before = cpu(mx);
            long t0 = System.nanoTime();
            List<Thread> ts = new ArrayList<>(); AtomicBoolean stop = new AtomicBoolean();
            for (int id = 1; id <= replicas; id++) {
                int rid = id;
                Thread t = new Thread(() -> {
                    Properties c = new Properties();
                    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()); c.put(ConsumerConfig.GROUP_ID_CONFIG, "g");
                    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"); c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
                    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"); c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
                    c.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
                    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class); c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
                    try (KafkaConsumer<String, byte[]> con = new KafkaConsumer<>(c); ReceiptWriter w = new ReceiptWriter(kafka.bootstrapServers(), "r", "floor-" + rid)) {
                        con.subscribe(List.of("n"));
                        Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>(); List<CompletableFuture<Void>> fs = new ArrayList<>();
                        while (!stop.get()) {
                            for (ConsumerRecord<String, byte[]> r : con.poll(Duration.ofMillis(50))) {
                                Page pg = PageReader.read(r.value());
                                fs.add(w.write(new Receipt(pg.idempotencyKey(), pg.incidentId(), pg.receiver(), Outcome.DELIVERED, "", 1, 5, rid, System.currentTimeMillis()), r.timestamp())
                                    .thenRun(done::incrementAndGet));
                                pending.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                            }
                            if (!pending.isEmpty()) { CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)).join(); con.commitSync(pending); pending.clear(); fs.clear(); }
                        }
                    } catch (Exception e) { throw new RuntimeException(e); }
                }, "floor-replica-" + id);
                t.start(); ts.add(t);
            }
            while (done.get() < pages) Thread.sleep(5);
            double s = (System.nanoTime() - t0) / 1e9;
            Map<String, Double> after = cpu(mx);
            System.out.printf("replicas=%d pages=%d records_per_s=%.0f (incl. group join)%n", replicas, pages, pages / s);
            double tot = 0;
            for (var e : after.entrySet()) { double d = e.getValue() - before.getOrDefault(e.getKey(), 0.0); tot += d;
                if (d > 0.1) System.out.printf("  %-28s %6.2f s  %5.0f us/record%n", e.getKey(), d, 1e6 * d / pages); }
            System.out.printf("  all java threads %.2f s = %.0f us/record (wall %.1f s)%n", tot, 1e6 * tot / pages, s);
            stop.set(true); for (Thread t : ts) t.join(10000);
        }
        System.exit(0);
    }
    static Map<String, Double> cpu(ThreadMXBean mx) {
        Map<String, Double> m = new TreeMap<>();
        for (ThreadInfo ti : mx.getThreadInfo(mx.getAllThreadIds())) { if (ti == null) continue;
            long c = mx.getThreadCpuTime(ti.getThreadId()); if (c < 0) continue;
            String n = ti.getThreadName().replaceAll("[-#]?\\d+$", "").replaceAll("-\\d+-", "-N-").replaceAll("floor-\\d", "floor-N");
            m.merge(n, c / 1e9, Double::sum); }
        return m;
    }
}
