package dev.pagerboy.audit.commands;

import dev.pagerboy.audit.AuditException;
import dev.pagerboy.audit.AuditSettings;
import dev.pagerboy.audit.archive.ArchiveSession;
import dev.pagerboy.audit.replay.ReplayProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jline.terminal.Terminal;
import org.springframework.shell.standard.ShellCommandGroup;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;
import org.springframework.shell.standard.ShellOption;

/**
 * {@code replay verify}, {@code replay incident ID} and {@code whatif}: the replay module's
 * commands on the open archive, run by {@link ReplayProcess} in their own JVM, their output and
 * progress bar shown as they come. The shell adds what it knows (the archive, the job's config) and
 * turns replay's exit status into its own.
 */
@ShellComponent
@ShellCommandGroup("Replay")
public class ReplayCommands {

    /** The help of each command's {@code --out}: replay's own default, which the shell keeps. */
    private static final String OUT_HELP =
            "where the replay writes its archive (default: the next free pagerboy-replay/run-N)";

    private final ArchiveSession session;
    private final AuditSettings settings;
    private final ReplayProcess replay;
    private final Terminal terminal;

    public ReplayCommands(
            ArchiveSession session,
            AuditSettings settings,
            ReplayProcess replay,
            Terminal terminal) {
        this.session = session;
        this.settings = settings;
        this.replay = replay;
        this.terminal = terminal;
    }

    @ShellMethod(
            key = "replay verify",
            value =
                    "Replay the archive's inputs through the pipeline under the job's config"
                            + " (--config of the shell) and compare with the archived decisions;"
                            + " fails if they differ. Example: replay verify --from"
                            + " 2026-12-01T10:00:00Z")
    public String verify(
            @ShellOption(
                            help = "start of the compared stretch (RFC 3339)",
                            defaultValue = ShellOption.NULL)
                    String from,
            @ShellOption(
                            help = "end of the compared stretch (RFC 3339, exclusive)",
                            defaultValue = ShellOption.NULL)
                    String to,
            @ShellOption(help = OUT_HELP, defaultValue = ShellOption.NULL) String out) {
        List<String> args = archiveAndConfig(jobConfig("replay verify"));
        args.add("--verify");
        stretch(args, from, to);
        return runReplay(
                args,
                out,
                "replay verify: the replay differs from the archive (the differences are above)");
    }

    @ShellMethod(
            key = "replay incident",
            value =
                    "Tell one incident's story (inputs, decisions, pages, escalations, acks,"
                            + " receipts), checked by replaying the keys it touched. Example:"
                            + " replay incident 9f86d081884c7d65-1764583200000")
    public String incident(
            @ShellOption(help = "the incident id (incident list shows them)") String id,
            @ShellOption(
                            help = "also write the story to FILE as HTML",
                            defaultValue = ShellOption.NULL)
                    String html,
            @ShellOption(help = OUT_HELP, defaultValue = ShellOption.NULL) String out) {
        List<String> args = new ArrayList<>(List.of("incident", id));
        args.addAll(archiveAndConfig(jobConfig("replay incident")));
        option(args, "--html", path(html));
        return runReplay(
                args,
                out,
                "replay incident: the replay of incident " + id + " differs from the archive");
    }

    @ShellMethod(
            key = "whatif",
            value =
                    "What would a new config (or handler ROM) have paged over the archive's"
                            + " history: pages added, removed and changed per receiver, route and"
                            + " engineer, incidents escalated further or less. Example: whatif"
                            + " --config new.yaml --html whatif.html")
    public String whatif(
            @ShellOption(help = "the pagerboy.yaml to replay under") String config,
            @ShellOption(
                            help = "replay ROUTE with this handler ROM instead: ROUTE=ROM",
                            defaultValue = ShellOption.NULL)
                    String handler,
            @ShellOption(
                            help = "start of the reported stretch (RFC 3339)",
                            defaultValue = ShellOption.NULL)
                    String from,
            @ShellOption(
                            help = "end of the reported stretch (RFC 3339, exclusive)",
                            defaultValue = ShellOption.NULL)
                    String to,
            @ShellOption(
                            help = "also write the report to FILE as HTML with charts",
                            defaultValue = ShellOption.NULL)
                    String html,
            @ShellOption(help = "print the report as JSON", defaultValue = "false") boolean json,
            @ShellOption(help = OUT_HELP, defaultValue = ShellOption.NULL) String out) {
        List<String> args = archiveAndConfig(path(config));
        if (handler != null) {
            int eq = handler.lastIndexOf('=');
            if (eq <= 0 || eq == handler.length() - 1) {
                throw new AuditException(
                        "--handler "
                                + handler
                                + ": expected ROUTE=ROM (a route id and a ROM file)");
            }
            args.add("--handler");
            args.add(handler.substring(0, eq + 1) + path(handler.substring(eq + 1)));
        }
        stretch(args, from, to);
        option(args, "--html", path(html));
        if (json) {
            args.add("--json");
        }
        return runReplay(args, out, "whatif: the replay failed");
    }

    /** The job's config the archive was written under, which verify and incident replay under. */
    private Path jobConfig(String command) {
        if (settings.config() == null) {
            throw new AuditException(
                    command
                            + " replays under the job's config: start the shell with --config"
                            + " pagerboy.yaml");
        }
        return settings.config().toAbsolutePath();
    }

    private List<String> archiveAndConfig(Path config) {
        List<String> args = new ArrayList<>();
        args.add("--archive");
        args.add(session.database().dir().toAbsolutePath().toString());
        args.add("--config");
        args.add(config.toString());
        return args;
    }

    private static void stretch(List<String> args, String from, String to) {
        option(args, "--from", from);
        option(args, "--to", to);
    }

    private static void option(List<String> args, String name, Object value) {
        if (value != null) {
            args.add(name);
            args.add(value.toString());
        }
    }

    private static Path path(String typed) {
        return typed == null ? null : Paths.local(typed).toAbsolutePath();
    }

    /**
     * Runs {@code ./pagerboy replay ARGS --out OUT} in its own JVM, its output on the terminal, and
     * turns how it ended into the shell command's outcome: nothing more to print when it is done,
     * otherwise an error, {@code differs} when replay found a difference or failed.
     */
    private String runReplay(List<String> args, String out, String differs) {
        option(args, "--out", path(out));
        return switch (replay.run(args, terminal.writer())) {
            case DONE -> null;
            case DIFFERS_OR_FAILED -> throw new AuditException(differs);
            case REFUSED ->
                    throw new AuditException("replay refused the request (its message is above)");
            case STOPPED -> throw new AuditException(ReplayProcess.STOPPED_MESSAGE);
        };
    }
}
