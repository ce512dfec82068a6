package dev.pagerboy.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.alerts.ack.AckLinkToken;
import dev.pagerboy.devstack.KafkaBrokerExtension;
import dev.pagerboy.gateway.Gateway;
import dev.pagerboy.gateway.config.GatewayConfig;
import dev.pagerboy.gateway.config.GatewayConfigReader;
import dev.pagerboy.gateway.config.PasswordHash;
import dev.pagerboy.gateway.web.GatewayServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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
 * A real browser (Debian's headless Chromium driven by Selenium) against the gateway and a real
 * broker, on a phone-sized window: the Acknowledge button of a link is visible without scrolling,
 * pressing it writes one ack, the same link pressed in a second tab gives "already used", the team
 * view shows the incident to its team as Pending and then Recorded once an ack receipt arrives, and
 * another team's engineer gets no access. The incident's job-side records (transitions, the ack
 * receipt) are written by the test here; the whole stack with the job, Anvil and a dispatcher is
 * tools' {@code WholeStackBrowserTest}, which also takes the README's pictures. Saves the
 * screenshots in {@code target/screenshots/}; {@code -Dgateway.screenshots=DIR} puts them
 * elsewhere. A test run never rewrites tracked files.
 */
@Tag("integration")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class GatewayBrowserTest {

    @RegisterExtension static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();
    @TempDir static Path dir;

    static final String ID = "9b1c2d3e4f5a6b7c-1796529600000";
    static GatewayConfig config;

    private ChromeDriver chrome;
    private Path profile;

    @BeforeAll
    static void stack() throws Exception {
        kafka.createTopics("acks", "incidents", "notifications", "receipts", "ack-receipts");
        Files.writeString(dir.resolve("link.key"), "L".repeat(40) + "\n");
        Files.writeString(dir.resolve("signer.key"), GatewayKafkaTest.SIGNER_KEY + "\n");
        Path yaml = dir.resolve("pagerboy.yaml");
        Files.writeString(
                yaml,
                "kafka:\n  bootstrap_servers: "
                        + kafka.bootstrapServers()
                        + "\nreceivers:\n  - name: oncall\n    team: ops\n"
                        + "engineers:\n"
                        + "  - name: alice\n    address: \""
                        + GatewayKafkaTest.ALICE
                        + "\"\n    teams: [ops]\n"
                        + "  - name: bob\n    address: \"0xf9ffaed9263e852b443fe71523f725d6f9d831d1\"\n"
                        + "    teams: [ops]\n"
                        + "  - name: erin\n    address: \"0x4d7685d4f4cc3282463be8caf60b94ba5f82d882\"\n"
                        + "    teams: [runtimes]\n"
                        + "gateway:\n  url: http://127.0.0.1:8081\n  key_file: link.key\n"
                        + "  signer_key_file: signer.key\n  logins:\n"
                        + "    alice: {password_hash: \""
                        + PasswordHash.hash("alice-pw".toCharArray(), 1_000)
                        + "\"}\n    erin: {password_hash: \""
                        + PasswordHash.hash("erin-pw".toCharArray(), 1_000)
                        + "\"}\n");
        config = GatewayConfigReader.read(yaml);
        long now = System.currentTimeMillis();
        send("incidents", incident(1, "triggered", "triggered", 1, "", now - 120_000));
        send("incidents", incident(2, "escalated", "triggered", 2, "", now - 60_000));
        send("notifications", page("p1", "alice", 1, now - 120_000));
        send("notifications", page("p2", "bob", 2, now - 60_000));
        send(
                "receipts",
                "{\"idempotencyKey\":\"p1\",\"incidentId\":\""
                        + ID
                        + "\",\"receiver\":\"oncall\",\"outcome\":\"delivered\",\"reason\":\"\","
                        + "\"attempts\":1,\"latencyMs\":12,\"replica\":1,\"deliveredAt\":"
                        + (now - 119_000)
                        + "}");
    }

    static String incident(long seq, String change, String status, int level, String by, long at) {
        return "{\"incidentId\":\""
                + ID
                + "\",\"sequence\":"
                + seq
                + ",\"change\":\""
                + change
                + "\",\"status\":\""
                + status
                + "\",\"eventTime\":"
                + at
                + ",\"level\":"
                + level
                + ",\"engineer\":\""
                + by
                + "\",\"openedAt\":"
                + (System.currentTimeMillis() - 120_000)
                + "}";
    }

    static String page(String key, String engineer, int level, long at) {
        return "{\"idempotencyKey\":\""
                + key
                + "\",\"receiver\":\"oncall\",\"eventTime\":"
                + at
                + ",\"incidentId\":\""
                + ID
                + "\",\"engineer\":\""
                + engineer
                + "\",\"level\":"
                + level
                + ",\"alerts\":[{\"fingerprint\":\"9b1c2d3e4f5a6b7c\",\"severity\":\"critical\","
                + "\"summary\":\"Primary database db-1 is down\",\"labels\":{\"alertname\":"
                + "\"PostgresDown\",\"cluster\":\"eu1\",\"instance\":\"db-1\"}}]}";
    }

    static void send(String topic, String json) throws Exception {
        Properties p = kafka.producerProperties();
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, ID, json)).get();
        }
    }

    @BeforeEach
    void browser() throws Exception {
        profile = Files.createTempDirectory("pagerboy-chromium-");
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
                        .usingDriverExecutable(new java.io.File("/usr/bin/chromedriver"))
                        .usingAnyFreePort()
                        .build();
        chrome = new ChromeDriver(service, options);
        chrome.manage().window().setSize(new Dimension(390, 844));
    }

    @AfterEach
    void quit() {
        if (chrome != null) {
            chrome.quit();
        }
    }

    private String link(Gateway g, String pageKey) {
        dev.pagerboy.alerts.ack.AckLinkTokenKey key = GatewayKafkaTest.LINK_KEY;
        String token =
                AckLinkToken.forPage(
                                key, pageKey, ID, "alice", System.currentTimeMillis() + 3_600_000L)
                        .mint(key);
        return "http://127.0.0.1:" + g.port() + "/a/" + token;
    }

    private void screenshot(String name) throws Exception {
        Path root = Path.of(System.getProperty("gateway.screenshots", "target/screenshots"));
        Files.createDirectories(root);
        Path shot = chrome.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, root.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private WebDriverWait waitUpTo(int seconds) {
        return new WebDriverWait(chrome, Duration.ofSeconds(seconds));
    }

    @Test
    void acknowledgeFromAPhoneOnceThenTheTeamSeesItRecorded() throws Exception {
        try (Gateway g =
                new Gateway(
                        config,
                        "127.0.0.1",
                        0,
                        GatewayServer.Limits.DEFAULTS,
                        Duration.ofSeconds(60))) {
            String url = link(g, "p1");
            chrome.get(url);
            assertThat(chrome.findElement(By.id("title")).getText())
                    .isEqualTo("Primary database db-1 is down");
            assertThat(chrome.getPageSource())
                    .contains("alice, bob", "PostgresDown", "Delivered to oncall");
            WebElement ack = chrome.findElement(By.id("ack"));
            Rectangle r = ack.getRect();
            long viewport =
                    (Long) ((JavascriptExecutor) chrome).executeScript("return window.innerHeight");
            long width =
                    (Long) ((JavascriptExecutor) chrome).executeScript("return window.innerWidth");
            assertThat(width).isLessThanOrEqualTo(390);
            assertThat(ack.isDisplayed()).isTrue();
            assertThat(r.getY() + r.getHeight())
                    .as("the Acknowledge button is visible without scrolling")
                    .isLessThanOrEqualTo((int) viewport);
            screenshot("gateway-incident-page.png");

            // A second tab opens the same link before the first presses.
            String first = chrome.getWindowHandle();
            chrome.switchTo().newWindow(WindowType.TAB);
            chrome.get(url);
            String second = chrome.getWindowHandle();

            chrome.switchTo().window(first);
            chrome.findElement(By.id("ack")).click();
            waitUpTo(30).until(d -> d.getPageSource().contains("Escalation stops"));
            assertThat(kafka.awaitCommitted("acks", 1)).hasSize(1);

            chrome.switchTo().window(second);
            chrome.findElement(By.id("ack")).click();
            waitUpTo(30).until(d -> d.findElements(By.id("message")).size() > 0);
            assertThat(chrome.findElement(By.id("message")).getText())
                    .contains("already been used");
            assertThat(kafka.readCommitted("acks")).hasSize(1);

            // What the job writes after accepting the ack, then after anchoring it.
            send(
                    "incidents",
                    incident(
                            3,
                            "acknowledged",
                            "acknowledged",
                            2,
                            "alice",
                            System.currentTimeMillis()));
            chrome.get("http://127.0.0.1:" + g.port() + "/login");
            chrome.findElement(By.id("name")).sendKeys("alice");
            chrome.findElement(By.id("password")).sendKeys("alice-pw");
            chrome.findElement(By.id("signin")).click();
            waitUpTo(30)
                    .until(
                            d -> {
                                d.navigate().refresh();
                                return d.getPageSource().contains("Pending");
                            });
            send(
                    "ack-receipts",
                    "{\"leafDigest\":\"0x"
                            + "ab".repeat(32)
                            + "\",\"incidentId\":\""
                            + ID
                            + "\",\"engineer\":\""
                            + GatewayKafkaTest.ALICE
                            + "\",\"method\":\"GATEWAY_ONE_TIME_LINK\",\"batchId\":\"0x"
                            + "cd".repeat(32)
                            + "\",\"proof\":[],\"blockNumber\":42,\"transactionHash\":\"0x"
                            + "ef".repeat(32)
                            + "\"}");
            waitUpTo(30)
                    .until(
                            d -> {
                                d.navigate().refresh();
                                return d.getPageSource().contains("Recorded");
                            });
            screenshot("gateway-team-view.png");
            chrome.get("http://127.0.0.1:" + g.port() + "/incidents/" + ID);
            assertThat(chrome.getPageSource()).contains("Acknowledged", "Recorded", "Block", "42");
            chrome.findElement(By.id("check")).click();
            waitUpTo(30).until(d -> d.findElements(By.id("check-result")).size() > 0);
            // No ledger is configured here: the page says so plainly (the chain check needs the
            // full stack).
            assertThat(chrome.findElement(By.id("check-result")).getText()).contains("No ledger");

            // Another team's engineer.
            chrome.manage().deleteAllCookies();
            chrome.get("http://127.0.0.1:" + g.port() + "/login");
            chrome.findElement(By.id("name")).sendKeys("erin");
            chrome.findElement(By.id("password")).sendKeys("erin-pw");
            chrome.findElement(By.id("signin")).click();
            waitUpTo(30).until(d -> d.getPageSource().contains("Signed in as erin"));
            assertThat(chrome.getPageSource()).doesNotContain("Primary database db-1");
            chrome.get("http://127.0.0.1:" + g.port() + "/incidents/" + ID);
            assertThat(chrome.findElement(By.id("message")).getText())
                    .contains("not one of your team");
        }
    }
}
