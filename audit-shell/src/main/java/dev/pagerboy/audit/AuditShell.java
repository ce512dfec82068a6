package dev.pagerboy.audit;

import dev.pagerboy.cli.Cli;
import dev.pagerboy.cli.ExistingFile;
import dev.pagerboy.cli.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./pagerboy audit}: reads the command line (the only place that does), then starts the
 * Spring Shell in one of three modes: interactive (the default), one command ({@code -c}), or a
 * script ({@code --script FILE}). The last two exit 0 when every command succeeded and 1 when one
 * failed, so CI and cron can run audits.
 */
@Command(
        name = "audit",
        description = {
            "The auditors' shell: SQL over the Parquet archive, reports.",
            "",
            "Examples:",
            "  ./pagerboy audit --archive .pagerboy/demo/archive",
            "  ./pagerboy audit --archive pagerboy-archive -c 'archive info'",
            "  ./pagerboy audit --archive pagerboy-archive -c 'sql \"SELECT kind, count(*) FROM"
                    + " archive GROUP BY kind\"'",
            "  ./pagerboy audit --archive pagerboy-archive --script nightly.audit"
        },
        sortOptions = false)
public final class AuditShell implements Callable<Integer> {

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

    public static void main(String[] args) {
        Cli.main(new AuditShell(), args);
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
        Mode mode =
                script != null ? Mode.SCRIPT : command != null ? Mode.COMMAND : Mode.INTERACTIVE;
        String[] shellArgs =
                switch (mode) {
                    case INTERACTIVE -> new String[0];
                    case COMMAND -> new String[] {command};
                    case SCRIPT -> new String[] {"@" + script.toAbsolutePath()};
                };
        return run(settings, mode, shellArgs);
    }

    private static int run(AuditSettings settings, Mode mode, String[] shellArgs) {
        SpringApplication app = new SpringApplication(AuditShellApplication.class);
        app.setBannerMode(Banner.Mode.OFF);
        app.setLogStartupInfo(false);
        app.setDefaultProperties(properties(mode));
        app.addInitializers(
                ctx -> ctx.getBeanFactory().registerSingleton("auditSettings", settings));
        try (ConfigurableApplicationContext ctx = app.run(shellArgs)) {
            return SpringApplication.exit(ctx);
        } catch (RuntimeException e) {
            // A failed command in -c or --script mode ends the run: the shell has printed its
            // message already; an exception here is only the exit status.
            if (settings.debug()) {
                e.printStackTrace();
            }
            return 1;
        }
    }

    private static Map<String, Object> properties(Mode mode) {
        Map<String, Object> p = new HashMap<>();
        p.put("spring.main.web-application-type", "none");
        p.put("logging.level.root", "warn");
        // The shell prints its own one-line errors; Boot would log the exit-status exception of a
        // failed -c/--script command again with a stack trace. A dumb terminal (no tty, e.g. in
        // scripts) is expected, not worth a warning.
        p.put("logging.level.org.springframework.boot.SpringApplication", "off");
        p.put("logging.level.org.jline", "error");
        // Spring Shell 3.4 turns these off unless asked (STACK.md pitfall 10).
        p.put("spring.shell.interactive.enabled", mode == Mode.INTERACTIVE);
        p.put("spring.shell.noninteractive.enabled", mode == Mode.COMMAND);
        p.put("spring.shell.script.enabled", mode == Mode.SCRIPT);
        p.put(
                "spring.shell.history.name",
                Path.of(System.getProperty("user.home"), ".pagerboy", "audit-history").toString());
        return p;
    }

    /** How the shell reads its commands. */
    enum Mode {
        INTERACTIVE,
        COMMAND,
        SCRIPT
    }
}
