package dev.pagerboy.streaming.testing;

import dev.pagerboy.devstack.KafkaBrokerExtension;
import dev.pagerboy.streaming.config.JobOptions;
import dev.pagerboy.streaming.config.KafkaSettings;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every Kafka topic the live job reads and writes, named for one test, created on the test's
 * broker, and the {@code kafka:} section of the test's YAML that names them.
 *
 * <p>Why it exists: each live-job test used to list the topics itself, and twice (sessions 4 and 5)
 * a new input of the job reached CI with a test that did not create it, so the job waited for a
 * topic that never came. Here the list is the components of {@link KafkaSettings.Topics}: a topic
 * added to the job is created, and written into the YAML, by every test that uses this class.
 *
 * <pre>{@code
 * LiveJobTopics topics = LiveJobTopics.create(KAFKA, "fd", 2);
 * Path config = Files.writeString(file, topics.kafkaYaml() + "checkpoint_interval: 200ms\n...");
 * JobConfig cfg = JobConfig.load(topics.options(config).parallelism(2).build());
 * KAFKA.awaitCommitted(topics.names().notifications(), 3);
 * }</pre>
 */
public final class LiveJobTopics {

    private static final KafkaSettings.Topics DEFAULTS = KafkaSettings.Topics.defaults();

    private final KafkaBrokerExtension kafka;
    private final String name;
    private final Map<String, String> byRole;
    private final KafkaSettings.Topics names;

    private LiveJobTopics(KafkaBrokerExtension kafka, String name, Map<String, String> byRole) {
        this.kafka = kafka;
        this.name = name;
        this.byRole = Collections.unmodifiableMap(byRole);
        this.names = topics(byRole.values());
    }

    /**
     * The job's topics, each named {@code <name>-<default name>} ({@code fd-alerts}), created on
     * {@code kafka} with {@code partitions} partitions. The ticks topic gets one partition: the
     * tests write their clock to partition 0, and an empty second partition would hold the
     * watermark back until the idle timeout.
     */
    public static LiveJobTopics create(KafkaBrokerExtension kafka, String name, int partitions) {
        LiveJobTopics topics = named(kafka, name);
        List<String> partitioned = new ArrayList<>(topics.byRole.values());
        partitioned.remove(topics.names.ticks());
        kafka.createTopics(partitions, partitioned.toArray(String[]::new));
        kafka.createTopics(1, topics.names.ticks());
        return topics;
    }

    /**
     * Creates every topic {@code names} holds, with {@code partitions} partitions, and the ticks
     * topic with one as in {@link #create}: for tests whose configuration file (such as {@code
     * bench.yaml}) already names the topics, so that a topic added to the job is created there too.
     */
    public static void createAll(
            KafkaBrokerExtension kafka, KafkaSettings.Topics names, int partitions) {
        kafka.createTopics(
                partitions,
                Arrays.stream(KafkaSettings.Topics.class.getRecordComponents())
                        .map(c -> (String) invoke(c, names))
                        .filter(topic -> !topic.equals(names.ticks()))
                        .toArray(String[]::new));
        kafka.createTopics(1, names.ticks());
    }

    /** The topics of {@code name} on {@code kafka}, not created yet. */
    static LiveJobTopics named(KafkaBrokerExtension kafka, String name) {
        Map<String, String> byRole = new LinkedHashMap<>();
        for (String role : roles()) {
            byRole.put(role, name + "-" + role);
        }
        return new LiveJobTopics(kafka, name, byRole);
    }

    /** The topic names, as the job's configuration holds them. */
    public KafkaSettings.Topics names() {
        return names;
    }

    /**
     * The topic names by role, the role being the topic's default name ({@code alerts}, {@code
     * dead-letters}), as {@code ScriptedStream} addresses its inputs.
     */
    public Map<String, String> byRole() {
        return byRole;
    }

    /**
     * The YAML's {@code kafka:} section naming every topic; its bootstrap servers are a placeholder
     * that {@link #options} replaces with the embedded broker's.
     */
    public String kafkaYaml() {
        String entries =
                Arrays.stream(KafkaSettings.Topics.class.getRecordComponents())
                        .map(c -> snakeCase(c.getName()) + ": " + invoke(c, names))
                        .collect(Collectors.joining(", "));
        return "kafka:\n  bootstrap_servers: localhost:1\n  topics: {" + entries + "}\n";
    }

    /**
     * A whole configuration in YAML: {@link #kafkaYaml()}, then one receiver {@code ops} that gets
     * every alert, grouped by {@code alertname} with a {@code group_wait} of 1 s: the shape of the
     * tests that only need the job to page something.
     */
    public String opsRouteYaml(
            String checkpointInterval, String groupInterval, String repeatInterval) {
        return kafkaYaml()
                + """
                checkpoint_interval: %s
                receivers:
                  - {name: ops, team: ops}
                route:
                  receiver: ops
                  group_by: [alertname]
                  group_wait: 1s
                  group_interval: %s
                  repeat_interval: %s
                """
                        .formatted(checkpointInterval, groupInterval, repeatInterval);
    }

    /**
     * Options for {@code configFile} wired to the broker the topics live on: its bootstrap servers,
     * and consumer group and transactional ids of this test's name. The transaction timeout stays
     * well under the broker's maximum (15 min), above a test's checkpoints and restarts.
     */
    public JobOptions.Builder options(Path configFile) {
        return JobOptions.builder(configFile)
                .bootstrapServers(kafka.bootstrapServers())
                .groupId(name)
                .transactionalIdPrefix(name)
                .transactionTimeout(Duration.ofMinutes(2));
    }

    /** The default name of each component of {@link KafkaSettings.Topics}, in order. */
    private static List<String> roles() {
        return Arrays.stream(KafkaSettings.Topics.class.getRecordComponents())
                .map(c -> (String) invoke(c, DEFAULTS))
                .toList();
    }

    private static KafkaSettings.Topics topics(Collection<String> namesInOrder) {
        RecordComponent[] components = KafkaSettings.Topics.class.getRecordComponents();
        Class<?>[] types =
                Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new);
        try {
            return KafkaSettings.Topics.class
                    .getDeclaredConstructor(types)
                    .newInstance(namesInOrder.toArray());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("KafkaSettings.Topics is no longer all strings", e);
        }
    }

    private static Object invoke(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code deadLetters} → {@code dead_letters}, the YAML's key for a component. */
    private static String snakeCase(String camel) {
        return camel.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
    }
}
