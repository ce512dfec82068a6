package dev.pagerboy.devstack;

import dev.pagerboy.cli.Cli;
import dev.pagerboy.cli.CommandFailure;
import dev.pagerboy.cli.ExitStatus;
import dev.pagerboy.cli.PositiveNumber;
import dev.pagerboy.contracts.anvil.DevAccount;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./pagerboy stack}: runs Kafka (with the standard topics) and Anvil on this machine, prints
 * where they listen and which funded dev key deploys the ledger, and keeps them up until Ctrl-C or
 * SIGTERM, then stops both, leaving no child process behind.
 *
 * <p>The address lines are {@code key=value} so scripts can read them, e.g. {@code
 * bootstrap.servers=127.0.0.1:40123}.
 */
@Command(
        name = "stack",
        description = {
            "Run Kafka and Anvil locally until Ctrl-C or SIGTERM.",
            "Starts an embedded Kafka broker (with the standard topics) and an Anvil node, prints",
            "their addresses and a funded dev key for 'ledger deploy'."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./pagerboy stack",
            "  ./pagerboy stack --partitions 4 --chain-state .pagerboy/chain.json"
        })
public final class LocalStackMain implements Callable<Integer> {

    static final int DEFAULT_PARTITIONS = 2;

    /** Where the dev key is written, under the project root, for {@code ledger deploy --key}. */
    static final String DEV_KEY_FILE = ".pagerboy/dev.key";

    @Option(
            names = "--partitions",
            paramLabel = "N",
            converter = PositiveNumber.Int.class,
            description = "Partitions per topic (default: ${DEFAULT-VALUE}).")
    int partitions = DEFAULT_PARTITIONS;

    @Option(
            names = "--chain-state",
            paramLabel = "FILE",
            description = "Load Anvil's chain from FILE if it exists; save it there on exit.")
    Path chainState;

    private final PrintStream out;

    public LocalStackMain(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        int status = Cli.run(new LocalStackMain(System.out), args, System.out, System.err);
        // On success the stack has stopped in the shutdown hook: the JVM is already exiting.
        if (status != ExitStatus.OK.code()) {
            System.exit(status);
        }
    }

    /** Runs the stack with the given streams until it is stopped; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return Cli.run(new LocalStackMain(out), args, out, err);
    }

    @Override
    public Integer call() {
        out.println("Starting Kafka and Anvil...");
        LocalStack stack;
        try {
            stack = LocalStack.start(partitions, Optional.ofNullable(chainState));
        } catch (RuntimeException e) {
            throw new CommandFailure("could not start the local stack: " + Cli.describe(e), e);
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    out.println("Stopping Anvil and Kafka...");
                                    stack.close();
                                    out.println("Stopped.");
                                    stopped.countDown();
                                },
                                "local-stack-shutdown"));

        DevAccount deployer = stack.anvil().account(0);
        out.println("bootstrap.servers=" + stack.kafka().bootstrapServers());
        out.println("rpc.url=" + stack.anvil().rpcUrl());
        out.println("chain.id=" + stack.anvil().chainId());
        out.println("topics=" + String.join(",", StandardTopics.ALL));
        out.println("deployer.address=" + deployer.address());
        out.println("deployer.key=" + deployer.privateKey());
        Optional<Path> keyFile = writeDevKey(deployer);
        keyFile.ifPresent(file -> out.println("deployer.key.file=" + file));
        out.println(
                "Deploy the ledger with the funded dev key (public, for local use only):"
                        + " ./pagerboy ledger deploy --rpc "
                        + stack.anvil().rpcUrl()
                        + " --key "
                        + keyFile.map(Path::toString).orElse("FILE_WITH_DEPLOYER_KEY"));
        out.println("Local stack is up. Press Ctrl-C (or send SIGTERM) to stop.");
        out.flush();

        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return ExitStatus.OK.code();
    }

    /** Writes the dev key under the project root, so the printed deploy command runs as is. */
    private static Optional<Path> writeDevKey(DevAccount deployer) {
        Path root = Path.of(System.getProperty("pagerboy.root", ".")).toAbsolutePath().normalize();
        Path file = root.resolve(DEV_KEY_FILE);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, deployer.privateKey() + "\n", StandardCharsets.UTF_8);
            boolean inRoot = Path.of("").toAbsolutePath().equals(root);
            return Optional.of(inRoot ? Path.of(DEV_KEY_FILE) : file);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
