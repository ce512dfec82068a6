package dev.pagerboy.tools.chaos;

import dev.pagerboy.vm.asm.AsmOptions;
import dev.pagerboy.vm.asm.AssemblyException;
import dev.pagerboy.vm.asm.Rgbds;
import dev.pagerboy.vm.handler.HandlerFault;
import java.nio.file.Path;

/**
 * R5's hostile handler programs, in RGBDS assembly built by the vm module's own assembler against
 * the handler ABI ({@code vm/handlers/abi.inc}). Each one misbehaves in one way and names the fault
 * the runtime must report instead of letting it block, crash or change anything outside the
 * handler's areas.
 */
enum HostileRom {
    INFINITE_LOOP(
            HandlerFault.Kind.BUDGET_EXHAUSTED,
            """
            .spin:
                jr .spin
            """),
    ILLEGAL_OPCODE(
            HandlerFault.Kind.ILLEGAL_OPCODE,
            """
                ld a, SEV_CRITICAL
                ld [ABI_OUT_SEVERITY], a
                db $D3
                ret
            """),
    WRITE_OUTSIDE_ABI(
            HandlerFault.Kind.WRITE_OUTSIDE_AREA,
            """
                ld a, $55
                ld [$8000], a       ; video RAM: not the handler's
                ret
            """),
    SERIAL_FLOOD(
            HandlerFault.Kind.WRITE_OUTSIDE_AREA,
            """
            .flood:
                ld a, "!"
                ld [rSB], a
                ld a, $81
                ld [rSC], a
                jr .flood
            """),
    SELF_MODIFYING(
            HandlerFault.Kind.BUDGET_EXHAUSTED,
            """
                ld hl, ABI_WORK     ; write "jr -2" into work RAM and run it
                ld a, $18
                ld [hli], a
                ld a, $FE
                ld [hl], a
                jp ABI_WORK
            """),
    MBC_ABUSE(
            HandlerFault.Kind.WRITE_OUTSIDE_AREA,
            """
                ld a, $0A
                ld [$0000], a       ; cartridge RAM enable
                ld a, $05
                ld [$2000], a       ; ROM bank
                ld [$4000], a       ; RAM bank
                ld a, $01
                ld [$6000], a       ; banking mode
                ret
            """);

    private final HandlerFault.Kind expected;
    private final String body;

    HostileRom(HandlerFault.Kind expected, String body) {
        this.expected = expected;
        this.body = body;
    }

    HandlerFault.Kind expected() {
        return expected;
    }

    /** The ROM image, assembled with {@code abi.inc} from {@code handlers}. */
    byte[] assemble(Path handlers) throws AssemblyException {
        String source =
                "INCLUDE \"abi.inc\"\n    HANDLER_HEADER\n\nSECTION \"hostile\", ROM0\n"
                        + "HandlerMain::\n"
                        + body;
        return Rgbds.buildText(
                        name().toLowerCase() + ".asm", source, handlers, AsmOptions.defaults())
                .rom();
    }
}
