package dev.pagerboy.audit;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.springframework.shell.command.CommandExceptionResolver;
import org.springframework.shell.command.CommandHandlingResult;

/**
 * Turns a failed command into what the user sees: an {@link AuditException} becomes its one line,
 * anything else one line naming the exception; with {@code --debug} the stack trace follows. The
 * exit status is 1 either way, which is what {@code --script} and {@code -c} exit with.
 */
final class UserErrorResolver implements CommandExceptionResolver {

    private final boolean debug;

    UserErrorResolver(boolean debug) {
        this.debug = debug;
    }

    @Override
    public CommandHandlingResult resolve(Exception e) {
        Throwable user = e;
        while (user != null && !(user instanceof AuditException)) {
            user = user.getCause();
        }
        if (user instanceof FindingsException findings) {
            return CommandHandlingResult.of(findings.report().toAnsi(), 1);
        }
        String line =
                user != null
                        ? "error: " + user.getMessage()
                        : "error: "
                                + e.getClass().getSimpleName()
                                + ": "
                                + e.getMessage()
                                + " (run with --debug for the stack trace)";
        if (debug) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            line = line + "\n" + trace;
        }
        return CommandHandlingResult.of(line + "\n", 1);
    }
}
