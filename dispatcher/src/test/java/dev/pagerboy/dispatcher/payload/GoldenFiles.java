package dev.pagerboy.dispatcher.payload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares a rendered payload with {@code src/test/resources/golden/NAME}. Run with {@code
 * -Dgolden.update=true} to (re)write the files after a deliberate change, then review the diff.
 */
final class GoldenFiles {

    private GoldenFiles() {}

    static void assertMatches(String name, String actual) throws IOException {
        Path file =
                Path.of(System.getProperty("pagerboy.root", ".."))
                        .resolve("dispatcher/src/test/resources/golden")
                        .resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(file).as("golden file %s (write it with -Dgolden.update=true)", file).exists();
        assertThat(actual).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }
}
