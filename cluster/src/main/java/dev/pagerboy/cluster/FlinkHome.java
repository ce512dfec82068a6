package dev.pagerboy.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A Flink 2.2 installation assembled by this module's build from Maven artifacts: {@code lib/}
 * holds what a Flink binary distribution's {@code lib/} holds for a DataStream job (flink-runtime,
 * flink-clients, flink-streaming-java, the Pekko RPC system, the file connector, Log4j 2), each as
 * its own jar instead of one {@code flink-dist} jar, which Maven Central does not serve.
 *
 * <p>There is no {@code bin/} and no web dashboard (flink-runtime-web is left out): processes are
 * started by {@link StandaloneCluster} and {@link FlinkCli} the way Flink's scripts start them, and
 * the REST API is there as usual.
 */
public record FlinkHome(Path directory) {

    /** System property naming the home (set by this module's surefire configuration). */
    public static final String PROPERTY = "pagerboy.flink.home";

    /** Where the build puts the home, relative to the project root. */
    static final String BUILT_HOME = "cluster/target/flink-home";

    /**
     * The home named by {@value #PROPERTY}, else the one built under the project root ({@code
     * pagerboy.root}, else the working directory).
     *
     * @throws IllegalStateException naming the build command when the home was never built
     */
    public static FlinkHome locate() {
        String explicit = System.getProperty(PROPERTY);
        Path dir =
                explicit != null
                        ? Path.of(explicit)
                        : Path.of(System.getProperty("pagerboy.root", ".")).resolve(BUILT_HOME);
        FlinkHome home = new FlinkHome(dir.toAbsolutePath().normalize());
        if (!home.hasRuntime()) {
            throw new IllegalStateException(
                    "no Flink installation at "
                            + home.directory()
                            + " (build it with: mvn -B -pl cluster -am -DskipTests package)");
        }
        return home;
    }

    public Path lib() {
        return directory.resolve("lib");
    }

    /** The JVM classpath of every Flink process: all of {@code lib/}, as Flink's scripts set it. */
    public String classpath() {
        return lib() + "/*";
    }

    private boolean hasRuntime() {
        if (!Files.isDirectory(lib())) {
            return false;
        }
        try (Stream<Path> jars = Files.list(lib())) {
            return jars.anyMatch(p -> p.getFileName().toString().startsWith("flink-runtime-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
