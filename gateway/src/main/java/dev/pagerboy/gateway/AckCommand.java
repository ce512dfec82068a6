package dev.pagerboy.gateway;

import dev.pagerboy.alerts.ack.AckAction;
import dev.pagerboy.alerts.ack.AckText;
import dev.pagerboy.cli.Cli;
import dev.pagerboy.cli.CommandFailure;
import dev.pagerboy.cli.ExistingFile;
import dev.pagerboy.cli.UsageException;
import dev.pagerboy.gateway.ack.AckWriter;
import dev.pagerboy.gateway.ack.GatewaySigner;
import dev.pagerboy.gateway.config.GatewayConfigException;
import dev.pagerboy.gateway.config.KafkaTarget;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./pagerboy ack INCIDENT --key FILE [--resolve]}: for engineers with their own key. Signs
 * the canonical ack text locally (method "self-signed": the key never leaves the machine) and
 * writes it to the {@code acks} topic, where the job checks it like any other ack.
 */
@Command(
        name = "ack",
        description = {
            "Acknowledge (or resolve) an incident with your own key: signs locally, writes to acks."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./pagerboy ack 3f2a9c1d0b7e6a55-1796529600000 --key ~/.pagerboy/alice.key"
                    + " --config pagerboy.yaml",
            "  ./pagerboy ack 3f2a9c1d0b7e6a55-1796529600000 --key alice.key --resolve"
                    + " --bootstrap-servers localhost:9092"
        })
public final class AckCommand implements Callable<Integer> {

    @Parameters(
            index = "0",
            paramLabel = "INCIDENT",
            description = "The incident id from the page.")
    String incident;

    @Option(
            names = "--key",
            required = true,
            paramLabel = "FILE",
            description = "Your private key: 64 hex digits (the ledger key-file format).")
    Path key;

    @Option(names = "--resolve", description = "Resolve instead of acknowledge.")
    boolean resolve;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "pagerboy.yaml, for the broker and the acks topic.")
    Path config;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "HOST:PORT",
            description = "Kafka brokers (default: kafka.bootstrap_servers of --config).")
    String bootstrapServers;

    @Option(
            names = "--fingerprint",
            paramLabel = "HEX16",
            description = "The alert fingerprint to name (default: the incident id's hex prefix).")
    String fingerprint;

    private final PrintStream out;

    public AckCommand() {
        this(System.out);
    }

    public AckCommand(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        int status = Cli.run(new AckCommand(System.out), args, System.out, System.err);
        System.out.flush();
        System.exit(status);
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run(new AckCommand(out), args, out, err);
    }

    @Override
    public Integer call() {
        KafkaTarget kafka;
        try {
            kafka =
                    config == null
                            ? KafkaTarget.DEFAULT
                            : KafkaTarget.read(ExistingFile.require("--config", config));
        } catch (GatewayConfigException e) {
            throw new UsageException(e.getMessage(), e);
        }
        String servers = bootstrapServers != null ? bootstrapServers : kafka.bootstrapServers();
        if (servers == null) {
            throw new UsageException("give --config FILE or --bootstrap-servers HOST:PORT");
        }
        GatewaySigner signer;
        try {
            signer = GatewaySigner.read(ExistingFile.require("--key", key));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--key: " + e.getMessage(), e);
        }
        AckText text;
        try {
            String fp =
                    fingerprint != null
                            ? fingerprint
                            : incident.substring(0, Math.min(16, incident.length()));
            text =
                    new AckText(
                            incident,
                            fp,
                            signer.address(),
                            resolve ? AckAction.RESOLVE : AckAction.ACK,
                            Clock.systemUTC().millis());
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), e);
        }
        try (AckWriter writer = new AckWriter(servers, kafka.acksTopic())) {
            writer.write(incident, GatewaySigner.json(signer.sign(text), ""))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new CommandFailure("could not write the ack: " + Cli.describe(e), e);
        }
        out.println(
                (resolve ? "resolve" : "ack")
                        + " of "
                        + incident
                        + " signed by "
                        + signer.address()
                        + " written to "
                        + kafka.acksTopic()
                        + " at "
                        + servers);
        return 0;
    }
}
