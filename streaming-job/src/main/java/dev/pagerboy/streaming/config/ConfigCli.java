package dev.pagerboy.streaming.config;

import dev.pagerboy.cli.Cli;
import dev.pagerboy.streaming.routing.MatchedRoute;
import dev.pagerboy.streaming.routing.Matcher;
import dev.pagerboy.streaming.routing.RouteTree;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./pagerboy config}: checks a configuration and tests its routes without running the job,
 * as {@code amtool check-config} and {@code amtool config routes test} do for Alertmanager, so
 * users and CI scripts can pin their routing. The route test prints what amtool prints: the
 * receivers an alert with the given labels reaches, comma-separated, in tree order.
 *
 * <p>Exit status: 0 fine, 1 the configuration is invalid or the receivers differ from {@code
 * --verify-receivers}, 2 a usage error.
 */
@Command(
        name = "pagerboy config",
        mixinStandardHelpOptions = true,
        description = "Check a configuration and test its routing tree.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./pagerboy config check streaming-job/config/pagerboy.yaml",
            "  ./pagerboy config routes test --config streaming-job/config/pagerboy.yaml team=runtimes"
        },
        subcommands = {ConfigCli.Check.class, ConfigCli.Routes.class})
public final class ConfigCli {

    static final int INVALID = 1;

    @Spec CommandSpec spec;

    public static void main(String[] args) {
        System.exit(
                run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns the exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = Cli.commandLine(new ConfigCli());
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            description =
                    "Validate a pagerboy.yaml; print its first problem as file:line: key: problem.",
            footerHeading = "%nExamples:%n",
            footer = {"  ./pagerboy config check streaming-job/config/pagerboy.yaml"})
    static final class Check implements Callable<Integer> {

        @Spec CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "the configuration file")
        Path file;

        @Override
        public Integer call() {
            try {
                PagerBoyConfig config = PagerBoyConfig.load(file);
                spec.commandLine()
                        .getOut()
                        .printf(
                                "%s: valid (%d receivers, %d routes)%n",
                                file, config.receivers().size(), config.routes().routes().size());
                return 0;
            } catch (ConfigException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return INVALID;
            }
        }
    }

    @Command(
            name = "routes",
            mixinStandardHelpOptions = true,
            description = "Work with the routing tree.",
            footerHeading = "%nExamples:%n",
            footer = {
                "  ./pagerboy config routes test --config streaming-job/config/pagerboy.yaml"
                        + " severity=critical team=runtimes"
            },
            subcommands = {RoutesTest.class})
    static final class Routes {}

    @Command(
            name = "test",
            mixinStandardHelpOptions = true,
            description = {
                "Print the receivers an alert with these labels reaches, comma-separated and in"
                        + " tree order, like 'amtool config routes test'.",
                "Labels are written name=value or name=\"value\" (Alertmanager's matcher syntax)."
            },
            footerHeading = "%nExamples:%n",
            footer = {
                "  ./pagerboy config routes test --config streaming-job/config/pagerboy.yaml"
                        + " severity=critical team=runtimes",
                "  ./pagerboy config routes test --config pagerboy.yaml --group-key"
                        + " alertname=DiskFull team=data-engineering"
            })
    static final class RoutesTest implements Callable<Integer> {

        @Spec CommandSpec spec;

        @Option(
                names = "--config",
                required = true,
                paramLabel = "FILE",
                description = "the pagerboy.yaml whose routing tree to test")
        Path config;

        @Option(
                names = "--group-key",
                description = "after the receivers, print each route's receiver and group key")
        boolean groupKey;

        @Option(
                names = "--verify-receivers",
                paramLabel = "LIST",
                description = "exit 1 unless the receivers are exactly this comma-separated list")
        String expected;

        @Parameters(paramLabel = "LABEL", description = "name=value")
        List<String> labels = new ArrayList<>();

        @Override
        public Integer call() {
            Map<String, String> alert = new LinkedHashMap<>();
            for (String text : labels) {
                Matcher m;
                try {
                    m = Matcher.parse(text);
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(
                            spec.commandLine(), "failed to parse labels: " + e.getMessage());
                }
                if (m.type() != Matcher.Type.EQUAL) {
                    throw new CommandLine.ParameterException(
                            spec.commandLine(), "labels must be specified as key=value pairs");
                }
                alert.put(m.name(), m.value());
            }
            RouteTree tree;
            try {
                tree = PagerBoyConfig.load(config).routes();
            } catch (ConfigException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return INVALID;
            }
            List<MatchedRoute> matched = tree.match(alert);
            List<String> receivers = new ArrayList<>();
            for (MatchedRoute r : matched) {
                receivers.add(r.receiver());
            }
            PrintWriter out = spec.commandLine().getOut();
            String slug = String.join(",", receivers);
            out.println(slug);
            if (groupKey) {
                for (MatchedRoute r : matched) {
                    out.println(r.receiver() + " " + RouteTree.groupKey(r, alert));
                }
            }
            if (expected != null && !expected.equals(slug)) {
                out.println("WARNING: Expected receivers did not match resolved receivers.");
                return INVALID;
            }
            return 0;
        }
    }
}
