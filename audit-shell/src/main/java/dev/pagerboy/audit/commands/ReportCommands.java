package dev.pagerboy.audit.commands;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.pagerboy.audit.AuditException;
import dev.pagerboy.audit.render.BarChart;
import dev.pagerboy.audit.render.MttaChart;
import dev.pagerboy.audit.render.MttaView;
import dev.pagerboy.audit.render.SvgBarChart;
import dev.pagerboy.audit.report.MttaDimension;
import dev.pagerboy.audit.report.MttaGroup;
import dev.pagerboy.audit.report.MttaReport;
import dev.pagerboy.audit.report.VolumeBar;
import dev.pagerboy.audit.report.VolumeDimension;
import dev.pagerboy.audit.report.VolumeReport;
import dev.pagerboy.audit.verify.AckSelection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.springframework.shell.standard.ShellCommandGroup;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

/**
 * {@code report volume} and {@code report mtta}: charts of what the archive holds, on the terminal
 * or as HTML.
 */
@ShellComponent
@ShellCommandGroup("Reports")
public class ReportCommands {

    private final VolumeReport volume;
    private final MttaReport mtta;

    public ReportCommands(VolumeReport volume, MttaReport mtta) {
        this.volume = volume;
        this.mtta = mtta;
    }

    @ShellMethod(
            key = "report mtta",
            value =
                    "Time to acknowledge by team (needs --config), route or engineer: mean,"
                            + " p50/p90/p99 and the share acknowledged before escalation;"
                            + " --html FILE or --png FILE also write the chart to a file."
                            + " Example: report mtta --by route --since 2026-12-01 --png mtta.png")
    public AttributedString mtta(
            @ShellOption(
                            help = "team, route or engineer",
                            defaultValue = "route",
                            valueProvider = MttaDimensionCompletion.class)
                    String by,
            @ShellOption(
                            help = "only incidents opened at or after T (2026-12-01T10:00:00Z)",
                            defaultValue = ShellOption.NULL)
                    String since,
            @ShellOption(
                            help = "also write the chart and figures to FILE as HTML (inline SVG)",
                            defaultValue = ShellOption.NULL)
                    String html,
            @ShellOption(
                            help = "also write the chart to FILE as a PNG image",
                            defaultValue = ShellOption.NULL)
                    String png) {
        MttaDimension dimension = MttaDimension.parse(by);
        long from = since == null ? Long.MIN_VALUE : AckSelection.instant(since);
        List<MttaGroup> groups = mtta.by(dimension, from);
        AttributedStringBuilder out = new AttributedStringBuilder();
        out.append(MttaView.render(dimension, groups));
        if (html != null) {
            Path file = Paths.local(html).toAbsolutePath();
            write(file, () -> Files.writeString(file, MttaChart.html(dimension, groups), UTF_8));
            out.append("wrote " + html + "\n");
        }
        if (png != null) {
            Path file = Paths.local(png).toAbsolutePath();
            write(
                    file,
                    () -> {
                        if (!ImageIO.write(
                                MttaChart.png(dimension, groups), "png", file.toFile())) {
                            throw new IOException("this JVM has no PNG writer");
                        }
                    });
            out.append("wrote " + png + "\n");
        }
        return out.toAttributedString();
    }

    /** Writing a report file; what can go wrong (a bad path, no fonts for a PNG) is one line. */
    private interface FileWrite {
        void run() throws IOException;
    }

    private static void write(Path file, FileWrite write) {
        try {
            write.run();
        } catch (IOException e) {
            throw new AuditException("cannot write " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException | LinkageError | InternalError e) {
            // Java2D without fonts or native libraries (a stripped-down JRE)
            throw new AuditException("cannot draw " + file + ": " + e, e);
        }
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
            write(file, () -> Files.writeString(file, SvgBarChart.html(title, bars), UTF_8));
            out.append("wrote " + html + "\n");
        }
        return out.toAttributedString();
    }
}
