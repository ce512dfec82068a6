package dev.pagerboy.tools.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ./pagerboy completion}: prints a bash completion script for {@code ./pagerboy}, generated
 * by picocli from the whole command tree ({@link PagerBoyCommand}), so it offers exactly the
 * commands and options that parse.
 */
@Command(
        name = "completion",
        description = "Print a bash completion script for ./pagerboy.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  source <(./pagerboy completion)                  # this shell",
            "  ./pagerboy completion > ~/.local/share/bash-completion/completions/pagerboy"
        })
final class CompletionCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    private final PrintStream out;

    CompletionCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        out.print(AutoComplete.bash("pagerboy", spec.root().commandLine()));
        // Older bash looks a command typed with a path up by that path only.
        out.println("complete -F _complete_pagerboy -o default ./pagerboy");
        out.flush();
        return 0;
    }
}
