package dev.pagerboy.vm.cli;

import dev.pagerboy.cli.ExistingFile;
import dev.pagerboy.cli.ExitStatus;
import dev.pagerboy.cli.HexBytesConverter;
import dev.pagerboy.cli.UsageException;
import dev.pagerboy.vm.cpu.Cpu;
import dev.pagerboy.vm.handler.AlertJson;
import dev.pagerboy.vm.handler.HandlerInput;
import dev.pagerboy.vm.handler.HandlerResult;
import dev.pagerboy.vm.handler.HandlerRom;
import dev.pagerboy.vm.handler.HandlerRuntime;
import dev.pagerboy.vm.isa.Sm83Isa;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vm trace HANDLER.gb --alert ALERT.json [--state HEX] [--budget N]}: runs a handler on one
 * alert as the runtime does and prints every instruction executed (cycle, address, instruction,
 * registers before it), then the decision.
 */
@Command(
        name = "trace",
        description = "Run a handler on one alert, printing every instruction, then the decision.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./pagerboy vm trace route-by-label --alert alert.json",
            "  ./pagerboy vm trace /tmp/flap.gb --alert alert.json --state 0102 --budget 50000"
        })
final class TraceCommand implements Callable<Integer> {

    @Mixin HandlerRunOptions handlerOptions;

    @Option(
            names = "--alert",
            paramLabel = "ALERT.json",
            required = true,
            description = "The alert, as native or Alertmanager JSON.")
    Path input;

    @Option(
            names = "--state",
            paramLabel = "HEX",
            converter = HexBytesConverter.class,
            description = "The handler's persistent state before the run (hex bytes).")
    byte[] state;

    private final PrintStream out;

    TraceCommand(PrintStream out, PrintStream err) {
        this.out = out;
    }

    @Override
    public Integer call() throws IOException {
        HandlerRom handler = AlertFiles.handler(handlerOptions.rom);
        HandlerInput alert;
        try {
            alert = AlertJson.parse(Files.readString(ExistingFile.require("--alert", input)));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--alert: " + input + ": " + e.getMessage());
        }
        HandlerRuntime runtime = new HandlerRuntime(handler, handlerOptions.budget);
        runtime.setTraceHook(
                (Cpu cpu, long cycle) ->
                        out.printf(
                                "%8d  $%04X  %-22s A=%02X F=%02X B=%02X C=%02X D=%02X E=%02X H=%02X L=%02X SP=%04X%n",
                                cycle,
                                cpu.pc(),
                                Sm83Isa.disassemble(runtime::peek, cpu.pc()),
                                cpu.a(),
                                cpu.f(),
                                cpu.b(),
                                cpu.c(),
                                cpu.d(),
                                cpu.e(),
                                cpu.h(),
                                cpu.l(),
                                cpu.sp()));
        HandlerResult result = runtime.run(alert, state);
        out.println(HandlerCommand.describe(result));
        return result.fault() == null ? ExitStatus.OK.code() : ExitStatus.FAILED.code();
    }
}
