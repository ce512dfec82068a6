package dev.pagerboy.streaming.routing;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * The handler program (a Game Boy ROM) a route runs, as the configuration approved it. The file is
 * read and its SHA-256 checked when the configuration is loaded, so the bytes here are exactly the
 * program the operator approved. It lives with the routes that carry it, so that {@code config}
 * (which reads it) depends on {@code routing} and not the other way round; the VM's own {@code
 * dev.pagerboy.vm.handler.HandlerRom} is the loaded, header-checked image built from these bytes.
 *
 * @param path the path as written in the configuration (resolved against the config file's folder)
 * @param sha256 64 lowercase hex digits, the expected and verified SHA-256 of {@link #bytes}
 * @param bytes the ROM image
 */
public record RouteRom(String path, String sha256, byte[] bytes) implements Serializable {

    @Override
    public boolean equals(Object o) {
        return o instanceof RouteRom other
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
        return "RouteRom[" + path + ", sha256=" + sha256 + ", " + bytes.length + " bytes]";
    }
}
