package dev.pagerboy.vm.handler;

import dev.pagerboy.vm.Cartridge;
import dev.pagerboy.vm.InvalidRomException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A handler program: a Game Boy ROM whose header and checksums are valid and which carries the
 * PagerBoy ABI marker ("PBABI" and the version byte at $0150). It is identified by the SHA-256 of
 * its bytes, which is recorded with every decision it makes. Immutable and thread-safe.
 */
public final class HandlerRom {

    /** The handlers of the standard library, built from {@code vm/handlers/} by the vm build. */
    public static final List<String> LIBRARY =
            List.of(
                    "severity",
                    "route-by-label",
                    "flap-detector",
                    "storm-throttle",
                    "business-hours");

    private static final String LIBRARY_RESOURCES = "dev/pagerboy/vm/handlers/";

    private final String name;
    private final Cartridge cartridge;
    private final int abiVersion;

    private HandlerRom(String name, Cartridge cartridge, int abiVersion) {
        this.name = name;
        this.cartridge = cartridge;
        this.abiVersion = abiVersion;
    }

    /**
     * Loads and validates a handler ROM file.
     *
     * @throws InvalidHandlerRomException (an IOException) if it is not a valid handler ROM
     */
    public static HandlerRom load(Path rom) throws IOException {
        byte[] bytes = Files.readAllBytes(rom);
        String file = rom.getFileName().toString();
        String name = file.endsWith(".gb") ? file.substring(0, file.length() - 3) : file;
        try {
            return validate(name, bytes);
        } catch (IllegalArgumentException e) {
            throw new InvalidHandlerRomException(rom + ": " + e.getMessage());
        }
    }

    /**
     * Validates a handler ROM image (the array is copied).
     *
     * @throws IllegalArgumentException if it is not a valid handler ROM
     */
    public static HandlerRom fromBytes(String name, byte[] rom) {
        return validate(name, rom);
    }

    /** A handler of the standard library ({@link #LIBRARY}), from the classpath. */
    public static HandlerRom library(String name) {
        try (InputStream in =
                HandlerRom.class
                        .getClassLoader()
                        .getResourceAsStream(LIBRARY_RESOURCES + name + ".gb")) {
            if (in == null) {
                throw new IllegalArgumentException(
                        "no library handler '"
                                + name
                                + "' (known: "
                                + String.join(", ", LIBRARY)
                                + ")");
            }
            return validate(name, in.readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read library handler " + name, e);
        }
    }

    private static HandlerRom validate(String name, byte[] bytes) {
        Cartridge cartridge;
        try {
            cartridge = Cartridge.fromBytes(bytes);
        } catch (InvalidRomException e) {
            throw new IllegalArgumentException("not a valid Game Boy ROM: " + e.getMessage());
        }
        for (int i = 0; i < HandlerAbi.MAGIC.length; i++) {
            if (bytes[HandlerAbi.MARKER + i] != HandlerAbi.MAGIC[i]) {
                throw new IllegalArgumentException(
                        "no PagerBoy handler ABI marker (\"PBABI\" at $0150): build the handler with"
                                + " INCLUDE \"abi.inc\" and HANDLER_HEADER");
            }
        }
        int version = bytes[HandlerAbi.VERSION_BYTE] & 0xFF;
        if (version != HandlerAbi.VERSION) {
            throw new IllegalArgumentException(
                    "handler ABI version "
                            + version
                            + ", this runtime supports "
                            + HandlerAbi.VERSION);
        }
        return new HandlerRom(name, cartridge, version);
    }

    public String name() {
        return name;
    }

    public String sha256Hex() {
        return cartridge.sha256();
    }

    public int abiVersion() {
        return abiVersion;
    }

    /** The validated cartridge, for the runtime's machine. */
    public Cartridge cartridge() {
        return cartridge;
    }

    /** A copy of the ROM image. */
    public byte[] bytes() {
        return cartridge.romImage();
    }

    @Override
    public String toString() {
        return name + " (" + sha256Hex().substring(0, 12) + ", ABI v" + abiVersion + ")";
    }
}
