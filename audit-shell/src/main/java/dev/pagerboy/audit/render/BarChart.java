package dev.pagerboy.audit.render;

import dev.pagerboy.audit.report.VolumeBar;
import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * A horizontal bar chart drawn with JLine's styling: one line per bar, its label, a bar of block
 * characters scaled to the largest value, and the numbers. Bars have eighth-block ends so small
 * differences stay visible.
 */
public final class BarChart {

    /** Width of the longest bar, in characters. */
    public static final int WIDTH = 40;

    private static final String EIGHTHS = " ▏▎▍▌▋▊▉";

    private BarChart() {}

    public static AttributedString render(String title, List<VolumeBar> bars) {
        AttributedStringBuilder out = new AttributedStringBuilder();
        out.style(AttributedStyle.BOLD).append(title).append('\n');
        out.style(AttributedStyle.DEFAULT);
        if (bars.isEmpty()) {
            return out.append("(nothing to chart)\n").toAttributedString();
        }
        long max = bars.stream().mapToLong(VolumeBar::value).max().orElse(0);
        int labelWidth = bars.stream().mapToInt(b -> b.label().length()).max().orElse(0);
        for (VolumeBar bar : bars) {
            out.append(String.format("%-" + labelWidth + "s ", bar.label()));
            String drawn = bar(bar.value(), max);
            out.style(AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN)).append(drawn);
            out.style(AttributedStyle.DEFAULT)
                    .append(" ".repeat(WIDTH - drawn.length() + 1))
                    .append(
                            bar.alerts() >= 0
                                    ? bar.alerts() + " alerts, " + bar.pages() + " pages"
                                    : bar.pages() + " pages")
                    .append('\n');
        }
        return out.toAttributedString();
    }

    /** {@code value} of {@code max} as up to {@link #WIDTH} block characters. */
    static String bar(long value, long max) {
        if (max <= 0 || value <= 0) {
            return "";
        }
        long eighths = Math.max(1, Math.round((double) value * WIDTH * 8 / max));
        StringBuilder out = new StringBuilder("█".repeat((int) (eighths / 8)));
        if (eighths % 8 != 0) {
            out.append(EIGHTHS.charAt((int) (eighths % 8)));
        }
        return out.toString();
    }
}
