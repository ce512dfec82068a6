package dev.pagerboy.vm.cpu;

/** Why a bounded run of the CPU ended. */
public enum StopReason {
    /** The T-cycle limit was reached; the program may continue with another run. */
    CYCLE_LIMIT,
    /** The CPU executed {@code LD B,B} (0x40) with the software breakpoint enabled. */
    BREAKPOINT,
    /** The CPU fetched one of the 11 illegal opcodes and locked up, as the hardware does. */
    ILLEGAL_OPCODE,
    /** Someone (typically a write hook) called {@code requestStop()}. */
    STOP_REQUESTED,
    /**
     * The CPU executed STOP. Without a joypad nothing can wake a DMG from STOP mode, so the program
     * can make no further progress.
     */
    STOP_INSTRUCTION
}
