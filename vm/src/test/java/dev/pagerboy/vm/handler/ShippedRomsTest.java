package dev.pagerboy.vm.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.vm.Cartridge;
import dev.pagerboy.vm.asm.AsmOptions;
import dev.pagerboy.vm.asm.AssembledRom;
import dev.pagerboy.vm.asm.Rgbds;
import dev.pagerboy.vm.dis.Disassembler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped handler source: assembles to a valid ROM and survives disassembly byte for byte.
 */
class ShippedRomsTest {

    static Stream<Path> shippedSources() throws Exception {
        Path dir = Path.of(System.getProperty("pagerboy.root"), "vm", "handlers");
        return Files.list(dir)
                .filter(p -> p.toString().endsWith(".asm"))
                .sorted()
                .toList()
                .stream();
    }

    @ParameterizedTest
    @MethodSource("shippedSources")
    void assemblesToAValidHandlerRomIdenticalToTheBuiltOne(Path source) throws Exception {
        String name = source.getFileName().toString().replace(".asm", "");
        AssembledRom rom =
                Rgbds.build(
                        List.of(source), AsmOptions.defaults().withTitle(LibraryBuild.title(name)));
        Cartridge cartridge =
                Cartridge.fromBytes(rom.rom()); // the VM's loader checks both checksums
        assertThat(cartridge.title()).isEqualTo(LibraryBuild.title(name));
        assertThat(HandlerRom.fromBytes(name, rom.rom()).abiVersion()).isEqualTo(1);
        assertThat(HandlerRom.library(name).bytes())
                .as("the ROM the build put on the classpath")
                .isEqualTo(rom.rom());
    }

    @ParameterizedTest
    @MethodSource("shippedSources")
    void disassemblyReassemblesToTheSameBytes(Path source) throws Exception {
        AssembledRom rom = Rgbds.build(List.of(source), AsmOptions.defaults());
        List<Disassembler.SymLabel> labels =
                rom.labels().stream()
                        .map(l -> new Disassembler.SymLabel(l.bank(), l.address(), l.name()))
                        .toList();
        String listing =
                Disassembler.disassemble(
                        rom.rom(),
                        source.getFileName().toString(),
                        List.of(HandlerAbi.RUN),
                        labels);
        byte[] again = Rgbds.buildText("dis.asm", listing, null, AsmOptions.defaults()).rom();
        assertThat(again).isEqualTo(rom.rom());
        assertThat(listing).contains("HandlerMain:").contains("call HandlerMain");
        // And without any symbols, from the bytes alone.
        String bare =
                Disassembler.disassemble(rom.rom(), "bare", List.of(HandlerAbi.RUN), List.of());
        assertThat(Rgbds.buildText("bare.asm", bare, null, AsmOptions.defaults()).rom())
                .isEqualTo(rom.rom());
    }
}
