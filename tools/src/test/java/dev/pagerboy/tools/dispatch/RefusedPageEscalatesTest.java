package dev.pagerboy.tools.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.devstack.CommittedRecords;
import dev.pagerboy.devstack.IdempotentReceiver;
import dev.pagerboy.devstack.KafkaBrokerExtension;
import dev.pagerboy.dispatcher.Dispatcher;
import dev.pagerboy.dispatcher.config.DispatcherConfigReader;
import dev.pagerboy.streaming.archive.ArchiveLayout;
import dev.pagerboy.streaming.config.JobConfig;
import dev.pagerboy.streaming.testing.LiveJobTopics;
import dev.pagerboy.tools.demo.MiniClusterJob;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 (i) end to end, every part real: the live job on a MiniCluster with its own wall clock,
 * a dispatcher replica, and two local receivers on the embedded broker. The engineers' phones
 * receiver answers every page with 400; the policy pages Alice at once, Bob after 10 minutes and
 * the {@code ops} receiver 10 minutes after that. Alice's refused page must escalate to Bob at
 * once, Bob's refused page to {@code ops}, which delivers: all within a couple of minutes, not 20.
 */
@Tag("integration")
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class RefusedPageEscalatesTest {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROUTE_BY_LABEL_SHA256 =
            "4c5770f8b1fec44979e212dd8b04a276280443747c0e43dad2757c3cd04a92e1";

    @TempDir Path work;

    @Test
    void aRefusedPageEscalatesAtOnceAndTheNextLevelIsDelivered() throws Exception {
        LiveJobTopics topics = LiveJobTopics.create(KAFKA, "e2e-refused", 2);
        try (IdempotentReceiver phones = IdempotentReceiver.start(2);
                IdempotentReceiver ops = IdempotentReceiver.start(2)) {
            phones.refuseWith(400, null);
            Path config = writeConfig(topics, phones, ops);
            JobConfig job =
                    JobConfig.load(
                            topics.options(config)
                                    .archive(
                                            ArchiveLayout.at(
                                                    work.resolve("archive").toUri().toString()))
                                    .parallelism(2)
                                    .restartAttempts(0)
                                    .maxOutOfOrderness(Duration.ofSeconds(1))
                                    .idleTimeout(Duration.ofSeconds(2))
                                    .build());
            Dispatcher dispatcher =
                    new Dispatcher(
                            DispatcherConfigReader.read(config)
                                    .withBootstrapServers(KAFKA.bootstrapServers()),
                            "e2e-refused-dispatcher",
                            1,
                            "127.0.0.1",
                            0);
            Thread replica = new Thread(() -> dispatcher.run(Duration.ofSeconds(5)), "e2e-replica");
            replica.start();
            try (MiniClusterJob running = MiniClusterJob.start(job, 2, "refused page")) {
                long sentAt = System.currentTimeMillis();
                try (KafkaProducer<byte[], byte[]> producer =
                        new KafkaProducer<>(KAFKA.producerProperties())) {
                    producer.send(
                                    new ProducerRecord<>(
                                            topics.names().alerts(),
                                            alert().getBytes(StandardCharsets.UTF_8)))
                            .get();
                }
                // Three round trips job -> dispatcher -> job, each committed on a checkpoint:
                // more than awaitCommitted's 60 s on a busy 2-core machine.
                List<ConsumerRecord<byte[], byte[]>> updates =
                        CommittedRecords.awaitAtLeast(
                                KAFKA.bootstrapServers(),
                                topics.names().incidents(),
                                4,
                                Duration.ofMinutes(3));
                List<String> changes = new ArrayList<>();
                long lastEscalation = 0;
                for (ConsumerRecord<byte[], byte[]> r : updates) {
                    JsonNode u = JSON.readTree(r.value());
                    changes.add(u.get("change").asText() + "@" + u.get("level").asInt());
                    lastEscalation = Math.max(lastEscalation, u.get("eventTime").asLong());
                }
                // triggered, level 1 (Alice), level 2 (Bob) and level 3 (ops), each at once.
                assertThat(changes)
                        .containsExactly(
                                "triggered@0", "escalated@1", "escalated@2", "escalated@3");
                assertThat(lastEscalation - sentAt).isLessThan(Duration.ofMinutes(5).toMillis());
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
                while (ops.effects().isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertThat(ops.effects()).hasSize(1);
                assertThat(phones.refused()).isEqualTo(2);
                assertThat(phones.effects()).isEmpty();
                List<String> receipts = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> r :
                        CommittedRecords.awaitAtLeast(
                                KAFKA.bootstrapServers(),
                                topics.names().receipts(),
                                3,
                                Duration.ofMinutes(2))) {
                    JsonNode receipt = JSON.readTree(r.value());
                    String key = receipt.get("idempotencyKey").asText();
                    receipts.add(
                            key.substring(key.indexOf('/'))
                                    + " "
                                    + receipt.get("outcome").asText());
                }
                // Receipts are keyed by page, so they spread over the topic's partitions and come
                // back in no set order; the escalation order is checked on the incident above.
                assertThat(receipts)
                        .containsExactlyInAnyOrder(
                                "/1/alice failed", "/2/bob failed", "/3/receiver:ops delivered");
            } finally {
                dispatcher.stop();
                replica.join(30_000);
                dispatcher.close();
            }
        }
    }

    private static String alert() {
        return "{\"version\":\"pagerboy/v1\",\"id\":\"e2e-1\",\"status\":\"firing\",\"labels\":"
                + "{\"alertname\":\"DiskFull\",\"instance\":\"db-1\"},\"startsAt\":\""
                + Instant.now()
                + "\"}";
    }

    private Path writeConfig(
            LiveJobTopics topics, IdempotentReceiver phones, IdempotentReceiver ops)
            throws Exception {
        return Files.writeString(
                work.resolve("pagerboy.yaml"),
                topics.kafkaYaml()
                        + """
                checkpoint_interval: 500ms
                receivers:
                  - name: ops
                    team: ops
                    webhook_url: %s
                  - name: phones
                    team: ops
                    webhook_url: %s
                route:
                  receiver: ops
                  group_by: [alertname]
                  group_wait: 1s
                  group_interval: 1m
                  repeat_interval: 1h
                  handler:                 # picks policy 1 for alerts without a team label
                    rom: classpath:dev/pagerboy/vm/handlers/route-by-label.gb
                    sha256: %s
                engineers:
                  - name: alice
                    address: "0x1111111111111111111111111111111111111111"
                    notify: phones
                  - name: bob
                    address: "0x2222222222222222222222222222222222222222"
                    notify: phones
                escalation_policies:
                  - name: standard
                    steps:
                      - after: 0s
                        users: [alice]
                      - after: 10m
                        users: [bob]
                      - after: 10m
                        receivers: [ops]
                """
                                .formatted(
                                        ops.url("/ops"),
                                        phones.url("/phones"),
                                        ROUTE_BY_LABEL_SHA256));
    }
}
