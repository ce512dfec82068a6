package dev.pagerboy.vm.cli;

import dev.pagerboy.vm.handler.HandlerAbi;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * The command line shared by {@code vm handler test} and {@code vm trace}: one handler ROM (a file
 * or a library name), one input file after its flag ({@code --alerts} or {@code --alert}), an
 * optional {@code --budget N} and, where the command accepts it, a starting {@code --state HEX}.
 * Bad input is an {@link IllegalArgumentException} whose message the command prints before its
 * usage, exiting with status 2.
 *
 * @param rom the handler ROM's path or library name
 * @param input the file after the input flag
 * @param budget the cycle budget
 * @param state the handler's starting state, or {@code null}
 */
record HandlerRunOptions(String rom, Path input, long budget, byte[] state) {

    /**
     * Reads {@code args} from index {@code from} on.
     *
     * @param inputFlag the required flag naming the input file
     * @param acceptsState whether {@code --state HEX} is an option of the command
     */
    static HandlerRunOptions parse(
            String[] args, int from, String inputFlag, boolean acceptsState) {
        String rom = null;
        Path input = null;
        byte[] state = null;
        long budget = HandlerAbi.DEFAULT_CYCLE_BUDGET;
        for (int i = from; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals(inputFlag)) {
                input = Path.of(AsmCommand.value(args, ++i, inputFlag));
            } else if (arg.equals("--budget")) {
                budget = Long.parseLong(AsmCommand.value(args, ++i, "--budget"));
            } else if (arg.equals("--state") && acceptsState) {
                state = HexFormat.of().parseHex(AsmCommand.value(args, ++i, "--state"));
            } else if (arg.startsWith("-") || rom != null) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            } else {
                rom = arg;
            }
        }
        if (rom == null || input == null) {
            throw new IllegalArgumentException("a handler ROM and " + inputFlag + " are required");
        }
        if (budget <= 0) {
            throw new IllegalArgumentException("--budget must be positive");
        }
        return new HandlerRunOptions(rom, input, budget, state);
    }
}
