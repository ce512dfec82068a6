package dev.pagerboy.vm.cli;

import dev.pagerboy.cli.UsageException;
import dev.pagerboy.vm.handler.HandlerRom;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads the handler named on a command line: a ROM file, or a library handler by name. */
final class AlertFiles {

    private AlertFiles() {}

    static HandlerRom handler(String nameOrPath) {
        Path path = Path.of(nameOrPath);
        if (!Files.exists(path) && HandlerRom.LIBRARY.contains(nameOrPath)) {
            return HandlerRom.library(nameOrPath);
        }
        if (!Files.isRegularFile(path)) {
            throw new UsageException(
                    "HANDLER: no such file: "
                            + nameOrPath
                            + " (and no library handler of that name: "
                            + String.join(", ", HandlerRom.LIBRARY)
                            + ")");
        }
        try {
            return HandlerRom.load(path);
        } catch (IOException e) {
            throw new UsageException(nameOrPath + ": " + e.getMessage());
        }
    }
}
