package dev.pagerboy.contracts.cli;

import dev.pagerboy.cli.Cli;
import dev.pagerboy.cli.CommandFailure;
import dev.pagerboy.cli.ExistingFile;
import dev.pagerboy.cli.ExitStatus;
import dev.pagerboy.cli.HttpUrlConverter;
import dev.pagerboy.cli.PositiveNumber;
import dev.pagerboy.cli.UsageException;
import dev.pagerboy.contracts.anvil.AnvilNode;
import dev.pagerboy.contracts.anvil.DevAccount;
import dev.pagerboy.contracts.bench.LedgerBench;
import dev.pagerboy.contracts.ledger.AnchoredBatch;
import dev.pagerboy.contracts.ledger.KeyFile;
import dev.pagerboy.contracts.ledger.LedgerException;
import dev.pagerboy.contracts.ledger.LedgerSettings;
import dev.pagerboy.contracts.ledger.LedgerStatus;
import dev.pagerboy.contracts.ledger.Web3jLedgerClient;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.web3j.crypto.Credentials;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./pagerboy ledger ...}: deploy an AlertLedger, show its status, benchmark anchoring. Exit
 * status 0 on success, 1 when the ledger operation failed (a node unreachable), 2 for a wrong
 * command line, a missing key file or a malformed key.
 */
@Command(
        name = "ledger",
        description = "The AlertLedger contract: deploy, status, bench.",
        synopsisSubcommandLabel = "COMMAND",
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./pagerboy ledger deploy --rpc http://127.0.0.1:8545 --key dev.key",
            "  ./pagerboy ledger status --rpc http://127.0.0.1:8545 --address 0x5FbDB2315678afecb367f032d93F642f64180aa3",
            "  ./pagerboy ledger bench --batch 1000"
        })
public final class LedgerCli implements Callable<Integer> {

    private static final List<Integer> DEFAULT_BATCH_SIZES = List.of(1, 100, 1000, 10_000);

    private final PrintStream out;
    private final PrintStream err;

    @Spec CommandSpec spec;

    LedgerCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        // Web3j and OkHttp log through slf4j-simple: warnings and errors only, on stderr.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        Cli.main(new LedgerCli(System.out, System.err), args);
    }

    /** Runs one command with the given streams; returns its exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return new LedgerCli(out, err).run(args);
    }

    /** The {@code ledger} command tree, for help and shell completion. */
    public static CommandLine commandLine() {
        return new CommandLine(new LedgerCli(System.out, System.err));
    }

    int run(String[] args) {
        return Cli.run(this, args, out, err);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitStatus.USAGE.code();
    }

    @Command(
            name = "deploy",
            description = {
                "Deploy AlertLedger and print the contract address.",
                "The deployer's key is read from KEYFILE (a hex private key); the first writer is",
                "ADDRESS, or the deployer itself. With ./pagerboy stack running, use the funded dev",
                "key it prints (.pagerboy/dev.key)."
            },
            footerHeading = "%nExamples:%n",
            footer = {
                "  ./pagerboy ledger deploy --rpc http://127.0.0.1:8545 --key dev.key",
                "  ./pagerboy ledger deploy --rpc http://127.0.0.1:8545 --key dev.key --writer 0x70997970C51812dc3A010C7d01b50e0d17dc79C8"
            })
    int deploy(
            @Option(
                            names = "--rpc",
                            paramLabel = "URL",
                            required = true,
                            converter = HttpUrlConverter.class,
                            description = "The node's JSON-RPC endpoint.")
                    URI rpc,
            @Option(
                            names = "--key",
                            paramLabel = "KEYFILE",
                            required = true,
                            description =
                                    "A file holding the deployer's private key (64 hex digits).")
                    Path keyFile,
            @Option(
                            names = "--writer",
                            paramLabel = "ADDRESS",
                            converter = AddressConverter.class,
                            description = "The first writer (default: the deployer).")
                    String writer) {
        Credentials deployer = readKey(keyFile);
        String firstWriter = writer != null ? writer : deployer.getAddress();
        ledger(
                () ->
                        out.println(
                                Web3jLedgerClient.deploy(
                                        LedgerSettings.defaults(rpc.toString()),
                                        deployer,
                                        firstWriter)));
        return ExitStatus.OK.code();
    }

    @Command(
            name = "status",
            description =
                    "Owner, writers, number of anchors and the latest batch of a deployed ledger.",
            footerHeading = "%nExamples:%n",
            footer = {
                "  ./pagerboy ledger status --rpc http://127.0.0.1:8545 --address 0x5FbDB2315678afecb367f032d93F642f64180aa3"
            })
    int status(
            @Option(
                            names = "--rpc",
                            paramLabel = "URL",
                            required = true,
                            converter = HttpUrlConverter.class,
                            description = "The node's JSON-RPC endpoint.")
                    URI rpc,
            @Option(
                            names = "--address",
                            paramLabel = "ADDRESS",
                            required = true,
                            converter = AddressConverter.class,
                            description = "The AlertLedger contract's address.")
                    String contract) {
        ledger(() -> printStatus(rpc.toString(), contract));
        return ExitStatus.OK.code();
    }

    @Command(
            name = "bench",
            description = {
                "Measure anchoring on a private Anvil node.",
                "Acks/s and gas per ack for batch",
                "sizes 1, 100, 1000, 10000 (or only --batch N) against a naive",
                "one-transaction-per-ack baseline of --naive acks. The last line is key=value pairs."
            },
            footerHeading = "%nExamples:%n",
            footer = {
                "  ./pagerboy ledger bench",
                "  ./pagerboy ledger bench --batch 1000 --rounds 20 --naive 200"
            })
    int bench(
            @Option(
                            names = "--batch",
                            paramLabel = "N",
                            converter = PositiveNumber.Int.class,
                            description = "Measure only this batch size.")
                    Integer batch,
            @Option(
                            names = "--rounds",
                            paramLabel = "N",
                            converter = PositiveNumber.Int.class,
                            description = "Rounds per batch size (default: 15 to 50 by size).")
                    Integer rounds,
            @Option(
                            names = "--naive",
                            paramLabel = "N",
                            converter = PositiveNumber.Int.class,
                            defaultValue = "500",
                            description = "Acks of the naive baseline (default: ${DEFAULT-VALUE}).")
                    int naiveAcks) {
        List<Integer> sizes = batch != null ? List.of(batch) : DEFAULT_BATCH_SIZES;
        ledger(() -> runBench(sizes, rounds, naiveAcks));
        return ExitStatus.OK.code();
    }

    /** Runs a ledger operation; a ledger that cannot do it is one line, exit 1. */
    private static void ledger(Runnable operation) {
        try {
            operation.run();
        } catch (LedgerException | IllegalStateException e) {
            throw new CommandFailure(e.getMessage(), e);
        }
    }

    private void printStatus(String rpc, String contract) {
        // Reading needs no key: a call only names a sender, so a throwaway key will do.
        Credentials reader = Credentials.create("0x1");
        try (Web3jLedgerClient ledger = Web3jLedgerClient.connect(rpc, contract, reader)) {
            LedgerStatus s = ledger.status();
            out.println("contract:  " + s.contract());
            out.println("chain id:  " + s.chainId());
            out.println("owner:     " + s.owner());
            out.println(
                    "writers:   "
                            + (s.writers().isEmpty() ? "(none)" : String.join(", ", s.writers())));
            out.println("anchors:   " + s.anchorCount());
            if (s.latest().isPresent()) {
                AnchoredBatch b = s.latest().get();
                out.println("latest:    batch " + b.batchId());
                out.println("           root " + b.root());
                out.printf(
                        "           %d leaves from seq %d, block %d%n",
                        b.leafCount(), b.firstSeq(), b.anchoredAtBlock());
            } else {
                out.println("latest:    (no batch anchored yet)");
            }
        }
    }

    private void runBench(List<Integer> sizes, Integer rounds, int naiveAcks) {
        try (AnvilNode node = AnvilNode.start()) {
            DevAccount owner = node.account(0);
            String contract =
                    Web3jLedgerClient.deploy(
                            LedgerSettings.defaults(node.rpcUrl()),
                            owner.credentials(),
                            owner.address());
            err.println("ledger bench: Anvil " + node.rpcUrl() + ", AlertLedger " + contract);
            LedgerSettings settings = LedgerSettings.defaults(node.rpcUrl()).withAsyncThreads(16);
            try (Web3jLedgerClient ledger =
                    Web3jLedgerClient.connect(settings, contract, owner.credentials())) {
                LedgerBench bench = new LedgerBench(ledger, out);
                List<LedgerBench.BatchResult> results = new ArrayList<>();
                for (int size : sizes) {
                    results.add(
                            bench.measureBatched(size, rounds != null ? rounds : roundsFor(size)));
                }
                LedgerBench.NaiveResult naive = bench.measureNaive(naiveAcks);
                LedgerBench.BatchResult last = results.get(results.size() - 1);
                out.println(
                        String.format(
                                Locale.ROOT,
                                "batch=%d rounds=%d acks_per_s=%.0f gas_per_ack=%.1f"
                                        + " naive_acks=%d naive_acks_per_s=%.0f naive_gas_per_ack=%.1f"
                                        + " speedup=%.1f gas_ratio=%.1f",
                                last.batchSize(),
                                last.rounds(),
                                last.acksPerSecond(),
                                last.gasPerAck(),
                                naive.acks(),
                                naive.acksPerSecond(),
                                naive.gasPerAck(),
                                last.acksPerSecond() / naive.acksPerSecond(),
                                naive.gasPerAck() / last.gasPerAck()));
            }
        }
    }

    /** Enough rounds for a stable median on a noisy machine without running for minutes. */
    private static int roundsFor(int batchSize) {
        return Math.max(15, Math.min(50, 100_000 / batchSize));
    }

    private static Credentials readKey(Path file) {
        ExistingFile.require("--key", file);
        try {
            return KeyFile.read(file);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--key: " + e.getMessage());
        }
    }
}
