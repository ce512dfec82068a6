package dev.pagerboy.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.pagerboy.datasets.Envelope;
import dev.pagerboy.devstack.KafkaBrokerExtension;
import dev.pagerboy.streaming.config.KafkaSettings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The demo's feeder against a real broker: records, timestamps, ticks and bad topics. */
@Tag("integration")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DatasetFeederTest {

    @RegisterExtension static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    private static final long T0 = 1_621_558_252_000L;

    @Test
    void sendsEveryRecordWithItsSendTimeAndTicksEveryPartitionPastTheEnd() throws Exception {
        KafkaSettings.Topics topics = topics("a");
        List<Envelope> dataset =
                List.of(
                        Envelope.json(T0, "fp1", "alerts", "{\"n\":1}"),
                        Envelope.json(T0 + 60_000, "fp2", "alerts", "{\"n\":2}"),
                        Envelope.json(T0 + 90_000, "fp1", "acks", "{\"ack\":1}"),
                        new Envelope(T0 + 120_000, "fp3", "alerts", "not json", true));
        List<DatasetFeeder.Progress> progress = new ArrayList<>();

        DatasetFeeder.Report report =
                new DatasetFeeder(kafka.bootstrapServers(), topics, 2, 20)
                        .feed(dataset, 600_000, 3_600_000, progress::add);

        assertThat(report.alerts()).isEqualTo(3);
        assertThat(report.acks()).isEqualTo(1);
        assertThat(report.firstEventTime()).isEqualTo(T0);
        assertThat(report.lastEventTime()).isEqualTo(T0 + 120_000);
        assertThat(progress).last().isEqualTo(new DatasetFeeder.Progress(4, 4, T0 + 120_000));

        List<ConsumerRecord<byte[], byte[]>> alerts = kafka.awaitCommitted(topics.alerts(), 3);
        assertThat(alerts)
                .extracting(r -> text(r.value()), ConsumerRecord::timestamp)
                .containsExactlyInAnyOrder(
                        tuple("{\"n\":1}", T0),
                        tuple("{\"n\":2}", T0 + 60_000),
                        tuple("not json", T0 + 120_000));
        assertThat(kafka.awaitCommitted(topics.acks(), 1))
                .singleElement()
                .satisfies(r -> assertThat(text(r.key())).isEqualTo("fp1"));

        List<ConsumerRecord<byte[], byte[]>> ticks =
                kafka.awaitCommitted(topics.ticks(), (int) report.ticks());
        assertThat(ticks).hasSize((int) report.ticks());
        assertThat(ticks).extracting(ConsumerRecord::partition).contains(0, 1);
        // Ticks never run ahead of a record still to come, and the last one drains an hour on.
        assertThat(ticks)
                .filteredOn(r -> r.timestamp() != T0 + 120_000 + 3_600_000)
                .allMatch(r -> r.timestamp() <= T0 + 120_000);
        assertThat(ticks)
                .filteredOn(r -> r.timestamp() == T0 + 120_000 + 3_600_000)
                .extracting(ConsumerRecord::partition)
                .containsExactlyInAnyOrder(0, 1);
    }

    @Test
    void replaysOnTheAcceleratedClock() throws Exception {
        KafkaSettings.Topics topics = topics("b");
        // Ten minutes of event time at 1,000x take at least 0.6 s of wall time.
        List<Envelope> dataset =
                List.of(
                        Envelope.json(T0, "k", "alerts", "{}"),
                        Envelope.json(T0 + 600_000, "k", "alerts", "{}"));
        long start = System.nanoTime();
        new DatasetFeeder(kafka.bootstrapServers(), topics, 2, 50).feed(dataset, 1_000, 0, p -> {});
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(600);
    }

    @Test
    void refusesATopicTheJobDoesNotRead() {
        KafkaSettings.Topics topics = topics("c");
        List<Envelope> dataset = List.of(Envelope.json(T0, "k", "metrics", "{}"));
        assertThatThrownBy(
                        () ->
                                new DatasetFeeder(kafka.bootstrapServers(), topics, 2, 50)
                                        .feed(dataset, 1_000, 0, p -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "record 1 names topic 'metrics'; the demo replays only alerts and acks");
    }

    /** Topics with a per-test suffix on a broker shared by the class. */
    private static KafkaSettings.Topics topics(String suffix) {
        KafkaSettings.Topics t =
                new KafkaSettings.Topics(
                        "alerts-" + suffix,
                        "silences-" + suffix,
                        "ticks-" + suffix,
                        "notifications-" + suffix,
                        "dead-letters-" + suffix,
                        "acks-" + suffix);
        kafka.createTopics(2, t.alerts(), t.ticks(), t.acks());
        return t;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
