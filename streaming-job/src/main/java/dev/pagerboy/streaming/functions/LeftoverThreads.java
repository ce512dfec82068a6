package dev.pagerboy.streaming.functions;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a TaskManager free the job's classes when threads the job started outlive it (chaos finding
 * 17).
 *
 * <p>A thread takes its creator's context class loader. A task thread's is the job's class loader
 * (Flink's safety-net wrapper around it), so a pool thread a library starts from a task keeps that
 * loader as long as the pool lives. Flink's changelog state backend does this: its discard pool
 * ({@code TaskChangelogRegistryImpl}, {@code Executors.newFixedThreadPool}) is never shut down, and
 * its first thread starts from the task that first drops a changelog segment, which the chaos runs
 * at 50,000 alerts and more do and small runs do not. The wrapper has loaded every job class the
 * task resolved through it, and the JVM keeps the defining loader of each alive while the wrapper
 * is (a class-loader dependency, not a field: a heap dump shows no path to it). So each such job
 * kept its 40 MB of classes in the TaskManager's metaspace until it was full.
 *
 * <p>On release of the job's class loader (when the job's last task on a TaskManager has ended),
 * every thread still holding it as context class loader gets the loader of Flink's own classes
 * instead. The thread itself stays: it is not ours to stop.
 */
public final class LeftoverThreads {

    private static final Logger LOG = LoggerFactory.getLogger(LeftoverThreads.class);

    private static final String RELEASE_HOOK = "pagerboy-leftover-threads";

    private LeftoverThreads() {}

    /** Registers the reset with the job's class loader, once per job and TaskManager. */
    public static void releaseWith(RuntimeContext context) {
        ClassLoader job = context.getUserCodeClassLoader();
        context.registerUserCodeClassLoaderReleaseHookIfAbsent(
                RELEASE_HOOK, () -> letGoOf(job, RuntimeContext.class.getClassLoader()));
    }

    /**
     * Gives every live thread whose context class loader is {@code job} the loader {@code
     * replacement} instead; returns the names of those threads.
     */
    static List<String> letGoOf(ClassLoader job, ClassLoader replacement) {
        List<String> reset = new ArrayList<>();
        if (job == replacement) {
            return reset; // a job without a loader of its own (a local MiniCluster's): nothing held
        }
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            try {
                if (t.getContextClassLoader() == job) {
                    t.setContextClassLoader(replacement);
                    reset.add(t.getName());
                }
            } catch (SecurityException e) {
                LOG.warn("cannot reset the context class loader of thread {}", t.getName(), e);
            }
        }
        if (!reset.isEmpty()) {
            LOG.info(
                    "job class loader released: {} thread(s) that outlived the job's tasks held it"
                            + " as context class loader, now Flink's: {}",
                    reset.size(),
                    reset);
        }
        return reset;
    }
}
