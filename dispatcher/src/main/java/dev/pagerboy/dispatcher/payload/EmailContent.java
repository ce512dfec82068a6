package dev.pagerboy.dispatcher.payload;

import dev.pagerboy.dispatcher.page.Page;
import dev.pagerboy.dispatcher.page.PageAlert;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an e-mail page says: subject, a plain-text and an HTML body, and the {@code Message-ID}
 * derived from the idempotency key, so every delivery of a page (a retry, or another replica after
 * a failover) is the same message to the receiving mail system. Kept apart from the SMTP transport
 * so it can be checked against golden files.
 *
 * @param subject the subject line
 * @param text the text/plain part
 * @param html the text/html part
 * @param messageId the {@code Message-ID} header, angle brackets included
 */
public record EmailContent(String subject, String text, String html, String messageId) {

    /** The domain part of every PagerBoy Message-ID. */
    public static final String MESSAGE_ID_DOMAIN = "pagerboy.dispatcher";

    public static EmailContent of(Page page, AckLinks links) {
        String title = PageTitle.of(page);
        String ack = links.link(page).toString();
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder();
        text.append(title).append("\n\n");
        html.append("<!DOCTYPE html>\n<html><body>\n<h2>")
                .append(html(title))
                .append("</h2>\n<p><a href=\"")
                .append(html(ack))
                .append("\">Acknowledge</a></p>\n<ul>\n");
        for (PageAlert a : page.alerts()) {
            String what =
                    a.summary().isEmpty() ? a.labels().getOrDefault("alertname", "") : a.summary();
            text.append("- [").append(a.status()).append("] ");
            html.append("<li><b>").append(html(a.status())).append("</b> ");
            if (!a.severity().isEmpty()) {
                text.append(a.severity()).append(": ");
                html.append(html(a.severity())).append(": ");
            }
            text.append(what).append('\n');
            html.append(html(what)).append("<br><small>");
            StringBuilder labels = new StringBuilder();
            for (Map.Entry<String, String> e : new TreeMap<>(a.labels()).entrySet()) {
                labels.append(labels.length() == 0 ? "" : " ")
                        .append(e.getKey())
                        .append('=')
                        .append(e.getValue());
            }
            text.append("  ").append(labels).append('\n');
            html.append(html(labels.toString())).append("</small></li>\n");
        }
        text.append("\nAcknowledge: ").append(ack).append('\n');
        String footer =
                "incident "
                        + (page.incidentId().isEmpty() ? "-" : page.incidentId())
                        + ", key "
                        + page.idempotencyKey()
                        + ", receiver "
                        + page.receiver();
        text.append("\n-- \n").append(footer).append('\n');
        html.append("</ul>\n<p><small>")
                .append(html(footer))
                .append("</small></p>\n</body></html>\n");
        return new EmailContent(
                title + " (" + page.receiver() + ")",
                text.toString(),
                html.toString(),
                messageId(page.idempotencyKey()));
    }

    /**
     * The Message-ID of a key: {@code <local@pagerboy.dispatcher>}, where local is the key with
     * every byte outside RFC 5322's atext (and every dot, which may not start, end or repeat in a
     * dot-atom) written as {@code %XX}. Injective, so two pages never share a Message-ID.
     */
    public static String messageId(String idempotencyKey) {
        StringBuilder local = new StringBuilder();
        for (byte b : idempotencyKey.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean atext =
                    c < 0x80
                            && (Character.isLetterOrDigit(c)
                                    || "!#$&'*+/=?^_`{|}~-".indexOf(c) >= 0);
            if (atext) {
                local.append((char) c);
            } else {
                local.append('%').append(String.format("%02X", c));
            }
        }
        return "<" + local + "@" + MESSAGE_ID_DOMAIN + ">";
    }

    private static String html(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
