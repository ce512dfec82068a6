package dev.pagerboy.dispatcher.page;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Reads a page from the bytes of a {@code notifications} record. Unknown fields are ignored so the
 * job can add fields without breaking running dispatchers; a record that is not a page (bad JSON,
 * no idempotency key) is reported with a one-line reason so it becomes a failed receipt, never a
 * crash.
 */
public final class PageReader {

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private PageReader() {}

    /** The page, or an {@link UnreadablePage} naming what is wrong. */
    public static Page read(byte[] value) throws UnreadablePage {
        if (value == null || value.length == 0) {
            throw new UnreadablePage("empty record (expected a page as JSON)");
        }
        Page page;
        try {
            page = JSON.readValue(value, Page.class);
        } catch (IOException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            int nl = m.indexOf('\n');
            throw new UnreadablePage(
                    "not a page: " + (nl < 0 ? m : m.substring(0, nl)) + " (expected page JSON)");
        }
        if (page == null || page.idempotencyKey() == null || page.idempotencyKey().isEmpty()) {
            throw new UnreadablePage("page without idempotencyKey (expected a non-empty key)");
        }
        return page;
    }

    /** Writes a page as the job does; for tests, the benchmark and tools that produce pages. */
    public static byte[] write(Page page) {
        try {
            return JSON.writeValueAsBytes(page);
        } catch (IOException e) {
            throw new IllegalStateException("a page always serializes", e);
        }
    }

    /** A record of the notifications topic that is not a page. */
    public static final class UnreadablePage extends Exception {
        public UnreadablePage(String reason) {
            super(reason);
        }
    }
}
