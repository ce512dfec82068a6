package dev.pagerboy.gateway;

import dev.pagerboy.cli.Cli;
import dev.pagerboy.cli.CommandFailure;
import dev.pagerboy.cli.ExistingFile;
import dev.pagerboy.cli.UsageException;
import dev.pagerboy.gateway.config.GatewayConfig;
import dev.pagerboy.gateway.config.GatewayConfigException;
import dev.pagerboy.gateway.config.GatewayConfigReader;
import dev.pagerboy.gateway.config.PasswordHash;
import dev.pagerboy.gateway.web.GatewayServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./pagerboy gateway}: runs the ack gateway until Ctrl-C or SIGTERM; {@code ./pagerboy
 * gateway hash-password} prints a login's password hash for {@code gateway.logins}.
 */
@Command(
        name = "gateway",
        description = {
            "Serve the one-time ack links of pages and the team view of open incidents.",
            "Writes gateway-signed acks to the acks topic; rebuilds its view from Kafka at start."
        },
        subcommands = {GatewayCommand.HashPassword.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./pagerboy gateway --config streaming-job/config/pagerboy.yaml",
            "  ./pagerboy gateway --config pagerboy.yaml --port 8081 --host 0.0.0.0",
            "  ./pagerboy gateway hash-password < password.txt"
        })
public final class GatewayCommand implements Callable<Integer> {

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "pagerboy.yaml: topics, roster, receivers and the gateway: section.")
    Path config;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            description = "Port to listen on; 0 picks one (default: the port of gateway.url).")
    Integer port;

    @Option(
            names = "--host",
            paramLabel = "ADDRESS",
            description = "Address to listen on, e.g. 0.0.0.0 (default: ${DEFAULT-VALUE}).")
    String host = "127.0.0.1";

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT",
            description = "Kafka brokers (default: kafka.bootstrap_servers of the config).")
    String bootstrapServers;

    private final PrintStream out;

    public GatewayCommand() {
        this(System.out);
    }

    public GatewayCommand(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        int status = Cli.run(new GatewayCommand(System.out), args, System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    /** Runs with the given streams; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run(new GatewayCommand(out), args, out, err);
    }

    @Override
    public Integer call() {
        if (config == null) {
            throw new UsageException(
                    "--config FILE is required (pagerboy.yaml with a gateway: section)");
        }
        GatewayConfig cfg;
        try {
            cfg = GatewayConfigReader.read(ExistingFile.require("--config", config));
        } catch (GatewayConfigException e) {
            throw new UsageException(e.getMessage(), e);
        }
        if (bootstrapServers != null) {
            cfg = cfg.withBootstrapServers(bootstrapServers);
        }
        int listen = port != null ? port : cfg.url().getPort() > 0 ? cfg.url().getPort() : 8081;
        if (listen < 0 || listen > 65535) {
            throw new UsageException("--port: must be 0 to 65535, not " + listen);
        }
        Gateway gateway;
        try {
            gateway =
                    new Gateway(
                            cfg,
                            host,
                            listen,
                            GatewayServer.Limits.DEFAULTS,
                            Duration.ofSeconds(60));
        } catch (IOException | RuntimeException e) {
            throw new CommandFailure("could not start the gateway: " + Cli.describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    gateway.close();
                                    done.countDown();
                                },
                                "gateway-shutdown"));
        out.println(
                "gateway: http://"
                        + host
                        + ":"
                        + gateway.port()
                        + "/ (public URL "
                        + cfg.url()
                        + "), signing acks as "
                        + gateway.signerAddress()
                        + " (list it in acks.gateway_signers), view of "
                        + gateway.board().size()
                        + " incidents from "
                        + cfg.bootstrapServers());
        out.flush();
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Reads a password from the first line of standard input and prints its hash. */
    @Command(
            name = "hash-password",
            description =
                    "Print the gateway.logins password hash of the password on standard input.",
            footerHeading = "%nExamples:%n",
            footer = {"  ./pagerboy gateway hash-password < password.txt"})
    static final class HashPassword implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line = in.readLine();
            if (line == null || line.isEmpty()) {
                throw new UsageException("no password on standard input");
            }
            System.out.println(PasswordHash.hash(line.toCharArray(), PasswordHash.ITERATIONS));
            return 0;
        }
    }
}
