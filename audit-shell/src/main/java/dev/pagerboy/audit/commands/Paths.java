package dev.pagerboy.audit.commands;

import java.nio.file.Path;

/** A path as typed at the shell prompt: {@code ~/x} is under the home directory. */
final class Paths {

    private Paths() {}

    static Path local(String typed) {
        if (typed.equals("~") || typed.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + typed.substring(1));
        }
        return Path.of(typed);
    }
}
