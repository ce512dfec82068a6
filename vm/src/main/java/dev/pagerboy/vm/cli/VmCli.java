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
            case "asm" -> new AsmCommand().run(rest, out, err);
            case "dis" -> new DisCommand().run(rest, out, err);
            case "trace" -> new TraceCommand().run(rest, out, err);
            case "handler" -> new HandlerCommand().run(rest, out, err);
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
        s.println("  asm SRC.asm... -o OUT.gb [--sym OUT.sym] [--embed-alert ALERT.json] [-I DIR]");
        s.println("             [-D NAME[=VALUE]] [--title TITLE]");
        s.println(
                "                        assemble RGBDS sources into a ROM (see vm/ASSEMBLER.md)");
        s.println("  dis ROM.gb [--sym FILE.sym] [-o OUT.asm]");
        s.println(
                "                        disassemble to RGBDS source that reassembles to the same bytes");
        s.println("  trace HANDLER.gb --alert ALERT.json [--state HEX] [--budget N]");
        s.println("                        run a handler on one alert, printing every instruction");
        s.println("  handler test HANDLER.gb --alerts FILE.jsonl [--budget N]");
        s.println(
                "                        run a handler on each alert; one decision line per alert");
        s.println(
                "                        (HANDLER may be a library name: "
                        + String.join(", ", dev.pagerboy.vm.handler.HandlerRom.LIBRARY)
                        + ")");
    }
}
