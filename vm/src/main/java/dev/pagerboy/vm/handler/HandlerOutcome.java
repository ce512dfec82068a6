package dev.pagerboy.vm.handler;

import dev.pagerboy.vm.GameBoy;

/**
 * The allocation-free view of the last run of a {@link HandlerRuntime}: primitive fields, reused
 * from run to run. {@link HandlerRuntime#run} turns it into the immutable {@link HandlerResult};
 * callers that count every allocation read it directly with {@link HandlerRuntime#runInPlace}.
 * Valid until the runtime's next run.
 */
public final class HandlerOutcome {

    private final GameBoy machine;
    HandlerFault.Kind faultKind;
    int faultAddress;
    int faultValue;
    String malformed;
    long cycles;
    int inputFlags;

    HandlerOutcome(GameBoy machine) {
        this.machine = machine;
    }

    /** The fault of the last run, or null. */
    public HandlerFault.Kind faultKind() {
        return faultKind;
    }

    public long cycles() {
        return cycles;
    }

    /** The input truncation bits ({@code IN_FLAGS}); non-zero means the decision is flagged. */
    public int inputFlags() {
        return inputFlags;
    }

    /** Decision severity code (0 keep, 1 info, 2 warning, 3 error, 4 critical). */
    public int severityCode() {
        return machine.peek(HandlerAbi.OUT_SEVERITY);
    }

    public int routeId() {
        return machine.peek(HandlerAbi.OUT_ROUTE) | machine.peek(HandlerAbi.OUT_ROUTE + 1) << 8;
    }

    public boolean suppress() {
        return (machine.peek(HandlerAbi.OUT_FLAGS) & HandlerAbi.FLAG_SUPPRESS) != 0;
    }

    public int escalationPolicyId() {
        return machine.peek(HandlerAbi.OUT_ESCALATION)
                | machine.peek(HandlerAbi.OUT_ESCALATION + 1) << 8;
    }

    /** Copies the state area after the run into {@code out} (at least 64 bytes). */
    public void copyStateTo(byte[] out) {
        for (int i = 0; i < HandlerAbi.STATE_SIZE; i++) {
            out[i] = (byte) machine.peek(HandlerAbi.STATE + i);
        }
    }

    HandlerFault fault() {
        if (faultKind == null) {
            return null;
        }
        String detail =
                switch (faultKind) {
                    case BUDGET_EXHAUSTED -> "no decision within " + cycles + " T-cycles";
                    case ILLEGAL_OPCODE -> malformed;
                    case WRITE_OUTSIDE_AREA ->
                            String.format(
                                    "write of $%02X to $%04X (allowed: $C400-$C63F, $C700-$DFFF, $FF80-$FFFE)",
                                    faultValue, faultAddress);
                    case MALFORMED_DECISION -> malformed;
                };
        return new HandlerFault(faultKind, detail);
    }
}
