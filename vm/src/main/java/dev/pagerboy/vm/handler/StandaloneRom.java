package dev.pagerboy.vm.handler;

import dev.pagerboy.vm.asm.AsmOptions;
import dev.pagerboy.vm.asm.AssembledRom;
import dev.pagerboy.vm.asm.AssemblyException;
import dev.pagerboy.vm.asm.Rgbds;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a handler into a ROM that runs on any Game Boy with no PagerBoy runtime: the alert is laid
 * out as the ABI's input area at build time and embedded; the boot code from {@code standalone.inc}
 * clears RAM, copies it in, calls the handler and prints the decision on the serial port, ending
 * with the line {@code END}.
 */
public final class StandaloneRom {

    private StandaloneRom() {}

    public static AssembledRom build(List<Path> sources, HandlerInput alert, AsmOptions options)
            throws AssemblyException {
        byte[] image = AbiMemory.inputImage(alert);
        StringBuilder text =
                new StringBuilder("SECTION \"PagerBoy embedded alert\", ROM0\nEmbeddedAlert::\n");
        for (int i = 0; i < image.length; i += 16) {
            text.append("    db ");
            for (int j = i; j < i + 16; j++) {
                text.append(j == i ? "" : ", ").append(String.format("$%02X", image[j] & 0xFF));
            }
            text.append('\n');
        }
        text.append("    INCLUDE \"standalone.inc\"\n");
        Map<String, String> defines = new HashMap<>(options.defines());
        defines.put("PAGERBOY_STANDALONE", "1");
        return Rgbds.build(
                sources, "<embedded alert>", text.toString(), options.withDefines(defines));
    }
}
