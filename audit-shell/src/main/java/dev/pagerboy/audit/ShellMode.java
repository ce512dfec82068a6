package dev.pagerboy.audit;

/** How the audit shell reads its commands. */
public enum ShellMode {
    /** From the terminal, with completion and history. */
    INTERACTIVE,
    /** One command from {@code -c}, then exit. */
    COMMAND,
    /** The lines of {@code --script FILE}, then exit. */
    SCRIPT
}
