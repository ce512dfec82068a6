package dev.pagerboy.audit;

import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.shell.boot.NonInteractiveShellRunnerCustomizer;
import org.springframework.shell.command.CommandExceptionResolver;
import org.springframework.shell.jline.PromptProvider;

/**
 * The Spring context of the audit shell: the command classes in {@code commands/}, the archive
 * session, and the shell's look (prompt, error lines). Started by {@link AuditShell}, which reads
 * the command line, and by the tests.
 */
@SpringBootApplication
public class AuditShellApplication {

    @Bean
    PromptProvider auditPrompt() {
        return () ->
                new AttributedString(
                        "audit> ", AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN));
    }

    /** {@code -c "archive info"} is one command line as typed, not one quoted word. */
    @Bean
    NonInteractiveShellRunnerCustomizer commandLineAsTyped() {
        return runner -> runner.setCommandsFromArgs(args -> List.of(String.join(" ", args)));
    }

    @Bean
    CommandExceptionResolver userErrors(AuditSettings settings) {
        return new UserErrorResolver(settings.debug());
    }
}
