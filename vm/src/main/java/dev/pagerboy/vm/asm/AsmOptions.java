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
 * @param padValue the byte that fills unused ROM space ({@code rgblink -p})
 */
public record AsmOptions(
        List<Path> includePaths,
        Map<String, String> defines,
        String title,
        Integer cartridgeType,
        int padValue) {

    public AsmOptions {
        includePaths = List.copyOf(includePaths);
        defines = Map.copyOf(defines);
    }

    public static AsmOptions defaults() {
        return new AsmOptions(List.of(), Map.of(), null, null, 0x00);
    }

    public AsmOptions withTitle(String newTitle) {
        return new AsmOptions(includePaths, defines, newTitle, cartridgeType, padValue);
    }

    public AsmOptions withDefines(Map<String, String> newDefines) {
        return new AsmOptions(includePaths, newDefines, title, cartridgeType, padValue);
    }

    public AsmOptions withIncludePaths(List<Path> paths) {
        return new AsmOptions(paths, defines, title, cartridgeType, padValue);
    }
}
