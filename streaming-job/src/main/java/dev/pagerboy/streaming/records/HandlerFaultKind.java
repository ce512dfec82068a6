package dev.pagerboy.streaming.records;

/**
 * Why an alert got the fallback decision instead of its handler's: the VM's own fault kinds, plus
 * the two the job adds around the VM (a ROM that does not load, an unexpected error inside the VM).
 * {@link #NONE} when the handler completed, or no handler ran. (Records carry no VM classes, so
 * {@code HandlerFunction} maps the VM's kinds onto these.) The {@link #text()} is what the
 * archive's {@code handler} rows store in {@code faultKind}.
 */
public enum HandlerFaultKind {
    /** The handler completed normally, or the route has no handler. */
    NONE(""),
    /** The handler did not finish within its cycle budget. */
    BUDGET_EXHAUSTED("BUDGET_EXHAUSTED"),
    /** The CPU fetched an unused opcode (or executed {@code stop}). */
    ILLEGAL_OPCODE("ILLEGAL_OPCODE"),
    /** The handler wrote outside the decision, state and work areas. */
    WRITE_OUTSIDE_AREA("WRITE_OUTSIDE_AREA"),
    /** The decision area holds values the ABI does not allow. */
    MALFORMED_DECISION("MALFORMED_DECISION"),
    /** The route's ROM did not load (bad header, checksum or size); it never ran. */
    INVALID_ROM("INVALID_ROM"),
    /** The VM itself threw: a VM bug, which must not stop the pipeline. */
    VM_ERROR("VM_ERROR");

    private final String text;

    HandlerFaultKind(String text) {
        this.text = text;
    }

    /** The archived form: the constant's name, or {@code ""} for {@link #NONE}. */
    public String text() {
        return text;
    }

    public boolean isFault() {
        return this != NONE;
    }
}
