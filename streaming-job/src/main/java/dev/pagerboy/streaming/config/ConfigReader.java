package dev.pagerboy.streaming.config;

import dev.pagerboy.streaming.routing.RouteTree;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code pagerboy.yaml} into a {@link PagerBoyConfig}: parses the YAML into nodes (which keep
 * line numbers), walks the top-level sections, and checks references between them. The sections'
 * own rules live in {@link RouteReader}, {@link RuleReader} and {@link OnCallReader}.
 */
final class ConfigReader {

    static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

    private static final Set<String> TOP_KEYS =
            Set.of(
                    "kafka",
                    "checkpoint_interval",
                    "state_backend",
                    "route",
                    "receivers",
                    "inhibit_rules",
                    "silences",
                    "escalation_policies",
                    "schedules",
                    "engineers",
                    "acks",
                    "alert_state",
                    // read by the dispatcher (dispatcher/ module, DispatcherConfigReader), not the
                    // job
                    "dispatcher",
                    // read by the ack gateway (gateway/ module), not the job
                    "gateway");
    private static final Set<String> ACKS_KEYS = Set.of("max_skew", "gateway_signers");
    private static final Set<String> ALERT_STATE_KEYS =
            Set.of("resolved_retention", "resolve_timeout", "max_open_age", "catch_up_after");
    private static final Set<String> KAFKA_KEYS = Set.of("bootstrap_servers", "topics");
    private static final Set<String> TOPIC_KEYS =
            Set.of(
                    "alerts",
                    "silences",
                    "ticks",
                    "notifications",
                    "dead_letters",
                    "acks",
                    "incidents",
                    "ack_receipts",
                    // the dispatchers' output, the job's input
                    "receipts");
    // chat_url and email_to are addresses only the dispatcher uses; it checks them.
    private static final Set<String> RECEIVER_KEYS =
            Set.of("name", "webhook_url", "team", "chat_url", "email_to");

    private ConfigReader() {}

    static PagerBoyConfig read(Path file) throws ConfigException {
        String name = file.toString();
        ConfigNode root = new ConfigNode(name, compose(file, name), "", 1);
        if (root.isNull()) {
            throw new ConfigException(name, 1, "(document)", "the configuration is empty");
        }
        ConfigNode.Mapping top = root.mapping(TOP_KEYS);
        Path baseDir = file.toAbsolutePath().getParent();

        KafkaSettings kafka = kafka(top.required("kafka"));
        Duration checkpoint = DEFAULT_CHECKPOINT_INTERVAL;
        ConfigNode cp = top.optional("checkpoint_interval");
        if (cp != null) {
            checkpoint = cp.duration();
            if (checkpoint.isZero()) {
                throw cp.error("must be greater than zero");
            }
        }
        StateBackendChoice stateBackend = stateBackend(top.optional("state_backend"));
        Map<String, Receiver> receivers = receivers(top.required("receivers"));
        RouteTree routes =
                RouteTree.build(
                        new RouteReader(receivers.keySet(), baseDir)
                                .readRoot(top.required("route")));
        RuleReader rules = new RuleReader();
        OnCallReader onCall = new OnCallReader(receivers.keySet());
        var schedules = onCall.schedules(top.optional("schedules"));
        Map<String, Engineer> engineers = onCall.engineers(top.optional("engineers"));
        onCall.checkScheduleEngineers(top.optional("schedules"), engineers);
        return new PagerBoyConfig(
                name,
                kafka,
                checkpoint,
                stateBackend,
                routes,
                rules.inhibitRules(top.optional("inhibit_rules")),
                rules.silences(top.optional("silences")),
                receivers,
                onCall.policies(
                        top.optional("escalation_policies"),
                        schedules.keySet(),
                        engineers.keySet()),
                schedules,
                alertState(top.optional("alert_state")),
                engineers,
                acks(top.optional("acks")));
    }

    /** {@code state_backend}: {@code changelog} (the default) or {@code hashmap}. */
    private static StateBackendChoice stateBackend(ConfigNode node) throws ConfigException {
        if (node == null) {
            return StateBackendChoice.DEFAULT;
        }
        String name = node.string();
        return StateBackendChoice.named(name)
                .filter(StateBackendChoice::forTheJob)
                .orElseThrow(
                        () ->
                                node.error(
                                        "unknown state backend '"
                                                + name
                                                + "' (expected changelog or hashmap)"));
    }

    /** The {@code acks} section: how signed acknowledgments are judged. */
    private static AckSettings acks(ConfigNode node) throws ConfigException {
        if (node == null) {
            return AckSettings.DEFAULTS;
        }
        ConfigNode.Mapping acks = node.mapping(ACKS_KEYS);
        ConfigNode skew = acks.optional("max_skew");
        return new AckSettings(
                skew == null ? AckSettings.DEFAULTS.maxSkew() : positive(skew),
                GatewaySigners.read(acks.optional("gateway_signers")));
    }

