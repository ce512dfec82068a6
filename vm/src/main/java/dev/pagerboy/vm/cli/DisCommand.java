package dev.pagerboy.vm.cli;

import dev.pagerboy.cli.Cli;
import dev.pagerboy.cli.ExistingFile;
import dev.pagerboy.cli.UsageException;
import dev.pagerboy.vm.dis.Disassembler;
import dev.pagerboy.vm.handler.HandlerAbi;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vm dis ROM.gb [--sym FILE.sym] [-o OUT.asm]}: writes RGBDS source that reassembles to the
 * same bytes. A {@code .sym} file next to the ROM is used for label names when none is given.
 */
@Command(
        name = "dis",
        description = "Disassemble a ROM to RGBDS source that reassembles to the same bytes.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./pagerboy vm dis /tmp/severity.gb",
            "  ./pagerboy vm dis /tmp/severity.gb --sym /tmp/severity.sym -o /tmp/severity.dis.asm"
        })
final class DisCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ROM.gb", description = "The ROM image to disassemble.")
    Path rom;

    @Option(
            names = "--sym",
            paramLabel = "FILE.sym",
            description = "Label names (default: ROM.sym beside the ROM, if there is one).")
    Path sym;

    @Option(names = "-o", paramLabel = "OUT.asm", description = "Write here instead of stdout.")
    Path output;

    private final PrintStream out;

    DisCommand(PrintStream out, PrintStream err) {
        this.out = out;
    }

    @Override
    public Integer call() {
        ExistingFile.require("ROM.gb", rom);
        if (sym != null) {
            ExistingFile.require("--sym", sym);
        }
        byte[] bytes;
        List<Disassembler.SymLabel> labels = new ArrayList<>();
        try {
            bytes = Files.readAllBytes(rom);
            if (sym == null) {
                Path beside =
                        rom.resolveSibling(
                                rom.getFileName().toString().replaceFirst("\\.gbc?$", "") + ".sym");
                sym = Files.isRegularFile(beside) ? beside : null;
            }
            if (sym != null) {
                labels = readSym(sym);
            }
        } catch (IOException e) {
            throw new UsageException("cannot read " + rom + ": " + Cli.describe(e));
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (bytes.length < 0x8000 || bytes.length % 0x4000 != 0) {
            throw new UsageException(
                    rom
                            + ": "
                            + bytes.length
                            + " bytes is not a ROM image (a multiple of 16 KiB, at least 32 KiB)");
        }
        List<Integer> entries = new ArrayList<>();
        if (Arrays.equals(
                Arrays.copyOfRange(bytes, HandlerAbi.MARKER, HandlerAbi.MARKER + 5),
                HandlerAbi.MAGIC)) {
            entries.add(HandlerAbi.RUN);
        }
        String listing =
                Disassembler.disassemble(bytes, rom.getFileName().toString(), entries, labels);
        if (output == null) {
            out.print(listing);
            return 0;
        }
        try {
            Files.writeString(output, listing);
        } catch (IOException e) {
            throw new UsageException("cannot write " + output + ": " + Cli.describe(e));
        }
        return 0;
    }

    /** Reads an RGBDS .sym file: lines {@code bb:aaaa Name}; comments start with ';'. */
    static List<Disassembler.SymLabel> readSym(Path sym) throws IOException {
        List<Disassembler.SymLabel> labels = new ArrayList<>();
        int number = 0;
        for (String line : Files.readAllLines(sym, StandardCharsets.UTF_8)) {
            number++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith(";")) {
                continue;
            }
            String[] parts = text.split("\\s+", 2);
            String[] at = parts[0].split(":");
            if (parts.length != 2 || at.length != 2) {
                throw new IllegalArgumentException(
                        sym + ":" + number + ": expected 'bank:address name'");
            }
            try {
                labels.add(
                        new Disassembler.SymLabel(
                                Integer.parseInt(at[0], 16),
                                Integer.parseInt(at[1], 16),
                                parts[1]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        sym + ":" + number + ": bank and address must be hex");
            }
        }
        return labels;
    }
}
