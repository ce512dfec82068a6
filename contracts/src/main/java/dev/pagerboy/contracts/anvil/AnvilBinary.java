package dev.pagerboy.contracts.anvil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Finds the native {@code anvil} executable that the npm package {@code @foundry-rs/anvil} installs
 * into {@code contracts/node_modules} (the Maven build runs {@code npm ci} for it).
 *
 * <p>The native binary is started directly rather than through the package's Node wrapper, which
 * would add a process layer between us and the node we have to kill.
 */
public final class AnvilBinary {

    /** System property naming the project root; set by surefire and by {@code ./pagerboy}. */
    public static final String ROOT_PROPERTY = "pagerboy.root";

    private AnvilBinary() {}

    /** The binary for this platform, or an {@link IllegalStateException} saying how to get it. */
    public static Path locate() {
        String relative = "node_modules/@foundry-rs/anvil-" + platform() + "/bin/anvil";
        String root = System.getProperty(ROOT_PROPERTY);
        if (root != null && !root.isBlank()) {
            Path candidate = Path.of(root, "contracts").resolve(relative);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate :
                    new Path[] {
                        dir.resolve("contracts").resolve(relative), dir.resolve(relative)
                    }) {
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException(
                "anvil binary not found ("
                        + relative
                        + " under the project's contracts/ folder). Build the contracts module"
                        + " once (mvn -pl contracts package) or run contracts/scripts/npm-ci-if-stale.sh;"
                        + " if the project root is elsewhere, set -D"
                        + ROOT_PROPERTY
                        + "=<root>.");
    }

    /** The npm platform suffix, e.g. {@code linux-amd64}. */
    static String platform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String npmOs = os.contains("mac") ? "darwin" : os.contains("win") ? "win32" : "linux";
        String npmArch = arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : "amd64";
        return npmOs + "-" + npmArch;
    }
}
