package dev.pagerboy.gateway.config;

/**
 * The topics the gateway reads (to rebuild its view) and writes ({@code acks}).
 *
 * @param acks where signed acks go, and where used links are read back from
 * @param incidents the job's incident transitions
 * @param notifications the job's pages (titles, labels, who was paged)
 * @param receipts the dispatcher's delivery receipts
 * @param ackReceipts the job's proofs that acks are anchored
 */
public record GatewayTopics(
        String acks, String incidents, String notifications, String receipts, String ackReceipts) {

    public static final GatewayTopics DEFAULTS =
            new GatewayTopics("acks", "incidents", "notifications", "receipts", "ack-receipts");
}
