package dev.pagerboy.dispatcher.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
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
 * Reads the parts of {@code pagerboy.yaml} the dispatcher uses: {@code kafka} (broker and topic
 * names), {@code receivers} (their addresses) and the optional {@code dispatcher:} section. The
 * routing tree, rules and schedules are the job's and are not looked at; the job's {@code config
 * check} validates the whole file. The {@code dispatcher:} section is checked strictly here, since
 * nothing else reads it.
 */
public final class DispatcherConfigReader {

    private static final Set<String> DISPATCHER_KEYS =
            Set.of(
                    "gateway_url",
                    "smtp",
                    "retry",
                    "request_timeout",
                    "concurrency",
                    "rate_per_second",
                    "max_in_flight",
                    "session_timeout");
    private static final Set<String> SMTP_KEYS = Set.of("host", "port", "from");
    private static final Set<String> RETRY_KEYS =
            Set.of("max_attempts", "initial_backoff", "max_backoff", "max_elapsed", "jitter");

    private DispatcherConfigReader() {}

    public static DispatcherConfig read(Path file) throws ConfigException {
        String name = file.toString();
        YamlNode root = new YamlNode(name, compose(file, name), "", 1);
        if (root.isNull()) {
            throw new ConfigException(name, 1, "(document)", "the configuration is empty");
        }
        Map<String, YamlNode> top = root.mapping(null);
        YamlNode kafkaNode = required(top, "kafka", root);
        Map<String, YamlNode> kafka = kafkaNode.mapping(null);
        String servers = required(kafka, "bootstrap_servers", kafkaNode).string();
        String notifications = "notifications";
        String receipts = "receipts";
        YamlNode topicsNode = kafka.get("topics");
        if (topicsNode != null && !topicsNode.isNull()) {
            Map<String, YamlNode> topics = topicsNode.mapping(null);
            notifications = optionalString(topics, "notifications", notifications);
            receipts = optionalString(topics, "receipts", receipts);
        }
        Map<String, ReceiverConfig> receivers = receivers(required(top, "receivers", root));

        YamlNode section = top.get("dispatcher");
        Map<String, YamlNode> d =
                section == null || section.isNull() ? Map.of() : section.mapping(DISPATCHER_KEYS);
        URI gateway = URI.create("http://localhost:8081");
        if (d.containsKey("gateway_url")) {
            gateway = httpUrl(d.get("gateway_url"));
        }
        return new DispatcherConfig(
                servers,
                notifications,
                receipts,
                receivers,
                gateway,
                smtp(d.get("smtp")),
                retry(d.get("retry")),
                d.containsKey("request_timeout")
                        ? positive(d.get("request_timeout"))
                        : Duration.ofSeconds(10),
                d.containsKey("concurrency") ? d.get("concurrency").integer(1, 1024) : 16,
                d.containsKey("rate_per_second")
                        ? d.get("rate_per_second").integer(1, 1_000_000)
                        : 5_000,
                d.containsKey("max_in_flight")
                        ? d.get("max_in_flight").integer(1, 1_000_000)
                        : 5_000,
                d.containsKey("session_timeout")
                        ? positive(d.get("session_timeout"))
                        : Duration.ofSeconds(10));
    }

    private static Map<String, ReceiverConfig> receivers(YamlNode node) throws ConfigException {
        Map<String, ReceiverConfig> out = new LinkedHashMap<>();
        for (YamlNode item : node.list()) {
            // Receiver entries also carry keys of the job's (team, ...): only ours are read.
            Map<String, YamlNode> m = item.mapping(null);
            YamlNode nameNode = required(m, "name", item);
            String name = nameNode.string();
            if (out.containsKey(name)) {
                throw nameNode.error("duplicate receiver name \"" + name + "\"");
            }
            ReceiverKind kind = null;
            for (ReceiverKind k : ReceiverKind.values()) {
                YamlNode address = m.get(k.key());
                if (address == null || address.isNull()) {
                    continue;
                }
                if (kind != null) {
                    throw address.error(
                            "a receiver has one address (expected only one of webhook_url,"
                                    + " chat_url, email_to; this one also has "
                                    + kind.key()
                                    + ")");
                }
                kind = k;
            }
            URI url = null;
            List<String> to = List.of();
            if (kind == ReceiverKind.EMAIL) {
                YamlNode toNode = m.get(kind.key());
                to = toNode.stringOrList();
                for (String address : to) {
                    if (!address.matches("[^@\\s<>]+@[^@\\s<>]+")) {
                        throw toNode.error(
                                "\""
                                        + address
                                        + "\" is not an e-mail address (expected name@host)");
                    }
                }
            } else if (kind != null) {
                url = httpUrl(m.get(kind.key()));
            }
            out.put(name, new ReceiverConfig(name, kind, url, to));
        }
        if (out.isEmpty()) {
            throw node.error("at least one receiver is needed");
        }
        return out;
    }

