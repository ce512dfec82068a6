package dev.pagerboy.vm.cpu;

/**
 * What the SM83 core sees of the rest of the machine: a byte-wide bus that is also the clock.
 *
 * <p>Every call to {@link #read}, {@link #write} or {@link #idle} is exactly one M-cycle (4
 * T-cycles), in the order the hardware performs them, so the devices behind the bus observe CPU
 * accesses at the right moment. The concrete DMG bus is the hot path; the SingleStepTests harness
 * uses a flat 64 KiB bus that records each cycle.
 */
public interface Bus {

    /** One M-cycle that reads the byte at {@code address} (0..0xFFFF); returns 0..0xFF. */
    int read(int address);

    /** One M-cycle that writes {@code value} (0..0xFF) to {@code address}. */
    void write(int address, int value);

    /** One M-cycle in which the CPU does not use the bus. */
    void idle();

    /**
     * While the CPU is halted: let at least one M-cycle pass and at most until the next hardware
     * event or {@code cycleLimit}, whichever comes first. Skipping ahead is what makes HALT cheap.
     */
    void idleUntilEvent(long cycleLimit);

    /** T-cycles elapsed since power-on (a multiple of 4). */
    long now();

    /** {@code IE & IF & 0x1F}: the interrupts that are both requested and enabled, as of now. */
    int pendingInterrupts();

    /** Clears the given bit(s) of IF when the CPU dispatches that interrupt. */
    void acknowledgeInterrupt(int mask);

    /** The CPU executed STOP: the DMG resets DIV when it enters STOP mode. */
    void enterStopMode();
}
