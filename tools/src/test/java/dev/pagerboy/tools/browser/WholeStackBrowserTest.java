package dev.pagerboy.tools.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.contracts.anvil.AnvilNode;
import dev.pagerboy.contracts.anvil.DevAccount;
import dev.pagerboy.devstack.CommittedRecords;
import dev.pagerboy.devstack.IdempotentReceiver;
import dev.pagerboy.devstack.KafkaBrokerExtension;
import dev.pagerboy.devstack.LoopbackPorts;
import dev.pagerboy.dispatcher.Dispatcher;
import dev.pagerboy.dispatcher.config.DispatcherConfig;
import dev.pagerboy.dispatcher.config.DispatcherConfigReader;
import dev.pagerboy.dispatcher.payload.SignedAckLinks;
import dev.pagerboy.gateway.Gateway;
import dev.pagerboy.gateway.config.GatewayConfigReader;
import dev.pagerboy.gateway.config.PasswordHash;
import dev.pagerboy.gateway.view.IncidentCard;
import dev.pagerboy.gateway.web.GatewayServer;
import dev.pagerboy.streaming.anchor.LedgerEndpoint;
import dev.pagerboy.streaming.anchor.LocalLedger;
import dev.pagerboy.streaming.archive.ArchiveLayout;
import dev.pagerboy.streaming.config.JobConfig;
import dev.pagerboy.streaming.testing.LiveJobTopics;
import dev.pagerboy.streaming.testing.WatchedJob;
import dev.pagerboy.tools.demo.MiniClusterJob;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 16's browser acceptance against the whole stack, every part real: the live job on a
 * MiniCluster with its own wall clock, anchoring acks in an AlertLedger on Anvil; one dispatcher
 * replica delivering pages, with signed one-time links, to a local webhook receiver; the ack
 * gateway; Debian's headless Chromium on a phone-sized window. Nothing on a topic is written by the
 * test except the two alerts.
 *
 * <p>The engineer takes the ack link from the page the receiver got, opens it (the Acknowledge
 * button is visible without scrolling) and presses Acknowledge; the job acknowledges the incident;
 * the team view says "Recorded" once the job has anchored the ack and written its receipt; Check
 * asks the contract's {@code verify} view and it holds; the same link pressed in a second tab gets
 * "already used"; another team's engineer gets no access.
 *
 * <p>Escalation stopping is shown against a control: a second incident of the same policy, opened
 * after the first and never acknowledged, escalates to level 2 after {@link #ESCALATE_AFTER}. Once
 * its escalation is committed, event time has passed the first incident's level-2 deadline too (one
 * incident subtask, timers fire in time order, both go out in the same or an earlier transaction),
 * so the first incident's committed history is complete: triggered, level 1, acknowledged, and no
 * level 2. {@link #ESCALATE_AFTER} must cover the ack's round trip (page committed, delivered,
 * opened, pressed, read by the job) on a loaded machine; it sets the test's length (about four
 * minutes).
 *
 * <p>Saves the incident page and the team view in {@code target/screenshots/}; {@code
 * -Dgateway.screenshots=../docs/img} renews the README's pictures. A test run never rewrites
 * tracked files.
 */
