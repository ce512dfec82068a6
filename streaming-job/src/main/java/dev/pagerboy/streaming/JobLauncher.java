package dev.pagerboy.streaming;

import dev.pagerboy.streaming.config.ConfigException;
import dev.pagerboy.streaming.config.JobConfig;
import java.io.PrintStream;

/**
 * What {@link StreamingJob} and {@link LocalJob} share: reading the command line and the
 * configuration, and turning every known problem into a message and exit status 2 instead of a
 * stack trace.
 */
final class JobLauncher {

    static final int USAGE_ERROR = 2;

    private JobLauncher() {}

    /** The loaded configuration, or {@code null} after printing why there is none. */
    static JobConfig configure(String command, String[] args, PrintStream out, PrintStream err) {
        if (JobArguments.wantsHelp(args)) {
            out.println("usage: " + command + " --config pagerboy.yaml [options]");
            out.println(JobArguments.USAGE);
            return null;
        }
        try {
            return JobConfig.load(JobArguments.parse(args));
        } catch (UsageException e) {
            err.println(command + ": " + e.getMessage());
            err.println("run '" + command + " --help' for the options");
        } catch (ConfigException e) {
            err.println(command + ": " + e.getMessage());
        }
        return null;
    }
}
