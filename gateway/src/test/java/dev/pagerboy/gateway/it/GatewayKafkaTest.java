package dev.pagerboy.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.alerts.ack.AckLinkToken;
import dev.pagerboy.alerts.ack.AckLinkTokenKey;
import dev.pagerboy.alerts.ack.SignedAck;
import dev.pagerboy.contracts.ack.AckSignature;
import dev.pagerboy.devstack.KafkaBrokerExtension;
import dev.pagerboy.gateway.Gateway;
import dev.pagerboy.gateway.config.GatewayConfig;
import dev.pagerboy.gateway.config.GatewayConfigReader;
import dev.pagerboy.gateway.config.PasswordHash;
import dev.pagerboy.gateway.web.GatewayServer;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/**
 * The gateway against a real broker: the view is rebuilt from the topics, a one-time link's
 * Acknowledge writes exactly one gateway-signed ack for the link's engineer, a second press (also
 * after a restart, which rebuilds the used links from {@code acks}) writes nothing, tampered and
 * expired links are refused, and another team's engineer gets no access.
 */
@Tag("integration")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class GatewayKafkaTest {

    @RegisterExtension static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();
    @TempDir static Path dir;

    static final String ID = "3f2a9c1d0b7e6a55-1796529600000";
    static final String SIGNER_KEY =
            "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
    static final String ALICE = "0x820b25ac310a18c68c32c7776ede1d099c80aab4";
    static final AckLinkTokenKey LINK_KEY =
            new AckLinkTokenKey("L".repeat(40).getBytes(StandardCharsets.UTF_8));
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    static GatewayConfig config;

    @BeforeAll
    static void topicsAndConfig() throws Exception {
        kafka.createTopics("acks", "incidents", "notifications", "receipts", "ack-receipts");
        Files.writeString(dir.resolve("link.key"), "L".repeat(40) + "\n");
        Files.writeString(dir.resolve("signer.key"), SIGNER_KEY + "\n");
        String alicePw = PasswordHash.hash("alice-pw".toCharArray(), 1_000);
        String erinPw = PasswordHash.hash("erin-pw".toCharArray(), 1_000);
        Path yaml = dir.resolve("pagerboy.yaml");
        Files.writeString(
                yaml,
                "kafka:\n  bootstrap_servers: "
                        + kafka.bootstrapServers()
                        + "\nreceivers:\n  - name: oncall\n    team: ops\n"
                        + "engineers:\n"
                        + "  - name: alice\n    address: \""
                        + ALICE
                        + "\"\n    teams: [ops]\n"
                        + "  - name: erin\n    address: \"0x4d7685d4f4cc3282463be8caf60b94ba5f82d882\"\n"
                        + "    teams: [runtimes]\n"
                        + "gateway:\n  url: http://127.0.0.1:8081\n  key_file: link.key\n"
                        + "  signer_key_file: signer.key\n  logins:\n"
                        + "    alice: {password_hash: \""
                        + alicePw
                        + "\"}\n    erin: {password_hash: \""
                        + erinPw
                        + "\"}\n");
        config = GatewayConfigReader.read(yaml);
        Properties p = kafka.producerProperties();
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(
                    new ProducerRecord<>(
                            "incidents",
                            ID,
                            "{\"incidentId\":\""
                                    + ID
                                    + "\",\"sequence\":1,\"change\":\"triggered\",\"status\":\"triggered\","
                                    + "\"eventTime\":1796529600000,\"level\":1,\"engineer\":\"\","
                                    + "\"openedAt\":1796529600000}"));
            producer.send(
                    new ProducerRecord<>(
                            "notifications",
                            ID,
                            "{\"idempotencyKey\":\"k1\",\"receiver\":\"oncall\",\"eventTime\":1796529600000,"
                                    + "\"incidentId\":\""
                                    + ID
                                    + "\",\"engineer\":\"alice\",\"level\":1,\"alerts\":[{\"fingerprint\":"
                                    + "\"a1b2c3d4e5f60718\",\"severity\":\"critical\",\"summary\":"
                                    + "\"Disk full on db-1\",\"labels\":{\"alertname\":\"DiskFull\"}}]}"));
            producer.flush();
        }
    }

    static Gateway start() throws Exception {
        return new Gateway(
                config, "127.0.0.1", 0, GatewayServer.Limits.DEFAULTS, Duration.ofSeconds(60));
    }

    static HttpClient browser() {
        return HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    static HttpResponse<String> get(HttpClient c, Gateway g, String path) throws Exception {
        return c.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + g.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(HttpClient c, Gateway g, String path, String form)
            throws Exception {
        return c.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + g.port() + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as("a form with a CSRF token in:\n" + html).isTrue();
        return URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
    }

    static String link(String pageKey, long expires) {
        return AckLinkToken.forPage(LINK_KEY, pageKey, ID, "alice", expires).mint(LINK_KEY);
    }

    @Test
    void aOneTimeLinkAcknowledgesOnceForItsEngineer() throws Exception {
        String token = link("k1", System.currentTimeMillis() + 3_600_000L);
        try (Gateway g = start()) {
            HttpClient tab = browser();
            HttpResponse<String> page = get(tab, g, "/a/" + token);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body())
                    .contains("Disk full on db-1", "critical", "alice", "Acknowledge");
            assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
                    .contains("default-src 'none'");
            assertThat(page.headers().allValues("Set-Cookie"))
                    .anySatisfy(
                            c ->
                                    assertThat(c)
                                            .contains("HttpOnly")
                                            .containsIgnoringCase("SameSite=Strict"));
            assertThat(kafka.readCommitted("acks")).as("a GET never acknowledges").isEmpty();

            // A POST without the page's CSRF token is refused and writes nothing.
            assertThat(post(browser(), g, "/a/" + token, "action=ack&csrf=x").statusCode())
                    .isEqualTo(403);

            String form = "action=ack&csrf=" + csrf(page.body());
            HttpResponse<String> done = post(tab, g, "/a/" + token, form);
            assertThat(done.statusCode()).isEqualTo(200);
            assertThat(done.body()).contains("Acknowledged");

            List<ConsumerRecord<byte[], byte[]>> acks = kafka.awaitCommitted("acks", 1);
            JsonNode ack = JSON.readTree(acks.get(0).value());
            SignedAck signed = SignedAck.read(ack);
            assertThat(signed.text().incidentId()).isEqualTo(ID);
            assertThat(signed.text().engineer()).isEqualTo(ALICE);
            assertThat(signed.text().fingerprint()).isEqualTo("a1b2c3d4e5f60718");
            assertThat(AckSignature.fromHex(signed.signature()).recoverSigner(signed.text()))
                    .isEqualTo(Credentials.create(SIGNER_KEY).getAddress());

            HttpResponse<String> again = post(tab, g, "/a/" + token, form);
            assertThat(again.statusCode()).isEqualTo(410);
            assertThat(again.body()).contains("already been used");
        }
        // A restarted gateway rebuilds the used links from the acks topic.
        try (Gateway g = start()) {
            HttpClient tab = browser();
            HttpResponse<String> page = get(tab, g, "/a/" + token);
            assertThat(page.body()).doesNotContain("id=\"ack\"").contains("Resolve");
            HttpResponse<String> again =
                    post(tab, g, "/a/" + token, "action=ack&csrf=" + csrf(page.body()));
            assertThat(again.statusCode()).isEqualTo(410);
        }
        assertThat(kafka.readCommitted("acks")).hasSize(1);
    }

    @Test
    void tamperedExpiredAndGarbageLinksGetAPlainPageAndWriteNothing() throws Exception {
        int before = kafka.readCommitted("acks").size();
        try (Gateway g = start()) {
            String expired = link("k-old", System.currentTimeMillis() - 1);
            HttpResponse<String> e = get(browser(), g, "/a/" + expired);
            assertThat(e.statusCode()).isEqualTo(410);
            assertThat(e.body()).contains("expired").doesNotContain("Exception");

            String good = link("k2", System.currentTimeMillis() + 3_600_000L);
            String tampered =
                    good.substring(0, 10)
                            + (good.charAt(10) == 'A' ? 'B' : 'A')
                            + good.substring(11);
            HttpResponse<String> t = get(browser(), g, "/a/" + tampered);
            assertThat(t.statusCode()).isIn(400, 403);
            assertThat(post(browser(), g, "/a/" + tampered, "action=ack&csrf=x").statusCode())
                    .isIn(400, 403);

            HttpResponse<String> junk = get(browser(), g, "/a/%3Cscript%3E");
            assertThat(junk.statusCode()).isEqualTo(400);
            assertThat(junk.body()).doesNotContain("<script>");
        }
        assertThat(kafka.readCommitted("acks")).hasSize(before);
    }

    @Test
    void engineersSeeTheirTeamsIncidentsOnly() throws Exception {
        try (Gateway g = start()) {
            HttpClient alice = browser();
            String login = get(alice, g, "/login").body();
            HttpResponse<String> wrong =
                    post(alice, g, "/login", "name=alice&password=nope&csrf=" + csrf(login));
            assertThat(wrong.statusCode()).isEqualTo(401);
            HttpResponse<String> view =
                    post(alice, g, "/login", "name=alice&password=alice-pw&csrf=" + csrf(login));
            assertThat(view.statusCode()).isEqualTo(200);
            assertThat(view.body()).contains("Disk full on db-1");
            assertThat(get(alice, g, "/incidents/" + ID).body()).contains("Timeline", "Fired");

            HttpClient erin = browser();
            String erinLogin = get(erin, g, "/login").body();
            HttpResponse<String> erinView =
                    post(erin, g, "/login", "name=erin&password=erin-pw&csrf=" + csrf(erinLogin));
            assertThat(erinView.body()).doesNotContain("Disk full on db-1");
            HttpResponse<String> denied = get(erin, g, "/incidents/" + ID);
            assertThat(denied.statusCode()).isEqualTo(403);
            assertThat(denied.body()).doesNotContain("Disk full");
            assertThat(post(erin, g, "/incidents/" + ID + "/act", "action=ack&csrf=x").statusCode())
                    .isEqualTo(403);
            assertThat(post(erin, g, "/incidents/" + ID + "/check", "csrf=x").statusCode())
                    .isEqualTo(403);

            // A team's form needs a signed-in engineer of the team and the page's token.
            assertThat(post(browser(), g, "/incidents/" + ID + "/check", "csrf=x").statusCode())
                    .isEqualTo(401);
            HttpResponse<String> stale = post(alice, g, "/incidents/" + ID + "/check", "csrf=x");
            assertThat(stale.statusCode()).isEqualTo(403);
            assertThat(stale.body()).contains("This form has expired.");
            String incidentPage = get(alice, g, "/incidents/" + ID).body();
            HttpResponse<String> check =
                    post(alice, g, "/incidents/" + ID + "/check", "csrf=" + csrf(incidentPage));
            assertThat(check.statusCode()).isEqualTo(200);
            assertThat(check.body()).contains("<h1>Check</h1>", "Back");

            assertThat(get(browser(), g, "/incidents").body()).contains("Sign in");
        }
    }
}
