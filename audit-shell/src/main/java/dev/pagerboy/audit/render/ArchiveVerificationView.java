package dev.pagerboy.audit.render;

import dev.pagerboy.audit.verify.ArchiveVerification;
import dev.pagerboy.audit.verify.HourFinding;
import dev.pagerboy.audit.verify.HourVerdict;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Draws an {@code archive verify} result: one table line per finding (hour, what, row, file, why),
 * the hours as a table when one hour was asked for, then the counts and where the roots were
 * checked.
 */
public final class ArchiveVerificationView {

    private ArchiveVerificationView() {}

    public static AttributedString render(ArchiveVerification v, boolean everyHour) {
        AttributedStringBuilder out = new AttributedStringBuilder();
        if (everyHour) {
            TextTable hours =
                    new TextTable(
                            List.of("hour", "status", "rows", "generations", "on chain"), 200);
            for (HourVerdict h : v.hours()) {
                hours.row(
                        List.of(
                                Instant.ofEpochMilli(h.hourStart()).toString(),
                                h.status().text(),
                                Long.toString(h.rows()),
                                Integer.toString(h.generations()),
                                v.chainChecked() ? Integer.toString(h.onChain()) : "-"));
            }
            out.append(hours.render());
        }
        TextTable findings = new TextTable(List.of("hour", "what", "row", "file", "why"), 400);
        long count = 0;
        for (HourVerdict h : v.hours()) {
            for (HourFinding f : h.findings()) {
                findings.row(
                        List.of(
                                Instant.ofEpochMilli(h.hourStart()).toString(),
                                f.what().text(),
                                f.rowId(),
                                f.file(),
                                f.detail()));
                count++;
            }
        }
        if (count > 0) {
            out.append(findings.render());
        }
        long failed = v.count(HourVerdict.Status.FAILED);
        long rows = v.hours().stream().mapToLong(HourVerdict::rows).sum();
        long generations = v.hours().stream().mapToLong(HourVerdict::generations).sum();
        long onChain = v.hours().stream().mapToLong(HourVerdict::onChain).sum();
        out.style(
                        failed > 0
                                ? AttributedStyle.BOLD.foreground(AttributedStyle.RED)
                                : AttributedStyle.BOLD.foreground(AttributedStyle.GREEN))
                .append(
                        String.format(
                                Locale.ROOT,
                                "%d hour%s: %d verified, %d failed, %d not sealed;"
                                        + " %d rows under %d root%s%n",
                                v.hours().size(),
                                v.hours().size() == 1 ? "" : "s",
                                v.count(HourVerdict.Status.VERIFIED),
                                failed,
                                v.count(HourVerdict.Status.NOT_SEALED),
                                rows,
                                generations,
                                generations == 1 ? "" : "s"));
        out.style(AttributedStyle.DEFAULT);
        out.append(
                v.chainChecked()
                        ? String.format(
                                Locale.ROOT,
                                "chain: %d of %d roots match the chain (%s)%n",
                                onChain,
                                generations,
                                v.chain())
                        : "chain: " + v.chain() + "\n");
        return out.toAttributedString();
    }
}
