package dev.pagerboy.vm.cli;

import dev.pagerboy.vm.handler.HandlerRom;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads the handler named on a command line: a ROM file, or a library handler by name. */
final class AlertFiles {

    private AlertFiles() {}

    static HandlerRom handler(String nameOrPath) throws IOException {
        Path path = Path.of(nameOrPath);
        if (!Files.exists(path) && HandlerRom.LIBRARY.contains(nameOrPath)) {
            return HandlerRom.library(nameOrPath);
        }
        return HandlerRom.load(path);
    }
}
