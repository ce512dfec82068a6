package dev.pagerboy.audit.render;

import java.awt.image.BufferedImage;

/** Reads {@link MttaChart}'s PNG back: how long a row's bars are, in pixels of their colour. */
public final class MttaChartPixels {

    private MttaChartPixels() {}

    /** Length of row {@code row}'s p50 bar. */
    public static int p50Length(BufferedImage image, int row) {
        return run(image, row, MttaChart.P50.getRGB());
    }

    /** Length of row {@code row}'s p90 bar (under the p50 bar: the p50 pixels count too). */
    public static int p90Length(BufferedImage image, int row) {
        return run(image, row, MttaChart.P90.getRGB()) + p50Length(image, row);
    }

    /** Pixels of {@code rgb} on the middle line of the row's bars, from the bars' left edge on. */
    private static int run(BufferedImage image, int row, int rgb) {
        int y = MttaChart.barTop(row) + MttaChart.BAR_HEIGHT / 2;
        int count = 0;
        for (int x = MttaChart.LABEL_WIDTH; x < MttaChart.LABEL_WIDTH + MttaChart.BAR_WIDTH; x++) {
            if ((image.getRGB(x, y) | 0xff000000) == (rgb | 0xff000000)) {
                count++;
            }
        }
        return count;
    }
}
