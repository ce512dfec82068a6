package dev.pagerboy.dispatcher.delivery;

/** What deliveries report as they happen; the replica's metrics implement it. */
public interface DeliveryEvents {

    /** An attempt failed and another will follow after {@code waitMs}. */
    void retrying(String receiver, DeliveryFailure failure, long waitMs);

    /** A page's delivery ended, {@code nanos} after its first attempt started. */
    void finished(String receiver, DeliveryResult result, long nanos);

    /** Events go nowhere (tests of one class). */
    DeliveryEvents NONE =
            new DeliveryEvents() {
                @Override
                public void retrying(String receiver, DeliveryFailure failure, long waitMs) {}

                @Override
                public void finished(String receiver, DeliveryResult result, long nanos) {}
            };
}
