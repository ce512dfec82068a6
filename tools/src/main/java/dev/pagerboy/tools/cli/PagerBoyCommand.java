package dev.pagerboy.tools.cli;

import dev.pagerboy.audit.AuditCommand;
import dev.pagerboy.cli.Cli;
import dev.pagerboy.cluster.ClusterMain;
import dev.pagerboy.contracts.cli.LedgerCli;
import dev.pagerboy.datasets.cli.DatasetsCli;
import dev.pagerboy.devstack.LocalStackMain;
import dev.pagerboy.dispatcher.DispatcherCommand;
import dev.pagerboy.gateway.AckCommand;
import dev.pagerboy.gateway.GatewayCommand;
import dev.pagerboy.replay.ReplayCommand;
import dev.pagerboy.streaming.LocalJob;
import dev.pagerboy.streaming.anchor.ArchiveCommand;
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
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The whole {@code ./pagerboy} command tree in one picocli spec, assembled from each module's own
 * declarations. The launcher runs each command on its module's classpath (so this class never runs
 * them); the tree exists so the bash completion script and the every-command help test are built
 * from the same declarations that parse.
 */
@Command(
        name = "pagerboy",
        description =
                "PagerBoy: on-call alerts through a Flink job, Game Boy handlers and a ledger.",
        synopsisSubcommandLabel = "COMMAND",
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./pagerboy demo",
            "  ./pagerboy stack",
            "  ./pagerboy replay --archive pagerboy-archive --config pagerboy.yaml --verify",
            "  ./pagerboy vm help",
            "  source <(./pagerboy completion)"
        })
public final class PagerBoyCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    private PagerBoyCommand() {}

    /** {@code ./pagerboy completion}, and the tree's help. */
    public static void main(String[] args) {
        Cli.main(tree(System.out, System.err), args);
    }

    /** Runs a command of the tree's own (help, completion) with the given streams. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run(tree(out, err), args, out, err);
    }

    /**
     * Every command the launcher knows, under the name the launcher gives it. One line per command:
     * a new command (e.g. {@code config} from the job module) is one more {@code addSubcommand}.
     */
    public static CommandLine tree(PrintStream out, PrintStream err) {
        CommandLine pagerboy = new CommandLine(new PagerBoyCommand());
        pagerboy.addSubcommand("demo", new Demo(out));
        pagerboy.addSubcommand("job", new LocalJob(err));
        pagerboy.addSubcommand("stack", new LocalStackMain(out));
        pagerboy.addSubcommand("tail", new TopicTail(out, err));
        pagerboy.addSubcommand("config", new ConfigCli());
        pagerboy.addSubcommand("oncall", new OnCallCli(out, err, 0L));
        pagerboy.addSubcommand("chaos", new ChaosCommand(out));
        pagerboy.addSubcommand("dispatcher", new DispatcherCommand(out));
        pagerboy.addSubcommand("gateway", new GatewayCommand(out));
        pagerboy.addSubcommand("ack", new AckCommand(out));
        pagerboy.addSubcommand("replay", new ReplayCommand(out, err));
        pagerboy.addSubcommand("archive", new ArchiveCommand(out));
        pagerboy.addSubcommand("audit", new AuditCommand(AuditCommand.DECLARATION_ONLY));
        pagerboy.addSubcommand("cluster", ClusterMain.commandLine());
        pagerboy.addSubcommand("flink", ClusterMain.flinkCommandLine());
        pagerboy.addSubcommand(
                "bench",
                new CommandLine(new BenchGroup())
                        .addSubcommand("pipeline", new BenchPipelineCommand())
                        .addSubcommand("dispatch", new BenchDispatchCommand(out))
                        .addSubcommand("gateway", new BenchGatewayCommand(out))
                        .addSubcommand("replay", new BenchReplayCommand())
                        .addSubcommand("floor", new BenchFloorCommand()));
        pagerboy.addSubcommand(
                "vm", VmCli.commandLine(out, err).addSubcommand("bench", new BenchCommand(out)));
        pagerboy.addSubcommand("ledger", LedgerCli.commandLine());
        pagerboy.addSubcommand("datasets", DatasetsCli.commandLine(out, err));
        pagerboy.addSubcommand("build", LauncherOnly.build());
        pagerboy.addSubcommand("completion", new CompletionCommand(out));
        return Cli.commandLine(pagerboy);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return dev.pagerboy.cli.ExitStatus.USAGE.code();
    }

    /**
     * {@code ./pagerboy bench ...}: the benchmarks that are not under {@code vm} or {@code ledger}.
     */
    @Command(
            name = "bench",
            description = "Benchmarks (see also 'vm bench' and 'ledger bench').",
            synopsisSubcommandLabel = "COMMAND",
            footerHeading = "%nExamples:%n",
            footer = {
                "  ./pagerboy bench pipeline --alerts 200000",
                "  ./pagerboy bench dispatch --pages 100000",
                "  ./pagerboy bench replay --alerts 50000"
            })
    static final class BenchGroup implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().usage(spec.commandLine().getErr());
            return dev.pagerboy.cli.ExitStatus.USAGE.code();
        }
    }
}
