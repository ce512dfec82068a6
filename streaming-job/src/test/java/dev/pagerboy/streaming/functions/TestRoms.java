package dev.pagerboy.streaming.functions;

import dev.pagerboy.streaming.routing.RouteRom;
import dev.pagerboy.vm.asm.AsmOptions;
import dev.pagerboy.vm.asm.Rgbds;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Small handler ROMs for the tests, assembled from source with the project's own assembler and the
 * handler ABI include of {@code vm/handlers}, so each test says in assembly what its handler does.
 */
public final class TestRoms {

    /** Counts the fingerprint's alerts in state byte 0 and pages with severity error. */
    public static final String COUNTER =
            """
            INCLUDE "abi.inc"
                HANDLER_HEADER
            SECTION "counter", ROM0
            HandlerMain::
                ld hl, ABI_STATE
                inc [hl]
                ld a, SEV_ERROR
                ld [ABI_OUT_SEVERITY], a
                ret
            """;

    /** Asks not to page at all. */
    static final String SUPPRESS_ALL =
            """
            INCLUDE "abi.inc"
                HANDLER_HEADER
            SECTION "suppress", ROM0
            HandlerMain::
                ld a, FLAG_SUPPRESS
                ld [ABI_OUT_FLAGS], a
                ret
            """;

    /** Never finishes: spends its whole cycle budget. */
    static final String SPIN =
            """
            INCLUDE "abi.inc"
                HANDLER_HEADER
            SECTION "spin", ROM0
            HandlerMain::
            .forever:
                jr .forever
            """;

    private TestRoms() {}

    public static RouteRom assemble(String name, String source) {
        try {
            byte[] bytes =
                    Rgbds.buildText(
                                    name + ".asm",
                                    source,
                                    handlersDir(),
                                    AsmOptions.defaults().withTitle(name.toUpperCase()))
                            .rom();
            return config(name + ".gb", bytes);
        } catch (Exception e) {
            throw new IllegalStateException("test ROM " + name + " does not assemble", e);
        }
    }

    /** A configured ROM whose bytes are not a handler at all. */
    static RouteRom garbage() {
        return config("garbage.gb", new byte[] {1, 2, 3});
    }

    private static RouteRom config(String path, byte[] bytes) {
        try {
            String sha =
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            return new RouteRom(path, sha, bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path handlersDir() {
        return Path.of(System.getProperty("pagerboy.root", "..")).resolve("vm/handlers");
    }
}
