package dev.pagerboy.dispatcher.payload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pagerboy.dispatcher.page.Page;
import dev.pagerboy.dispatcher.page.PageAlert;
import java.nio.charset.StandardCharsets;

/**
 * The body of a chat delivery: a Slack incoming-webhook message ({@code text} plus Block Kit {@code
 * blocks} with an "Acknowledge" button). Mattermost's Slack-compatible incoming webhooks show
 * {@code text} and ignore {@code blocks}, so {@code text} carries the ack link too, in the {@code
 * <url|label>} link syntax both understand.
 */
public final class ChatPayload {

    /** Slack shows at most 50 blocks; a page lists this many alerts and counts the rest. */
    static final int MAX_LISTED_ALERTS = 10;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AckLinks links;

    public ChatPayload(AckLinks links) {
        this.links = links;
    }

    public byte[] body(Page page) {
        String title = PageTitle.of(page);
        String ack = links.link(page).toString();
        ObjectNode root = JSON.createObjectNode();
        root.put("text", title + " <" + ack + "|Acknowledge>");
        ArrayNode blocks = root.putArray("blocks");
        section(blocks, "*" + escape(title) + "*");
        int listed = 0;
        StringBuilder list = new StringBuilder();
        for (PageAlert a : page.alerts()) {
            if (listed == MAX_LISTED_ALERTS) {
                list.append("… and ").append(page.alerts().size() - listed).append(" more\n");
                break;
            }
            list.append("• ");
            if (!a.severity().isEmpty()) {
                list.append('*').append(escape(a.severity())).append("* ");
            }
            String what =
                    a.summary().isEmpty() ? a.labels().getOrDefault("alertname", "") : a.summary();
            list.append(escape(what)).append(" `").append(a.fingerprint()).append("`\n");
            listed++;
        }
        if (list.length() > 0) {
            section(blocks, list.toString().stripTrailing());
        }
        ObjectNode context = blocks.addObject();
        context.put("type", "context");
        ObjectNode note = context.putArray("elements").addObject();
        note.put("type", "mrkdwn");
        note.put(
                "text",
                "incident `"
                        + (page.incidentId().isEmpty() ? "-" : page.incidentId())
                        + "` · key `"
                        + page.idempotencyKey()
                        + "` · receiver "
                        + escape(page.receiver()));
        ObjectNode actions = blocks.addObject();
        actions.put("type", "actions");
        ObjectNode button = actions.putArray("elements").addObject();
        button.put("type", "button");
        ObjectNode label = button.putObject("text");
        label.put("type", "plain_text");
        label.put("text", "Acknowledge");
        button.put("url", ack);
        button.put("action_id", "pagerboy-ack");
        button.put("style", "primary");
        try {
            return JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private static void section(ArrayNode blocks, String mrkdwn) {
        ObjectNode section = blocks.addObject();
        section.put("type", "section");
        ObjectNode text = section.putObject("text");
        text.put("type", "mrkdwn");
        text.put("text", mrkdwn);
    }

    /** Slack's three control characters in message text. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
