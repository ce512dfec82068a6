package dev.pagerboy.streaming;

import dev.pagerboy.cli.UsageException;
import dev.pagerboy.streaming.config.ConfigException;
import dev.pagerboy.streaming.config.JobConfig;

/**
 * What {@link StreamingJob} and {@link LocalJob} share: turning the command line and the
 * configuration into a {@link JobConfig}, a configuration error becoming one line and exit status 2
 * (the {@code file:line: key: …} message says what to fix).
 */
final class JobLauncher {

    private JobLauncher() {}

    static JobConfig configure(JobArguments arguments) {
        try {
            return JobConfig.load(arguments.toOptions());
        } catch (ConfigException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }
}
