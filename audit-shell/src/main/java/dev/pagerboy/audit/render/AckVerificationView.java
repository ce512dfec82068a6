package dev.pagerboy.audit.render;

import dev.pagerboy.audit.verify.AckCheck;
import dev.pagerboy.audit.verify.AckStatus;
import dev.pagerboy.audit.verify.AckVerification;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Draws an {@code ack verify} result: a table of the acknowledgments that are not verified (all of
 * them when {@code everyAck}), the counts, and the rates of the local check and of the contract's
 * view calls.
 */
public final class AckVerificationView {

    private AckVerificationView() {}

    public static AttributedString render(AckVerification v, boolean everyAck) {
        AttributedStringBuilder out = new AttributedStringBuilder();
        List<AckCheck> shown =
                v.checks().stream()
                        .filter(c -> everyAck || c.status() != AckStatus.VERIFIED)
                        .toList();
        if (!shown.isEmpty()) {
            TextTable table =
                    new TextTable(
                            List.of("status", "row", "incident", "engineer", "acked at", "why"),
                            400);
            for (AckCheck c : shown) {
                table.row(
                        List.of(
                                c.status().text(),
                                c.place(),
                                c.incidentId(),
                                c.engineer(),
                                c.ackedAtMillis() > 0
                                        ? Instant.ofEpochMilli(c.ackedAtMillis()).toString()
                                        : "",
                                c.reason()));
            }
            out.append(table.render());
        }
        long failed = v.count(AckStatus.FAILED);
        out.style(
                        failed > 0
                                ? AttributedStyle.BOLD.foreground(AttributedStyle.RED)
                                : AttributedStyle.BOLD.foreground(AttributedStyle.GREEN))
                .append(
                        String.format(
                                Locale.ROOT,
                                "%d ack%s: %d verified, %d failed, %d not anchored%n",
                                v.checks().size(),
                                v.checks().size() == 1 ? "" : "s",
                                v.count(AckStatus.VERIFIED),
                                failed,
                                v.count(AckStatus.NOT_ANCHORED)));
        out.style(AttributedStyle.DEFAULT);
        if (v.batches() > 0) {
            long checked = v.checks().size() - v.count(AckStatus.NOT_ANCHORED);
            out.append(
                    String.format(
                            Locale.ROOT,
                            "local check: %d leaves recomputed and proved in %.1f ms (%s acks/s);"
                                    + " roots of %d batch%s read from the chain in %.1f ms%n",
                            checked,
                            v.localNanos() / 1e6,
                            rate(checked, v.localNanos()),
                            v.batches(),
                            v.batches() == 1 ? "" : "es",
                            v.rootsNanos() / 1e6));
            out.append(
                    String.format(
                            Locale.ROOT,
                            "contract verify view: %d call%s in %.1f ms (%s calls/s)%n",
                            v.viewCalls(),
                            v.viewCalls() == 1 ? "" : "s",
                            v.viewNanos() / 1e6,
                            rate(v.viewCalls(), v.viewNanos())));
        }
        return out.toAttributedString();
    }

    private static String rate(long count, long nanos) {
        if (count == 0 || nanos <= 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%,.0f", count / (nanos / 1e9));
    }
}
