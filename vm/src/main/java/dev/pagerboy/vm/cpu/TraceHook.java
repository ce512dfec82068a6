package dev.pagerboy.vm.cpu;

/**
 * Called before every instruction when set; costs one null check per instruction when unset.
 * Implementations read the registers from the {@link Cpu} they are given and must not change them.
 */
@FunctionalInterface
public interface TraceHook {

    /**
     * @param cpu the core about to execute the instruction at {@code cpu.pc()}
     * @param cycle T-cycles elapsed since power-on at the start of the instruction
     */
    void beforeInstruction(Cpu cpu, long cycle);
}
