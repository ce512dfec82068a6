package dev.pagerboy.streaming.testing;

import dev.pagerboy.streaming.config.AckSettings;
import dev.pagerboy.streaming.config.AlertLifecycle;
import dev.pagerboy.streaming.config.KafkaSettings;
import dev.pagerboy.streaming.config.PagerBoyConfig;
import dev.pagerboy.streaming.config.Receiver;
import dev.pagerboy.streaming.config.StateBackendChoice;
import dev.pagerboy.streaming.routing.InhibitRule;
import dev.pagerboy.streaming.routing.Matcher;
import dev.pagerboy.streaming.routing.RouteSpec;
import dev.pagerboy.streaming.routing.RouteTree;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Configurations built in code for pipeline tests that need no YAML file: one place that calls
 * {@link PagerBoyConfig}'s canonical constructor, so a component added to it is added here once.
 */
public final class TestConfigs {

    private TestConfigs() {}

    /**
     * {@code root}'s routing tree to {@code receivers}, critical alerts muting the warnings of
     * their cluster, default Kafka topics, 1 s checkpoints, and defaults for the rest: no silences,
     * escalation policies, schedules or roster.
     */
    public static PagerBoyConfig routing(RouteSpec root, List<Receiver> receivers) {
        Map<String, Receiver> byName = new LinkedHashMap<>();
        receivers.forEach(r -> byName.put(r.name(), r));
        return new PagerBoyConfig(
                "test",
                new KafkaSettings("localhost:9092", KafkaSettings.Topics.defaults()),
                Duration.ofSeconds(1),
                StateBackendChoice.DEFAULT,
                RouteTree.build(root),
                List.of(
                        new InhibitRule(
                                List.of(Matcher.equal("severity", "critical")),
                                List.of(Matcher.equal("severity", "warning")),
                                List.of("cluster"))),
                List.of(),
                byName,
                Map.of(),
                Map.of(),
                AlertLifecycle.DEFAULTS,
                Map.of(),
                AckSettings.DEFAULTS);
    }
}
