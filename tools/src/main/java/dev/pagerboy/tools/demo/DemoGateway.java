package dev.pagerboy.tools.demo;

import dev.pagerboy.alerts.ack.AckLinkToken;
import dev.pagerboy.alerts.ack.AckLinkTokenKey;
import dev.pagerboy.devstack.EmbeddedKafka;
import dev.pagerboy.gateway.Gateway;
import dev.pagerboy.gateway.config.GatewayConfig;
import dev.pagerboy.gateway.config.GatewayConfigException;
import dev.pagerboy.gateway.config.GatewayConfigReader;
import dev.pagerboy.gateway.config.GatewayTopics;
import dev.pagerboy.gateway.config.RosterEngineer;
import dev.pagerboy.gateway.view.IncidentCard;
import dev.pagerboy.gateway.web.GatewayServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

/**
 * {@code ./pagerboy demo --gateway}: after the demo, the ack gateway over the demo's Kafka, so a
 * person can open an ack link in a browser. The demo's configuration has no secrets, so the
 * gateway's two keys (the link key and the signing key) are generated fresh into the demo's working
 * directory on every run, with a copy of the configuration whose {@code gateway:} section names
 * them; nothing secret is ever part of the repository.
 */
final class DemoGateway implements AutoCloseable {

    /** How long an ack link printed by the demo stays valid. */
    static final Duration LINK_TTL = Duration.ofHours(12);

    /** A top-level {@code gateway:} section: its key line and the indented lines that follow. */
    private static final Pattern GATEWAY_SECTION =
            Pattern.compile("(?m)^gateway:.*\\R(?:(?:[ \\t#].*|)\\R)*");

    private final Gateway gateway;
    private final String url;
    private final Optional<String> ackLink;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private DemoGateway(Gateway gateway, String url, Optional<String> ackLink) {
        this.gateway = gateway;
        this.url = url;
        this.ackLink = ackLink;
    }

    /**
     * Writes fresh keys and a configuration into {@code dir}, starts the gateway against {@code
     * bootstrapServers} and waits until its view holds every incident already on the topics.
     */
    static DemoGateway start(Path config, Path dir, EmbeddedKafka kafka)
            throws IOException, InterruptedException, GatewayConfigException {
        Files.createDirectories(dir);
        SecureRandom random = new SecureRandom();
        byte[] linkSecret = new byte[32];
        random.nextBytes(linkSecret);
        writeSecret(dir.resolve("link.key"), HexFormat.of().formatHex(linkSecret));
        ECKeyPair signer;
        try {
            signer = Keys.createEcKeyPair(random);
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot generate the gateway's signing key", e);
        }
        writeSecret(
                dir.resolve("signer.key"),
                "0x"
                        + org.web3j.utils.Numeric.toHexStringNoPrefixZeroPadded(
                                signer.getPrivateKey(), 64));
        int port = freePort();
        String url = "http://127.0.0.1:" + port;
        Path yaml = dir.resolve("pagerboy.yaml");
        Files.writeString(yaml, withGatewaySection(Files.readString(config), url));
        GatewayConfig gatewayConfig =
                GatewayConfigReader.read(yaml).withBootstrapServers(kafka.bootstrapServers());
        // The view reads all five topics; the ones this demo run did not create are made empty.
        GatewayTopics topics = gatewayConfig.topics();
        kafka.createTopics(
                Demo.PARTITIONS,
                topics.acks(),
                topics.incidents(),
                topics.notifications(),
                topics.receipts(),
                topics.ackReceipts());
        Gateway gateway =
                new Gateway(
                        gatewayConfig,
                        "127.0.0.1",
                        port,
                        GatewayServer.Limits.DEFAULTS,
                        Duration.ofMinutes(2));
        AckLinkTokenKey key = AckLinkTokenKey.read(gatewayConfig.linkKeyFile());
        return new DemoGateway(gateway, url, ackLink(gateway, gatewayConfig, key, url));
    }

    /**
     * Starts the gateway of {@code options}' run, prints its URL and an ack link, and serves until
     * Ctrl-C, or until {@code stop} counts down when it is not null.
     */
    static void serve(
            DemoOptions options, EmbeddedKafka kafka, PrintStream out, CountDownLatch stop)
            throws Exception {
        out.println("starting the ack gateway over the demo's Kafka ...");
        try (DemoGateway g = start(options.config(), options.workDir().resolve("gateway"), kafka)) {
            g.print(out);
            if (stop == null) {
                g.serveUntilStopped();
            } else {
                stop.await();
            }
        }
    }

    /** {@code text} with its {@code gateway:} section (if any) replaced by the demo's. */
    static String withGatewaySection(String text, String url) {
        String rest = GATEWAY_SECTION.matcher(text).replaceAll("");
        return (rest.endsWith("\n") ? rest : rest + "\n")
                + "\n# Written by ./pagerboy demo --gateway: keys generated for this run only.\n"
                + "gateway:\n"
                + "  url: "
                + url
                + "\n  key_file: link.key\n  signer_key_file: signer.key\n";
    }

    /**
     * A one-time link for the newest open incident, minted for an engineer it paged (or else a
     * roster engineer of its team), as the dispatcher would put in the page.
     */
    private static Optional<String> ackLink(
            Gateway gateway, GatewayConfig config, AckLinkTokenKey key, String url) {
        TreeSet<String> teams = new TreeSet<>(config.receiverTeams().values());
        config.engineers().values().forEach(e -> teams.addAll(e.teams()));
        for (IncidentCard card : gateway.board().forTeams(teams)) {
            if (!card.open()) {
                continue;
            }
            Optional<String> engineer = engineerFor(card, config);
            if (engineer.isPresent()) {
                AckLinkToken token =
                        AckLinkToken.forPage(
                                key,
                                "demo-gateway/" + card.id() + "/" + engineer.get(),
                                card.id(),
                                engineer.get(),
                                System.currentTimeMillis() + LINK_TTL.toMillis());
                return Optional.of(url + "/a/" + token.mint(key));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> engineerFor(IncidentCard card, GatewayConfig config) {
        List<String> candidates = new ArrayList<>(card.paged());
        for (RosterEngineer e : config.engineers().values()) {
            if (e.teams().stream().anyMatch(card.teams()::contains)) {
                candidates.add(e.name());
            }
        }
        return candidates.stream().filter(config.engineers()::containsKey).findFirst();
    }

    String url() {
        return url;
    }

    /** The link of an open incident, or empty when the run left none open. */
    Optional<String> ackLink() {
        return ackLink;
    }

    /** Prints the summary lines a person (and the demo test) reads. */
    void print(PrintStream out) {
        out.println("gateway_url=" + url);
        out.println("ack_link=" + ackLink.orElse("none (no open incident)"));
        out.println("The gateway (and Kafka) keep running; press Ctrl-C to stop.");
        out.println(
                "The job has stopped: a press is signed and written to the acks topic, and the"
                        + " link's button is used up, but no job reads the ack, so the incident"
                        + " stays open.");
        out.flush();
    }

    /** Serves until the process is asked to stop (Ctrl-C), then closes the gateway. */
    void serveUntilStopped() throws InterruptedException {
        Thread hook = new Thread(this::close, "demo-gateway-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        stopped.await();
    }

    @Override
    public synchronized void close() {
        if (stopped.getCount() > 0) {
            gateway.close();
            stopped.countDown();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void writeSecret(Path file, String text) throws IOException {
        Files.writeString(file, text + "\n");
        try {
            Files.setPosixFilePermissions(
                    file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the file keeps the default permissions.
        }
    }
}
