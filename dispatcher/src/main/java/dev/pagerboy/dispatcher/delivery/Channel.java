package dev.pagerboy.dispatcher.delivery;

import dev.pagerboy.dispatcher.page.Page;

/**
 * One attempt to hand a page to one receiver, in the receiver's own protocol. Retrying, breaking
 * the circuit and limiting concurrency are {@link ReceiverGuard}'s; a channel only says how one
 * attempt ended.
 */
public interface Channel {

    /**
     * Delivers once.
     *
     * @throws DeliveryFailure when this attempt did not deliver; its type says whether to retry
     */
    void deliver(Page page) throws DeliveryFailure;
}
