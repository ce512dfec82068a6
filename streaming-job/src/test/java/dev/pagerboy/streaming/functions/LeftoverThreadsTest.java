package dev.pagerboy.streaming.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A pool thread that a task started, and that outlives the job, lets go of the job's class loader
 * when the loader is released (chaos finding 17).
 */
class LeftoverThreadsTest {

    private static final ClassLoader FLINK = LeftoverThreadsTest.class.getClassLoader();

    @Test
    void aPoolThreadStartedUnderTheJobsLoaderGetsFlinksInstead() throws Exception {
        URLClassLoader job = new URLClassLoader(new URL[0], FLINK);
        ExecutorService leftover = startedUnder(job); // as Flink's changelog discard pool is
        Thread other = new Thread(() -> sleepQuietly(60_000), "someone else's");
        other.setDaemon(true);
        other.start();
        try {
            assertThat(contextLoaderOf(leftover)).isSameAs(job);

            assertThat(LeftoverThreads.letGoOf(job, FLINK)).hasSize(1);

            assertThat(contextLoaderOf(leftover)).isSameAs(FLINK);
            assertThat(other.getContextClassLoader()).isSameAs(FLINK);
        } finally {
            leftover.shutdownNow();
            other.interrupt();
        }
    }

    @Test
    void theJobsLoaderCanBeCollectedWhileTheLeftoverThreadLives() throws Exception {
        URLClassLoader job = new URLClassLoader(new URL[0], FLINK);
        ExecutorService leftover = startedUnder(job);
        WeakReference<ClassLoader> released = new WeakReference<>(job);
        try {
            LeftoverThreads.letGoOf(job, FLINK);
            job = null;

            for (int i = 0; i < 50 && released.get() != null; i++) {
                System.gc();
                Thread.sleep(20);
            }
            assertThat(released.get()).as("the job's loader after the reset").isNull();
        } finally {
            leftover.shutdownNow();
        }
    }

    @Test
    void aJobRunningOnFlinksOwnLoaderLeavesEveryThreadAlone() throws Exception {
        ExecutorService pool =
                startedUnder(FLINK); // a local MiniCluster's job: no loader of its own
        try {
            assertThat(LeftoverThreads.letGoOf(FLINK, FLINK)).isEmpty();
            assertThat(contextLoaderOf(pool)).isSameAs(FLINK);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A one-thread pool whose thread started from a thread with {@code loader} as its context. */
    private static ExecutorService startedUnder(ClassLoader loader) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Thread task =
                new Thread(
                        () -> {
                            try {
                                pool.submit(() -> {}).get();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        },
                        "task");
        task.setContextClassLoader(loader);
        task.start();
        task.join(TimeUnit.SECONDS.toMillis(10));
        return pool;
    }

    private static ClassLoader contextLoaderOf(ExecutorService pool) throws Exception {
        return pool.submit(() -> Thread.currentThread().getContextClassLoader()).get();
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
