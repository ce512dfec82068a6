package dev.pagerboy.dispatcher.config;

/** How a receiver is reached; chosen by which address key its entry in pagerboy.yaml carries. */
public enum ReceiverKind {
    /** {@code webhook_url}: an Alertmanager-webhook-v4-compatible POST. */
    WEBHOOK("webhook_url"),
    /** {@code chat_url}: a Slack/Mattermost incoming-webhook POST. */
    CHAT("chat_url"),
    /** {@code email_to}: a message over SMTP. */
    EMAIL("email_to");

    private final String key;

    ReceiverKind(String key) {
        this.key = key;
    }

    /** The receiver entry's key that selects this kind. */
    public String key() {
        return key;
    }
}
