package dev.pagerboy.tools.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Commands that the {@code ./pagerboy} script carries out itself, with no Java behind them. They
 * are in the tree only as declarations, so completion offers them and help lists them.
 */
final class LauncherOnly {

    private LauncherOnly() {}

    /** {@code ./pagerboy build}: rebuild every module the launcher uses. */
    static CommandLine build() {
        CommandSpec spec = CommandSpec.create().name("build");
        spec.usageMessage(
                new UsageMessageSpec()
                        .description(
                                "(Re)build every module the launcher uses (run by the script).")
                        .footerHeading("%nExamples:%n")
                        .footer("  ./pagerboy build"));
        return new CommandLine(spec);
    }
}
