package dev.pagerboy.vm.bench;

import dev.pagerboy.vm.Cartridge;
import dev.pagerboy.vm.InvalidRomException;

/**
 * The two endless loops the interpreter benchmarks run, as hand-encoded 32 KiB ROMs with a valid
 * header. Both jump from the entry point at 0x100 to the code at 0x150.
 */
public final class LoopRoms {

    private LoopRoms() {}

    /** Register ALU work and a taken branch: 8 instructions, 44 T-cycles per iteration. */
    static final int[] ALU_LOOP = {
        0x3E, 0x01, //       ld a, 1
        0x0E, 0x03, //       ld c, 3
        0x16, 0x00, //       ld d, 0
        0x81, //       loop: add a, c
        0xA8, //             xor b
        0x0C, //             inc c
        0xCB, 0x37, //       swap a
        0x91, //             sub c
        0xB0, //             or b
        0x15, //             dec d
        0x20, 0xF6, //       jr nz, loop
        0x04, //             inc b
        0xC3, 0x56, 0x01, // jp loop
    };

    /**
     * Loads, stores, read-modify-write and the stack (in HRAM, as handlers use it): WRAM to WRAM
     * copying with PUSH/POP, 10 instructions, 88 T-cycles per iteration.
     */
    static final int[] MEMORY_LOOP = {
        0x21, 0x00, 0xC0, // start: ld hl, $C000
        0x11, 0x00, 0xD0, //        ld de, $D000
        0x06, 0x00, //              ld b, 0
        0x2A, //              loop: ld a, [hl+]
        0x12, //                    ld [de], a
        0x13, //                    inc de
        0x34, //                    inc [hl]
        0xC5, //                    push bc
        0x1A, //                    ld a, [de]
        0x77, //                    ld [hl], a
        0xC1, //                    pop bc
        0x05, //                    dec b
        0x20, 0xF5, //              jr nz, loop
        0xC3, 0x50, 0x01, //        jp start
    };

    public static Cartridge aluLoop() {
        return rom("ALU LOOP", ALU_LOOP);
    }

    public static Cartridge memoryLoop() {
        return rom("MEMORY LOOP", MEMORY_LOOP);
    }

    /** A ROM-only cartridge with {@code code} at 0x150 and {@code nop; jp $150} at the entry. */
    static Cartridge rom(String title, int[] code) {
        byte[] image = new byte[0x8000];
        image[0x100] = 0x00;
        image[0x101] = (byte) 0xC3;
        image[0x102] = 0x50;
        image[0x103] = 0x01;
        byte[] name = title.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, image, 0x134, Math.min(name.length, 15));
        for (int i = 0; i < code.length; i++) {
            image[0x150 + i] = (byte) code[i];
        }
        Cartridge.fixChecksums(image);
        try {
            return Cartridge.fromBytes(image);
        } catch (InvalidRomException e) {
            throw new IllegalStateException("benchmark ROM is invalid: " + e.getMessage(), e);
        }
    }
}
