package dev.pagerboy.vm.asm;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Options for one build, mirroring the rgbasm/rgblink/rgbfix flags that matter here.
 *
 * @param includePaths extra directories searched by {@code INCLUDE} and {@code INCBIN} ({@code -I})
 * @param defines string constants defined before the first line ({@code -D NAME=VALUE})
 * @param title header title, up to 15 ASCII characters ({@code rgbfix -t}); null keeps the source's
 * @param cartridgeType header cartridge type byte ({@code rgbfix -m}); null keeps the source's
 * @param padValue the byte that fills the gaps between sections in the banks the link writes
 *     ({@code rgblink -p}, 0x00 by default as in rgblink)
 * @param fixPadValue the byte that pads the file from the last linked bank to a valid ROM size
 *     ({@code rgbfix -p}; 0xFF, the value of the canonical {@code rgbfix -v -p 0xFF})
 */
public record AsmOptions(
        List<Path> includePaths,
        Map<String, String> defines,
        String title,
        Integer cartridgeType,
        int padValue,
        int fixPadValue) {

    /** The canonical {@code rgbfix -p 0xFF} file-end padding. */
    public static final int RGBFIX_PAD = 0xFF;

    public AsmOptions {
        includePaths = List.copyOf(includePaths);
        defines = Map.copyOf(defines);
    }

    /** Options with the file end padded with {@link #RGBFIX_PAD}. */
    public AsmOptions(
            List<Path> includePaths,
            Map<String, String> defines,
            String title,
            Integer cartridgeType,
            int padValue) {
        this(includePaths, defines, title, cartridgeType, padValue, RGBFIX_PAD);
    }

    public static AsmOptions defaults() {
        return new AsmOptions(List.of(), Map.of(), null, null, 0x00, RGBFIX_PAD);
    }

    public AsmOptions withTitle(String newTitle) {
        return new AsmOptions(
                includePaths, defines, newTitle, cartridgeType, padValue, fixPadValue);
    }

    public AsmOptions withDefines(Map<String, String> newDefines) {
        return new AsmOptions(
                includePaths, newDefines, title, cartridgeType, padValue, fixPadValue);
    }

    public AsmOptions withIncludePaths(List<Path> paths) {
        return new AsmOptions(paths, defines, title, cartridgeType, padValue, fixPadValue);
    }
}
