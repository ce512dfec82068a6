package dev.pagerboy.vm.cli;

import dev.pagerboy.vm.Cartridge;
import dev.pagerboy.vm.GameBoy;
import dev.pagerboy.vm.InvalidRomException;
import dev.pagerboy.vm.RunResult;
import dev.pagerboy.vm.cpu.Cpu;
import dev.pagerboy.vm.cpu.StopReason;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code vm run ROM.gb [--max-cycles N] [--until-serial TEXT] [--until-breakpoint] [--print-regs]
 * [--dump START:END]}: runs a ROM headless as fast as it can, printing serial output as it arrives.
 *
 * <p>Exit 0 when the {@code --until-*} condition is met; 1 when {@code --max-cycles} T-cycles pass
 * first, or the CPU locks on an illegal opcode or executes STOP; 2 for bad arguments or an
 * unreadable or invalid ROM. The last stderr line is {@code cycles=... instructions=... seconds=...
 * mips=...}.
 */
final class RunCommand {

    /** Slice length between checks of the output stream: 2^22 T-cycles, about 1 s of DMG time. */
    private static final long SLICE = 1L << 22;

    private record Options(
            Path rom,
            long maxCycles,
            String untilSerial,
            boolean untilBreakpoint,
            boolean printRegs,
            int dumpStart,
            int dumpEnd) {}

    int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("pagerboy vm run: " + e.getMessage());
            err.println(
                    "usage: ./pagerboy vm run ROM.gb [--max-cycles N] [--until-serial TEXT]"
                            + " [--until-breakpoint] [--print-regs] [--dump START:END]");
            return 2;
        }
        Cartridge cartridge;
        try {
            cartridge = Cartridge.load(options.rom(), false);
        } catch (InvalidRomException e) {
            err.println("pagerboy vm run: " + options.rom() + ": " + e.getMessage());
            return 2;
        }
        if (!cartridge.globalChecksumMatches()) {
            err.println(
                    "pagerboy vm run: warning: "
                            + options.rom()
                            + ": bad global checksum (ignored, as real hardware ignores it)");
        }
        GameBoy gb = new GameBoy(cartridge);
        gb.setBreakpointEnabled(options.untilBreakpoint());
        SerialEcho echo = new SerialEcho(gb, out, options.untilSerial());
        gb.setSerialListener(echo);

        long started = System.nanoTime();
        long remaining = options.maxCycles();
        StopReason reason = StopReason.CYCLE_LIMIT;
        RunResult.Fault fault = null;
        while (remaining > 0) {
            RunResult result = gb.run(Math.min(SLICE, remaining));
            remaining -= result.cycles();
            out.flush();
            reason = result.reason();
            fault = result.fault();
            if (reason != StopReason.CYCLE_LIMIT) {
                break;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        out.flush();

        int status =
                switch (reason) {
                    case STOP_REQUESTED, BREAKPOINT -> 0;
                    case CYCLE_LIMIT -> {
                        err.println(
                                "pagerboy vm run: --max-cycles "
                                        + options.maxCycles()
                                        + " reached"
                                        + (options.untilSerial() != null
                                                        || options.untilBreakpoint()
                                                ? " before the --until condition"
                                                : ""));
                        yield 1;
                    }
                    case ILLEGAL_OPCODE -> {
                        err.println("pagerboy vm run: CPU locked up: " + fault);
                        yield 1;
                    }
                    case STOP_INSTRUCTION -> {
                        err.printf(
                                "pagerboy vm run: STOP executed at 0x%04X; nothing can wake a DMG"
                                        + " without a joypad%n",
                                (gb.cpu().pc() - 2) & 0xFFFF);
                        yield 1;
                    }
                };
        if (options.printRegs()) {
            out.println(registers(gb.cpu()));
        }
        if (options.dumpStart() >= 0) {
            HexDump.print(gb, options.dumpStart(), options.dumpEnd(), out);
        }
        out.flush();
        err.println(
                String.format(
                        Locale.ROOT,
                        "cycles=%d instructions=%d seconds=%.3f mips=%.2f",
                        gb.cycles(),
                        gb.instructions(),
                        seconds,
                        seconds > 0 ? gb.instructions() / seconds / 1e6 : 0.0));
        return status;
    }

    static String registers(Cpu cpu) {
        return String.format(
                "A=%02X F=%02X B=%02X C=%02X D=%02X E=%02X H=%02X L=%02X SP=%04X PC=%04X",
                cpu.a(), cpu.f(), cpu.b(), cpu.c(), cpu.d(), cpu.e(), cpu.h(), cpu.l(), cpu.sp(),
                cpu.pc());
    }

    private static Options parse(String[] args) {
        Path rom = null;
        long maxCycles = Long.MAX_VALUE;
        String untilSerial = null;
        boolean untilBreakpoint = false;
        boolean printRegs = false;
        int dumpStart = -1;
        int dumpEnd = -1;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--max-cycles" -> {
                    String value = value(args, ++i, arg);
                    try {
                        maxCycles = Long.parseLong(value.replace("_", ""));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(
                                "--max-cycles needs a whole number of T-cycles, got '"
                                        + value
                                        + "'");
                    }
                    if (maxCycles <= 0) {
                        throw new IllegalArgumentException("--max-cycles must be positive");
                    }
                }
                case "--until-serial" -> {
                    untilSerial = value(args, ++i, arg);
                    if (untilSerial.isEmpty()) {
                        throw new IllegalArgumentException("--until-serial needs a non-empty TEXT");
                    }
                }
                case "--until-breakpoint" -> untilBreakpoint = true;
                case "--print-regs" -> printRegs = true;
                case "--dump" -> {
                    String value = value(args, ++i, arg);
                    int colon = value.indexOf(':');
                    try {
                        if (colon < 0) {
                            throw new NumberFormatException();
                        }
                        dumpStart = Integer.parseInt(stripHexPrefix(value.substring(0, colon)), 16);
                        dumpEnd = Integer.parseInt(stripHexPrefix(value.substring(colon + 1)), 16);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(
                                "--dump needs START:END in hex (e.g. C000:C0FF), got '"
                                        + value
                                        + "'");
                    }
                    if (dumpStart > dumpEnd || dumpEnd > 0xFFFF) {
                        throw new IllegalArgumentException(
                                "--dump range must satisfy START <= END <= FFFF, got '"
                                        + value
                                        + "'");
                    }
                }
                default -> {
                    if (arg.startsWith("-")) {
                        throw new IllegalArgumentException("unknown option '" + arg + "'");
                    }
                    if (rom != null) {
                        throw new IllegalArgumentException(
                                "only one ROM can be run, got '" + rom + "' and '" + arg + "'");
                    }
                    rom = Path.of(arg);
                }
            }
        }
        if (rom == null) {
            throw new IllegalArgumentException("missing ROM file");
        }
        return new Options(
                rom, maxCycles, untilSerial, untilBreakpoint, printRegs, dumpStart, dumpEnd);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static String stripHexPrefix(String s) {
        String t = s.trim();
        if (t.startsWith("0x") || t.startsWith("0X")) {
            return t.substring(2);
        }
        return t.startsWith("$") ? t.substring(1) : t;
    }
}
