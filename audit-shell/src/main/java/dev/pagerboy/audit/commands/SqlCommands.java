package dev.pagerboy.audit.commands;

import dev.pagerboy.audit.archive.AuditView;
import dev.pagerboy.audit.query.ExportFormat;
import dev.pagerboy.audit.query.QueryPage;
import dev.pagerboy.audit.query.SqlConsole;
import dev.pagerboy.audit.render.QueryPageView;
import dev.pagerboy.audit.render.TextTable;
import java.util.List;
import org.jline.utils.AttributedString;
import org.springframework.shell.standard.ShellCommandGroup;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

/** {@code sql "SELECT ..."}: DuckDB over the open archive, and the views it comes with. */
@ShellComponent
@ShellCommandGroup("SQL")
public class SqlCommands {

    private final SqlConsole console;

    public SqlCommands(SqlConsole console) {
        this.console = console;
    }

    @ShellMethod(
            key = "sql",
            value =
                    "Run a DuckDB query over the open archive, shown a page at a time or written"
                            + " whole with --csv FILE / --json FILE; 'sql views' lists the views."
                            + " Example: sql \"SELECT kind, count(*) FROM archive GROUP BY kind\"")
    public AttributedString sql(
            @ShellOption(help = "the statement, in quotes", valueProvider = SqlCompletion.class)
                    String statement,
            @ShellOption(help = "page of the result to show", defaultValue = "1") int page,
            @ShellOption(value = "--page-size", help = "rows per page", defaultValue = "40")
                    int pageSize,
            @ShellOption(
                            help = "write the whole result as CSV to FILE",
                            defaultValue = ShellOption.NULL)
                    String csv,
            @ShellOption(
                            help = "write the whole result as JSON to FILE",
                            defaultValue = ShellOption.NULL)
                    String json) {
        if (csv != null || json != null) {
            ExportFormat format = csv != null ? ExportFormat.CSV : ExportFormat.JSON;
            String file = csv != null ? csv : json;
            long rows = console.export(statement, Paths.local(file), format);
            return new AttributedString(
                    "wrote " + rows + " row" + (rows == 1 ? "" : "s") + " to " + file + "\n");
        }
        QueryPage result = console.page(statement, page, pageSize);
        return QueryPageView.render(result);
    }

    @ShellMethod(
            key = "sql views",
            value = "List the views sql can query, and what each holds. Example: sql views")
    public AttributedString views() {
        TextTable table = new TextTable(List.of("view", "holds"), 200);
        for (AuditView view : AuditView.values()) {
            table.row(List.of(view.viewName(), view.description()));
        }
        return table.render();
    }
}
