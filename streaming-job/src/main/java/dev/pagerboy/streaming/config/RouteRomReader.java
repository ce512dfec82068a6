package dev.pagerboy.streaming.config;

import dev.pagerboy.streaming.routing.RouteRom;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a route's {@code handler: {rom: path, sha256: hex}}: loads the ROM (a path relative to the
 * configuration file's folder, or {@code classpath:resource}) and refuses it unless its SHA-256 is
 * the one the operator wrote down, so the job can only ever run the approved program.
 */
final class RouteRomReader {

    private static final Set<String> KEYS = Set.of("rom", "sha256");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final long MAX_ROM_BYTES = 8L * 1024 * 1024;

    /**
     * Prefix of a ROM loaded from the classpath, e.g. the standard handler library that the vm
     * module assembles into {@code dev/pagerboy/vm/handlers/*.gb}; works the same in the shaded
     * cluster jar.
     */
    static final String CLASSPATH = "classpath:";

    private RouteRomReader() {}

    static RouteRom read(ConfigNode node, Path baseDir) throws ConfigException {
        ConfigNode.Mapping m = node.mapping(KEYS);
        ConfigNode romNode = m.required("rom");
        ConfigNode shaNode = m.required("sha256");
        String rom = romNode.string();
        String expected = shaNode.string().toLowerCase(java.util.Locale.ROOT);
        if (!SHA256.matcher(expected).matches()) {
            throw shaNode.error("must be 64 hex digits");
        }
        byte[] bytes =
                rom.startsWith(CLASSPATH)
                        ? fromClasspath(romNode, rom.substring(CLASSPATH.length()))
                        : fromFile(romNode, baseDir.resolve(rom).normalize());
        String actual = sha256(bytes);
        if (!actual.equals(expected)) {
            throw shaNode.error(
                    "SHA-256 mismatch for "
                            + rom
                            + ": expected "
                            + expected
                            + ", file has "
                            + actual);
        }
        return new RouteRom(rom, actual, bytes);
    }

    private static byte[] fromFile(ConfigNode romNode, Path file) throws ConfigException {
        try {
            if (Files.size(file) > MAX_ROM_BYTES) {
                throw romNode.error("ROM file " + file + " is larger than 8 MiB");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw romNode.error("ROM file not found: " + file);
        } catch (IOException e) {
            throw romNode.error("cannot read ROM file " + file + ": " + e.getMessage());
        }
    }

    private static byte[] fromClasspath(ConfigNode romNode, String resource)
            throws ConfigException {
        ClassLoader loader = RouteRomReader.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw romNode.error("ROM not found on the classpath: " + resource);
            }
            byte[] bytes = in.readNBytes((int) MAX_ROM_BYTES + 1);
            if (bytes.length > MAX_ROM_BYTES) {
                throw romNode.error("ROM " + resource + " is larger than 8 MiB");
            }
            return bytes;
        } catch (IOException e) {
            throw romNode.error("cannot read ROM " + resource + ": " + e.getMessage());
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
