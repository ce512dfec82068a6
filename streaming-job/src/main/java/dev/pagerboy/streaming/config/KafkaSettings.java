package dev.pagerboy.streaming.config;

import java.io.Serializable;

/**
 * Where the job's Kafka topics live.
 *
 * @param bootstrapServers comma-separated {@code host:port} list
 * @param topics the topic names
 */
public record KafkaSettings(String bootstrapServers, Topics topics) implements Serializable {

    /** The topic names the job reads and writes. Each defaults to its own name. */
    public record Topics(
            String alerts,
            String silences,
            String ticks,
            String notifications,
            String deadLetters,
            String acks,
            String incidents,
            String ackReceipts,
            String receipts)
            implements Serializable {

        /** Topics with the dispatchers' {@code receipts} input at its default name. */
        public Topics(
                String alerts,
                String silences,
                String ticks,
                String notifications,
                String deadLetters,
                String acks,
                String incidents,
                String ackReceipts) {
            this(
                    alerts,
                    silences,
                    ticks,
                    notifications,
                    deadLetters,
                    acks,
                    incidents,
                    ackReceipts,
                    "receipts");
        }

        /** Topics with the {@code ack-receipts} output at its default name. */
        public Topics(
                String alerts,
                String silences,
                String ticks,
                String notifications,
                String deadLetters,
                String acks,
                String incidents) {
            this(
                    alerts,
                    silences,
                    ticks,
                    notifications,
                    deadLetters,
                    acks,
                    incidents,
                    "ack-receipts");
        }

        /** Topics with the {@code incidents} output at its default name. */
        public Topics(
                String alerts,
                String silences,
                String ticks,
                String notifications,
                String deadLetters,
                String acks) {
            this(
                    alerts,
                    silences,
                    ticks,
                    notifications,
                    deadLetters,
                    acks,
                    "incidents",
                    "ack-receipts");
        }

        public static Topics defaults() {
            return new Topics(
                    "alerts",
                    "silences",
                    "ticks",
                    "notifications",
                    "dead-letters",
                    "acks",
                    "incidents",
                    "ack-receipts",
                    "receipts");
        }
    }
}
