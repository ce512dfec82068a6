package dev.pagerboy.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * How every {@code ./pagerboy} command parses, reports and exits, so the eight entry points behave
 * alike: picocli parses from the command's own annotations (which also print its help), and
 *
 * <ul>
 *   <li>a bad command line prints one line naming the flag, plus where to find the usage, and exits
 *       {@link ExitStatus#USAGE};
 *   <li>a {@link UsageException} thrown while running (a missing file, a bad key) prints its one
 *       line and exits {@link ExitStatus#USAGE};
 *   <li>a {@link CommandFailure} prints its one line and exits with its status;
 *   <li>anything else prints one line and exits {@link ExitStatus#FAILED};
 * </ul>
 *
 * and no stack trace is printed unless {@code --debug} is on the command line. Every command gets
 * {@code -h/--help} and {@code --debug} here, so no command class declares them.
 */
public final class Cli {

    /** Help lines are wrapped here: wide enough for an example command on one line. */
    private static final int HELP_WIDTH = 100;

    private Cli() {}

    /** Parses {@code args} for {@code command}, runs it, and exits the JVM with its status. */
    public static void main(Object command, String[] args) {
        int status = run(command, args, System.out, System.err);
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }

    /** Parses {@code args} for {@code command} and runs it; returns the exit status. */
    public static int run(Object command, String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = commandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        try {
            return cli.execute(args);
        } finally {
            cli.getOut().flush();
            cli.getErr().flush();
        }
    }

    /**
     * The configured picocli tree for {@code command}, with the help and debug options, the shared
     * converters and the error handling added to every subcommand. Also used to build the
     * completion script from the same declarations.
     */
    public static CommandLine commandLine(Object command) {
        CommandLine cli = command instanceof CommandLine c ? c : new CommandLine(command);
        // Usage lines and messages name the command as it is typed: "pagerboy vm run".
        if (!cli.getCommandName().startsWith("pagerboy")) {
            cli.setCommandName("pagerboy " + cli.getCommandName());
        }
        configure(cli);
        cli.setParameterExceptionHandler(Cli::badCommandLine);
        cli.setExecutionExceptionHandler(
                (e, failed, parseResult) -> failed(e, failed, debug(parseResult)));
        cli.setUsageHelpWidth(HELP_WIDTH);
        cli.setUsageHelpLongOptionsMaxWidth(30);
        cli.registerConverter(Path.class, new PathConverter());
        cli.registerConverter(URI.class, new UriConverter());
        return cli;
    }

    private static void configure(CommandLine cli) {
        CommandSpec spec = cli.getCommandSpec();
        if (spec.findOption("--help") == null) {
            spec.addOption(
                    OptionSpec.builder("-h", "--help")
                            .usageHelp(true)
                            .description("Show this help and exit.")
                            .build());
        }
        if (spec.findOption("--debug") == null) {
            spec.addOption(
                    OptionSpec.builder("--debug")
                            .description("Print the stack trace of a failure.")
                            .build());
        }
        if (!spec.subcommands().isEmpty() && !spec.subcommands().containsKey("help")) {
            cli.addSubcommand("help", new CommandLine.HelpCommand());
        }
        for (CommandLine sub : spec.subcommands().values()) {
            if (sub.getCommand() instanceof CommandLine.HelpCommand) {
                continue;
            }
            configure(sub);
        }
    }

    /** The name users type for {@code spec}, e.g. {@code pagerboy vm run}. */
    public static String name(CommandSpec spec) {
        String qualified = spec.qualifiedName();
        return qualified.startsWith("pagerboy") ? qualified : "pagerboy " + qualified;
    }

    /** Whether {@code --debug} is on the command line that ran {@code spec}. */
    public static boolean debug(CommandSpec spec) {
        CommandLine root = spec.root().commandLine();
        return root != null && debug(root.getParseResult());
    }

    private static boolean debug(ParseResult result) {
        for (ParseResult p = result; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    private static int badCommandLine(ParameterException e, String[] args) {
        CommandLine where = e.getCommandLine();
        PrintWriter err = where.getErr();
        String name = name(where.getCommandSpec());
        err.println(name + ": " + reason(e));
        err.println("run './" + name + " --help' for usage");
        return ExitStatus.USAGE.code();
    }

    /**
     * The one-line reason for a bad command line. picocli checks required options before it reports
     * unknown ones; the unknown flag is the mistake the user made (often a typo of the required
     * one), so it is the one named.
     */
    public static String reason(ParameterException e) {
        CommandLine where = e.getCommandLine();
        List<String> unmatched = where.getUnmatchedArguments();
        if (e instanceof CommandLine.MissingParameterException && !unmatched.isEmpty()) {
            return new CommandLine.UnmatchedArgumentException(where, unmatched).getMessage();
        }
        return firstLine(e.getMessage());
    }

    private static int failed(Exception e, CommandLine where, boolean debug) {
        PrintWriter err = where.getErr();
        String name = name(where.getCommandSpec());
        int status;
        if (e instanceof UsageException) {
            status = ExitStatus.USAGE.code();
        } else if (e instanceof CommandFailure f) {
            status = f.status();
        } else {
            status = ExitStatus.FAILED.code();
        }
        String message =
                e instanceof UsageException || e instanceof CommandFailure
                        ? e.getMessage()
                        : describe(e);
        err.println(name + ": " + message);
        if (debug) {
            e.printStackTrace(err);
        } else if (!(e instanceof UsageException || e instanceof CommandFailure)) {
            err.println("(run with --debug for the stack trace)");
        }
        err.flush();
        return status;
    }

    /** One line for an unexpected exception: its message, or its type when it has none. */
    public static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return firstLine(
                message == null || message.isBlank() ? root.getClass().getSimpleName() : message);
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline).strip();
    }
}
