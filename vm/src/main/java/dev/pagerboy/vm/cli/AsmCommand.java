package dev.pagerboy.vm.cli;

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

/**
 * {@code vm asm SRC... -o OUT.gb [--sym OUT.sym] [--embed-alert ALERT.json] [-I DIR] [-D
 * NAME[=VALUE]] [--title TITLE]}: assembles, links and header-fixes RGBDS sources into a ROM. Every
 * error is printed as {@code file:line:column: message}; exit 2 when there is any.
 */
final class AsmCommand {

    private static final String USAGE =
            "usage: ./pagerboy vm asm SRC.asm... -o OUT.gb [--sym OUT.sym] [--embed-alert ALERT.json]"
                    + " [-I DIR] [-D NAME[=VALUE]] [--title TITLE]";

    int run(String[] args, PrintStream out, PrintStream err) {
        List<Path> sources = new ArrayList<>();
        Path output = null;
        Path sym = null;
        Path alertFile = null;
        String title = null;
        List<Path> includes = new ArrayList<>();
        Map<String, String> defines = new LinkedHashMap<>();
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "-o" -> output = Path.of(value(args, ++i, arg));
                    case "--sym" -> sym = Path.of(value(args, ++i, arg));
                    case "--embed-alert" -> alertFile = Path.of(value(args, ++i, arg));
                    case "--title" -> title = value(args, ++i, arg);
                    case "-I" -> includes.add(Path.of(value(args, ++i, arg)));
                    case "-D" -> {
                        String d = value(args, ++i, arg);
                        int eq = d.indexOf('=');
                        defines.put(
                                eq < 0 ? d : d.substring(0, eq),
                                eq < 0 ? "1" : d.substring(eq + 1));
                    }
                    default -> {
                        if (arg.startsWith("-")) {
                            throw new IllegalArgumentException("unknown option '" + arg + "'");
                        }
                        sources.add(Path.of(arg));
                    }
                }
            }
            if (sources.isEmpty()) {
                throw new IllegalArgumentException("no source files");
            }
            if (output == null) {
                throw new IllegalArgumentException("no output file (-o OUT.gb)");
            }
        } catch (IllegalArgumentException e) {
            err.println("pagerboy vm asm: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        AsmOptions options = new AsmOptions(includes, defines, title, null, 0x00);
        AssembledRom rom;
        try {
            if (alertFile != null) {
                HandlerInput alert;
                try {
                    alert = AlertJson.parse(Files.readString(alertFile));
                } catch (IOException | IllegalArgumentException e) {
                    err.println("pagerboy vm asm: " + alertFile + ": " + e.getMessage());
                    return 2;
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
            err.println("pagerboy vm asm: cannot write output: " + e.getMessage());
            return 2;
        }
        out.printf("%s: %d bytes, %d labels%n", output, rom.rom().length, rom.labels().size());
        return 0;
    }

    static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
