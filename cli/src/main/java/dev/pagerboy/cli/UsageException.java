package dev.pagerboy.cli;

/**
 * What the user asked for cannot be done as asked: a file that does not exist, a key that is not a
 * key, a value no flag accepts. Found while the command runs (after parsing); {@link Cli} prints
 * the message as one line and exits with {@link ExitStatus#USAGE}. The message names what is wrong,
 * e.g. {@code --key: no such file: /tmp/dev.key}.
 */
public class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
