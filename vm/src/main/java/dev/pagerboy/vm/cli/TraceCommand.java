package dev.pagerboy.vm.cli;

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

/**
 * {@code vm trace HANDLER.gb --alert ALERT.json [--state HEX] [--budget N]}: runs a handler on one
 * alert as the runtime does and prints every instruction executed (cycle, address, instruction,
 * registers before it), then the decision.
 */
final class TraceCommand {

    private static final String USAGE =
            "usage: ./pagerboy vm trace HANDLER.gb|LIBRARY_NAME --alert ALERT.json [--state HEX] [--budget N]";

    int run(String[] args, PrintStream out, PrintStream err) {
        HandlerRunOptions options;
        try {
            options = HandlerRunOptions.parse(args, 0, "--alert", true);
        } catch (IllegalArgumentException e) {
            err.println("pagerboy vm trace: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        HandlerRom handler;
        HandlerInput alert;
        try {
            handler = AlertFiles.handler(options.rom());
            alert = AlertJson.parse(Files.readString(options.input()));
        } catch (IOException | IllegalArgumentException e) {
            err.println("pagerboy vm trace: " + e.getMessage());
            return 2;
        }
        HandlerRuntime runtime = new HandlerRuntime(handler, options.budget());
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
        HandlerResult result = runtime.run(alert, options.state());
        out.println(HandlerCommand.describe(result));
        return result.fault() == null ? 0 : 1;
    }
}
