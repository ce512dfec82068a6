package dev.pagerboy.streaming.config;

import dev.pagerboy.streaming.records.Silence;
import dev.pagerboy.streaming.routing.InhibitRule;
import dev.pagerboy.streaming.routing.RouteTree;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The whole, validated content of {@code pagerboy.yaml} (format: docs/CONFIG.md). Immutable and
 * serializable, so pieces of it can be handed to Flink functions' constructors. Handler ROMs are
 * read and checked against their SHA-256 at load time and carried as bytes, so a function on a
 * cluster never reads a local file.
 *
 * <p>It has only its canonical constructor, and every copy ({@link #withRoutes}) goes through it: a
 * shorter constructor that fills the missing components with defaults compiles on when a component
 * is added, and silently drops it where a copy should keep it.
 *
 * @param sourceFile the file it was loaded from, for messages
 * @param kafka bootstrap servers and topic names
 * @param checkpointInterval Flink checkpoint interval
 * @param stateBackend where keyed state lives and how checkpoints write it ({@code state_backend})
 * @param routes the routing tree (Alertmanager semantics)
 * @param inhibitRules inhibit rules, in file order
 * @param silences static silences, in file order
 * @param receivers receivers by name, in file order
 * @param escalationPolicies escalation policies by name
 * @param schedules on-call schedules by name; {@link OnCallSchedule#at} says who is on call
 * @param lifecycle how long alerts stay open and their state is kept ({@code alert_state})
 * @param engineers the roster by name: who can be paged by name and whose signed acks count
 * @param acks how signed acknowledgments are judged
 */
public record PagerBoyConfig(
        String sourceFile,
        KafkaSettings kafka,
        Duration checkpointInterval,
        StateBackendChoice stateBackend,
        RouteTree routes,
        List<InhibitRule> inhibitRules,
        List<Silence> silences,
        Map<String, Receiver> receivers,
        Map<String, EscalationPolicy> escalationPolicies,
        Map<String, OnCallSchedule> schedules,
        AlertLifecycle lifecycle,
        Map<String, Engineer> engineers,
        AckSettings acks)
        implements Serializable {

    /** The same configuration with another routing tree (what-if replay of a handler ROM). */
    public PagerBoyConfig withRoutes(RouteTree newRoutes) {
        return new PagerBoyConfig(
                sourceFile,
                kafka,
                checkpointInterval,
                stateBackend,
                newRoutes,
                inhibitRules,
                silences,
                receivers,
                escalationPolicies,
                schedules,
                lifecycle,
                engineers,
                acks);
    }

    /**
     * Reads and validates {@code file}. Every problem is reported as a {@link ConfigException}
     * naming the file, the line and the key.
     */
    public static PagerBoyConfig load(Path file) throws ConfigException {
        return ConfigReader.read(file);
    }
}
