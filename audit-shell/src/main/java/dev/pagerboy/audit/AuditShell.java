package dev.pagerboy.audit;

import dev.pagerboy.cli.Cli;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The {@code ./pagerboy audit} entry point: {@link AuditCommand} reads the command line, this class
 * starts the Spring Shell with the settings it read, in the mode it chose.
 */
public final class AuditShell {

    private AuditShell() {}

    public static void main(String[] args) {
        Cli.main(new AuditCommand(AuditShell::run), args);
    }

    static int run(AuditSettings settings, ShellMode mode, String[] shellArgs) {
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

    private static Map<String, Object> properties(ShellMode mode) {
        Map<String, Object> p = new HashMap<>();
        p.put("spring.main.web-application-type", "none");
        p.put("logging.level.root", "warn");
        // The shell prints its own one-line errors; Boot would log the exit-status exception of a
        // failed -c/--script command again with a stack trace. A dumb terminal (no tty, e.g. in
        // scripts) is expected, not worth a warning.
        p.put("logging.level.org.springframework.boot.SpringApplication", "off");
        p.put("logging.level.org.jline", "error");
        // Spring Shell 3.4 turns these off unless asked (STACK.md pitfall 10).
        p.put("spring.shell.interactive.enabled", mode == ShellMode.INTERACTIVE);
        p.put("spring.shell.noninteractive.enabled", mode == ShellMode.COMMAND);
        p.put("spring.shell.script.enabled", mode == ShellMode.SCRIPT);
        p.put(
                "spring.shell.history.name",
                Path.of(System.getProperty("user.home"), ".pagerboy", "audit-history").toString());
        return p;
    }
}
