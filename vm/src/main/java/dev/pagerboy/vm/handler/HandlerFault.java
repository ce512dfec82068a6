package dev.pagerboy.vm.handler;

/** Why a handler run produced the fallback decision instead of its own. */
public record HandlerFault(Kind kind, String detail) {

    public enum Kind {
        /** The handler did not finish within its cycle budget. */
        BUDGET_EXHAUSTED,
        /** The CPU fetched one of the eleven unused opcodes (or executed {@code stop}). */
        ILLEGAL_OPCODE,
        /** The handler wrote outside the decision, state and work areas. */
        WRITE_OUTSIDE_AREA,
        /** The decision area holds values the ABI does not allow. */
        MALFORMED_DECISION
    }
}
