package dev.pagerboy.gateway.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads the parts of {@code pagerboy.yaml} the gateway uses. The {@code gateway:} section is
 * checked strictly (nothing else reads all of it); the job's sections are read loosely, since the
 * job's {@code config check} validates them. Key files are resolved against the configuration
 * file's folder and are not read here: secrets stay in their files until the server starts.
 */
public final class GatewayConfigReader {

    private static final Set<String> GATEWAY_KEYS =
            Set.of("url", "key_file", "signer_key_file", "link_ttl", "logins", "ledger");
    private static final Set<String> LEDGER_KEYS = Set.of("rpc_url", "contract");

    private GatewayConfigReader() {}

    /** Only the broker and the acks topic (for {@code ./pagerboy ack}). */
    static KafkaTarget kafka(Path file) throws GatewayConfigException {
        String name = file.toString();
        Node root = new Node(name, compose(file, name), "");
        if (root.isNull()) {
            throw new GatewayConfigException(name, 1, "(document)", "the configuration is empty");
        }
        Map<String, Node> top = root.mapping(null);
        Node kafkaNode = Node.required(top, "kafka", root);
        Map<String, Node> kafka = kafkaNode.mapping(null);
        String servers = Node.required(kafka, "bootstrap_servers", kafkaNode).string();
        Node topicsNode = kafka.get("topics");
        String acks = GatewayTopics.DEFAULTS.acks();
        if (topicsNode != null && !topicsNode.isNull()) {
            acks = Node.optional(topicsNode.mapping(null), "acks", acks);
        }
        return new KafkaTarget(servers, acks);
    }

    public static GatewayConfig read(Path file) throws GatewayConfigException {
        String name = file.toString();
        Node root = new Node(name, compose(file, name), "");
        if (root.isNull()) {
            throw new GatewayConfigException(name, 1, "(document)", "the configuration is empty");
        }
        Map<String, Node> top = root.mapping(null);
        Node kafkaNode = Node.required(top, "kafka", root);
        Map<String, Node> kafka = kafkaNode.mapping(null);
        String servers = Node.required(kafka, "bootstrap_servers", kafkaNode).string();
        GatewayTopics topics = GatewayTopics.DEFAULTS;
        Node topicsNode = kafka.get("topics");
        if (topicsNode != null && !topicsNode.isNull()) {
            Map<String, Node> t = topicsNode.mapping(null);
            topics =
                    new GatewayTopics(
                            Node.optional(t, "acks", topics.acks()),
                            Node.optional(t, "incidents", topics.incidents()),
                            Node.optional(t, "notifications", topics.notifications()),
                            Node.optional(t, "receipts", topics.receipts()),
                            Node.optional(t, "ack_receipts", topics.ackReceipts()));
        }
        Map<String, RosterEngineer> engineers = new LinkedHashMap<>();
        Node rosterNode = top.get("engineers");
        if (rosterNode != null && !rosterNode.isNull()) {
            for (Node item : rosterNode.list()) {
                Map<String, Node> e = item.mapping(null);
                String engineer = Node.required(e, "name", item).string();
                Node teams = e.get("teams");
                engineers.put(
                        engineer,
                        new RosterEngineer(
                                engineer,
                                Node.required(e, "address", item).string().toLowerCase(Locale.ROOT),
                                teams == null || teams.isNull()
                                        ? java.util.List.of()
                                        : teams.stringList()));
            }
        }
        Map<String, String> receiverTeams = new LinkedHashMap<>();
        Node receiversNode = top.get("receivers");
        if (receiversNode != null && !receiversNode.isNull()) {
            for (Node item : receiversNode.list()) {
                Map<String, Node> r = item.mapping(null);
                String team = Node.optional(r, "team", "");
                if (!team.isEmpty()) {
                    receiverTeams.put(Node.required(r, "name", item).string(), team);
                }
            }
        }

        Node gatewayNode = Node.required(top, "gateway", root);
        Map<String, Node> g = gatewayNode.mapping(GATEWAY_KEYS);
        Path base = file.toAbsolutePath().getParent();
        Node urlNode = Node.required(g, "url", gatewayNode);
        URI url = httpUrl(urlNode);
        Path linkKey = base.resolve(Node.required(g, "key_file", gatewayNode).string());
        Path signerKey = base.resolve(Node.required(g, "signer_key_file", gatewayNode).string());
        Map<String, String> logins = new LinkedHashMap<>();
        Node loginsNode = g.get("logins");
        if (loginsNode != null && !loginsNode.isNull()) {
            for (Map.Entry<String, Node> e : loginsNode.mapping(null).entrySet()) {
                if (!engineers.containsKey(e.getKey())) {
                    throw e.getValue()
                            .error("no engineer of that name (expected a name from engineers:)");
                }
                Node hash =
                        Node.required(
                                e.getValue().mapping(Set.of("password_hash")),
                                "password_hash",
                                e.getValue());
                if (!PasswordHash.isWellFormed(hash.string())) {
                    throw hash.error(
                            "not a password hash (expected pbkdf2-sha256:<iterations>:<salt>:<hash>,"
                                    + " as ./pagerboy gateway hash-password prints)");
                }
                logins.put(e.getKey(), hash.string());
            }
        }
        Optional<LedgerTarget> ledger = Optional.empty();
        Node ledgerNode = g.get("ledger");
        if (ledgerNode != null && !ledgerNode.isNull()) {
            Map<String, Node> l = ledgerNode.mapping(LEDGER_KEYS);
            ledger =
                    Optional.of(
                            new LedgerTarget(
                                    httpUrl(Node.required(l, "rpc_url", ledgerNode)).toString(),
                                    Node.required(l, "contract", ledgerNode).string()));
        }
        return new GatewayConfig(
                name,
                servers,
                topics,
                engineers,
                receiverTeams,
                url,
                linkKey,
                signerKey,
                logins,
                ledger);
    }

    private static URI httpUrl(Node node) throws GatewayConfigException {
        String s = node.string();
        try {
            URI uri = new URI(s);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    || uri.getHost() == null) {
                throw node.error("must be an absolute http(s) URL, not \"" + s + "\"");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw node.error("bad URL \"" + s + "\": " + e.getReason());
        }
    }

    private static org.yaml.snakeyaml.nodes.Node compose(Path file, String name)
            throws GatewayConfigException {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return yaml.compose(in);
        } catch (NoSuchFileException e) {
            throw new GatewayConfigException(name, 0, "(file)", "no such file");
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark();
            throw new GatewayConfigException(
                    name, mark == null ? 0 : mark.getLine() + 1, "(yaml)", "not valid YAML");
        } catch (YAMLException | IOException e) {
            throw new GatewayConfigException(name, 0, "(file)", e.getMessage());
        }
    }
}