    private static SmtpSettings smtp(YamlNode node) throws ConfigException {
        if (node == null || node.isNull()) {
            return SmtpSettings.DEFAULT;
        }
        Map<String, YamlNode> m = node.mapping(SMTP_KEYS);
        SmtpSettings d = SmtpSettings.DEFAULT;
        return new SmtpSettings(
                optionalString(m, "host", d.host()),
                m.containsKey("port") ? m.get("port").integer(1, 65535) : d.port(),
                optionalString(m, "from", d.from()));
    }

    private static RetrySettings retry(YamlNode node) throws ConfigException {
        RetrySettings d = RetrySettings.DEFAULT;
        if (node == null || node.isNull()) {
            return d;
        }
        Map<String, YamlNode> m = node.mapping(RETRY_KEYS);
        RetrySettings r =
                new RetrySettings(
                        m.containsKey("max_attempts")
                                ? m.get("max_attempts").integer(1, 1000)
                                : d.maxAttempts(),
                        m.containsKey("initial_backoff")
                                ? positive(m.get("initial_backoff"))
                                : d.initialBackoff(),
                        m.containsKey("max_backoff")
                                ? positive(m.get("max_backoff"))
                                : d.maxBackoff(),
                        m.containsKey("max_elapsed")
                                ? positive(m.get("max_elapsed"))
                                : d.maxElapsed(),
                        m.containsKey("jitter") ? m.get("jitter").fraction() : d.jitter());
        if (r.maxBackoff().compareTo(r.initialBackoff()) < 0) {
            YamlNode at = m.containsKey("max_backoff") ? m.get("max_backoff") : node;
            throw at.error("must not be shorter than retry.initial_backoff");
        }
        return r;
    }

    private static Duration positive(YamlNode node) throws ConfigException {
        Duration d = node.duration();
        if (d.isZero()) {
            throw node.error("must be greater than zero");
        }
        return d;
    }

    private static URI httpUrl(YamlNode node) throws ConfigException {
        String url = node.string();
        try {
            URI uri = new URI(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    || uri.getHost() == null) {
                throw node.error("must be an absolute http(s) URL, not \"" + url + "\"");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw node.error("bad URL \"" + url + "\": " + e.getReason());
        }
    }

    private static String optionalString(Map<String, YamlNode> m, String key, String otherwise)
            throws ConfigException {
        YamlNode n = m.get(key);
        return n == null || n.isNull() ? otherwise : n.string();
    }

    private static YamlNode required(Map<String, YamlNode> m, String key, YamlNode owner)
            throws ConfigException {
        YamlNode n = m.get(key);
        if (n == null) {
            String p = owner.path().isEmpty() ? key : owner.path() + "." + key;
            throw new ConfigException(owner.file(), owner.line(), p, "missing");
        }
        return n;
    }

    private static Node compose(Path file, String name) throws ConfigException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // reported with the key's line by YamlNode
        Yaml yaml = new Yaml(new SafeConstructor(options));
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return yaml.compose(in);
        } catch (NoSuchFileException e) {
            throw new ConfigException(name, 0, "(file)", "no such file");
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark();
            throw new ConfigException(
                    name,
                    mark == null ? 0 : mark.getLine() + 1,
                    "(yaml)",
                    e.getProblem() == null ? "not valid YAML" : e.getProblem());
        } catch (YAMLException | IOException e) {
            throw new ConfigException(name, 0, "(file)", e.getMessage());
        }
    }
}
