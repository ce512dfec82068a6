package dev.pagerboy.vm;

import java.nio.charset.StandardCharsets;

/**
 * Builds small, valid ROM images from hand-encoded bytes for tests: code at 0x150 reached from the
 * entry point by {@code nop; jp $0150}, interrupt handlers at their vectors, checksums fixed.
 */
public final class TestRoms {

    private final byte[] image;

    private TestRoms(int romSize) {
        image = new byte[romSize];
        image[0x100] = 0x00; // nop
        image[0x101] = (byte) 0xC3; // jp $0150
        image[0x102] = 0x50;
        image[0x103] = 0x01;
        byte[] title = "PAGERBOY TEST".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(title, 0, image, 0x134, title.length);
        image[0x148] = (byte) Integer.numberOfTrailingZeros(romSize / 0x8000);
    }

    /** A 32 KiB ROM-only cartridge. */
    public static TestRoms romOnly() {
        return new TestRoms(0x8000);
    }

    /** An MBC1 cartridge (type 0x03 when it has RAM, else 0x01). */
    public static TestRoms mbc1(int romSize, int ramSizeCode) {
        TestRoms rom = new TestRoms(romSize);
        rom.image[0x147] = (byte) (ramSizeCode == 0 ? 0x01 : 0x03);
        rom.image[0x149] = (byte) ramSizeCode;
        return rom;
    }

    /** Places bytes at a ROM address (bank = address / 0x4000 in the file). */
    public TestRoms at(int fileOffset, int... bytes) {
        for (int i = 0; i < bytes.length; i++) {
            image[fileOffset + i] = (byte) bytes[i];
        }
        return this;
    }

    /** The main program at 0x150. */
    public TestRoms code(int... bytes) {
        return at(0x150, bytes);
    }

    public byte[] image() {
        byte[] copy = image.clone();
        Cartridge.fixChecksums(copy);
        return copy;
    }

    public Cartridge cartridge() {
        try {
            return Cartridge.fromBytes(image());
        } catch (InvalidRomException e) {
            throw new AssertionError("test ROM is invalid: " + e.getMessage(), e);
        }
    }

    public GameBoy machine() {
        return new GameBoy(cartridge());
    }
}
