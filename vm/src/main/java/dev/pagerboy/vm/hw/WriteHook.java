package dev.pagerboy.vm.hw;

/**
 * Sees every CPU write (address, value) before it takes effect; costs one null check per write when
 * unset. Used by the handler runtime to fault on writes outside a handler's areas and to notice its
 * "done" write. Direct memory access ({@code poke}, {@code writeBytes}) does not pass through it.
 */
@FunctionalInterface
public interface WriteHook {

    /**
     * @return true to let the write happen, false to drop it (the M-cycle is spent either way)
     */
    boolean onWrite(int address, int value);
}
