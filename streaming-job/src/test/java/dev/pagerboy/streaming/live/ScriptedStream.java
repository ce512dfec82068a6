package dev.pagerboy.streaming.live;

import dev.pagerboy.streaming.config.JobOptions;
import dev.pagerboy.streaming.config.JobOptions.ClockSource;
import dev.pagerboy.streaming.sources.TickClock;
import dev.pagerboy.streaming.testing.FlinkMiniCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * A small, hand-written input history for the live-job integration tests: alerts in PagerBoy's
 * native format (with exact re-deliveries, repeats and flaps), malformed records, silences and
 * clock ticks, each at a named instant. Records go to explicit partitions so a test knows where
 * every one of them lands.
 */
final class ScriptedStream {

    static final long T0 = Instant.parse("2026-11-28T10:00:00Z").toEpochMilli();
    static final int PARTITIONS = 2;

    /** One record to produce. */
    record Input(String role, int partition, long timestamp, byte[] key, byte[] value) {}

    /** Where a produced record landed. */
    record Produced(Input input, int partition, long offset) {}

    private final List<Input> inputs = new ArrayList<>();
    private final Map<String, Input> alertsById = new LinkedHashMap<>();

    /**
     * {@code options} set for a bounded run over a scripted history: the clock is the ticks topic
     * (one tick a second of event time), the job stops at the end of its input, and it runs with
     * the test cluster's parallelism.
     */
    static JobOptions.Builder boundedRun(JobOptions.Builder options) {
        return options.parallelism(FlinkMiniCluster.PARALLELISM)
                .clock(ClockSource.TOPIC)
                .tickClock(TickClock.REAL_TIME)
                .tickInterval(Duration.ofSeconds(1))
                // No idleness in practice: a bounded test must not let a partition that is merely
                // slow be overtaken by the ticks.
                .maxOutOfOrderness(Duration.ZERO)
                .idleTimeout(Duration.ofMinutes(10))
                .stopAtLatest(true);
    }

    static long at(int seconds) {
        return T0 + seconds * 1000L;
    }

    ScriptedStream firing(int second, String id, String alertname, String instance) {
        return alert(second, id, "firing", alertname, instance, second, "null");
    }

    /** The sender re-sends a still-firing alert as a new event (Alertmanager's repeat). */
    ScriptedStream repeated(
            int second, String id, String alertname, String instance, int startedSecond) {
        return alert(second, id, "firing", alertname, instance, startedSecond, "null");
    }

    ScriptedStream resolved(
            int second, String id, String alertname, String instance, int startedSecond) {
        return alert(
                second,
                id,
                "resolved",
                alertname,
                instance,
                startedSecond,
                "\"" + instant(second) + "\"");
    }

    /** The exact bytes of an earlier alert, delivered again. */
    ScriptedStream redelivered(int second, String id) {
        Input original = alertsById.get(id);
        inputs.add(
                new Input(
                        "alerts",
                        original.partition(),
                        at(second),
                        original.key(),
                        original.value()));
        return this;
    }

    /** A record of the {@code alerts} topic in any format (e.g. a PagerDuty event). */
    ScriptedStream alertRecord(int second, int partition, String json) {
        inputs.add(new Input("alerts", partition, at(second), null, utf8(json)));
        return this;
    }

    ScriptedStream malformed(int second, int partition, String value) {
        inputs.add(new Input("alerts", partition, at(second), null, utf8(value)));
        return this;
    }

    ScriptedStream silence(int second, String id, String alertname, int forSeconds) {
        String json =
                "{\"id\":\""
                        + id
                        + "\",\"matchers\":[{\"name\":\"alertname\",\"value\":\""
                        + alertname
                        + "\",\"isRegex\":false,\"isEqual\":true}],\"startsAt\":\""
                        + instant(0)
                        + "\",\"endsAt\":\""
                        + instant(forSeconds)
                        + "\",\"createdBy\":\"ops\",\"comment\":\"planned work\"}";
        inputs.add(new Input("silences", 0, at(second), utf8(id), utf8(json)));
        return this;
    }

    /** A record of the {@code acks} topic (a signed ack, or anything else) at {@code second}. */
    ScriptedStream ack(int second, int partition, String json) {
        inputs.add(new Input("acks", partition, at(second), null, utf8(json)));
        return this;
    }

    /** The exact bytes of the {@code n}-th ack (0-based) again, at {@code second}. */
    ScriptedStream ackAgain(int second, int n) {
        Input original = inputs("acks").get(n);
        inputs.add(new Input("acks", original.partition(), at(second), null, original.value()));
        return this;
    }

    ScriptedStream ticksEvery(int seconds, int untilSecond) {
        for (int s = 0; s <= untilSecond; s += seconds) {
            inputs.add(new Input("ticks", 0, at(s), null, new byte[0]));
        }
        return this;
    }

    List<Input> inputs(String role) {
        return inputs.stream().filter(i -> i.role().equals(role)).toList();
    }

    /** Sends every input to its topic ({@code topics} maps role to topic name), in time order. */
    List<Produced> produce(KafkaProducer<byte[], byte[]> producer, Map<String, String> topics)
            throws Exception {
        List<Input> ordered = new ArrayList<>(inputs);
        ordered.sort((a, b) -> Long.compare(a.timestamp(), b.timestamp()));
        List<Produced> produced = new ArrayList<>();
        for (Input in : ordered) {
            RecordMetadata meta =
                    producer.send(
                                    new ProducerRecord<>(
                                            topics.get(in.role()),
                                            in.partition(),
                                            in.timestamp(),
                                            in.key(),
                                            in.value()))
                            .get();
            produced.add(new Produced(in, meta.partition(), meta.offset()));
        }
        producer.flush();
        return produced;
    }

    private ScriptedStream alert(
            int second,
            String id,
            String status,
            String alertname,
            String instance,
            int startedSecond,
            String endsAt) {
        String key = alertname + "/" + instance;
        String json =
                "{\"version\":\"pagerboy/v1\",\"id\":\""
                        + id
                        + "\",\"status\":\""
                        + status
                        + "\",\"labels\":{\"alertname\":\""
                        + alertname
                        + "\",\"instance\":\""
                        + instance
                        + "\"},\"annotations\":{\"summary\":\""
                        + alertname
                        + " on "
                        + instance
                        + "\"},\"startsAt\":\""
                        + instant(startedSecond)
                        + "\",\"endsAt\":"
                        + endsAt
                        + "}";
        Input in =
                new Input(
                        "alerts",
                        Math.floorMod(key.hashCode(), PARTITIONS),
                        at(second),
                        utf8(key),
                        utf8(json));
        inputs.add(in);
        alertsById.put(id, in);
        return this;
    }

    private static String instant(int second) {
        return Instant.ofEpochMilli(at(second)).toString();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
