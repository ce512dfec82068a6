package dev.pagerboy.vm.cli;

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

/**
 * {@code vm dis ROM.gb [--sym FILE.sym] [-o OUT.asm]}: writes RGBDS source that reassembles to the
 * same bytes. A {@code .sym} file next to the ROM is used for label names when none is given.
 */
final class DisCommand {

    private static final String USAGE =
            "usage: ./pagerboy vm dis ROM.gb [--sym FILE.sym] [-o OUT.asm]";

    int run(String[] args, PrintStream out, PrintStream err) {
        Path rom = null;
        Path sym = null;
        Path output = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--sym" -> sym = Path.of(AsmCommand.value(args, ++i, args[i - 1]));
                    case "-o" -> output = Path.of(AsmCommand.value(args, ++i, args[i - 1]));
                    default -> {
                        if (args[i].startsWith("-") || rom != null) {
                            throw new IllegalArgumentException(
                                    "unexpected argument '" + args[i] + "'");
                        }
                        rom = Path.of(args[i]);
                    }
                }
            }
            if (rom == null) {
                throw new IllegalArgumentException("no ROM given");
            }
        } catch (IllegalArgumentException e) {
            err.println("pagerboy vm dis: " + e.getMessage());
            err.println(USAGE);
            return 2;
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
        } catch (IOException | IllegalArgumentException e) {
            err.println("pagerboy vm dis: " + e.getMessage());
            return 2;
        }
        if (bytes.length < 0x8000 || bytes.length % 0x4000 != 0) {
            err.println(
                    "pagerboy vm dis: "
                            + rom
                            + ": "
                            + bytes.length
                            + " bytes is not a ROM image (a multiple of 16 KiB, at least 32 KiB)");
            return 2;
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
            err.println("pagerboy vm dis: cannot write " + output + ": " + e.getMessage());
            return 2;
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
