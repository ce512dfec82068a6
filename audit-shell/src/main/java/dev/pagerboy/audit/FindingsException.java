package dev.pagerboy.audit;

import org.jline.utils.AttributedString;

/**
 * A check that ran to the end and found something wrong ({@code ack verify}, {@code archive
 * verify}): the shell prints the whole report, not one error line, and the command's exit status is
 * 1 so that {@code -c} and {@code --script} runs fail in CI and cron.
 */
public class FindingsException extends AuditException {

    private final transient AttributedString report;

    public FindingsException(AttributedString report) {
        super(report.toString());
        this.report = report;
    }

    public AttributedString report() {
        return report;
    }
}