    /** The {@code alert_state} section; every key is optional and defaults as documented. */
    private static AlertLifecycle alertState(ConfigNode node) throws ConfigException {
        AlertLifecycle lifecycle = AlertLifecycle.DEFAULTS;
        if (node == null) {
            return lifecycle;
        }
        ConfigNode.Mapping section = node.mapping(ALERT_STATE_KEYS);
        ConfigNode retention = section.optional("resolved_retention");
        if (retention != null) {
            lifecycle = lifecycle.withResolvedRetention(positive(retention));
        }
        ConfigNode timeout = section.optional("resolve_timeout");
        if (timeout != null) {
            lifecycle = lifecycle.withResolveTimeout(timeout.duration());
        }
        ConfigNode maxAge = section.optional("max_open_age");
        if (maxAge != null) {
            lifecycle = lifecycle.withMaxOpenAge(positive(maxAge));
        }
        ConfigNode catchUp = section.optional("catch_up_after");
        if (catchUp != null) {
            lifecycle = lifecycle.withCatchUpAfter(positive(catchUp));
        }
        return lifecycle;
    }

    private static Duration positive(ConfigNode node) throws ConfigException {
        Duration d = node.duration();
        if (d.isZero()) {
            throw node.error("must be greater than zero");
        }
        return d;
    }

    private static Node compose(Path file, String name) throws ConfigException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return yaml.compose(reader);
        } catch (NoSuchFileException e) {
            throw new ConfigException(name, 1, "(file)", "file not found");
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 1 : mark.getLine() + 1;
            String where = mark == null ? "" : " (column " + (mark.getColumn() + 1) + ")";
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            String context = e.getContext() != null ? e.getContext() + ": " : "";
            throw new ConfigException(
                    name, line, "(yaml)", "YAML syntax error" + where + ": " + context + problem);
        } catch (YAMLException | IOException e) {
            throw new ConfigException(name, 1, "(file)", "cannot read: " + e.getMessage());
        }
    }

    private static KafkaSettings kafka(ConfigNode node) throws ConfigException {
        ConfigNode.Mapping m = node.mapping(KAFKA_KEYS);
        String bootstrap = m.required("bootstrap_servers").string();
        KafkaSettings.Topics d = KafkaSettings.Topics.defaults();
        ConfigNode topicsNode = m.optional("topics");
        if (topicsNode == null) {
            return new KafkaSettings(bootstrap, d);
        }
        ConfigNode.Mapping t = topicsNode.mapping(TOPIC_KEYS);
        KafkaSettings.Topics topics =
                new KafkaSettings.Topics(
                        topic(t, "alerts", d.alerts()),
                        topic(t, "silences", d.silences()),
                        topic(t, "ticks", d.ticks()),
                        topic(t, "notifications", d.notifications()),
                        topic(t, "dead_letters", d.deadLetters()),
                        topic(t, "acks", d.acks()),
                        topic(t, "incidents", d.incidents()),
                        topic(t, "ack_receipts", d.ackReceipts()),
                        topic(t, "receipts", d.receipts()));
        Map<String, String> seen = new LinkedHashMap<>();
        for (String key : t.entries().keySet()) {
            ConfigNode n = t.optional(key);
            if (n != null) {
                String previous = seen.put(n.string(), key);
                if (previous != null) {
                    throw n.error("topic \"" + n.string() + "\" is already used for " + previous);
                }
            }
        }
        return new KafkaSettings(bootstrap, topics);
    }

    private static String topic(ConfigNode.Mapping t, String key, String fallback)
            throws ConfigException {
        ConfigNode n = t.optional(key);
        if (n == null) {
            return fallback;
        }
        String name = n.string();
        if (!name.matches("[a-zA-Z0-9._-]{1,249}")) {
            throw n.error("invalid Kafka topic name \"" + name + "\"");
        }
        return name;
    }

    private static Map<String, Receiver> receivers(ConfigNode node) throws ConfigException {
        Map<String, Receiver> out = new LinkedHashMap<>();
        for (ConfigNode item : node.list()) {
            ConfigNode.Mapping m = item.mapping(RECEIVER_KEYS);
            ConfigNode nameNode = m.required("name");
            String name = nameNode.string();
            if (out.containsKey(name)) {
                throw nameNode.error("duplicate receiver name \"" + name + "\"");
            }
            String url = null;
            ConfigNode urlNode = m.optional("webhook_url");
            if (urlNode != null) {
                url = webhookUrl(urlNode);
            }
            out.put(name, new Receiver(name, url, m.required("team").string()));
        }
        if (out.isEmpty()) {
            throw node.error("at least one receiver is needed");
        }
        return Collections.unmodifiableMap(out);
    }

    private static String webhookUrl(ConfigNode node) throws ConfigException {
        String url = node.string();
        try {
            URI uri = new URI(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    || uri.getHost() == null) {
                throw node.error(
                        "webhook_url must be an absolute http(s) URL, not \"" + url + "\"");
            }
        } catch (URISyntaxException e) {
            throw node.error("bad URL \"" + url + "\": " + e.getReason());
        }
        return url;
    }
}
