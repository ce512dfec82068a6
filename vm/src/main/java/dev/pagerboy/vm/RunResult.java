package dev.pagerboy.vm;

import dev.pagerboy.vm.cpu.StopReason;

/**
 * How a bounded run ended.
 *
 * @param reason why it stopped
 * @param cycles T-cycles this run took
 * @param instructions instructions this run executed
 * @param fault the illegal opcode and its address when {@code reason} is {@link
 *     StopReason#ILLEGAL_OPCODE}, else null
 */
public record RunResult(StopReason reason, long cycles, long instructions, Fault fault) {

    /** The CPU fetched an illegal opcode at {@code pc} and locked up. */
    public record Fault(int opcode, int pc) {
        @Override
        public String toString() {
            return String.format("illegal opcode 0x%02X at 0x%04X", opcode, pc);
        }
    }
}
