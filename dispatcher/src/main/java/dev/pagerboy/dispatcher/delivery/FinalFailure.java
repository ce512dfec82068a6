package dev.pagerboy.dispatcher.delivery;

/**
 * A failure that another attempt cannot fix: the receiver refused the page (HTTP 4xx other than 408
 * and 429, SMTP 5xx), the page names no deliverable receiver, or the retry budget is used up.
 */
public final class FinalFailure extends DeliveryFailure {

    public FinalFailure(String reason) {
        super(reason);
    }
}
