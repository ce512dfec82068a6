package dev.pagerboy.dispatcher;

import dev.pagerboy.cli.Cli;
import dev.pagerboy.cli.CommandFailure;
import dev.pagerboy.cli.ExistingFile;
import dev.pagerboy.cli.ExitStatus;
import dev.pagerboy.cli.UsageException;
import dev.pagerboy.dispatcher.config.ConfigException;
import dev.pagerboy.dispatcher.config.DispatcherConfig;
import dev.pagerboy.dispatcher.config.DispatcherConfigReader;
import dev.pagerboy.dispatcher.payload.SignedAckLinks;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./pagerboy dispatcher}: runs one dispatcher replica until Ctrl-C or SIGTERM. Start several
 * (with different {@code --replica-id}s) for failover: they share the consumer group.
 */
@Command(
        name = "dispatcher",
        description = {
            "Deliver committed pages to their receivers (webhook, chat, e-mail) and write receipts.",
            "One replica of a Kafka consumer group over the notifications topic; start several for",
            "failover. Serves /metrics and /healthz on --ops-port."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./pagerboy dispatcher --config streaming-job/config/pagerboy.yaml",
            "  ./pagerboy dispatcher --config pagerboy.yaml --replica-id 2 --ops-port 9402"
        })
public final class DispatcherCommand implements Callable<Integer> {

    @Option(
            names = "--config",
            required = true,
            paramLabel = "FILE",
            description = "pagerboy.yaml: receivers, topics and the dispatcher: section.")
    Path config;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT",
            description = "Kafka brokers (default: kafka.bootstrap_servers of the config).")
    String bootstrapServers;

    @Option(
            names = "--replica-id",
            paramLabel = "N",
            description =
                    "This replica's number, named in its receipts (default: ${DEFAULT-VALUE}).")
    int replicaId = 1;

    @Option(
            names = "--group",
            paramLabel = "ID",
            description = "The replicas' consumer group (default: ${DEFAULT-VALUE}).")
    String group = Dispatcher.DEFAULT_GROUP;

    @Option(
            names = "--ops-port",
            paramLabel = "PORT",
            description = "Port of /metrics and /healthz; 0 picks one (default: 0).")
    int opsPort;

    @Option(
            names = "--ops-host",
            paramLabel = "ADDRESS",
            description =
                    "Address /metrics and /healthz listen on, e.g. 0.0.0.0 for a remote"
                            + " Prometheus (default: ${DEFAULT-VALUE}).")
    String opsHost = "127.0.0.1";

    private final PrintStream out;

    public DispatcherCommand(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        int status = Cli.run(new DispatcherCommand(System.out), args, System.out, System.err);
        System.out.flush();
        System.err.flush();
        // Kafka's and the HTTP client's threads must not keep a stopped replica alive.
        System.exit(status);
    }

    /** Runs with the given streams; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run(new DispatcherCommand(out), args, out, err);
    }

    @Override
    public Integer call() {
        DispatcherConfig cfg;
        try {
            cfg = DispatcherConfigReader.read(ExistingFile.require("--config", config));
        } catch (ConfigException e) {
            throw new UsageException(e.getMessage(), e);
        }
        if (bootstrapServers != null) {
            cfg = cfg.withBootstrapServers(bootstrapServers);
        }
        if (opsPort < 0 || opsPort > 65535) {
            throw new UsageException("--ops-port: must be 0 to 65535, not " + opsPort);
        }
        Dispatcher dispatcher;
        try {
            dispatcher =
                    new Dispatcher(
                            cfg,
                            group,
                            replicaId,
                            opsHost,
                            opsPort,
                            SignedAckLinks.of(config, cfg.gatewayUrl()));
        } catch (ConfigException e) {
            throw new UsageException(e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new CommandFailure("could not start the dispatcher: " + Cli.describe(e), e);
        }
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    dispatcher.stop();
                                    try {
                                        done.await();
                                    } catch (InterruptedException e) {
                                        Thread.currentThread().interrupt();
                                    }
                                },
                                "dispatcher-shutdown"));
        out.println(
                "dispatcher replica "
                        + replicaId
                        + ": group "
                        + group
                        + ", pages from "
                        + cfg.notificationsTopic()
                        + ", receipts to "
                        + cfg.receiptsTopic()
                        + " at "
                        + cfg.bootstrapServers());
        out.println("ops.url=http://" + opsHost + ":" + dispatcher.opsPort());
        out.flush();
        try {
            dispatcher.run(Duration.ofSeconds(10));
        } catch (IllegalStateException e) {
            throw new CommandFailure(Cli.describe(e), e);
        } finally {
            dispatcher.close();
            done.countDown();
        }
        return ExitStatus.OK.code();
    }
}
