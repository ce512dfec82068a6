package dev.pagerboy.audit.render;

import dev.pagerboy.audit.archive.ArchiveSummary;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/** How {@code archive info} looks on the screen. */
public final class ArchiveSummaryView {

    private ArchiveSummaryView() {}

    public static AttributedString render(ArchiveSummary s) {
        AttributedStringBuilder out = new AttributedStringBuilder();
        field(out, "archive", s.dir().toString());
        field(
                out,
                "files",
                s.files()
                        + " committed Parquet file"
                        + (s.files() == 1 ? "" : "s")
                        + ", "
                        + Sizes.bytes(s.bytes()));
        field(
                out,
                "schema",
                (s.schemaVersions().size() == 1 ? "version " : "versions ")
                        + s.schemaVersions().stream()
                                .map(String::valueOf)
                                .collect(Collectors.joining(", ")));
        field(
                out,
                "stretch",
                s.first() == null
                        ? "(no rows)"
                        : s.first()
                                + " .. "
                                + s.last()
                                + " ("
                                + Sizes.duration(Duration.between(s.first(), s.last()))
                                + ")");
        field(out, "rows", Long.toString(s.rows()));
        out.append('\n');
        TextTable kinds = new TextTable(List.of("kind", "rows"));
        for (Map.Entry<String, Long> e : s.rowsByKind().entrySet()) {
            kinds.row(List.of(e.getKey(), e.getValue()));
        }
        out.append(kinds.render());
        return out.toAttributedString();
    }

    private static void field(AttributedStringBuilder out, String name, String value) {
        out.style(AttributedStyle.BOLD).append(String.format("%-9s", name));
        out.style(AttributedStyle.DEFAULT).append(value).append('\n');
    }
}
