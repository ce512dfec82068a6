package dev.pagerboy.dispatcher.config;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * What the dispatcher needs of the ack gateway's {@code gateway:} section of {@code pagerboy.yaml}
 * to mint one-time ack links: the gateway's public base URL, the file holding the link key it
 * shares with the gateway, and how long a link works. The gateway reads the whole section (its
 * logins and its signing key too); here only these three keys are read and other keys are let
 * through.
 *
 * @param url the gateway's base URL as engineers reach it; links are {@code <url>/a/<token>}
 * @param keyFile the link key file, resolved against the configuration file's folder
 * @param linkTtl how long after the page's event time its link works
 */
public record GatewayLinkSettings(URI url, Path keyFile, Duration linkTtl) {

    /** A day: a page seen the next morning can still be acknowledged. */
    public static final Duration DEFAULT_LINK_TTL = Duration.ofHours(24);

    /** The {@code gateway:} section of {@code file}, or empty when the file has none. */
    public static Optional<GatewayLinkSettings> read(Path file) throws ConfigException {
        String name = file.toString();
        YamlNode root = new YamlNode(name, compose(file, name), "", 1);
        if (root.isNull()) {
            return Optional.empty();
        }
        YamlNode section = root.mapping(null).get("gateway");
        if (section == null || section.isNull()) {
            return Optional.empty();
        }
        Map<String, YamlNode> g = section.mapping(null);
        YamlNode urlNode = g.get("url");
        YamlNode keyNode = g.get("key_file");
        if (urlNode == null || keyNode == null) {
            throw section.error("needs url and key_file (the gateway's address and link key)");
        }
        URI url = URI.create(urlNode.string());
        if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
                || url.getHost() == null) {
            throw urlNode.error("must be an absolute http(s) URL, not \"" + url + "\"");
        }
        Path base = file.toAbsolutePath().getParent();
        Path key = base.resolve(keyNode.string());
        Duration ttl = DEFAULT_LINK_TTL;
        YamlNode ttlNode = g.get("link_ttl");
        if (ttlNode != null && !ttlNode.isNull()) {
            ttl = ttlNode.duration();
            if (ttl.isZero()) {
                throw ttlNode.error("must be greater than zero");
            }
        }
        return Optional.of(new GatewayLinkSettings(url, key, ttl));
    }

    private static Node compose(Path file, String name) throws ConfigException {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return yaml.compose(in);
        } catch (NoSuchFileException e) {
            throw new ConfigException(name, 0, "(file)", "no such file");
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark();
            throw new ConfigException(
                    name, mark == null ? 0 : mark.getLine() + 1, "(yaml)", "not valid YAML");
        } catch (YAMLException | IOException e) {
            throw new ConfigException(name, 0, "(file)", e.getMessage());
        }
    }
}
