package dev.pagerboy.dispatcher.payload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.dispatcher.page.Page;
import java.io.IOException;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * Every receiver type's payload for fixed pages against golden files: the webhook body
 * (Alertmanager v4 plus PagerBoy's fields), the chat body (Slack/Mattermost), and the e-mail's
 * subject, parts and Message-ID. A golden file is the reviewed wire format: a change here is a
 * change receivers see.
 */
class PayloadGoldenTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AckLinks LINKS =
            new PlaceholderAckLinks(URI.create("https://pagerboy.example/"));

    @Test
    void webhookBodyIsAlertmanagerV4WithIncidentFields() throws IOException {
        WebhookPayload webhook = new WebhookPayload(LINKS, "https://pagerboy.example");
        GoldenFiles.assertMatches(
                "webhook-escalation.json", pretty(webhook.body(Pages.escalation())));
        GoldenFiles.assertMatches("webhook-resolved.json", pretty(webhook.body(Pages.resolved())));
    }

    @Test
    void webhookBodyHasEveryFieldAnAlertmanagerReceiverReads() throws IOException {
        JsonNode body =
                JSON.readTree(
                        new WebhookPayload(LINKS, "https://pagerboy.example")
                                .body(Pages.escalation()));
        assertThat(body.get("version").asText()).isEqualTo("4");
        for (String field :
                new String[] {
                    "groupKey",
                    "truncatedAlerts",
                    "status",
                    "receiver",
                    "groupLabels",
                    "commonLabels",
                    "commonAnnotations",
                    "externalURL",
                    "alerts"
                }) {
            assertThat(body.has(field)).as(field).isTrue();
        }
        JsonNode alert = body.get("alerts").get(0);
        for (String field :
                new String[] {
                    "status",
                    "labels",
                    "annotations",
                    "startsAt",
                    "endsAt",
                    "generatorURL",
                    "fingerprint"
                }) {
            assertThat(alert.has(field)).as("alerts[0].%s", field).isTrue();
        }
        assertThat(alert.get("endsAt").asText()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(body.get("commonLabels").has("instance")).isFalse();
        assertThat(body.at("/pagerboy/ackUrl").asText())
                .isEqualTo(
                        "https://pagerboy.example/a/"
                                + PlaceholderAckLinks.token(Pages.escalation().idempotencyKey()));
    }

    @Test
    void chatBodyHasTextAndBlocksWithAnAcknowledgeLink() throws IOException {
        ChatPayload chat = new ChatPayload(LINKS);
        GoldenFiles.assertMatches("chat-escalation.json", pretty(chat.body(Pages.escalation())));
        GoldenFiles.assertMatches("chat-resolved.json", pretty(chat.body(Pages.resolved())));
    }

    @Test
    void emailHasSubjectPlainAndHtmlPartsAndAStableMessageId() throws IOException {
        GoldenFiles.assertMatches(
                "email-escalation.txt", render(EmailContent.of(Pages.escalation(), LINKS)));
        GoldenFiles.assertMatches(
                "email-resolved.txt", render(EmailContent.of(Pages.resolved(), LINKS)));
    }

    @Test
    void messageIdsAreValidAndDistinctForKeysThatDifferOnlyInEscapedCharacters() {
        assertThat(EmailContent.messageId("a.b c/1"))
                .isEqualTo("<a%2Eb%20c/1@pagerboy.dispatcher>");
        assertThat(EmailContent.messageId("a%2Eb")).isNotEqualTo(EmailContent.messageId("a.b"));
        assertThat(EmailContent.messageId("ümlaut")).isEqualTo("<%C3%BCmlaut@pagerboy.dispatcher>");
    }

    @Test
    void theAckLinkOfAPageIsTheSameEveryTime() {
        Page page = Pages.escalation();
        assertThat(LINKS.link(page)).isEqualTo(LINKS.link(Pages.escalation()));
        assertThat(LINKS.link(page).toString()).startsWith("https://pagerboy.example/a/");
    }

    private static String render(EmailContent mail) {
        return "Message-ID: "
                + mail.messageId()
                + "\nSubject: "
                + mail.subject()
                + "\n\n--- text/plain ---\n"
                + mail.text()
                + "--- text/html ---\n"
                + mail.html();
    }

    private static String pretty(byte[] json) throws IOException {
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(json)) + "\n";
    }
}
