package dev.pagerboy.audit.verify;

/**
 * One thing {@code archive verify} found wrong in an hour, naming the place.
 *
 * @param what the kind of difference
 * @param rowId the row concerned ({@code ""} if none: a missing root row names its generation)
 * @param file the file concerned, relative to the archive ({@code ""} for a deleted row)
 * @param detail one sentence for the auditor
 */
public record HourFinding(What what, String rowId, String file, String detail) {

    /** The kinds of difference, as printed. */
    public enum What {
        /** A row whose columns no longer give the digest under the root. */
        EDITED("edited"),
        /** A row under the root that is not in the archive. */
        DELETED("deleted"),
        /** A row in the archive that no root covers. */
        INSERTED("inserted"),
        /** A second copy of a row. */
        DUPLICATED("duplicated"),
        /** A row in the directory of another hour than its own (a file moved or replaced). */
        MISPLACED("misplaced"),
        /** An {@code archive_root} row that disagrees with its leaves or with the chain. */
        ROOT_ROW("root row"),
        /**
         * A generation whose {@code archive_root} row is gone, or an unsealed hour among sealed.
         */
        ROOT_MISSING("root missing");

        private final String text;

        What(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }
}
