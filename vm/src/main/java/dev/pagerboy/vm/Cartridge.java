package dev.pagerboy.vm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A validated Game Boy ROM image: the header has been read and checked, so a {@code Cartridge}
 * always describes a ROM this machine can run.
 *
 * <p>Checked: the image holds a whole header; its size is what the header's ROM-size byte (0x148)
 * says; the cartridge type (0x147) is one this machine implements (ROM only, ROM+RAM, MBC1
 * variants); the RAM-size byte (0x149) is known and fits the type; the header checksum (0x14D) and
 * the global checksum (0x14E-0x14F) match. The Nintendo logo is not checked: no boot ROM runs here.
 *
 * <p>The global checksum is the one check real hardware does not make (the boot ROM verifies only
 * the logo and the header checksum), so {@link #load(Path, boolean)} can accept a mismatch the way
 * a DMG would, for running third-party ROMs; handler ROMs are always checked in full.
 */
public final class Cartridge {

    /** The memory bank controller wiring of a cartridge type. */
    public enum Mapper {
        NONE,
        MBC1
    }

    private static final int HEADER_END = 0x150;

    /** The logo bitmap the boot ROM compares at $0104-$0133. */
    private static final byte[] NINTENDO_LOGO = {
        (byte) 0xCE,
        (byte) 0xED,
        0x66,
        0x66,
        (byte) 0xCC,
        0x0D,
        0x00,
        0x0B,
        0x03,
        0x73,
        0x00,
        (byte) 0x83,
        0x00,
        0x0C,
        0x00,
        0x0D,
        0x00,
        0x08,
        0x11,
        0x1F,
        (byte) 0x88,
        (byte) 0x89,
        0x00,
        0x0E,
        (byte) 0xDC,
        (byte) 0xCC,
        0x6E,
        (byte) 0xE6,
        (byte) 0xDD,
        (byte) 0xDD,
        (byte) 0xD9,
        (byte) 0x99,
        (byte) 0xBB,
        (byte) 0xBB,
        0x67,
        0x63,
        0x6E,
        0x0E,
        (byte) 0xEC,
        (byte) 0xCC,
        (byte) 0xDD,
        (byte) 0xDC,
        (byte) 0x99,
        (byte) 0x9F,
        (byte) 0xBB,
        (byte) 0xB9,
        0x33,
        0x3E
    };

    /** An MBC1M multicart holds four 256 KiB games in 1 MiB. */
    private static final int MULTICART_SIZE = 1024 * 1024;

    private static final int MULTICART_GAME_SIZE = 256 * 1024;

    private final byte[] rom;
    private final int type;
    private final Mapper mapper;
    private final int ramSize;
    private final String title;
    private final String sha256;
    private final boolean globalChecksumMatches;

    private Cartridge(
            byte[] rom,
            int type,
            Mapper mapper,
            int ramSize,
            String title,
            boolean globalChecksumMatches) {
        this.rom = rom;
        this.globalChecksumMatches = globalChecksumMatches;
        this.type = type;
        this.mapper = mapper;
        this.ramSize = ramSize;
        this.title = title;
        this.sha256 = sha256Hex(rom);
    }

    /** Reads and validates a ROM file, global checksum included. */
    public static Cartridge load(Path file) throws InvalidRomException {
        return load(file, true);
    }

    /**
     * Reads and validates a ROM file; with {@code requireGlobalChecksum} false a global checksum
     * mismatch is accepted, as on hardware, and reported by {@link #globalChecksumMatches()}.
     */
    public static Cartridge load(Path file, boolean requireGlobalChecksum)
            throws InvalidRomException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidRomException(
                    "cannot read ROM file " + file + ": " + e.getMessage(), e);
        }
        return fromBytes(bytes, requireGlobalChecksum);
    }

    /** Validates a ROM image, global checksum included; the array is copied. */
    public static Cartridge fromBytes(byte[] image) throws InvalidRomException {
        return fromBytes(image, true);
    }

    /** Validates a ROM image; see {@link #load(Path, boolean)}. The array is copied. */
    public static Cartridge fromBytes(byte[] image, boolean requireGlobalChecksum)
            throws InvalidRomException {
        if (image.length < HEADER_END) {
            throw new InvalidRomException(
                    String.format(
                            "truncated ROM: %d bytes, but the cartridge header alone ends at 0x%X"
                                    + " (336 bytes)",
                            image.length, HEADER_END));
        }
        int sizeCode = image[0x148] & 0xFF;
        if (sizeCode > 8) {
            throw new InvalidRomException(
                    String.format(
                            "unknown ROM size code 0x%02X at 0x148 (known: 0x00-0x08)", sizeCode));
        }
        int declared = 0x8000 << sizeCode;
        if (image.length < declared) {
            throw new InvalidRomException(
                    String.format(
                            "truncated ROM: the header (0x148 = 0x%02X) declares %d KiB, the file has"
                                    + " %d bytes",
                            sizeCode, declared / 1024, image.length));
        }
        if (image.length > declared) {
            throw new InvalidRomException(
                    String.format(
                            "wrong ROM size: the header (0x148 = 0x%02X) declares %d KiB, the file has"
                                    + " %d bytes",
                            sizeCode, declared / 1024, image.length));
        }
        int type = image[0x147] & 0xFF;
        Mapper mapper;
        boolean hasRam;
        switch (type) {
            case 0x00 -> {
                mapper = Mapper.NONE;
                hasRam = false;
            }
            case 0x08, 0x09 -> {
                mapper = Mapper.NONE;
                hasRam = true;
            }
            case 0x01 -> {
                mapper = Mapper.MBC1;
                hasRam = false;
            }
            case 0x02, 0x03 -> {
                mapper = Mapper.MBC1;
                hasRam = true;
            }
            default ->
                    throw new InvalidRomException(
                            String.format(
                                    "unknown or unsupported cartridge type 0x%02X at 0x147 (supported: 0x00"
                                            + " ROM only, 0x01-0x03 MBC1, 0x08-0x09 ROM+RAM)",
                                    type));
        }
        if (mapper == Mapper.MBC1 && declared > 2 * 1024 * 1024) {
            throw new InvalidRomException(
                    String.format(
                            "MBC1 addresses at most 2 MiB of ROM, the header declares %d KiB",
                            declared / 1024));
        }
        if (mapper == Mapper.NONE && declared != 0x8000) {
            throw new InvalidRomException(
                    String.format(
                            "cartridge type 0x%02X has no bank controller, so the ROM must be 32 KiB;"
                                    + " the header declares %d KiB",
                            type, declared / 1024));
        }
        int ramCode = image[0x149] & 0xFF;
        int ramSize =
                switch (ramCode) {
                    case 0 -> 0;
                    case 1 -> 2 * 1024;
                    case 2 -> 8 * 1024;
                    case 3 -> 32 * 1024;
                    default ->
                            throw new InvalidRomException(
                                    String.format(
                                            "unknown or unsupported RAM size code 0x%02X at 0x149 (supported:"
                                                    + " 0x00-0x03, up to 32 KiB)",
                                            ramCode));
                };
        if (!hasRam && ramSize != 0) {
            throw new InvalidRomException(
                    String.format(
                            "cartridge type 0x%02X has no RAM, but 0x149 declares %d KiB of it",
                            type, ramSize / 1024));
        }
        if (mapper == Mapper.NONE && ramSize > 8 * 1024) {
            throw new InvalidRomException(
                    "a cartridge without bank controller has at most 8 KiB RAM");
        }
        int headerSum = 0;
        for (int i = 0x134; i <= 0x14C; i++) {
            headerSum = headerSum - (image[i] & 0xFF) - 1;
        }
        headerSum &= 0xFF;
        int storedHeaderSum = image[0x14D] & 0xFF;
        if (headerSum != storedHeaderSum) {
            throw new InvalidRomException(
                    String.format(
                            "bad header checksum: 0x14D holds 0x%02X, the header bytes 0x134-0x14C sum"
                                    + " to 0x%02X",
                            storedHeaderSum, headerSum));
        }
        int globalSum = 0;
        for (int i = 0; i < image.length; i++) {
            if (i != 0x14E && i != 0x14F) {
                globalSum += image[i] & 0xFF;
            }
        }
        globalSum &= 0xFFFF;
        int storedGlobalSum = ((image[0x14E] & 0xFF) << 8) | (image[0x14F] & 0xFF);
        boolean globalMatches = globalSum == storedGlobalSum;
        if (!globalMatches && requireGlobalChecksum) {
            throw new InvalidRomException(
                    String.format(
                            "bad global checksum: 0x14E-0x14F hold 0x%04X, the ROM bytes sum to 0x%04X",
                            storedGlobalSum, globalSum));
        }
        return new Cartridge(image.clone(), type, mapper, ramSize, readTitle(image), globalMatches);
    }

    /**
     * Fills in the header checksum and the global checksum of a ROM image in place (what {@code
     * rgbfix -v} does), for tools and tests that build images.
     */
    public static void fixChecksums(byte[] image) {
        int headerSum = 0;
        for (int i = 0x134; i <= 0x14C; i++) {
            headerSum = headerSum - (image[i] & 0xFF) - 1;
        }
        image[0x14D] = (byte) headerSum;
        int globalSum = 0;
        for (int i = 0; i < image.length; i++) {
            if (i != 0x14E && i != 0x14F) {
                globalSum += image[i] & 0xFF;
            }
        }
        image[0x14E] = (byte) (globalSum >> 8);
        image[0x14F] = (byte) globalSum;
    }

    private static String readTitle(byte[] image) {
        int end = 0x134;
        while (end < 0x144 && image[end] != 0) {
            end++;
        }
        return new String(image, 0x134, end - 0x134, StandardCharsets.US_ASCII).trim();
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** A copy of the ROM image. */
    public byte[] romImage() {
        return rom.clone();
    }

    /** Shared, not copied: for the machine only, which never writes to it. */
    byte[] romForMachine() {
        return rom;
    }

    public int romSize() {
        return rom.length;
    }

    /** Cartridge RAM in bytes (0, 2 KiB, 8 KiB or 32 KiB). */
    public int ramSize() {
        return ramSize;
    }

    /** The cartridge type byte at 0x147. */
    public int type() {
        return type;
    }

    /** A copy of the Nintendo logo every cartridge header carries at $0104. */
    public static byte[] nintendoLogo() {
        return NINTENDO_LOGO.clone();
    }

    /**
     * True for an MBC1 multicart (MBC1M), whose bank wiring differs (Pan Docs "MBC1", MBC1M): an
     * MBC1 ROM of exactly 1 MiB whose second 256 KiB game starts with its own header, detected as
     * SameBoy and other hardware-accurate emulators do from the Nintendo logo at $40104 (bank $10,
     * offset $0104). Later games of a compilation may be absent, so only the second is required.
     */
    public boolean mbc1Multicart() {
        if (mapper != Mapper.MBC1 || rom.length != MULTICART_SIZE) {
            return false;
        }
        for (int i = 0; i < NINTENDO_LOGO.length; i++) {
            if (rom[MULTICART_GAME_SIZE + 0x104 + i] != NINTENDO_LOGO[i]) {
                return false;
            }
        }
        return true;
    }

    public Mapper mapper() {
        return mapper;
    }

    /** The title from the header (0x134-0x143), trimmed. */
    public String title() {
        return title;
    }

    /** The header checksum byte at 0x14D (the DMG boot ROM leaves flags H and C set iff != 0). */
    public int headerChecksum() {
        return rom[0x14D] & 0xFF;
    }

    /** Whether 0x14E-0x14F hold the sum of the other ROM bytes (always true for a strict load). */
    public boolean globalChecksumMatches() {
        return globalChecksumMatches;
    }

    /** SHA-256 of the image as lowercase hex: the ROM's identity in recorded decisions. */
    public String sha256() {
        return sha256;
    }
}
