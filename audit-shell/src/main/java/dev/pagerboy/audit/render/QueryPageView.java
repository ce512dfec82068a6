package dev.pagerboy.audit.render;

import dev.pagerboy.audit.query.QueryPage;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/** How a page of an {@code sql} result looks: the table, then which rows of how many. */
public final class QueryPageView {

    private QueryPageView() {}

    public static AttributedString render(QueryPage page) {
        TextTable table = new TextTable(page.columns());
        page.rows().forEach(table::row);
        AttributedStringBuilder out = new AttributedStringBuilder();
        out.append(table.render());
        out.style(AttributedStyle.DEFAULT.faint());
        if (page.total() == 0) {
            out.append("(no rows)\n");
        } else if (page.rows().isEmpty()) {
            out.append("(" + page.total() + " rows; this page is past the end)\n");
        } else {
            long last = page.first() - 1 + page.rows().size();
            out.append(
                    "("
                            + (page.first() == 1 && !page.more()
                                    ? page.total() + (page.total() == 1 ? " row" : " rows")
                                    : "rows " + page.first() + "-" + last + " of " + page.total())
                            + (page.more() ? "; next: --page " + nextPage(page) : "")
                            + ")\n");
        }
        return out.toAttributedString();
    }

    private static long nextPage(QueryPage page) {
        return (page.first() - 1) / page.rows().size() + 2;
    }
}
