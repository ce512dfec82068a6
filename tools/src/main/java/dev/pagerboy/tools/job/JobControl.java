package dev.pagerboy.tools.job;

import dev.pagerboy.cli.Cli;
import dev.pagerboy.cluster.ClusterRest;
import dev.pagerboy.streaming.LocalJob;
import dev.pagerboy.streaming.status.RunningJob;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./pagerboy job savepoint|stop --savepoint DIR}: takes a savepoint of the running {@code
 * ./pagerboy job} (and, with {@code stop}, stops it), found through the address it leaves in its
 * checkpoint directory. Start it again from the savepoint with {@code ./pagerboy job
 * --from-savepoint PATH}.
 */
@Command(
        name = "job",
        description = "Takes a savepoint of the running local job, or stops it with one.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./pagerboy job savepoint --savepoint /tmp/savepoints",
            "  ./pagerboy job stop --savepoint /tmp/savepoints --checkpoint-dir ./pagerboy-checkpoints",
            "  ./pagerboy job --config pagerboy.yaml --from-savepoint /tmp/savepoints/savepoint-1a2b3c-..."
        })
public final class JobControl implements Callable<Integer> {

    enum Action {
        savepoint,
        stop
    }

    @Parameters(index = "0", paramLabel = "ACTION", description = "savepoint or stop")
    Action action;

    @Option(
            names = "--savepoint",
            required = true,
            paramLabel = "DIR",
            description = "where the savepoint goes (a path or a file: URI)")
    Path savepoint;

    @Option(
            names = "--checkpoint-dir",
            paramLabel = "DIR",
            defaultValue = LocalJob.DEFAULT_CHECKPOINT_DIR,
            description = "the running job's checkpoint directory (default: ${DEFAULT-VALUE})")
    Path checkpointDir;

    @Option(
            names = "--timeout",
            defaultValue = "120",
            paramLabel = "SECONDS",
            description = "how long to wait for the savepoint (default: ${DEFAULT-VALUE})")
    long timeoutSeconds;

    private final PrintStream out;
    private final PrintStream err;

    JobControl(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Exit status: 0 done, 1 the job or the savepoint failed, 2 bad usage. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run(new JobControl(out, err), args, out, err);
    }

    @Override
    public Integer call() throws InterruptedException {
        Optional<RunningJob> job;
        try {
            job = RunningJob.read(checkpointDir.toAbsolutePath());
        } catch (IOException e) {
            err.println(
                    "pagerboy job "
                            + action
                            + ": cannot read "
                            + checkpointDir
                            + ": "
                            + e.getMessage());
            return 1;
        }
        if (job.isEmpty()) {
            err.println(
                    "pagerboy job "
                            + action
                            + ": no running job uses checkpoint directory "
                            + checkpointDir.toAbsolutePath()
                            + " (pass the one it was started with: --checkpoint-dir DIR)");
            return 1;
        }
        String target = savepoint.toAbsolutePath().toUri().toString();
        try {
            String location =
                    new ClusterRest(job.get().rest())
                            .savepoint(
                                    job.get().jobId(),
                                    target,
                                    action == Action.stop,
                                    Duration.ofSeconds(timeoutSeconds));
            out.println(
                    (action == Action.stop ? "stopped with savepoint " : "savepoint ") + location);
            out.println("resume with: ./pagerboy job --config ... --from-savepoint " + location);
            return 0;
        } catch (IOException e) {
            err.println("pagerboy job " + action + ": " + e.getMessage());
            return 1;
        }
    }
}
