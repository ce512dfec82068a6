package dev.pagerboy.audit.verify;

import java.util.List;

/**
 * The outcome of checking one event hour.
 *
 * @param hourStart the hour (UTC, epoch ms)
 * @param status verified, failed, or not sealed yet
 * @param rows covered rows found in the archive for the hour
 * @param generations {@code archive_root} rows found for it
 * @param onChain generations whose root the chain holds and matches (0 without a chain)
 * @param findings what differs, each naming a row or file (empty unless failed)
 */
public record HourVerdict(
        long hourStart,
        Status status,
        long rows,
        int generations,
        int onChain,
        List<HourFinding> findings) {

    /** How an hour came out. */
    public enum Status {
        VERIFIED("verified"),
        FAILED("failed"),
        /** No root yet and no later hour sealed: the job has not passed this hour. */
        NOT_SEALED("not sealed");

        private final String text;

        Status(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }
}
