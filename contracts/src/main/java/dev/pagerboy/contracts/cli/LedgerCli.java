package dev.pagerboy.contracts.cli;

import dev.pagerboy.contracts.anvil.AnvilNode;
import dev.pagerboy.contracts.anvil.DevAccount;
import dev.pagerboy.contracts.bench.LedgerBench;
import dev.pagerboy.contracts.ledger.AnchoredBatch;
import dev.pagerboy.contracts.ledger.LedgerException;
import dev.pagerboy.contracts.ledger.LedgerSettings;
import dev.pagerboy.contracts.ledger.LedgerStatus;
import dev.pagerboy.contracts.ledger.Web3jLedgerClient;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.web3j.crypto.Credentials;

/**
 * {@code ./pagerboy ledger ...}: deploy an AlertLedger, show its status, benchmark anchoring. Exit
 * status 0 on success, 1 when the ledger operation failed, 2 for a wrong command line.
 */
public final class LedgerCli {

    static final String USAGE =
            """
            usage: ./pagerboy ledger <command> [flags]

            commands:
              deploy --rpc URL --key KEYFILE [--writer ADDRESS]
                  deploy AlertLedger from the key in KEYFILE (hex private key); the first writer is
                  ADDRESS, or the deployer itself. Prints the contract address.
              status --rpc URL --address ADDRESS
                  owner, writers, number of anchors and the latest batch of a deployed ledger
              bench [--batch N] [--rounds N] [--naive N]
                  start a private Anvil node and measure anchoring: acks/s and gas per ack for batch
                  sizes 1, 100, 1000, 10000 (or only N) against a naive one-transaction-per-ack
                  baseline of --naive acks (default 500). The last line is key=value pairs.
              help
                  show this help
            """;

    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final List<Integer> DEFAULT_BATCH_SIZES = List.of(1, 100, 1000, 10_000);

    private final PrintStream out;
    private final PrintStream err;

    LedgerCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        // Web3j and OkHttp log through slf4j-simple: warnings and errors only, on stderr.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        System.exit(new LedgerCli(System.out, System.err).run(args));
    }

    int run(String[] args) {
        if (args.length == 0) {
            err.print(USAGE);
            return 2;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            switch (args[0]) {
                case "help", "-h", "--help" -> out.print(USAGE);
                case "deploy" ->
                        deploy(Flags.parse("deploy", rest, List.of("rpc", "key", "writer")));
                case "status" -> status(Flags.parse("status", rest, List.of("rpc", "address")));
                case "bench" ->
                        bench(Flags.parse("bench", rest, List.of("batch", "rounds", "naive")));
                default ->
                        throw new UsageException(
                                "unknown ledger command '"
                                        + args[0]
                                        + "' (deploy, status, bench, help)");
            }
            return 0;
        } catch (UsageException e) {
            err.println("pagerboy: " + e.getMessage());
            err.println("run './pagerboy ledger help' for usage");
            return 2;
        } catch (LedgerException | IllegalStateException e) {
            err.println("pagerboy ledger: " + e.getMessage());
            return 1;
        }
    }

    private void deploy(Flags flags) throws UsageException {
        String rpc = flags.required("rpc");
        Credentials deployer = readKey(Path.of(flags.required("key")));
        String writer = address(flags, "writer", deployer.getAddress());
        out.println(Web3jLedgerClient.deploy(LedgerSettings.defaults(rpc), deployer, writer));
    }

    private void status(Flags flags) throws UsageException {
        String rpc = flags.required("rpc");
        String contract = address(flags, "address", null);
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

    private void bench(Flags flags) throws UsageException {
        List<Integer> sizes =
                flags.has("batch") ? List.of(flags.positiveInt("batch", 0)) : DEFAULT_BATCH_SIZES;
        int naiveAcks = flags.positiveInt("naive", 500);
        Integer rounds = flags.has("rounds") ? flags.positiveInt("rounds", 0) : null;
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

    private static String address(Flags flags, String name, String fallback) throws UsageException {
        String v = fallback == null ? flags.required(name) : flags.optional(name, fallback);
        if (!ADDRESS.matcher(v).matches()) {
            throw new UsageException(
                    "--" + name + " must be a 0x-prefixed 20-byte hex address, got '" + v + "'");
        }
        return v.toLowerCase(Locale.ROOT);
    }

    private static Credentials readKey(Path file) throws UsageException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("--key: cannot read key file " + file + " (" + e + ")");
        }
        String key =
                lines.stream().map(String::trim).filter(l -> !l.isEmpty()).findFirst().orElse("");
        String digits = key.startsWith("0x") ? key.substring(2) : key;
        if (!digits.matches("[0-9a-fA-F]{64}")) {
            throw new UsageException(
                    "--key: " + file + " must hold a 32-byte private key as 64 hex digits");
        }
        return Credentials.create(digits);
    }
}
