package dev.pagerboy.datasets.cli;

import dev.pagerboy.datasets.rules.RuleCatalog;
import dev.pagerboy.datasets.rules.RuleCollections;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** {@code catalog}: rebuilds the bundled rule catalog from the raw rule collections. */
final class CatalogCommand {
    private final Path root;
    private final PrintStream out;

    CatalogCommand(Path root, PrintStream out) {
        this.root = root;
        this.out = out;
    }

    int run(List<String> args) {
        Options o = Options.parse(args, Set.of("--raw", "--out"), Set.of());
        Path raw = Path.of(o.text("--raw", DatasetsCli.defaultRaw(root).toString()));
        Path file =
                Path.of(
                        o.text(
                                "--out",
                                root.resolve("datasets/src/main/resources" + RuleCatalog.RESOURCE)
                                        .toString()));
        RuleCatalog catalog = RuleCollections.load(raw);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, catalog.toTsv(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        out.printf(
                "wrote %s: %d rules, %d teams, severity mix %s%n",
                file, catalog.size(), catalog.teams().size(), catalog.severityMix());
        return 0;
    }
}
