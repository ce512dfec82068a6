package dev.pagerboy.vm.handler;

import dev.pagerboy.vm.asm.AsmOptions;
import dev.pagerboy.vm.asm.AssembledRom;
import dev.pagerboy.vm.asm.AssemblyException;
import dev.pagerboy.vm.asm.Rgbds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Build step (run by Maven after compile): assembles every {@code *.asm} of the standard handler
 * library into {@code NAME.gb} and {@code NAME.sym}. Fails the build, naming file, line and column,
 * if any handler does not assemble.
 */
public final class LibraryBuild {

    private LibraryBuild() {}

    public static void main(String[] args) throws IOException, AssemblyException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: LibraryBuild SOURCE_DIR OUTPUT_DIR");
        }
        Path sources = Path.of(args[0]);
        Path output = Path.of(args[1]);
        Files.createDirectories(output);
        List<Path> handlers;
        try (Stream<Path> files = Files.list(sources)) {
            handlers = files.filter(p -> p.toString().endsWith(".asm")).sorted().toList();
        }
        for (Path source : handlers) {
            String name = source.getFileName().toString().replaceFirst("\\.asm$", "");
            AssembledRom rom =
                    Rgbds.build(List.of(source), AsmOptions.defaults().withTitle(title(name)));
            Files.write(output.resolve(name + ".gb"), rom.rom());
            Files.writeString(output.resolve(name + ".sym"), rom.symFile());
        }
    }

    /** The header title of a library handler: its name, upper case, at most 15 characters. */
    static String title(String name) {
        String upper = name.toUpperCase(java.util.Locale.ROOT).replace('-', ' ');
        return upper.length() > 15 ? upper.substring(0, 15) : upper;
    }
}
