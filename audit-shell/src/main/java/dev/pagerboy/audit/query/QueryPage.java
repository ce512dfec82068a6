package dev.pagerboy.audit.query;

import java.util.List;

/**
 * One page of a query's result, as the {@code sql} command shows it.
 *
 * @param columns the result's column names
 * @param rows the page's rows, values as {@link Cells} converts them
 * @param first the 1-based number of the page's first row in the whole result
 * @param total how many rows the whole result has
 */
public record QueryPage(List<String> columns, List<List<Object>> rows, long first, long total) {

    /** Whether rows follow this page. */
    public boolean more() {
        return first - 1 + rows.size() < total;
    }
}
