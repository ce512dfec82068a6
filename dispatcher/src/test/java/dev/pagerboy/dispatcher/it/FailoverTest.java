package dev.pagerboy.dispatcher.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.pagerboy.devstack.IdempotentReceiver;
import dev.pagerboy.devstack.KafkaBrokerExtension;
import dev.pagerboy.dispatcher.delivery.Outcome;
import dev.pagerboy.dispatcher.page.Page;
import dev.pagerboy.dispatcher.payload.EmailContent;
import dev.pagerboy.dispatcher.receipts.Receipt;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 (g): three dispatcher replicas as separate JVMs share the pages of three receiver types
 * (webhook and chat on key-honouring local receivers, e-mail on GreenMail, a real SMTP server); one
 * replica is killed with SIGKILL three times while it delivers and is restarted each time. Every
 * page must end with exactly one effect at its receiver (0 lost, 0 duplicate effects) and at least
 * one delivered receipt; the re-deliveries the idempotency keys absorbed are reported.
 *
 * <p>Waits do not fail on other threads' exceptions: GreenMail's handler of an SMTP conversation
 * that a kill cut off throws one, and that is the point of the test.
 *
 * <p>The page count ({@code -Dfailover.pages}, default 3,000) keeps the test under two minutes on
 * two cores; {@code ./pagerboy bench dispatch} runs the large count.
 */
@Tag("integration")
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class FailoverTest {

    @RegisterExtension static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    @TempDir Path dir;

    @Test
    void killedReplicasLoseNothingAndDuplicateNoEffect() throws Exception {
        int total = Integer.getInteger("failover.pages", 3_000);
        String notifications = "failover-notifications";
        String receiptsTopic = "failover-receipts";
        kafka.createTopics(6, notifications);
        kafka.createTopics(3, receiptsTopic);
        GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        List<ReplicaProcess> running = new ArrayList<>();
        try (IdempotentReceiver web = IdempotentReceiver.start();
                IdempotentReceiver chat = IdempotentReceiver.start();
                ReceiptLog receipts = new ReceiptLog(kafka.bootstrapServers(), receiptsTopic)) {
            Path config = dir.resolve("pagerboy.yaml");
            Files.writeString(
                    config,
                    "kafka:\n  bootstrap_servers: "
                            + kafka.bootstrapServers()
                            + "\n  topics: {notifications: "
                            + notifications
                            + ", receipts: "
                            + receiptsTopic
                            + "}\nreceivers:\n"
                            + "  - {name: web, team: t, webhook_url: "
                            + web.url("/hook")
                            + "}\n  - {name: chat, team: t, chat_url: "
                            + chat.url("/chat")
                            + "}\n  - {name: mail, team: t, email_to: oncall@pagerboy.test}\n"
                            + "dispatcher:\n"
                            + "  gateway_url: http://127.0.0.1:1\n"
                            + "  smtp: {host: 127.0.0.1, port: "
                            + smtp.getSmtp().getPort()
                            + ", from: pagerboy@pagerboy.test}\n"
                            // slow enough that the kills land while pages are in flight
                            + "  rate_per_second: 150\n"
                            + "  concurrency: 8\n"
                            + "  max_in_flight: 400\n"
                            + "  session_timeout: 6s\n");
            long started = System.nanoTime();
            for (int id = 1; id <= 3; id++) {
                running.add(ReplicaProcess.start(config, "failover", id, dir, 0));
            }
            String[] receivers = {"web", "chat", "mail"};
            List<Page> pages = new ArrayList<>();
            Map<String, String> receiverOf = new HashMap<>();
            for (int i = 0; i < total; i++) {
                Page p = PageFeed.page(i, receivers[i % 3]);
                pages.add(p);
                receiverOf.put(p.idempotencyKey(), p.receiver());
            }
            PageFeed.write(
                    kafka.transactionalProducerProperties("failover-feed"),
                    notifications,
                    pages,
                    500);
            long httpPages = pages.stream().filter(p -> !p.receiver().equals("mail")).count();

            // Kill replica 1 three times as deliveries progress, restarting it each time.
            double[] killAt = {0.2, 0.45, 0.7};
            for (int k = 0; k < killAt.length; k++) {
                long threshold = (long) (httpPages * killAt[k]);
                await().dontCatchUncaughtExceptions()
                        .atMost(Duration.ofSeconds(90))
                        .until(() -> web.effects().size() + chat.effects().size() >= threshold);
                running.get(0).kill();
                running.set(0, ReplicaProcess.start(config, "failover", 1, dir, k + 1));
            }

            List<String> keys = PageFeed.keys(pages);
            await().dontCatchUncaughtExceptions()
                    .atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> receipts.covers(keys));
            long allReceipted = System.nanoTime();
            for (ReplicaProcess r : running) {
                // SIGTERM: the shutdown hook drains and commits; the JVM exits with 128 + 15.
                assertThat(r.stop()).as(r.output()).isIn(0, 143);
            }
            receipts.poll(Duration.ofSeconds(1));

            // Effects: one per page at its receiver, none for another key.
            Set<String> webKeys = web.effects().keySet();
            Set<String> chatKeys = chat.effects().keySet();
            Map<String, Integer> mailById = new HashMap<>();
            for (MimeMessage m : smtp.getReceivedMessages()) {
                mailById.merge(m.getMessageID(), 1, Integer::sum);
            }
            Set<String> expectedWeb = new HashSet<>();
            Set<String> expectedChat = new HashSet<>();
            Set<String> expectedMail = new HashSet<>();
            for (Page p : pages) {
                switch (p.receiver()) {
                    case "web" -> expectedWeb.add(p.idempotencyKey());
                    case "chat" -> expectedChat.add(p.idempotencyKey());
                    default -> expectedMail.add(EmailContent.messageId(p.idempotencyKey()));
                }
            }
            assertThat(webKeys).isEqualTo(expectedWeb);
            assertThat(chatKeys).isEqualTo(expectedChat);
            assertThat(mailById.keySet()).isEqualTo(expectedMail);

            long lost = 0;
            long failed = 0;
            for (String key : keys) {
                List<Receipt> rs = receipts.receipts().getOrDefault(key, List.of());
                if (rs.stream().noneMatch(r -> r.outcome() == Outcome.DELIVERED)) {
                    lost++;
                }
                failed += rs.stream().filter(r -> r.outcome() == Outcome.FAILED).count();
                rs.forEach(r -> assertThat(r.receiver()).isEqualTo(receiverOf.get(key)));
            }
            assertThat(lost).as("pages without a delivered receipt").isZero();
            assertThat(failed).as("failed receipts").isZero();

            long mailRaw = mailById.values().stream().mapToLong(Integer::longValue).sum();
            long absorbed = web.absorbed() + chat.absorbed() + (mailRaw - mailById.size());
            long duplicateReceipts = receipts.count() - keys.size();
            System.out.printf(
                    "failover: pages=%d replicas=3 (processes) kills=3 seconds=%d lost=%d"
                            + " duplicate_effects=0 redeliveries_absorbed=%d (webhook %d, chat %d,"
                            + " email %d) duplicate_receipts=%d%n",
                    total,
                    TimeUnit.NANOSECONDS.toSeconds(allReceipted - started),
                    lost,
                    absorbed,
                    web.absorbed(),
                    chat.absorbed(),
                    mailRaw - mailById.size(),
                    duplicateReceipts);
        } finally {
            for (ReplicaProcess r : running) {
                r.close();
            }
            smtp.stop();
        }
    }
}
