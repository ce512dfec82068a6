package dev.pagerboy.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ProcessBroker#createTopics}: the topics exist with the partitions asked for, every
 * partition led when the call returns, and creating an existing topic again keeps it as it is.
 */
@Tag("integration")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ProcessBrokerTopicsTest {

    @TempDir Path dir;

    @Test
    void createdTopicsAreLedAtOnceAndExistingOnesAreKept() throws Exception {
        try (ProcessBroker broker = ProcessBroker.start(dir.resolve("kafka"))) {
            broker.createTopics(3, "alerts", "ticks");
            broker.createTopics(1, "alerts"); // exists: kept with its 3 partitions

            try (Admin admin =
                    Admin.create(
                            Map.of(
                                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                    broker.bootstrapServers()))) {
                Map<String, TopicDescription> topics =
                        admin.describeTopics(Set.of("alerts", "ticks"))
                                .allTopicNames()
                                .get(30, TimeUnit.SECONDS);
                assertThat(topics).containsOnlyKeys("alerts", "ticks");
                assertThat(topics.values())
                        .allSatisfy(
                                t ->
                                        assertThat(t.partitions())
                                                .hasSize(3)
                                                .allMatch(p -> p.leader() != null));
            }
        }
    }
}