@Tag("integration")
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class WholeStackBrowserTest {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    /** Level 2 of the policy: the ack must come before, the control's escalation comes at. */
    static final Duration ESCALATE_AFTER = Duration.ofMinutes(3);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROUTE_BY_LABEL_SHA256 =
            "4c5770f8b1fec44979e212dd8b04a276280443747c0e43dad2757c3cd04a92e1";
    private static final String ALICE = "0x1111111111111111111111111111111111111111";
    private static final String BOB = "0x2222222222222222222222222222222222222222";
    private static final String ERIN = "0x4d7685d4f4cc3282463be8caf60b94ba5f82d882";
    private static final String DB_DOWN = "Primary database db-1 is down";
    private static final String DISK_FULL = "Disk /var on db-2 is 95% full";

    @TempDir Path work;

    private LiveJobTopics topics;
    private WatchedJob job;
    private ChromeDriver chrome;
    private String gatewayUrl;

    @Test
    void acknowledgeFromThePagedLinkStopsEscalationAndIsCheckedOnTheChain() throws Exception {
        topics = LiveJobTopics.create(KAFKA, "browser", 2);
        try (AnvilNode anvil = AnvilNode.start();
                IdempotentReceiver phones = IdempotentReceiver.start(2).keepBodies();
                IdempotentReceiver ops = IdempotentReceiver.start(2)) {
            LedgerEndpoint ledger = LocalLedger.deploy(anvil, work.resolve("writer.key"));
            DevAccount gatewaySigner = anvil.account(2);
            int gatewayPort = LoopbackPorts.pick(1)[0];
            gatewayUrl = "http://127.0.0.1:" + gatewayPort;
            Path config = writeConfig(phones, ops, ledger, gatewaySigner);
            DispatcherConfig dispatch =
                    DispatcherConfigReader.read(config)
                            .withBootstrapServers(KAFKA.bootstrapServers());
            Dispatcher dispatcher =
                    new Dispatcher(
                            dispatch,
                            "browser-dispatcher",
                            1,
                            "127.0.0.1",
                            0,
                            SignedAckLinks.of(config, dispatch.gatewayUrl()));
            Thread replica =
                    new Thread(() -> dispatcher.run(Duration.ofSeconds(5)), "browser-replica");
            replica.start();
            try {
                chrome = chromium(work.resolve("chromium-profile"));
                try (Gateway gateway =
                                new Gateway(
                                        GatewayConfigReader.read(config)
                                                .withBootstrapServers(KAFKA.bootstrapServers()),
                                        "127.0.0.1",
                                        gatewayPort,
                                        GatewayServer.Limits.DEFAULTS,
                                        Duration.ofMinutes(2));
                        MiniClusterJob running =
                                MiniClusterJob.start(
                                        jobConfig(config, ledger), 1, "browser stack")) {
                    assertThat(gateway.signerAddress())
                            .isEqualToIgnoringCase(gatewaySigner.address());
                    job = WatchedJob.onRestApi(running.restAddress(), running.client());
                    run(gateway, phones);
                }
            } finally {
                if (chrome != null) {
                    chrome.quit();
                }
                dispatcher.stop();
                replica.join(30_000);
                dispatcher.close();
            }
        }
    }

    private void run(Gateway gateway, IdempotentReceiver phones) throws Exception {
        // The incident the engineer acknowledges, then the control that nobody acknowledges.
        send(alert("browser-1", "PostgresDown", "db-1", "critical", DB_DOWN));
        String acked =
                job.await(
                                "the first incident triggered",
                                Duration.ofMinutes(4),
                                () -> firstIncident("triggered"),
                                Optional::isPresent)
                        .orElseThrow();
        send(alert("browser-2", "DiskAlmostFull", "db-2", "warning", DISK_FULL));

        String link =
                job.await(
                                "alice's page of " + acked + " at the webhook receiver",
                                Duration.ofMinutes(3),
                                () -> ackLink(phones, acked, "alice"),
                                Optional::isPresent)
                        .orElseThrow();
        assertThat(link).startsWith(gatewayUrl + "/a/");
        job.await(
                "the gateway's view of " + acked,
                Duration.ofMinutes(2),
                () -> gateway.board().card(acked).map(c -> c.title().equals(DB_DOWN)),
                Optional.of(true)::equals);

        // A phone opens the link: the incident, and Acknowledge without scrolling.
        chrome.get(link);
        assertThat(chrome.findElement(By.id("title")).getText()).isEqualTo(DB_DOWN);
        assertThat(chrome.getPageSource()).contains("PostgresDown", "alice");
        WebElement ack = chrome.findElement(By.id("ack"));
        Rectangle r = ack.getRect();
        JavascriptExecutor js = chrome;
        long viewport = (Long) js.executeScript("return window.innerHeight");
        long width = (Long) js.executeScript("return window.innerWidth");
        assertThat(width).isLessThanOrEqualTo(390);
        assertThat(ack.isDisplayed()).isTrue();
        assertThat(r.getY() + r.getHeight())
                .as("the Acknowledge button is visible without scrolling")
                .isLessThanOrEqualTo((int) viewport);
        screenshot("gateway-incident-page.png");

        // The same link open in a second tab before the first tab presses.
        String first = chrome.getWindowHandle();
        chrome.switchTo().newWindow(WindowType.TAB);
        chrome.get(link);
        String second = chrome.getWindowHandle();
        chrome.switchTo().window(first);
        chrome.findElement(By.id("ack")).click();
        waitUpTo(Duration.ofMinutes(1)).until(d -> d.getPageSource().contains("Escalation stops"));
        assertThat(awaitAcks(1)).hasSize(1);

        // The job accepts the ack: the incident is acknowledged by alice.
        job.await(
                "the job acknowledging " + acked,
                Duration.ofMinutes(3),
                () ->
                        updatesOf(acked).stream()
                                .anyMatch(
                                        u ->
                                                u.path("change").asText().equals("acknowledged")
                                                        && u.path("engineer")
                                                                .asText()
                                                                .equals("alice")));

        // A checkpoint later the job has anchored it on the chain: the team view says Recorded.
        job.await(
                "the ack of " + acked + " anchored (its receipt in the gateway's view)",
                Duration.ofMinutes(3),
                () ->
                        gateway.board()
                                .card(acked)
                                .map(IncidentCard::recordState)
                                .orElse("")
                                .equals("Recorded"));
        signIn("alice", "alice-pw");
        waitUpTo(Duration.ofMinutes(1))
                .until(
                        d -> {
                            d.navigate().refresh();
                            List<WebElement> card = d.findElements(By.id("i-" + acked));
                            return !card.isEmpty() && card.get(0).getText().contains("Recorded");
                        });
        assertThat(chrome.findElement(By.id("i-" + acked)).getText())
                .contains(DB_DOWN, "Acknowledged");
        screenshot("gateway-team-view.png");

        // Check: the contract's verify view on the ack's proof.
        chrome.get(gatewayUrl + "/incidents/" + acked);
        assertThat(chrome.getPageSource()).contains("Acknowledged", "Recorded", "Block");
        chrome.findElement(By.id("check")).click();
        waitUpTo(Duration.ofMinutes(1))
                .until(d -> !d.findElements(By.id("check-result")).isEmpty());
        assertThat(chrome.findElement(By.id("check-result")).getText())
                .isEqualTo("Verified: the ledger holds this acknowledgment.");

        // The second tab presses the used link: "already used", and nothing more on acks.
        chrome.switchTo().window(second);
        chrome.findElement(By.id("ack")).click();
        waitUpTo(Duration.ofMinutes(1)).until(d -> !d.findElements(By.id("message")).isEmpty());
        assertThat(chrome.findElement(By.id("message")).getText()).contains("already been used");
        assertThat(CommittedRecords.readAll(KAFKA.bootstrapServers(), acks(), READ))
                .as("one ack on the acks topic")
                .hasSize(1);

        // Another team's engineer sees nothing of it.
        chrome.switchTo().window(first);
        chrome.manage().deleteAllCookies();
        signIn("erin", "erin-pw");
        assertThat(chrome.getPageSource()).doesNotContain(DB_DOWN, DISK_FULL);
        chrome.get(gatewayUrl + "/incidents/" + acked);
        assertThat(chrome.findElement(By.id("message")).getText()).contains("not one of your team");

        // Escalation stopped: the control reached level 2, the acknowledged incident did not.
        String control =
                job.await(
                                "the control incident escalated to level 2 (after "
                                        + ESCALATE_AFTER.toSeconds()
                                        + " s)",
                                ESCALATE_AFTER.plusMinutes(4),
                                () -> escalatedToLevel2(acked),
                                Optional::isPresent)
                        .orElseThrow();
        List<String> history = new ArrayList<>();
        for (JsonNode u : updatesOf(acked)) {
            history.add(u.path("change").asText() + "@" + u.path("level").asInt());
        }
        assertThat(history)
                .as("the acknowledged incident's committed history, once %s escalated", control)
                .containsExactly("triggered@0", "escalated@1", "acknowledged@1");
        assertThat(pagesOf(acked)).as("pages of %s", acked).containsExactly("alice@1");
        assertThat(pagesOf(control)).as("pages of %s", control).containsExactly("alice@1", "bob@2");
    }

    // ---- the job's output ----

    private static final Duration READ = Duration.ofSeconds(30);

    private List<JsonNode> committed(String topic) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r :
                CommittedRecords.readAll(KAFKA.bootstrapServers(), topic, READ)) {
            out.add(JSON.readTree(r.value()));
        }
        return out;
    }

    /** The incident's committed transitions, in their sequence. */
    private List<JsonNode> updatesOf(String incident) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode u : committed(topics.names().incidents())) {
            if (u.path("incidentId").asText().equals(incident)) {
                out.add(u);
            }
        }
        out.sort((a, b) -> Long.compare(a.path("sequence").asLong(), b.path("sequence").asLong()));
        return out;
    }

    private Optional<String> firstIncident(String change) throws IOException {
        return committed(topics.names().incidents()).stream()
                .filter(u -> u.path("change").asText().equals(change))
                .map(u -> u.path("incidentId").asText())
                .findFirst();
    }

    /** An incident other than {@code acked} that escalated to level 2. */
    private Optional<String> escalatedToLevel2(String acked) throws IOException {
        return committed(topics.names().incidents()).stream()
                .filter(
                        u ->
                                u.path("change").asText().equals("escalated")
                                        && u.path("level").asInt() == 2
                                        && !u.path("incidentId").asText().equals(acked))
                .map(u -> u.path("incidentId").asText())
                .findFirst();
    }

    /** The committed pages of an incident, as {@code engineer@level} in level order. */
    private List<String> pagesOf(String incident) throws IOException {
        List<JsonNode> pages = new ArrayList<>();
        for (JsonNode p : committed(topics.names().notifications())) {
            if (p.path("incidentId").asText().equals(incident)) {
                pages.add(p);
            }
        }
        pages.sort((a, b) -> Integer.compare(a.path("level").asInt(), b.path("level").asInt()));
        return pages.stream()
                .map(p -> p.path("engineer").asText() + "@" + p.path("level").asInt())
                .toList();
    }

    private String acks() {
        return topics.names().acks();
    }

    private List<ConsumerRecord<byte[], byte[]>> awaitAcks(int n) {
        return CommittedRecords.awaitAtLeast(
                KAFKA.bootstrapServers(), acks(), n, Duration.ofMinutes(1));
    }

    /** The ack link of {@code engineer}'s page of {@code incident}, as the receiver got it. */
    private static Optional<String> ackLink(
            IdempotentReceiver receiver, String incident, String engineer) throws IOException {
        for (IdempotentReceiver.Effect e : receiver.effects().values()) {
            JsonNode page = JSON.readTree(e.body()).path("pagerboy");
            if (page.path("incidentId").asText().equals(incident)
                    && page.path("engineer").asText().equals(engineer)) {
                return Optional.of(page.path("ackUrl").asText());
            }
        }
        return Optional.empty();
    }

    // ---- the browser ----

    private static ChromeDriver chromium(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile);
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                        .usingAnyFreePort()
                        .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(390, 844));
        return driver;
    }

    private void signIn(String name, String password) {
        chrome.get(gatewayUrl + "/login");
        chrome.findElement(By.id("name")).sendKeys(name);
        chrome.findElement(By.id("password")).sendKeys(password);
        chrome.findElement(By.id("signin")).click();
        waitUpTo(Duration.ofMinutes(1))
                .until(d -> d.getPageSource().contains("Signed in as " + name));
    }

    private WebDriverWait waitUpTo(Duration atMost) {
        return new WebDriverWait(chrome, atMost);
    }

    private void screenshot(String name) throws IOException {
        Path root = Path.of(System.getProperty("gateway.screenshots", "target/screenshots"));
        Files.createDirectories(root);
        Path shot = chrome.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, root.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    // ---- set-up ----

    private JobConfig jobConfig(Path config, LedgerEndpoint ledger) throws Exception {
        return JobConfig.load(
                topics.options(config)
                        .archive(ArchiveLayout.at(work.resolve("archive").toUri().toString()))
                        .parallelism(1)
                        .restartAttempts(0)
                        .maxOutOfOrderness(Duration.ofSeconds(1))
                        .idleTimeout(Duration.ofSeconds(2))
                        .ledger(ledger)
                        .build());
    }

    /**
     * One {@code pagerboy.yaml} for the job, the dispatcher and the gateway, as in production:
     * alice and bob (team ops) are paged on the {@code phones} receiver, alice at once and bob
     * {@link #ESCALATE_AFTER} later; erin is of team runtimes. The gateway's keys are files next to
     * it; its signer is a trusted gateway of the job; its Check asks the ledger the job anchors in.
     */
    private Path writeConfig(
            IdempotentReceiver phones,
            IdempotentReceiver ops,
            LedgerEndpoint ledger,
            DevAccount gatewaySigner)
            throws IOException {
        byte[] linkKey = new byte[32];
        new SecureRandom().nextBytes(linkKey);
        Files.writeString(work.resolve("link.key"), HexFormat.of().formatHex(linkKey) + "\n");
        Files.writeString(work.resolve("signer.key"), gatewaySigner.privateKey() + "\n");
        return Files.writeString(
                work.resolve("pagerboy.yaml"),
                topics.kafkaYaml()
                        + """
                checkpoint_interval: 1s
                receivers:
                  - name: ops
                    team: ops
                    webhook_url: %s
                  - name: phones
                    team: ops
                    webhook_url: %s
                  - name: runtimes
                    team: runtimes
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
                    address: "%s"
                    teams: [ops]
                    notify: phones
                  - name: bob
                    address: "%s"
                    teams: [ops]
                    notify: phones
                  - name: erin
                    address: "%s"
                    teams: [runtimes]
                    notify: runtimes
                escalation_policies:
                  - name: standard
                    steps:
                      - after: 0s
                        users: [alice]
                      - after: %ds
                        users: [bob]
                acks:
                  gateway_signers: ["%s"]
                gateway:
                  url: %s
                  key_file: link.key
                  signer_key_file: signer.key
                  logins:
                    alice: {password_hash: "%s"}
                    erin: {password_hash: "%s"}
                  ledger:
                    rpc_url: %s
                    contract: "%s"
                """
                                .formatted(
                                        ops.url("/ops"),
                                        phones.url("/phones"),
                                        ops.url("/runtimes"),
                                        ROUTE_BY_LABEL_SHA256,
                                        ALICE,
                                        BOB,
                                        ERIN,
                                        ESCALATE_AFTER.toSeconds(),
                                        gatewaySigner.address(),
                                        gatewayUrl,
                                        PasswordHash.hash("alice-pw".toCharArray(), 1_000),
                                        PasswordHash.hash("erin-pw".toCharArray(), 1_000),
                                        ledger.rpcUrl(),
                                        ledger.contract()));
    }

    private static String alert(
            String id, String alertname, String instance, String severity, String summary) {
        return "{\"version\":\"pagerboy/v1\",\"id\":\""
                + id
                + "\",\"status\":\"firing\",\"labels\":{\"alertname\":\""
                + alertname
                + "\",\"cluster\":\"eu1\",\"instance\":\""
                + instance
                + "\",\"severity\":\""
                + severity
                + "\"},\"annotations\":{\"summary\":\""
                + summary
                + "\"},\"startsAt\":\""
                + Instant.now()
                + "\"}";
    }

    private void send(String alert) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(KAFKA.producerProperties())) {
            producer.send(
                            new ProducerRecord<>(
                                    topics.names().alerts(),
                                    alert.getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
    }
}
