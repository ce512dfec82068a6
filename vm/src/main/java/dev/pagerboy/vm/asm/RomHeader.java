package dev.pagerboy.vm.asm;

import dev.pagerboy.vm.Cartridge;
import java.nio.charset.StandardCharsets;

/**
 * Fixes a ROM's cartridge header the way {@code rgbfix -v} does (Nintendo logo, header checksum,
 * global checksum), plus the title ({@code -t}), cartridge type ({@code -m}) and the ROM size byte
 * matching the image size (as {@code -p} would). Also checks a header, for loaders.
 */
public final class RomHeader {

    /** The logo bitmap the boot ROM compares at $0104-$0133. */
    public static final byte[] NINTENDO_LOGO = Cartridge.nintendoLogo();

    public static final int TITLE = 0x0134;
    public static final int CARTRIDGE_TYPE = 0x0147;
    public static final int ROM_SIZE = 0x0148;
    public static final int HEADER_CHECKSUM = 0x014D;
    public static final int GLOBAL_CHECKSUM = 0x014E;

    private RomHeader() {}

    /** Fixes the header of {@code rom} in place. */
    public static void fix(byte[] rom, String title, Integer cartridgeType) {
        System.arraycopy(NINTENDO_LOGO, 0, rom, 0x0104, NINTENDO_LOGO.length);
        if (title != null) {
            byte[] text = title.getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 15; i++) {
                rom[TITLE + i] = i < text.length ? text[i] : 0;
            }
        }
        if (cartridgeType != null) {
            rom[CARTRIDGE_TYPE] = (byte) (int) cartridgeType;
        }
        rom[ROM_SIZE] = (byte) Integer.numberOfTrailingZeros(rom.length / 0x8000);
        rom[HEADER_CHECKSUM] = (byte) headerChecksum(rom);
        int global = globalChecksum(rom);
        rom[GLOBAL_CHECKSUM] = (byte) (global >> 8);
        rom[GLOBAL_CHECKSUM + 1] = (byte) global;
    }

    public static int headerChecksum(byte[] rom) {
        int x = 0;
        for (int i = 0x0134; i <= 0x014C; i++) {
            x = x - (rom[i] & 0xFF) - 1;
        }
        return x & 0xFF;
    }

    public static int globalChecksum(byte[] rom) {
        int sum = 0;
        for (int i = 0; i < rom.length; i++) {
            if (i != GLOBAL_CHECKSUM && i != GLOBAL_CHECKSUM + 1) {
                sum += rom[i] & 0xFF;
            }
        }
        return sum & 0xFFFF;
    }

    /** Why {@code rom} is not a valid cartridge image, or null if it is. */
    public static String problem(byte[] rom) {
        if (rom.length < 0x8000 || Integer.bitCount(rom.length) != 1) {
            return "size " + rom.length + " is not a power of two of at least 32 KiB";
        }
        for (int i = 0; i < NINTENDO_LOGO.length; i++) {
            if (rom[0x0104 + i] != NINTENDO_LOGO[i]) {
                return "the Nintendo logo at $0104 is wrong";
            }
        }
        if ((rom[ROM_SIZE] & 0xFF) > 8 || (0x8000 << rom[ROM_SIZE]) != rom.length) {
            return String.format(
                    "ROM size byte $%02X does not match the file size %d",
                    rom[ROM_SIZE] & 0xFF, rom.length);
        }
        if ((rom[HEADER_CHECKSUM] & 0xFF) != headerChecksum(rom)) {
            return String.format(
                    "header checksum is $%02X, expected $%02X",
                    rom[HEADER_CHECKSUM] & 0xFF, headerChecksum(rom));
        }
        int stored = (rom[GLOBAL_CHECKSUM] & 0xFF) << 8 | rom[GLOBAL_CHECKSUM + 1] & 0xFF;
        if (stored != globalChecksum(rom)) {
            return String.format(
                    "global checksum is $%04X, expected $%04X", stored, globalChecksum(rom));
        }
        return null;
    }
}
