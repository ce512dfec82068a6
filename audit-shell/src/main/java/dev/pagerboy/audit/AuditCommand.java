package dev.pagerboy.audit;

import dev.pagerboy.cli.Cli;
import dev.pagerboy.cli.ExistingFile;
import dev.pagerboy.cli.UsageException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./pagerboy audit}: reads the command line (the only place that does) and hands the shell's
 * settings to a {@link Launcher}, which starts the Spring Shell in one of three modes: interactive
 * (the default), one command ({@code -c}), or a script ({@code --script FILE}). The last two exit 0
 * when every command succeeded and 1 when one failed, so CI and cron can run audits.
 *
 * <p>Free of Spring on purpose: the {@code ./pagerboy} completion tree (tools) declares this class
 * without putting Spring on its class path; {@link AuditShell} is the launcher.
 */
@Command(
        name = "audit",
        description = {
            "The auditors' shell: SQL over the Parquet archive, incident timelines, acks verified"
                    + " against the chain, MTTA and volume reports.",
            "",
            "Examples:",
            "  ./pagerboy audit --archive .pagerboy/demo/archive",
            "  ./pagerboy audit --archive pagerboy-archive -c 'archive info'",
            "  ./pagerboy audit --archive pagerboy-archive -c 'sql \"SELECT kind, count(*) FROM"
                    + " archive GROUP BY kind\"'",
            "  ./pagerboy audit --archive pagerboy-archive --rpc http://127.0.0.1:8545 --contract"
                    + " 0x5fbdb2315678afecb367f032d93f642f64180aa3 -c 'ack verify --all'",
            "  ./pagerboy audit --archive pagerboy-archive --script nightly.audit"
        },
        sortOptions = false)
public final class AuditCommand implements Callable<Integer> {

    @Option(names = "--archive", paramLabel = "DIR", description = "The archive to audit.")
    Path archive;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "The pagerboy.yaml the audited job ran with.")
    Path config;

    @Option(names = "--rpc", paramLabel = "URL", description = "The chain's JSON-RPC endpoint.")
    String rpc;

    @Option(
            names = "--contract",
            paramLabel = "ADDR",
            description = "The AlertLedger contract address (with --rpc).")
    String contract;

    @Option(
            names = "--script",
            paramLabel = "FILE",
            description = "Run the commands in FILE (one a line, # comments) and exit.")
    Path script;

    @Option(
            names = "-c",
            paramLabel = "COMMAND",
            description = "Run one shell command and exit, e.g. -c 'archive info'.")
    String command;

    @Spec CommandSpec spec;

    private final Launcher launcher;

    /** Starts the shell once the command line is read. */
    @FunctionalInterface
    public interface Launcher {
        /** Runs the shell; returns the exit status. */
        int start(AuditSettings settings, ShellMode mode, String[] shellArgs);
    }

    /** A launcher for declaring the command only (help, completion): it cannot start a shell. */
    public static final Launcher DECLARATION_ONLY =
            (settings, mode, args) -> {
                throw new IllegalStateException("the audit shell is started by AuditShell.main");
            };

    public AuditCommand(Launcher launcher) {
        this.launcher = launcher;
    }

    /**
     * Parses {@code args} and runs, with the given streams (help and usage errors need no shell).
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run(new AuditCommand(DECLARATION_ONLY), args, out, err);
    }

    @Override
    public Integer call() {
        if (script != null && command != null) {
            throw new UsageException("--script and -c: give one of them, not both");
        }
        if ((rpc == null) != (contract == null)) {
            throw new UsageException(
                    (rpc == null ? "--contract needs --rpc URL" : "--rpc needs --contract ADDR")
                            + " (the chain and the AlertLedger address on it)");
        }
        if (script != null) {
            ExistingFile.require("--script", script);
        }
        if (config != null) {
            ExistingFile.require("--config", config);
        }
        if (archive != null && !Files.isDirectory(archive)) {
            throw new UsageException(
                    "--archive: no such directory: "
                            + archive.toAbsolutePath().normalize()
                            + " (pass the directory the job's --archive wrote, e.g."
                            + " .pagerboy/demo/archive)");
        }
        AuditSettings settings = new AuditSettings(archive, config, rpc, contract, Cli.debug(spec));
        ShellMode mode =
                script != null
                        ? ShellMode.SCRIPT
                        : command != null ? ShellMode.COMMAND : ShellMode.INTERACTIVE;
        String[] shellArgs =
                switch (mode) {
                    case INTERACTIVE -> new String[0];
                    case COMMAND -> new String[] {command};
                    case SCRIPT -> new String[] {"@" + script.toAbsolutePath()};
                };
        return launcher.start(settings, mode, shellArgs);
    }
}
