package dev.pagerboy.dispatcher.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagerboy.alerts.ack.AckLinkToken;
import dev.pagerboy.alerts.ack.AckLinkTokenKey;
import dev.pagerboy.dispatcher.config.ConfigException;
import dev.pagerboy.dispatcher.page.Page;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignedAckLinksTest {

    private static final AckLinkTokenKey KEY =
            new AckLinkTokenKey("s".repeat(40).getBytes(StandardCharsets.UTF_8));
    private static final SignedAckLinks LINKS =
            new SignedAckLinks(URI.create("https://ack.example/"), KEY, Duration.ofHours(2));

    private static String token(URI link) {
        String s = link.toString();
        assertThat(s).startsWith("https://ack.example/a/");
        return s.substring("https://ack.example/a/".length());
    }

    @Test
    void aPageLinkCarriesATokenForItsIncidentAndEngineerThatTheGatewayAccepts() throws Exception {
        Page page = Pages.escalation();
        AckLinkToken token = AckLinkToken.verify(token(LINKS.link(page)), KEY, page.eventTime());
        assertThat(token.incidentId()).isEqualTo(page.incidentId());
        assertThat(token.engineer()).isEqualTo(page.engineer());
        assertThat(token.expiresAtMillis()).isEqualTo(page.eventTime() + 7_200_000L);
    }

    @Test
    void everyDeliveryOfAPageCarriesTheSameLink() {
        assertThat(LINKS.link(Pages.escalation())).isEqualTo(LINKS.link(Pages.escalation()));
    }

    @Test
    void theLinkExpiresTwoHoursAfterThePage() {
        Page page = Pages.escalation();
        String t = token(LINKS.link(page));
        assertThatThrownBy(() -> AckLinkToken.verify(t, KEY, page.eventTime() + 7_200_000L))
                .isInstanceOf(AckLinkToken.RefusedException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void aPageWithoutAnEngineerLinksToTheTeamView() {
        Page p = Pages.escalation();
        Page receiverPage =
                new Page(
                        p.idempotencyKey(),
                        p.receiver(),
                        p.routeId(),
                        p.groupKey(),
                        p.flushSequence(),
                        p.eventTime(),
                        p.status(),
                        p.groupLabels(),
                        p.alerts(),
                        p.incidentId(),
                        "",
                        p.level(),
                        p.step());
        assertThat(LINKS.link(receiverPage).toString())
                .isEqualTo("https://ack.example/incidents?incident=" + p.incidentId());
    }

    @Test
    void theGatewaySectionChoosesSignedLinksAndItsAbsenceThePlaceholder(@TempDir Path dir)
            throws Exception {
        Files.writeString(dir.resolve("link.key"), "s".repeat(40) + "\n");
        Path with = dir.resolve("with.yaml");
        Files.writeString(
                with,
                "kafka:\n  bootstrap_servers: x:1\n"
                        + "gateway:\n  url: https://ack.example\n  key_file: link.key\n"
                        + "  link_ttl: 2h\n  logins: {}\n");
        AckLinks signed = SignedAckLinks.of(with, URI.create("http://fallback:1"));
        assertThat(signed.link(Pages.escalation())).isEqualTo(LINKS.link(Pages.escalation()));

        Path without = dir.resolve("without.yaml");
        Files.writeString(without, "kafka:\n  bootstrap_servers: x:1\n");
        assertThat(SignedAckLinks.of(without, URI.create("http://fallback:1")))
                .isInstanceOf(PlaceholderAckLinks.class);

        Path noKey = dir.resolve("nokey.yaml");
        Files.writeString(noKey, "gateway:\n  url: https://ack.example\n  key_file: missing\n");
        assertThatThrownBy(() -> SignedAckLinks.of(noKey, URI.create("http://fallback:1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("gateway.key_file");
        Path noUrl = dir.resolve("nourl.yaml");
        Files.writeString(noUrl, "gateway:\n  key_file: link.key\n");
        assertThatThrownBy(() -> SignedAckLinks.of(noUrl, URI.create("http://fallback:1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("gateway");
    }
}
