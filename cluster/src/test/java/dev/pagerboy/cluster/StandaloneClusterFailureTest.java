package dev.pagerboy.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster that cannot come up fails {@link StandaloneCluster#start} with its processes' last log
 * lines, and leaves neither a process nor its directory behind.
 */
@Tag("integration")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class StandaloneClusterFailureTest {

    @TempDir Path work;

    @Test
    void aJobManagerThatDiesDuringStartUpIsReportedAndCleanedUp() throws Exception {
        // A Flink home without the RPC system: both daemons exit when they try to load it.
        FlinkHome real = FlinkHome.locate();
        Path lib = Files.createDirectories(work.resolve("home/lib"));
        try (Stream<Path> jars = Files.list(real.lib())) {
            for (Path jar : jars.toList()) {
                if (!jar.getFileName().toString().startsWith("flink-rpc-akka-loader")) {
                    Files.createSymbolicLink(lib.resolve(jar.getFileName()), jar);
                }
            }
        }
        Path dir = work.resolve("cluster");
        Files.createDirectories(dir);

        assertThatThrownBy(
                        () ->
                                StandaloneCluster.start(
                                        new FlinkHome(work.resolve("home")),
                                        new ClusterDirectory(dir),
                                        true))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited during start-up")
                .hasMessageContaining("RpcSystem");

        assertThat(dir).doesNotExist();
        List<String> survivors =
                ProcessHandle.allProcesses()
                        .filter(ProcessHandle::isAlive)
                        .map(p -> p.info().commandLine().orElse(""))
                        .filter(cmd -> cmd.contains(dir.toString()))
                        .toList();
        assertThat(survivors).isEmpty();
    }
}
