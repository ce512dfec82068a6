package dev.pagerboy.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.RpcOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flink 2.2's own loader reads the generated {@code conf/config.yaml} as intended. */
class ClusterConfigurationTest {

    @TempDir Path root;

    @Test
    void flinkReadsEveryGeneratedKey() {
        ClusterDirectory dir = new ClusterDirectory(root);
        dir.create();
        new ClusterConfiguration(41000, 41001, 2).writeTo(dir);

        Configuration conf = GlobalConfiguration.loadConfiguration(dir.conf().toString());

        assertThat(conf.toMap())
                .containsEntry("rest.port", "41000")
                .containsEntry("rest.address", "127.0.0.1")
                .containsEntry("rest.bind-address", "127.0.0.1")
                .containsEntry("jobmanager.rpc.port", "41001")
                .containsEntry("jobmanager.rpc.address", "127.0.0.1")
                .containsEntry("taskmanager.host", "127.0.0.1")
                .containsEntry("taskmanager.numberOfTaskSlots", "2")
                .containsEntry("parallelism.default", "2")
                .containsEntry("taskmanager.memory.managed.size", "64m")
                .containsEntry("io.tmp.dirs", dir.tmp().toString())
                .containsEntry("execution.checkpointing.dir", dir.checkpoints().toUri().toString())
                // the job's default changelog backend: its log in files beside the checkpoints
                .containsEntry("state.changelog.storage", "filesystem")
                .containsEntry(
                        "state.changelog.dstl.dfs.base-path",
                        dir.checkpoints().resolve("changelog").toUri().toString());
        assertThat(conf.toMap().get("env.java.opts.all"))
                .contains("--add-opens=java.base/java.util=ALL-UNNAMED");
        // A TaskManager killed with kill -9 must be found lost within seconds (chaos R1, finding
        // 3): two failed heartbeats to the dead process, well before Flink's 50 s timeout.
        Duration interval = conf.get(HeartbeatManagerOptions.HEARTBEAT_INTERVAL);
        int failedHeartbeats = conf.get(HeartbeatManagerOptions.HEARTBEAT_RPC_FAILURE_THRESHOLD);
        assertThat(interval.multipliedBy(failedHeartbeats))
                .isLessThanOrEqualTo(Duration.ofSeconds(5));
        assertThat(conf.get(HeartbeatManagerOptions.HEARTBEAT_TIMEOUT))
                .isEqualTo(Duration.ofSeconds(20));
        // Deploying a job's tasks on a loaded machine must not time out at Flink's 10 s (chaos R4,
        // session 9: a failover before the first record).
        assertThat(conf.get(RpcOptions.ASK_TIMEOUT_DURATION))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(60));
        assertThat(dir.conf().resolve("log4j.properties")).isRegularFile();
        assertThat(dir.conf().resolve("log4j-cli.properties")).isRegularFile();
    }

    @Test
    void theTaskManagerCanBeGivenMoreMemoryForALargerState() {
        ClusterDirectory dir = new ClusterDirectory(root);
        dir.create();
        new ClusterConfiguration(41000, 41001, 2, "3g").writeTo(dir);

        Configuration conf = GlobalConfiguration.loadConfiguration(dir.conf().toString());

        assertThat(conf.toMap()).containsEntry("taskmanager.memory.process.size", "3g");
        assertThat(new ClusterConfiguration(41000, 41001, 2).taskManagerMemory())
                .isEqualTo(ClusterConfiguration.TASK_MANAGER_MEMORY);
    }

    @Test
    void sizesAreReadAsFlinkWritesThem() {
        assertThat(ClusterConfiguration.bytes("1024m")).isEqualTo(1024L << 20);
        assertThat(ClusterConfiguration.bytes("3g")).isEqualTo(3L << 30);
        assertThat(ClusterConfiguration.bytes(" 3 GB ")).isEqualTo(3L << 30);
        assertThat(ClusterConfiguration.bytes("2048kb")).isEqualTo(2048L << 10);
        assertThat(ClusterConfiguration.bytes("4096")).isEqualTo(4096L);
    }

    @Test
    void aTaskManagerMemoryThatIsNoSizeOrTooSmallIsRefusedWithTheValue() {
        assertThatThrownBy(() -> new ClusterConfiguration(41000, 41001, 2, "lots"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'lots'");
        assertThatThrownBy(() -> new ClusterConfiguration(41000, 41001, 2, "512m"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("512m");
    }
}
