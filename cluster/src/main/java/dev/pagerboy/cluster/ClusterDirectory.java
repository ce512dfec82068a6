package dev.pagerboy.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The working directory of one standalone cluster: everything its processes write lives here, so
 * deleting it leaves nothing behind.
 *
 * <pre>
 * conf/          FLINK_CONF_DIR: config.yaml, log4j.properties (daemons), log4j-cli.properties
 * log/           jobmanager.log/.out, taskmanager.log/.out, flink-cli.log
 * tmp/           java.io.tmpdir and io.tmp.dirs of every process (blobs, RPC jar, spill files)
 * checkpoints/   the cluster's default checkpoint storage
 * *.pid          process ids of a cluster started by {@code ./pagerboy cluster start}
 * </pre>
 */
public record ClusterDirectory(Path root) {

    public ClusterDirectory {
        root = root.toAbsolutePath().normalize();
    }

    public Path conf() {
        return root.resolve("conf");
    }

    public Path log() {
        return root.resolve("log");
    }

    public Path tmp() {
        return root.resolve("tmp");
    }

    public Path checkpoints() {
        return root.resolve("checkpoints");
    }

    public Path pidFile(String role) {
        return root.resolve(role + ".pid");
    }

    /** Creates the sub-directories. */
    void create() {
        try {
            for (Path dir : new Path[] {conf(), log(), tmp(), checkpoints()}) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the cluster directory " + root, e);
        }
    }

    /** Deletes the whole directory, if it exists. */
    void delete() {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the cluster directory " + root, e);
        }
    }
}
