package dev.pagerboy.vm.cli;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * {@code ./pagerboy vm <command>}: the VM's command line. This class only dispatches; each command
 * is its own class with a {@code run(String[] args, PrintStream out, PrintStream err)} that returns
 * the exit status (0 success, 1 the program failed or ran out of cycles, 2 bad usage or input).
 */
public final class VmCli {

    private VmCli() {}

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    /** Runs one command with the given streams; returns its exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            usage(err);
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        return switch (args[0]) {
            case "run" -> new RunCommand().run(rest, out, err);
            case "bench" -> new BenchCommand().run(rest, out, err);
            case "help", "-h", "--help" -> {
                usage(out);
                yield 0;
            }
            default -> {
                err.println("pagerboy vm: unknown command '" + args[0] + "'");
                usage(err);
                yield 2;
            }
        };
    }

    private static void usage(PrintStream s) {
        s.println("usage: ./pagerboy vm <command> [args...]");
        s.println();
        s.println("commands:");
        s.println("  run ROM.gb [--max-cycles N] [--until-serial TEXT] [--until-breakpoint]");
        s.println("             [--print-regs] [--dump START:END]");
        s.println("                        run a ROM headless; serial output goes to stdout");
        s.println("  bench [--quick]       JMH benchmarks of the interpreter");
    }
}
