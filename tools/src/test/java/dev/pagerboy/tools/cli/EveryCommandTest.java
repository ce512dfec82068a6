package dev.pagerboy.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.cluster.ClusterMain;
import dev.pagerboy.contracts.cli.LedgerCli;
import dev.pagerboy.datasets.cli.DatasetsCli;
import dev.pagerboy.devstack.LocalStackMain;
import dev.pagerboy.dispatcher.DispatcherCommand;
import dev.pagerboy.gateway.AckCommand;
import dev.pagerboy.gateway.GatewayCommand;
import dev.pagerboy.replay.ReplayCommand;
import dev.pagerboy.streaming.LocalJob;
import dev.pagerboy.streaming.config.ConfigCli;
import dev.pagerboy.streaming.config.OnCallCli;
import dev.pagerboy.tools.bench.BenchDispatchCommand;
import dev.pagerboy.tools.bench.BenchFloorCommand;
import dev.pagerboy.tools.bench.BenchGatewayCommand;
import dev.pagerboy.tools.bench.BenchPipelineCommand;
import dev.pagerboy.tools.bench.BenchReplayCommand;
import dev.pagerboy.tools.chaos.ChaosCommand;
import dev.pagerboy.tools.demo.Demo;
import dev.pagerboy.tools.tail.TopicTail;
import dev.pagerboy.tools.vmbench.BenchCommand;
import dev.pagerboy.vm.cli.VmCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every command of {@code ./pagerboy}, found by walking the completion tree so a new command is
 * covered without editing this test, run through its module's own entry point ({@code run(args,
 * out, err)}, what {@code main} calls before {@code System.exit}): {@code --help} exits 0 with
 * generated help and examples; one unknown flag exits 2 with one line that names it.
 */
class EveryCommandTest {

    /** A module's entry point, as its main calls it. */
    interface Entry {
        int run(String[] args, PrintStream out, PrintStream err);
    }

    /** The entry point of each top-level command, as the launcher script dispatches them. */
    private static final Map<String, Entry> ENTRIES =
            Map.ofEntries(
                    Map.entry("demo", Demo::run),
                    Map.entry("job", LocalJob::run),
                    Map.entry("stack", LocalStackMain::run),
                    Map.entry("cluster", ClusterMain::run),
                    Map.entry(
                            "flink",
                            (args, out, err) -> ClusterMain.run(prepend("flink", args), out, err)),
                    Map.entry("bench", EveryCommandTest::bench),
                    Map.entry("vm", EveryCommandTest::vm),
                    Map.entry("ledger", LedgerCli::run),
                    Map.entry("datasets", DatasetsCli::run),
                    Map.entry("tail", TopicTail::run),
                    Map.entry("chaos", ChaosCommand::run),
                    Map.entry("dispatcher", DispatcherCommand::run),
                    Map.entry("gateway", GatewayCommand::run),
                    Map.entry("ack", AckCommand::run),
                    Map.entry("replay", ReplayCommand::run),
                    Map.entry("archive", dev.pagerboy.streaming.anchor.ArchiveCommand::run),
                    Map.entry("audit", dev.pagerboy.audit.AuditCommand::run),
                    Map.entry("oncall", (args, out, err) -> OnCallCli.run(args, out, err, 0L)),
                    Map.entry(
                            "config",
                            (args, out, err) ->
                                    ConfigCli.run(
                                            args,
                                            new java.io.PrintWriter(out, true),
                                            new java.io.PrintWriter(err, true))),
                    Map.entry(
                            "completion",
                            (args, out, err) ->
                                    PagerBoyCommand.run(prepend("completion", args), out, err)));

    /** Commands the script itself carries out: no Java entry point to run. */
    private static final List<String> SCRIPT_ONLY = List.of("build", "help");

    private static int bench(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0 && args[0].equals("pipeline")) {
            return BenchPipelineCommand.run(Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        if (args.length > 0 && args[0].equals("dispatch")) {
            return BenchDispatchCommand.run(Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        if (args.length > 0 && args[0].equals("gateway")) {
            return BenchGatewayCommand.run(Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        if (args.length > 0 && args[0].equals("floor")) {
            return BenchFloorCommand.run(Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        if (args.length > 0 && args[0].equals("replay")) {
            return BenchReplayCommand.run(Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        return PagerBoyCommand.run(prepend("bench", args), out, err);
    }

    private static int vm(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0 && args[0].equals("bench")) {
            return BenchCommand.run(Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        return VmCli.run(args, out, err);
    }

    /** Every command path below the root, e.g. {@code [vm, handler, test]}. */
    static Stream<List<String>> commands() {
        CommandLine root = PagerBoyCommand.tree(System.out, System.err);
        List<List<String>> paths = new ArrayList<>();
        collect(root, new ArrayList<>(), paths);
        return paths.stream().filter(p -> !SCRIPT_ONLY.contains(p.get(0)));
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> into) {
        command.getSubcommands()
                .forEach(
                        (name, sub) -> {
                            if (sub.getCommand() instanceof CommandLine.HelpCommand) {
                                return;
                            }
                            List<String> p = new ArrayList<>(path);
                            p.add(name);
                            into.add(p);
                            collect(sub, p, into);
                        });
    }

    @ParameterizedTest(name = "{0} --help")
    @MethodSource("commands")
    void helpExitsZeroWithGeneratedUsageAndExamples(List<String> path) {
        Result r = run(path, "--help");
        assertThat(r.status()).as(r.toString()).isZero();
        assertThat(r.out()).startsWith("Usage: pagerboy " + String.join(" ", path));
        assertThat(r.out()).contains("Examples:", "  ./pagerboy ");
        assertThat(r.err()).isEmpty();
    }

    @ParameterizedTest(name = "{0} --no-such-flag")
    @MethodSource("commands")
    void anUnknownFlagExitsTwoWithOneLineNamingIt(List<String> path) {
        if (path.contains("flink")) {
            return; // everything after 'flink' is Flink's own command line
        }
        Result r = run(path, "--no-such-flag");
        assertThat(r.status()).as(r.toString()).isEqualTo(2);
        List<String> lines = r.err().lines().toList();
        assertThat(lines.get(0))
                .startsWith("pagerboy " + String.join(" ", path) + ": ")
                .contains("'--no-such-flag'");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1))
                .isEqualTo("run './pagerboy " + String.join(" ", path) + " --help' for usage");
        assertThat(r.err()).doesNotContain("\tat ");
    }

    private record Result(int status, String out, String err) {}

    private static Result run(List<String> path, String flag) {
        Entry entry = ENTRIES.get(path.get(0));
        assertThat(entry).as("entry point of '%s'", path.get(0)).isNotNull();
        List<String> args = new ArrayList<>(path.subList(1, path.size()));
        args.add(flag);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status =
                entry.run(
                        args.toArray(String[]::new),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(
                status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
