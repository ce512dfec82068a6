package dev.pagerboy.vm.handler;

import dev.pagerboy.vm.GameBoy;
import dev.pagerboy.vm.RunResult;
import dev.pagerboy.vm.cpu.StopReason;
import dev.pagerboy.vm.cpu.TraceHook;
import dev.pagerboy.vm.hw.WriteHook;

/**
 * Runs one handler ROM on alerts, one at a time, on a machine it keeps and reuses. Per alert it
 * resets the machine (registers and devices as after boot, all RAM zero), writes the alert and the
 * fingerprint's state into the ABI areas, starts the CPU at the ROM's RUN stub with SP = $E000 and
 * runs it until the handler writes DONE (by returning from {@code HandlerMain}), faults, or spends
 * its cycle budget.
 *
 * <p>The reset, the input marshalling and the execution allocate nothing. {@link #run} then
 * allocates the result it returns (the decision's strings and map, the new state array); {@link
 * #runInPlace} does not, and leaves the outcome in a reused {@link HandlerOutcome}.
 *
 * <p>The reset is cheap because only the runtime and the handler write RAM, and both are watched:
 * every byte they write marks its 128-byte block of WRAM (or HRAM) dirty, and the next reset zeroes
 * just those blocks (typically 5 to 10 of the 64) instead of all 16 KiB of VRAM and WRAM. The
 * handler cannot write anywhere else (the guard drops such writes), so the machine a run starts on
 * is byte for byte the one a full {@link GameBoy#reset()} would give.
 *
 * <p>Not thread-safe: use one runtime per thread (for example per Flink subtask).
 */
public final class HandlerRuntime {

    /** The granularity of dirty tracking: 64 blocks cover WRAM ($C000-$DFFF). */
    private static final int BLOCK = 128;

    private final HandlerRom rom;
    private final long cycleBudget;
    private final GameBoy machine;
    private final InputWriter input = new InputWriter();
    private final InputImage image = new InputImage();
    private final HandlerOutcome outcome;
    private final AreaGuard guard = new AreaGuard();

    /** WRAM blocks of 128 bytes written since they were last zeroed: bit n is $C000 + 128 n. */
    private long dirtyWram;

    /** Whether HRAM was written since it was last zeroed. */
    private boolean dirtyHram;

    /** Writes outside the handler's areas are dropped and stop the run; DONE stops it cleanly. */
    private final class AreaGuard implements WriteHook {
        boolean done;
        int violations;

        @Override
        public boolean onWrite(int address, int value) {
            if (address == HandlerAbi.DONE) {
                markWritten(address);
                done = true;
                machine.requestStop();
                return true;
            }
            if (HandlerAbi.writable(address)) {
                markWritten(address);
                return true;
            }
            if (violations++ == 0) {
                outcome.faultAddress = address;
                outcome.faultValue = value;
            }
            machine.requestStop();
            return false;
        }
    }

    public HandlerRuntime(HandlerRom rom) {
        this(rom, HandlerAbi.DEFAULT_CYCLE_BUDGET);
    }

    public HandlerRuntime(HandlerRom rom, long cycleBudget) {
        if (cycleBudget <= 0) {
            throw new IllegalArgumentException("cycle budget must be positive, got " + cycleBudget);
        }
        this.rom = rom;
        this.cycleBudget = cycleBudget;
        this.machine = new GameBoy(rom.cartridge());
        this.outcome = new HandlerOutcome(machine);
        machine.setWriteHook(guard);
    }

    public HandlerRom rom() {
        return rom;
    }

    public long cycleBudget() {
        return cycleBudget;
    }

    /**
     * Runs the handler on one alert.
     *
     * @param alert the alert
     * @param state the fingerprint's persistent state (64 bytes; shorter is zero-padded, longer is
     *     cut), or null for all zeros
     */
    public HandlerResult run(HandlerInput alert, byte[] state) {
        HandlerOutcome o = runInPlace(alert, state);
        boolean truncated = o.inputFlags != 0;
        if (o.faultKind != null) {
            Decision fallback = Decision.fallback(alert);
            if (truncated) {
                fallback =
                        new Decision(
                                fallback.severity(),
                                fallback.routeId(),
                                fallback.suppress(),
                                fallback.escalationPolicyId(),
                                fallback.summary(),
                                fallback.addedLabels(),
                                true);
            }
            byte[] unchanged = new byte[HandlerAbi.STATE_SIZE];
            if (state != null) {
                System.arraycopy(state, 0, unchanged, 0, Math.min(state.length, unchanged.length));
            }
            return new HandlerResult(fallback, unchanged, o.cycles, o.fault());
        }
        byte[] newState = new byte[HandlerAbi.STATE_SIZE];
        o.copyStateTo(newState);
        return new HandlerResult(
                DecisionReader.read(machine, alert, truncated), newState, o.cycles, null);
    }

