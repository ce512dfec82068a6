package dev.pagerboy.cluster;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads back what {@link ClusterConfiguration} wrote, for a cluster started by another JVM. */
final class RecordedConfiguration {

    private static final Pattern REST_PORT =
            Pattern.compile("^rest\\.port: (\\d+)$", Pattern.MULTILINE);

    private RecordedConfiguration() {}

    /** The REST client of the cluster whose {@code conf/config.yaml} is in {@code dir}. */
    static Optional<ClusterRest> rest(ClusterDirectory dir) {
        Path file = dir.conf().resolve("config.yaml");
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            Matcher m = REST_PORT.matcher(Files.readString(file));
            return m.find()
                    ? Optional.of(
                            new ClusterRest(URI.create("http://127.0.0.1:" + m.group(1) + "/")))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
