package dev.pagerboy.vm.cli;

import dev.pagerboy.cli.Cli;
import dev.pagerboy.cli.ExistingFile;
import dev.pagerboy.cli.UsageException;
import dev.pagerboy.vm.asm.AsmError;
import dev.pagerboy.vm.asm.AsmOptions;
import dev.pagerboy.vm.asm.AssembledRom;
import dev.pagerboy.vm.asm.AssemblyException;
import dev.pagerboy.vm.asm.Rgbds;
import dev.pagerboy.vm.handler.AlertJson;
import dev.pagerboy.vm.handler.HandlerInput;
import dev.pagerboy.vm.handler.StandaloneRom;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vm asm SRC... -o OUT.gb [--sym OUT.sym] [--embed-alert ALERT.json] [-I DIR] [-D
 * NAME[=VALUE]] [--title TITLE]}: assembles, links and header-fixes RGBDS sources into a ROM. Every
 * error is printed as {@code file:line:column: message}; exit 2 when there is any.
 */
@Command(
        name = "asm",
        description = "Assemble RGBDS sources into a ROM (see vm/ASSEMBLER.md).",
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./pagerboy vm asm vm/handlers/severity.asm -o /tmp/severity.gb --sym /tmp/severity.sym",
            "  ./pagerboy vm asm vm/handlers/route-by-label.asm --embed-alert alert.json -o demo.gb"
        })
final class AsmCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SRC.asm", arity = "1..*", description = "The sources to assemble.")
    List<Path> sources = new ArrayList<>();

    @Option(names = "-o", paramLabel = "OUT.gb", required = true, description = "The ROM to write.")
    Path output;

    @Option(
            names = "--sym",
            paramLabel = "OUT.sym",
            description = "Also write an RGBDS symbol file.")
    Path sym;

    @Option(
            names = "--embed-alert",
            paramLabel = "ALERT.json",
            description =
                    "Build a standalone ROM that runs the handler on this alert and prints the decision.")
    Path alertFile;

    @Option(
            names = "--title",
            paramLabel = "TITLE",
            description = "The cartridge title in the header.")
    String title;

    @Option(names = "-I", paramLabel = "DIR", description = "Also look for INCLUDE files in DIR.")
    List<Path> includes = new ArrayList<>();

    @Option(
            names = "-D",
            paramLabel = "NAME[=VALUE]",
            description = "Define a symbol (VALUE defaults to 1).")
    List<String> defines = new ArrayList<>();

    private final PrintStream out;
    private final PrintStream err;

    AsmCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        for (Path source : sources) {
            ExistingFile.require("SRC.asm", source);
        }
        Map<String, String> symbols = new LinkedHashMap<>();
        for (String d : defines) {
            int eq = d.indexOf('=');
            symbols.put(eq < 0 ? d : d.substring(0, eq), eq < 0 ? "1" : d.substring(eq + 1));
        }
        AsmOptions options = new AsmOptions(includes, symbols, title, null, 0x00);
        AssembledRom rom;
        try {
            if (alertFile != null) {
                HandlerInput alert;
                try {
                    alert =
                            AlertJson.parse(
                                    Files.readString(
                                            ExistingFile.require("--embed-alert", alertFile)));
                } catch (IOException | IllegalArgumentException e) {
                    throw new UsageException("--embed-alert: " + alertFile + ": " + e.getMessage());
                }
                rom = StandaloneRom.build(sources, alert, options);
            } else {
                rom = Rgbds.build(sources, options);
            }
        } catch (AssemblyException e) {
            for (AsmError error : e.errors()) {
                err.println(error);
            }
            err.println("pagerboy vm asm: " + e.errors().size() + " error(s), no ROM written");
            return 2;
        }
        try {
            Files.write(output, rom.rom());
            if (sym != null) {
                Files.writeString(sym, rom.symFile());
            }
        } catch (IOException e) {
            throw new UsageException("cannot write output: " + Cli.describe(e));
        }
        out.printf("%s: %d bytes, %d labels%n", output, rom.rom().length, rom.labels().size());
        return 0;
    }
}
