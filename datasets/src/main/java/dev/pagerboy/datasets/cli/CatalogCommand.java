package dev.pagerboy.datasets.cli;

import dev.pagerboy.cli.UsageException;
import dev.pagerboy.datasets.rules.RuleCatalog;
import dev.pagerboy.datasets.rules.RuleCollections;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code catalog}: rebuilds the bundled rule catalog from the raw rule collections. */
@Command(
        name = "catalog",
        description = "Rebuild the bundled rule catalog from the raw rule collections.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./pagerboy datasets catalog",
            "  ./pagerboy datasets catalog --raw ../shared/datasets-raw --out /tmp/catalog.tsv"
        })
final class CatalogCommand implements Callable<Integer> {

    @Option(
            names = "--raw",
            paramLabel = "DIR",
            description = "The raw data sets (default: ../shared/datasets-raw).")
    Path raw;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Where to write the catalog (default: the bundled resource).")
    Path file;

    private final Path root;
    private final PrintStream out;

    CatalogCommand(Path root, PrintStream out) {
        this.root = root;
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        return DatasetsCli.work(this::catalog);
    }

    private int catalog() {
        Path raw = this.raw != null ? this.raw : DatasetsCli.defaultRaw(root);
        Path file =
                this.file != null
                        ? this.file
                        : root.resolve("datasets/src/main/resources" + RuleCatalog.RESOURCE);
        if (!Files.isDirectory(raw)) {
            throw new UsageException("--raw: no such directory: " + raw);
        }
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
