package dev.pagerboy.dispatcher.delivery;

/**
 * How the delivery of one page ended, after all attempts.
 *
 * @param outcome delivered or failed
 * @param reason why it failed ({@code ""} when delivered)
 * @param attempts attempts made (0 when the page was never attempted: unknown receiver, no address)
 * @param finishedAt when it ended (epoch ms)
 */
public record DeliveryResult(Outcome outcome, String reason, int attempts, long finishedAt) {

    static DeliveryResult delivered(int attempts, long at) {
        return new DeliveryResult(Outcome.DELIVERED, "", attempts, at);
    }

    static DeliveryResult failed(String reason, int attempts, long at) {
        return new DeliveryResult(Outcome.FAILED, reason, attempts, at);
    }
}
