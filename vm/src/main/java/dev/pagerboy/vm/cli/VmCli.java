package dev.pagerboy.vm.cli;

import dev.pagerboy.cli.Cli;
import dev.pagerboy.cli.ExitStatus;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ./pagerboy vm <command>}: the VM's command line. This class only names the commands; each
 * is its own class. Exit status 0 success, 1 the program failed, 2 bad usage or input, 3 {@code vm
 * run} used up its cycle budget.
 */
@Command(
        name = "vm",
        description =
                "Game Boy (SM83) VM: run ROMs, assemble, disassemble, trace and test handlers.",
        synopsisSubcommandLabel = "COMMAND",
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./pagerboy vm run rom.gb --until-serial Passed",
            "  ./pagerboy vm asm vm/handlers/severity.asm -o /tmp/severity.gb",
            "  ./pagerboy vm handler test severity --alerts datasets/samples/alerts.jsonl.gz",
            "  ./pagerboy vm help run",
            "",
            "./pagerboy vm bench measures the VM's speed under JMH (it lives in the tools module)."
        })
public final class VmCli implements Callable<Integer> {

    @Spec CommandSpec spec;

    private VmCli() {}

    public static void main(String[] args) {
        Cli.main(commandLine(System.out, System.err), args);
    }

    /** Runs one command with the given streams; returns its exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run(commandLine(out, err), args, out, err);
    }

    /** The {@code vm} command tree, writing program output to {@code out} and {@code err}. */
    public static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine vm = new CommandLine(new VmCli());
        vm.addSubcommand("run", new RunCommand(out, err));
        vm.addSubcommand("asm", new AsmCommand(out, err));
        vm.addSubcommand("dis", new DisCommand(out, err));
        vm.addSubcommand("trace", new TraceCommand(out, err));
        vm.addSubcommand(
                "handler",
                new CommandLine(new HandlerCommand())
                        .addSubcommand("test", new HandlerCommand.Test(out, err)));
        return vm;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitStatus.USAGE.code();
    }
}
