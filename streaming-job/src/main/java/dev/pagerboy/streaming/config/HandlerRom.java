package dev.pagerboy.streaming.config;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * A handler program (a Game Boy ROM) attached to a route. The file is read and its SHA-256 checked
 * when the configuration is loaded, so the bytes here are exactly the program the operator
 * approved.
 *
 * @param path the path as written in the configuration (resolved against the config file's folder)
 * @param sha256 64 lowercase hex digits, the expected and verified SHA-256 of {@link #bytes}
 * @param bytes the ROM image
 */
public record HandlerRom(String path, String sha256, byte[] bytes) implements Serializable {

    @Override
    public boolean equals(Object o) {
        return o instanceof HandlerRom other
                && Objects.equals(path, other.path)
                && Objects.equals(sha256, other.sha256)
                && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, sha256) * 31 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "HandlerRom[" + path + ", sha256=" + sha256 + ", " + bytes.length + " bytes]";
    }
}
