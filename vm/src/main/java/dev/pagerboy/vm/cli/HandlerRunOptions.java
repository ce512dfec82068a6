package dev.pagerboy.vm.cli;

import dev.pagerboy.cli.PositiveNumber;
import dev.pagerboy.vm.handler.HandlerAbi;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The options shared by {@code vm handler test} and {@code vm trace}: which handler runs and with
 * how many cycles. Mixed into both commands so their help and their checks are the same.
 */
final class HandlerRunOptions {

    @Parameters(
            index = "0",
            paramLabel = "HANDLER",
            description =
                    "A handler ROM file, or a library handler by name (${COMPLETION-CANDIDATES}).",
            completionCandidates = LibraryHandlers.class)
    String rom;

    @Option(
            names = "--budget",
            paramLabel = "CYCLES",
            converter = PositiveNumber.Long.class,
            description = "T-cycles the handler may run per alert (default: ${DEFAULT-VALUE}).")
    long budget = HandlerAbi.DEFAULT_CYCLE_BUDGET;

    /** The library's handler names, offered by help and shell completion. */
    static final class LibraryHandlers implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return dev.pagerboy.vm.handler.HandlerRom.LIBRARY.iterator();
        }
    }
}
