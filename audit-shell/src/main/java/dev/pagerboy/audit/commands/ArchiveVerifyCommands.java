package dev.pagerboy.audit.commands;

import dev.pagerboy.audit.AuditException;
import dev.pagerboy.audit.FindingsException;
import dev.pagerboy.audit.render.ArchiveVerificationView;
import dev.pagerboy.audit.verify.ArchiveVerification;
import dev.pagerboy.audit.verify.ArchiveVerifier;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.jline.utils.AttributedString;
import org.springframework.shell.standard.ShellCommandGroup;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

/**
 * {@code archive verify}: the archive's event hours against the roots the job sealed and anchored.
 */
@ShellComponent
@ShellCommandGroup("Archive")
public class ArchiveVerifyCommands {

    private static final long HOUR = 3_600_000L;

    private final ArchiveVerifier verifier;

    public ArchiveVerifyCommands(ArchiveVerifier verifier) {
        this.verifier = verifier;
    }

    @ShellMethod(
            key = "archive verify",
            value =
                    "Recompute each event hour's Merkle root from its rows and check it against"
                            + " the archive_root rows and the chain; names every edited, deleted,"
                            + " inserted, duplicated or misplaced row; exit status 1 if one hour"
                            + " fails. Examples: archive verify --all;"
                            + " archive verify --hour 2021-05-21T10:00:00Z")
    public AttributedString verify(
            @ShellOption(
                            help = "one event hour: 2021-05-21T10:00:00Z or 2021-05-21T10",
                            defaultValue = ShellOption.NULL)
                    String hour,
            @ShellOption(help = "every hour in the archive", defaultValue = "false") boolean all) {
        if ((hour == null) == !all) {
            throw new AuditException(
                    "archive verify: give --hour H or --all (e.g. archive verify --all)");
        }
        Long start = hour == null ? null : hourStart(hour);
        ArchiveVerification result = verifier.verify(start);
        AttributedString report = ArchiveVerificationView.render(result, start != null);
        if (!result.clean()) {
            throw new FindingsException(report);
        }
        return report;
    }

    private static long hourStart(String text) {
        String t = text.trim();
        try {
            Instant at = Instant.parse(t.length() == 13 ? t + ":00:00Z" : t);
            return Math.floorDiv(at.toEpochMilli(), HOUR) * HOUR;
        } catch (DateTimeParseException e) {
            throw new AuditException(
                    "archive verify: --hour "
                            + text
                            + " is not an hour (expected 2021-05-21T10:00:00Z or 2021-05-21T10)");
        }
    }
}
