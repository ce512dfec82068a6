package dev.pagerboy.tools.chaos;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * R7: the archive directory becomes unwritable for {@code --outage} mid-run. The runner runs as any
 * user, root included, and root ignores permission bits, so the directory is moved aside and a
 * plain file put at its path: every create, write and rename under it fails ({@code ENOTDIR}) until
 * the directory is put back. The job must back-pressure or fail and restart; it must never complete
 * a checkpoint whose archive files are not there, which the books show (every input archived
 * exactly once).
 */
final class ArchiveOutage {

    /**
     * Moves aside before giving up: the job makes the directory again at most once per part file.
     */
    private static final int MAX_MOVES = 20;

    private ArchiveOutage() {}

    static ScenarioReport run(ChaosContext ctx) throws Exception {
        ScenarioReport report = new ScenarioReport(Scenario.R7);
        ctx.baseline();
        JobRun run = ctx.submit("r7");
        try (DispatchReplicas dispatch = DispatchReplicas.start(ctx, run.spec())) {
            faultAndBalance(ctx, run, dispatch, report);
        }
        return report;
    }

    private static void faultAndBalance(
            ChaosContext ctx, JobRun run, DispatchReplicas dispatch, ScenarioReport report)
            throws Exception {
        int faults = 0;
        Path archive = run.spec().archive();
        if (!FaultRun.awaitProgress(ctx, run, run.runningSince(), 0.4)) {
            report.fail("archive outage", "the run ended before the outage: use more --alerts");
        } else {
            int failovers = run.failovers();
            long checkpoints = run.completedCheckpoints();
            long t0 = System.nanoTime();
            List<Path> aside = makeUnwritable(archive, () -> {});
            faults++;
            ctx.out()
                    .printf(
                            "chaos: R7 archive unwritable for %d s%n",
                            ctx.options().outage().toSeconds());
            JobRun.pause(ctx.options().outage());
            long during = run.completedCheckpoints() - checkpoints;
            int failoversDuring = run.failovers() - failovers;
            makeWritable(archive, aside);
            report.figure("checkpoints completed during the outage", String.valueOf(during));
            report.figure("failovers during the outage", String.valueOf(failoversDuring));
            long ms = FaultRun.awaitRecovery(ctx, run, t0, failovers, checkpoints);
            report.figure("recovery (outage start → checkpoint)", ms + " ms");
            report.summary("recovery_ms", ms);
        }
        FaultRun.Finished finished = FaultRun.finish(ctx, run, report, ctx.baseline().outputs());
        dispatch.balance(finished.outputs().notifications().keySet(), finished.books(), report);
        report.summary("faults", faults);
    }

    /**
     * Moves the archive directory aside and puts a plain file at its path; returns the directories
     * moved aside, oldest first. The running job makes the directory again whenever it opens a part
     * file, and it can do so between the move and the write (session 13, on a loaded machine: the
     * write met a directory): then that directory, with whatever the job wrote into it, is moved
     * aside as well and the file is written again.
     *
     * @param afterMove runs after each move (a test makes the directory again there, as the job
     *     would)
     */
    static List<Path> makeUnwritable(Path archive, Runnable afterMove) throws IOException {
        List<Path> aside = new ArrayList<>();
        for (int i = 1; ; i++) {
            Path to = archive.resolveSibling("archive.moved-aside-" + i);
            Files.move(archive, to);
            aside.add(to);
            afterMove.run();
            try {
                Files.writeString(
                        archive,
                        "the archive is unwritable (PagerBoy chaos R7)\n",
                        StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
                return aside;
            } catch (FileAlreadyExistsException remade) {
                if (i == MAX_MOVES) {
                    throw new IOException(
                            "the job made " + archive + " again " + i + " times in a row", remade);
                }
            }
        }
    }

    /**
     * Removes the file and puts the directories moved aside back, oldest first; a directory the job
     * has made again meanwhile gets their files merged into it, each at its own relative path.
     */
    static void makeWritable(Path archive, List<Path> aside) throws IOException {
        if (Files.isRegularFile(archive)) {
            Files.delete(archive);
        }
        for (Path dir : aside) {
            try {
                Files.move(dir, archive);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException remade) {
                merge(dir, archive);
            }
        }
    }

    private static void merge(Path from, Path into) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(from)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            Path target = into.resolve(from.relativize(file).toString());
            Files.createDirectories(target.getParent());
            Files.move(file, target); // fails if the job wrote the same name: never silently lost
        }
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path dir : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(dir);
            }
        }
    }
}
