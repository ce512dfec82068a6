package dev.pagerboy.dispatcher.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the dispatcher's parts of pagerboy.yaml, and its errors in file:line: key form. */
class DispatcherConfigReaderTest {

    @TempDir Path dir;

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("pagerboy.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    @Test
    void readsReceiversOfEveryKindAndTheDispatcherSection() throws Exception {
        Path file =
                write(
                        """
                        kafka:
                          bootstrap_servers: localhost:9092
                          topics: {notifications: pages}
                        receivers:
                          - {name: ops, team: ops, webhook_url: http://localhost:8080/hooks/ops}
                          - {name: chat, team: ops, chat_url: https://chat.example/hooks/abc}
                          - {name: mail, team: db, email_to: [a@example.com, b@example.com]}
                          - {name: record-only, team: ops}
                        route: {receiver: ops}
                        dispatcher:
                          gateway_url: https://ack.example
                          smtp: {host: mail.example, port: 2525, from: pager@example.com}
                          retry: {max_attempts: 4, initial_backoff: 100ms, max_backoff: 2s, max_elapsed: 30s, jitter: 0.2}
                          concurrency: 4
                        """);
        DispatcherConfig c = DispatcherConfigReader.read(file);
        assertThat(c.notificationsTopic()).isEqualTo("pages");
        assertThat(c.receiptsTopic()).isEqualTo("receipts");
        assertThat(c.receiver("ops").orElseThrow().kind()).isEqualTo(ReceiverKind.WEBHOOK);
        assertThat(c.receiver("chat").orElseThrow().url())
                .isEqualTo(URI.create("https://chat.example/hooks/abc"));
        assertThat(c.receiver("mail").orElseThrow().emailTo())
                .isEqualTo(List.of("a@example.com", "b@example.com"));
        assertThat(c.receiver("record-only").orElseThrow().deliverable()).isFalse();
        assertThat(c.smtp()).isEqualTo(new SmtpSettings("mail.example", 2525, "pager@example.com"));
        assertThat(c.retry())
                .isEqualTo(
                        new RetrySettings(
                                4,
                                Duration.ofMillis(100),
                                Duration.ofSeconds(2),
                                Duration.ofSeconds(30),
                                0.2));
        assertThat(c.concurrency()).isEqualTo(4);
        assertThat(c.gatewayUrl()).isEqualTo(URI.create("https://ack.example"));
    }

    @Test
    void theShippedConfigReads() throws Exception {
        Path shipped =
                Path.of(System.getProperty("pagerboy.root", ".."))
                        .resolve("streaming-job/config/pagerboy.yaml");
        DispatcherConfig c = DispatcherConfigReader.read(shipped);
        assertThat(c.receivers()).containsKey("oncall");
    }

    @Test
    void anUnknownDispatcherKeyNamesFileLineAndKey() throws Exception {
        Path file =
                write(
                        """
                        kafka: {bootstrap_servers: x:1}
                        receivers: [{name: a, team: t}]
                        dispatcher:
                          retries: 3
                        """);
        assertThatThrownBy(() -> DispatcherConfigReader.read(file))
                .hasMessage(
                        file
                                + ":4: dispatcher.retries: unknown key (expected one of: concurrency,"
                                + " gateway_url, max_in_flight, rate_per_second, request_timeout,"
                                + " retry, session_timeout, smtp)");
    }

    @Test
    void aReceiverWithTwoAddressesIsAnError() throws Exception {
        Path file =
                write(
                        """
                        kafka: {bootstrap_servers: x:1}
                        receivers:
                          - name: a
                            webhook_url: http://h/a
                            chat_url: http://h/b
                        """);
        assertThatThrownBy(() -> DispatcherConfigReader.read(file))
                .hasMessageStartingWith(
                        file + ":5: receivers[0].chat_url: a receiver has one address");
    }

    @Test
    void aBadEmailAddressAndABadUrlAreErrors() throws Exception {
        Path mail =
                write(
                        """
                        kafka: {bootstrap_servers: x:1}
                        receivers:
                          - {name: a, email_to: nobody}
                        """);
        assertThatThrownBy(() -> DispatcherConfigReader.read(mail))
                .hasMessage(
                        mail
                                + ":3: receivers[0].email_to: \"nobody\" is not an e-mail address"
                                + " (expected name@host)");
        Path url =
                write(
                        """
                        kafka: {bootstrap_servers: x:1}
                        receivers:
                          - {name: a, webhook_url: ftp://h/a}
                        """);
        assertThatThrownBy(() -> DispatcherConfigReader.read(url))
                .hasMessageContaining(
                        ":3: receivers[0].webhook_url: must be an absolute http(s) URL");
    }
}