    /** Runs the handler without allocating; the outcome is valid until the next run. */
    public HandlerOutcome runInPlace(HandlerInput alert, byte[] state) {
        resetMachine();
        machine.cpu().setSp(HandlerAbi.STACK_TOP);
        machine.cpu().setPc(HandlerAbi.RUN);
        image.clear();
        outcome.inputFlags = input.write(image, alert);
        copyIn(HandlerAbi.INPUT, image.bytes(), image.length());
        if (state != null) {
            copyIn(HandlerAbi.STATE, state, Math.min(state.length, HandlerAbi.STATE_SIZE));
        }
        guard.done = false;
        guard.violations = 0;
        outcome.faultKind = null;
        outcome.malformed = null;
        // The core's own run loop, not GameBoy.run: that one allocates a RunResult per call, and a
        // handler never reads the devices that GameBoy.run brings up to date afterwards.
        long start = machine.cycles();
        StopReason reason = machine.cpu().run(start + cycleBudget);
        outcome.cycles = machine.cycles() - start;
        if (guard.violations > 0) {
            outcome.faultKind = HandlerFault.Kind.WRITE_OUTSIDE_AREA;
        } else if (reason == StopReason.ILLEGAL_OPCODE) {
            outcome.faultKind = HandlerFault.Kind.ILLEGAL_OPCODE;
            outcome.malformed =
                    new RunResult.Fault(machine.cpu().lockedOpcode(), machine.cpu().lockedPc())
                            .toString();
        } else if (reason == StopReason.STOP_INSTRUCTION) {
            outcome.faultKind = HandlerFault.Kind.ILLEGAL_OPCODE;
            outcome.malformed =
                    String.format(
                            "stop at $%04X: a handler may not stop the CPU",
                            (machine.cpu().pc() - 2) & 0xFFFF);
        } else if (!guard.done) {
            outcome.faultKind = HandlerFault.Kind.BUDGET_EXHAUSTED;
        } else {
            String problem = DecisionReader.problem(machine);
            if (problem != null) {
                outcome.faultKind = HandlerFault.Kind.MALFORMED_DECISION;
                outcome.malformed = problem;
            }
        }
        return outcome;
    }

    /** Registers and devices back to the post-boot state; zeroes the RAM written since. */
    private void resetMachine() {
        machine.resetExceptRam();
        long blocks = dirtyWram;
        while (blocks != 0) {
            int first = Long.numberOfTrailingZeros(blocks);
            int run = Long.numberOfTrailingZeros(~(blocks >>> first)); // adjacent dirty blocks
            machine.clear(HandlerAbi.INPUT + first * BLOCK, run * BLOCK);
            blocks &= run == 64 ? 0 : ~(((1L << run) - 1) << first);
        }
        if (dirtyHram) {
            machine.clear(HandlerAbi.HRAM, HandlerAbi.HRAM_END - HandlerAbi.HRAM);
        }
        dirtyWram = 0;
        dirtyHram = false;
    }

    /**
     * Writes {@code length} bytes of {@code src} to WRAM at {@code address}, marking them dirty.
     */
    private void copyIn(int address, byte[] src, int length) {
        if (length == 0) {
            return;
        }
        machine.writeBytes(address, src, 0, length);
        for (int block = address; block < address + length; block += BLOCK) {
            markWritten(block);
        }
        markWritten(address + length - 1);
    }

    /** Records that {@code address} (in WRAM or HRAM: the only areas written) may be non-zero. */
    private void markWritten(int address) {
        if (address < HandlerAbi.WORK_END) {
            dirtyWram |= 1L << ((address - HandlerAbi.INPUT) / BLOCK);
        } else {
            dirtyHram = true;
        }
    }

    /** A byte of the machine's memory as the handler sees it now (for tracing and tests). */
    public int peek(int address) {
        return machine.peek(address);
    }

    /** Sees every instruction of the following runs (for {@code vm trace}); null removes it. */
    public void setTraceHook(TraceHook hook) {
        machine.setTraceHook(hook);
    }
}
