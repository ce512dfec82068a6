package dev.pagerboy.audit.commands;

import dev.pagerboy.audit.AuditException;
import dev.pagerboy.audit.render.BarChart;
import dev.pagerboy.audit.render.SvgBarChart;
import dev.pagerboy.audit.report.VolumeBar;
import dev.pagerboy.audit.report.VolumeDimension;
import dev.pagerboy.audit.report.VolumeReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.springframework.shell.standard.ShellCommandGroup;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

/** {@code report volume}: charts of what the archive holds, on the terminal or as HTML. */
@ShellComponent
@ShellCommandGroup("Reports")
public class ReportCommands {

    private final VolumeReport volume;

    public ReportCommands(VolumeReport volume) {
        this.volume = volume;
    }

    @ShellMethod(
            key = "report volume",
            value =
                    "Chart alerts and pages per event hour (UTC), or pages per route; --html FILE"
                            + " also writes the chart as an HTML page with an SVG."
                            + " Example: report volume --by route --html volume.html")
    public AttributedString volume(
            @ShellOption(
                            help = "hour or route",
                            defaultValue = "hour",
                            valueProvider = VolumeDimensionCompletion.class)
                    String by,
            @ShellOption(
                            help = "also write the chart to FILE as HTML",
                            defaultValue = ShellOption.NULL)
                    String html) {
        VolumeDimension dimension = VolumeDimension.parse(by);
        List<VolumeBar> bars = volume.volume(dimension);
        String title =
                dimension == VolumeDimension.HOUR
                        ? "Alerts received per event hour (UTC)"
                        : "Pages sent per route";
        AttributedStringBuilder out = new AttributedStringBuilder();
        out.append(BarChart.render(title, bars));
        if (html != null) {
            Path file = Paths.local(html).toAbsolutePath();
            try {
                Files.writeString(file, SvgBarChart.html(title, bars), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new AuditException("cannot write " + file + ": " + e.getMessage(), e);
            }
            out.append("wrote " + html + "\n");
        }
        return out.toAttributedString();
    }
}
