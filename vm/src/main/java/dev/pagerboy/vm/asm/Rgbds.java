package dev.pagerboy.vm.asm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The toolchain in one call, like {@code rgbasm} + {@code rgblink} + {@code rgbfix -v}: assembles
 * sources, links them into a ROM with a fixed header, and lists the labels for a {@code .sym} file.
 */
public final class Rgbds {

    private Rgbds() {}

    /** Builds a ROM from source files. */
    public static AssembledRom build(List<Path> sources, AsmOptions options)
            throws AssemblyException {
        Assembler assembler = new Assembler(options);
        for (Path source : sources) {
            assembler.assembleFile(source);
        }
        return finish(assembler, options);
    }

    /** Builds a ROM from source files plus one generated source assembled after them. */
    public static AssembledRom build(
            List<Path> sources, String extraName, String extraText, AsmOptions options)
            throws AssemblyException {
        Assembler assembler = new Assembler(options);
        for (Path source : sources) {
            assembler.assembleFile(source);
        }
        Path dir = sources.isEmpty() ? null : sources.get(0).toAbsolutePath().getParent();
        assembler.assembleText(extraName, extraText, dir);
        return finish(assembler, options);
    }

    /**
     * Builds a ROM from in-memory sources: name to text; includes resolve relative to {@code dir}.
     */
    public static AssembledRom buildText(String name, String text, Path dir, AsmOptions options)
            throws AssemblyException {
        Assembler assembler = new Assembler(options);
        assembler.assembleText(name, text, dir);
        return finish(assembler, options);
    }

    private static AssembledRom finish(Assembler assembler, AsmOptions options)
            throws AssemblyException {
        if (!assembler.errors.isEmpty()) {
            throw new AssemblyException(assembler.errors);
        }
        List<AsmError> errors = new ArrayList<>();
        byte[] rom =
                new Linker(assembler.sections, assembler.symbols, errors)
                        .link(options.padValue(), options.fixPadValue());
        if (!errors.isEmpty()) {
            throw new AssemblyException(errors);
        }
        RomHeader.fix(rom, options.title(), options.cartridgeType());
        List<AssembledRom.Label> labels = new ArrayList<>();
        for (Symbol s : assembler.symbols.values()) {
            if (s.kind == Symbol.Kind.LABEL) {
                labels.add(
                        new AssembledRom.Label(
                                s.section.bank, s.section.address + s.offset, s.name, s.exported));
            }
        }
        labels.sort(
                Comparator.comparingInt(AssembledRom.Label::bank)
                        .thenComparingInt(AssembledRom.Label::address)
                        .thenComparing(AssembledRom.Label::name));
        return new AssembledRom(rom, labels);
    }
}
