package dev.pagerboy.tools.chaos;

import dev.pagerboy.cluster.ProcessOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The class loaders of finished jobs that a TaskManager still holds (chaos finding 17). Flink loads
 * each job's jar in a class loader of the job's own and drops it when the job's last task on the
 * TaskManager ends; if anything outside the job still reaches that loader, the job's classes stay
 * in the TaskManager's metaspace, about 40 MB per job of ours, until a later job dies of {@code
 * OutOfMemoryError: Metaspace}. Read with {@code jcmd PID GC.class_histogram}, which collects
 * garbage first, so only loaders that something still reaches are counted.
 *
 * <p>A healthy TaskManager on Java 17 keeps up to {@value #RETAINED_AT_MOST} ended jobs' loaders
 * however many jobs it has run, as measured over five jobs in a row at 5,000 alerts each
 * (docs/RELIABILITY.md, finding 17):
 *
 * <ul>
 *   <li>the latest job's, through {@code MethodHandle.asTypeCache} of the JDK's own record-method
 *       handles ({@code java.lang.runtime.ObjectMethods}: JDK-8078641, fixed in Java 18), a
 *       one-element cache that the next job's records replace;
 *   <li>one earlier job's (in the measured sequence, the first that used the ledger): a heap dump
 *       shows no path to it from any GC root, so the JVM holds it outside the heap.
 * </ul>
 *
 * A leak that grows with every job passes that bound by the third job: web3j's shutdown hooks and
 * RxJava's threads did, and so did Flink's changelog discard pool, whose thread outlives the job
 * with the job's loader as its context class loader in runs large enough to drop changelog segments
 * (all fixed: {@code LedgerLibraries}, {@code LeftoverThreads}).
 *
 * @param loaders live user-code class loaders (Flink's child-first and parent-first ones)
 * @param metaspaceBytes the TaskManager's metaspace in use after that collection
 */
record JobClassLoaders(int loaders, long metaspaceBytes) {

    /**
     * Shared threads of the job's libraries end at most this long after their last work (OkHttp's
     * task runner and Okio's watchdog, 60 s each) and keep the job's loader until then.
     */
    static final Duration LIBRARY_THREADS_IDLE = Duration.ofSeconds(75);

    /** Ended jobs' loaders a TaskManager may keep without growing (see above). */
    static final int RETAINED_AT_MOST = 2;

    private static final Duration POLL = Duration.ofSeconds(5);
    private static final Duration JCMD_TIMEOUT = Duration.ofMinutes(2);
    private static final Pattern LOADER =
            Pattern.compile(
                    "^\\s*\\d+:\\s+(\\d+)\\s+\\d+\\s+org\\.apache\\.flink\\.util\\."
                            + "(ChildFirstClassLoader|FlinkUserCodeClassLoaders\\$ParentFirstClassLoader)\\b",
                    Pattern.MULTILINE);
    private static final Pattern METASPACE_USED =
            Pattern.compile("^\\s*Both:.*?([\\d.]+) ([KMG]?B) \\([^)]*\\) used", Pattern.MULTILINE);

    /** What {@code taskManager} holds now, after a full garbage collection. */
    static JobClassLoaders of(ProcessHandle taskManager) {
        return parse(jcmd(taskManager, "GC.class_histogram"), jcmd(taskManager, "VM.metaspace"));
    }

    /** Whether no more ended jobs' loaders are held than {@value #RETAINED_AT_MOST}. */
    boolean bounded() {
        return loaders <= RETAINED_AT_MOST;
    }

    /**
     * Polls {@code taskManager} until its user-code class loaders are {@link #bounded}, at most
     * {@code within}; returns the last reading. Call it when no job runs.
     */
    static JobClassLoaders awaitReleased(ProcessHandle taskManager, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        JobClassLoaders now = of(taskManager);
        while (!now.bounded() && System.nanoTime() < deadline) {
            sleep(POLL);
            now = of(taskManager);
        }
        return now;
    }

    /** Writes {@code taskManager}'s live heap to {@code file}, to find what holds the loaders. */
    static void heapDump(ProcessHandle taskManager, Path file) {
        jcmd(taskManager, "GC.heap_dump " + file.toAbsolutePath());
    }

    /** Reads {@code jcmd}'s class histogram and metaspace report. */
    static JobClassLoaders parse(String histogram, String metaspace) {
        int loaders = 0;
        Matcher m = LOADER.matcher(histogram);
        while (m.find()) {
            loaders += Integer.parseInt(m.group(1));
        }
        Matcher used = METASPACE_USED.matcher(metaspace);
        if (!used.find()) {
            throw new IllegalArgumentException(
                    "no 'Both: … used' line in the metaspace report:\n" + metaspace);
        }
        return new JobClassLoaders(loaders, bytes(used.group(1), used.group(2)));
    }

    long metaspaceMegabytes() {
        return metaspaceBytes >> 20;
    }

    private static long bytes(String number, String unit) {
        double n = Double.parseDouble(number);
        int shift =
                switch (unit) {
                    case "KB" -> 10;
                    case "MB" -> 20;
                    case "GB" -> 30;
                    default -> 0;
                };
        return (long) (n * (1L << shift));
    }

    private static String jcmd(ProcessHandle process, String command) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        String what = "jcmd " + process.pid() + " " + command;
        Process p;
        try {
            p =
                    new ProcessBuilder(jcmdLine(jcmd, process, command))
                            .redirectErrorStream(true)
                            .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + jcmd, e);
        }
        ProcessOutput out = ProcessOutput.await(p, JCMD_TIMEOUT, what);
        if (out.exitCode() != 0) {
            throw new IllegalStateException(what + " failed:\n" + out.output());
        }
        return out.output();
    }

    private static List<String> jcmdLine(Path jcmd, ProcessHandle process, String command) {
        List<String> line = new ArrayList<>(List.of(jcmd.toString(), Long.toString(process.pid())));
        line.addAll(List.of(command.split(" ")));
        return line;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
