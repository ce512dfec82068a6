package dev.pagerboy.audit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.core.annotation.AliasFor;
import org.springframework.shell.test.autoconfigure.ShellTest;

/**
 * The audit shell as every shell test starts it: Spring Shell's test slice with the shell's own
 * commands scanned in and no history file written, on a test terminal of the given size (the
 * commands' tables are wide, so the default is wider than Spring Shell's 80 columns).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ShellTest(
        properties = "spring.shell.history.enabled=false",
        includeFilters =
                @ComponentScan.Filter(
                        type = FilterType.REGEX,
                        pattern = "dev\\.pagerboy\\.audit\\..*"))
@interface AuditShellTest {

    @AliasFor(annotation = ShellTest.class)
    int terminalWidth() default 250;

    @AliasFor(annotation = ShellTest.class)
    int terminalHeight() default 80;
}
