package dev.pagerboy.vm.asm;

import java.nio.file.Path;
import java.util.Arrays;

/** Assembles snippets into a ROM0 section at $0150 and returns the bytes they produced. */
final class AsmTestSupport {

    private AsmTestSupport() {}

    static AssembledRom build(String source) throws AssemblyException {
        return Rgbds.buildText("test.asm", source, Path.of("."), AsmOptions.defaults());
    }

    /** The bytes at $0150.. of a ROM built from a ROM0[$0150] section holding {@code body}. */
    static byte[] code(String body, int length) throws AssemblyException {
        byte[] rom = build("SECTION \"t\", ROM0[$0150]\n" + body).rom();
        return Arrays.copyOfRange(rom, 0x0150, 0x0150 + length);
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
