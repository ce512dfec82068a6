package dev.pagerboy.audit.render;

import java.util.ArrayList;
import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * The one way the shell draws a table: a bold header, a rule, then one line per row, each column as
 * wide as its widest cell up to {@link #MAX_CELL} characters (longer cells, such as a row's {@code
 * payload_json}, end in {@code …}; {@code --csv}/{@code --json} keep them whole). Numbers are
 * right-aligned.
 */
public final class TextTable {

    /** Longest cell shown; the full value is in the CSV or JSON output. */
    public static final int MAX_CELL = 48;

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();
    private final boolean[] numeric;

    private final int maxCell;

    public TextTable(List<String> headers) {
        this(headers, MAX_CELL);
    }

    /** A table whose cells are clipped at {@code maxCell} characters (for prose columns). */
    public TextTable(List<String> headers, int maxCell) {
        this.maxCell = maxCell;
        this.headers = List.copyOf(headers);
        this.numeric = new boolean[headers.size()];
        java.util.Arrays.fill(numeric, true);
    }

    /** Adds a row; {@code null} cells show as {@code NULL}. */
    public TextTable row(List<?> cells) {
        List<String> texts = new ArrayList<>(cells.size());
        for (int i = 0; i < cells.size(); i++) {
            Object cell = cells.get(i);
            texts.add(cell == null ? "NULL" : clip(cell.toString(), maxCell));
            if (!(cell instanceof Number) && cell != null) {
                numeric[i] = false;
            }
        }
        rows.add(texts);
        return this;
    }

    public AttributedString render() {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        AttributedStringBuilder out = new AttributedStringBuilder();
        out.style(AttributedStyle.BOLD);
        line(out, headers, widths);
        out.style(AttributedStyle.DEFAULT);
        for (int i = 0; i < widths.length; i++) {
            out.append(i == 0 ? "" : "  ").append("-".repeat(widths[i]));
        }
        out.append('\n');
        for (List<String> row : rows) {
            line(out, row, widths);
        }
        return out.toAttributedString();
    }

    private void line(AttributedStringBuilder out, List<String> cells, int[] widths) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            String pad = " ".repeat(widths[i] - cell.length());
            text.append(i == 0 ? "" : "  ");
            boolean right = numeric[i] && !rows.isEmpty() && cells != headers;
            text.append(right ? pad + cell : cell + (i == cells.size() - 1 ? "" : pad));
        }
        out.append(text.toString().stripTrailing()).append('\n');
    }

    private static String clip(String text, int maxCell) {
        String oneLine = text.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
        return oneLine.length() <= maxCell ? oneLine : oneLine.substring(0, maxCell - 1) + "…";
    }
}
