package dev.pagerboy.vm.handler;

/**
 * The outcome of one handler run.
 *
 * @param decision the handler's decision, or {@link Decision#fallback} when it faulted
 * @param newState the state area after the run (64 bytes); on a fault, the state given to the run,
 *     unchanged
 * @param cycles T-cycles the run took
 * @param fault what went wrong, or null
 */
public record HandlerResult(Decision decision, byte[] newState, long cycles, HandlerFault fault) {}
