package dev.pagerboy.dispatcher.payload;

import dev.pagerboy.dispatcher.page.Page;
import java.net.URI;

/**
 * The one-time link an engineer follows to acknowledge a page: {@code <gateway base
 * URL>/a/<token>}. An interface because the token belongs to the ack gateway, which does not exist
 * yet: the dispatcher only needs a link that is the same for every delivery of a page (a retried
 * delivery must carry the link the first one did), and the gateway will bring the real token
 * scheme.
 */
public interface AckLinks {

    /** The ack link of {@code page}; the same for every call with the same idempotency key. */
    URI link(Page page);
}
