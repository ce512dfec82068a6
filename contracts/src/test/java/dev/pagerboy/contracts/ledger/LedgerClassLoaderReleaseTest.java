package dev.pagerboy.contracts.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.contracts.testing.AnvilExtension;
import java.io.File;
import java.lang.ref.WeakReference;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A closed ledger client leaves nothing behind that holds its classes (chaos finding 17). A Flink
 * TaskManager loads each job's classes in a class loader of the job's own and frees them when the
 * job ends, unless something outside the job still reaches that loader. Web3j's {@code
 * Web3j.build(service)} registers a JVM shutdown hook per connection, and the hook's class is the
 * job's: every job that anchored kept its whole jar's classes in the TaskManager's metaspace until
 * the sixth job died of {@code OutOfMemoryError: Metaspace}.
 *
 * <p>The test does what such a job does, in a loader like Flink's (everything from the test
 * classpath, nothing from the application loader), and then asks the garbage collector to free it.
 */
@Tag("integration")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LedgerClassLoaderReleaseTest {

    @RegisterExtension static final AnvilExtension anvil = new AnvilExtension();

    /** OkHttp's and Okio's idle threads end within 60 s; a minute and a half is ample. */
    private static final Duration IDLE_THREADS_END = Duration.ofSeconds(90);

    @Test
    void aClosedClientLeavesNothingThatHoldsItsClassLoader() throws Exception {
        String contract = LedgerFixture.deploy(anvil);

        WeakReference<ClassLoader> loader = anchorInOwnLoader(contract);

        // OkHttp's task runner and Okio's watchdog are shared threads that end after 60 s idle
        long deadline = System.nanoTime() + IDLE_THREADS_END.toNanos();
        while (loader.get() != null && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(250);
        }
        assertThat(loader.get())
                .as(
                        "the class loader of a job that connected, anchored and closed the ledger;"
                                + " its threads still alive: %s",
                        threadsOf(loader.get()))
                .isNull();
    }

    /** Runs {@link IsolatedAnchoring} in a new loader and returns only a weak reference to it. */
    private static WeakReference<ClassLoader> anchorInOwnLoader(String contract) throws Exception {
        try (URLClassLoader own =
                new URLClassLoader(testClasspath(), ClassLoader.getPlatformClassLoader())) {
            Class<?> probe = own.loadClass(IsolatedAnchoring.class.getName());
            assertThat(probe.getClassLoader()).isSameAs(own);
            @SuppressWarnings("unchecked")
            Function<List<String>, String> anchoring =
                    (Function<List<String>, String>) probe.getConstructor().newInstance();
            // in a thread of its own that then ends, as a Flink task's thread does
            AtomicReference<Object> result = new AtomicReference<>();
            Thread task =
                    new Thread(
                            () -> {
                                try {
                                    result.set(
                                            anchoring.apply(
                                                    List.of(
                                                            anvil.rpcUrl(),
                                                            contract,
                                                            anvil.account(1).privateKey())));
                                } catch (RuntimeException | Error e) {
                                    result.set(e);
                                }
                            },
                            "isolated anchoring");
            task.setContextClassLoader(own);
            task.start();
            task.join();
            assertThat(result.get()).asString().startsWith("0x");
            return new WeakReference<>(own);
        }
    }

    /** The live threads that reach {@code loader}: by their class, or as their context loader. */
    private static List<String> threadsOf(ClassLoader loader) {
        if (loader == null) {
            return List.of();
        }
        return Thread.getAllStackTraces().keySet().stream()
                .filter(
                        t ->
                                t.getClass().getClassLoader() == loader
                                        || t.getContextClassLoader() == loader)
                .map(Thread::getName)
                .sorted()
                .toList();
    }

    /** The test's classpath, as surefire and failsafe pass it (also behind a manifest-only jar). */
    private static URL[] testClasspath() {
        String path =
                System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(p -> !p.isBlank())
                .map(LedgerClassLoaderReleaseTest::url)
                .toArray(URL[]::new);
    }

    private static URL url(String entry) {
        try {
            return Path.of(entry).toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(entry, e);
        }
    }
}
