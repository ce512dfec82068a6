package dev.pagerboy.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The check every command makes before reading a file the user named, so "not found" reads the same
 * everywhere and says what is missing: {@code --key: no such file: /tmp/dev.key}.
 */
public final class ExistingFile {

    private ExistingFile() {}

    /**
     * Returns {@code file} if it is a readable regular file.
     *
     * @param what the flag or parameter that named it, e.g. {@code --key} or {@code ROM}
     * @throws UsageException naming {@code what} and the file otherwise
     */
    public static Path require(String what, Path file) {
        if (!Files.exists(file)) {
            throw new UsageException(what + ": no such file: " + file);
        }
        if (Files.isDirectory(file)) {
            throw new UsageException(what + ": is a directory, not a file: " + file);
        }
        if (!Files.isReadable(file)) {
            throw new UsageException(what + ": cannot read (permission denied): " + file);
        }
        return file;
    }
}
