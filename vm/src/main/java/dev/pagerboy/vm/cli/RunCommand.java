package dev.pagerboy.vm.cli;

import dev.pagerboy.cli.ExistingFile;
import dev.pagerboy.cli.ExitStatus;
import dev.pagerboy.cli.HexNumberConverter;
import dev.pagerboy.cli.PositiveNumber;
import dev.pagerboy.cli.UsageException;
import dev.pagerboy.vm.Cartridge;
import dev.pagerboy.vm.GameBoy;
import dev.pagerboy.vm.InvalidRomException;
import dev.pagerboy.vm.RunResult;
import dev.pagerboy.vm.cpu.Cpu;
import dev.pagerboy.vm.cpu.StopReason;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code vm run ROM.gb [--max-cycles N] [--until-serial TEXT] [--until-breakpoint] [--print-regs]
 * [--dump START:END]}: runs a ROM headless as fast as it can, printing serial output as it arrives.
 *
 * <p>Exit 0 when the {@code --until-*} condition is met; 3 when the cycle budget ({@code
 * --max-cycles}, by default {@value #DEFAULT_MAX_CYCLES}) runs out first, so a ROM that never stops
 * cannot run forever; 1 when the CPU locks on an illegal opcode or executes STOP; 2 for bad
 * arguments or an unreadable or invalid ROM. The last stderr line is {@code cycles=...
 * instructions=... seconds=... mips=...}, on a line of its own even when the serial text did not
 * end with a newline.
 */
@Command(
        name = "run",
        description = "Run a ROM headless; serial output goes to stdout, statistics to stderr.",
        footerHeading = "%nExit status:%n",
        footer = {
            "  0 the --until condition was met, 1 the CPU locked up or executed STOP,",
            "  2 bad arguments or ROM, 3 the cycle budget ran out first.",
            "",
            "Examples:",
            "  ./pagerboy vm run rom.gb --until-serial Passed",
            "  ./pagerboy vm run rom.gb --until-breakpoint --print-regs --dump C000:C0FF",
            "  ./pagerboy vm run demo.gb --max-cycles 10_000_000"
        })
final class RunCommand implements Callable<Integer> {

    /** About 4 minutes of DMG time: enough for the long test ROMs, not forever. */
    static final long DEFAULT_MAX_CYCLES = 1_000_000_000L;

    /** Slice length between checks of the output stream: 2^22 T-cycles, about 1 s of DMG time. */
    private static final long SLICE = 1L << 22;

    /** An inclusive range of bus addresses, {@code START:END} in hex. */
    record DumpRange(int start, int end) {}

    /** Reads {@code START:END} in hex, e.g. {@code C000:C0FF} or {@code $C000:$C0FF}. */
    static final class DumpRangeConverter implements ITypeConverter<DumpRange> {
        @Override
        public DumpRange convert(String value) {
            int colon = value.indexOf(':');
            if (colon < 0) {
                throw new TypeConversionException(
                        "needs START:END in hex (e.g. C000:C0FF), got '" + value + "'");
            }
            int start = HexNumberConverter.parse(value.substring(0, colon));
            int end = HexNumberConverter.parse(value.substring(colon + 1));
            if (start > end || end > 0xFFFF) {
                throw new TypeConversionException(
                        "range must satisfy START <= END <= FFFF, got '" + value + "'");
            }
            return new DumpRange(start, end);
        }
    }

    @Parameters(paramLabel = "ROM", description = "The ROM image (.gb) to run.")
    Path rom;

    @Option(
            names = "--max-cycles",
            paramLabel = "N",
            converter = PositiveNumber.Long.class,
            description =
                    "Stop after N T-cycles (default: ${DEFAULT-VALUE}, about 4 minutes of DMG time)"
                            + " and exit 3.")
    long maxCycles = DEFAULT_MAX_CYCLES;

    @Option(
            names = "--until-serial",
            paramLabel = "TEXT",
            description = "Stop as soon as the serial output contains TEXT; exit 0.")
    String untilSerial;

    @Option(
            names = "--until-breakpoint",
            description = "Stop at the software breakpoint LD B,B; exit 0.")
    boolean untilBreakpoint;

    @Option(names = "--print-regs", description = "Print the CPU registers when the run ends.")
    boolean printRegs;

    @Option(
            names = "--dump",
            paramLabel = "START:END",
            converter = DumpRangeConverter.class,
            description = "Print bus addresses START..END (hex) when the run ends.")
    DumpRange dump;

    private final PrintStream out;
    private final PrintStream err;

    RunCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        if (untilSerial != null && untilSerial.isEmpty()) {
            throw new UsageException("--until-serial needs a non-empty TEXT");
        }
        ExistingFile.require("ROM", rom);
        Cartridge cartridge;
        try {
            cartridge = Cartridge.load(rom, false);
        } catch (InvalidRomException e) {
            throw new UsageException(rom + ": " + e.getMessage());
        }
        if (!cartridge.globalChecksumMatches()) {
            err.println(
                    "pagerboy vm run: warning: "
                            + rom
                            + ": bad global checksum (ignored, as real hardware ignores it)");
        }
        GameBoy gb = new GameBoy(cartridge);
        gb.setBreakpointEnabled(untilBreakpoint);
        SerialEcho echo = new SerialEcho(gb, out, untilSerial);
        gb.setSerialListener(echo);

        long started = System.nanoTime();
        long remaining = maxCycles;
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
        echo.endLine();
        out.flush();

        int status =
                switch (reason) {
                    case STOP_REQUESTED, BREAKPOINT -> ExitStatus.OK.code();
                    case CYCLE_LIMIT -> {
                        err.println(
                                "pagerboy vm run: cycle budget of "
                                        + maxCycles
                                        + " T-cycles used up"
                                        + (untilSerial != null || untilBreakpoint
                                                ? " before the --until condition"
                                                : "")
                                        + " (raise it with --max-cycles N)");
                        yield ExitStatus.BUDGET_EXHAUSTED.code();
                    }
                    case ILLEGAL_OPCODE -> {
                        err.println("pagerboy vm run: CPU locked up: " + fault);
                        yield ExitStatus.FAILED.code();
                    }
                    case STOP_INSTRUCTION -> {
                        err.printf(
                                "pagerboy vm run: STOP executed at 0x%04X; nothing can wake a DMG"
                                        + " without a joypad%n",
                                (gb.cpu().pc() - 2) & 0xFFFF);
                        yield ExitStatus.FAILED.code();
                    }
                };
        if (printRegs) {
            out.println(registers(gb.cpu()));
        }
        if (dump != null) {
            HexDump.print(gb, dump.start(), dump.end(), out);
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
}
