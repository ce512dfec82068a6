package dev.pagerboy.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flink's command-line client ({@code bin/flink}) for one cluster: {@code CliFrontend} in its own
 * JVM, with {@code lib/*} as classpath and {@code FLINK_CONF_DIR} pointing at the cluster's {@code
 * conf/}, from which it reads the REST address. {@code run} executes the job jar's {@code main} in
 * that JVM (the job's configuration is read and validated there) and submits the job graph.
 */
public final class FlinkCli {

    /** How {@code flink run -d} reports a submission. */
    private static final Pattern SUBMITTED =
            Pattern.compile("Job has been submitted with JobID ([0-9a-f]{32})");

    static final String MAIN = "org.apache.flink.client.cli.CliFrontend";

    private final FlinkHome home;
    private final ClusterDirectory dir;

    FlinkCli(FlinkHome home, ClusterDirectory dir) {
        this.home = home;
        this.dir = dir;
    }

    /** What one CLI run printed (stdout and stderr together) and its exit status. */
    public record Result(int exitCode, String output) {

        /** The job id that {@code run -d} printed. */
        public Optional<String> submittedJobId() {
            Matcher m = SUBMITTED.matcher(output);
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        }
    }

    /**
     * Runs the CLI with {@code args} (e.g. {@code run -d -c MAIN job.jar --config x.yaml}) and
     * returns what it printed.
     *
     * @throws IllegalStateException if it does not finish within {@code timeout} (it is killed)
     */
    public Result run(Duration timeout, List<String> args) {
        ProcessOutput out =
                ProcessOutput.await(start(args, false), timeout, "flink " + String.join(" ", args));
        return new Result(out.exitCode(), out.output());
    }

    /** Runs the CLI on this terminal (the launcher's {@code ./pagerboy flink}); its exit status. */
    public int runInteractively(List<String> args) throws InterruptedException {
        Process p = start(args, true);
        try {
            return p.waitFor();
        } finally {
            p.destroy();
        }
    }

    private Process start(List<String> args, boolean inheritIo) {
        List<String> cmd =
                JavaCommand.of(
                        home,
                        dir,
                        JavaCommand.CLIENT_JVM_OPTIONS,
                        "flink-cli.log",
                        "log4j-cli.properties",
                        MAIN,
                        args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("FLINK_CONF_DIR", dir.conf().toString());
        pb.environment().put("FLINK_LIB_DIR", home.lib().toString());
        if (inheritIo) {
            pb.inheritIO();
        } else {
            pb.redirectErrorStream(true);
        }
        try {
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Flink CLI", e);
        }
    }
}
