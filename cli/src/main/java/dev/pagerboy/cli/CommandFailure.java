package dev.pagerboy.cli;

/**
 * The command ran and failed in a way the user can act on from one line (a service unreachable, a
 * program out of cycles). {@link Cli} prints the message without a stack trace, unless {@code
 * --debug}, and exits with {@link #status()}.
 */
public class CommandFailure extends RuntimeException {

    private final ExitStatus status;

    public CommandFailure(String message) {
        this(ExitStatus.FAILED, message, null);
    }

    public CommandFailure(String message, Throwable cause) {
        this(ExitStatus.FAILED, message, cause);
    }

    public CommandFailure(ExitStatus status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status.code();
    }
}
