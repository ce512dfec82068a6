package dev.pagerboy.contracts.ledger;

import dev.pagerboy.contracts.Bytes32;
import dev.pagerboy.contracts.generated.AlertLedger;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;

/**
 * {@link LedgerClient} on any Ethereum JSON-RPC node, through Web3j.
 *
 * <p>This is the only class that touches the generated {@link AlertLedger} wrapper. It uses the
 * wrapper for ABI encoding and decoding only; transport is its own, because the wrapper's defaults
 * do not fit a job that anchors continuously: {@link TransactionSender} manages nonces for
 * concurrent sends, estimates gas with a margin and polls receipts every few milliseconds, and
 * {@link JsonRpc} retries connection errors a bounded number of times.
 */
public final class Web3jLedgerClient implements LedgerClient {

    private static final long LOG_WINDOW_BLOCKS = 50_000;
    private static final String ANCHORED_TOPIC = EventEncoder.encode(AlertLedger.ANCHORED_EVENT);

    private final Web3j web3j;
    private final JsonRpc rpc;
    private final TransactionSender sender;
    private final AlertLedger abi;
    private final String address;
    private final long chainId;
    private final ExecutorService async;

    private Web3jLedgerClient(
            Web3j web3j,
            JsonRpc rpc,
            TransactionSender sender,
            String address,
            long chainId,
            int asyncThreads) {
        this.web3j = web3j;
        this.rpc = rpc;
        this.sender = sender;
        this.address = address;
        this.chainId = chainId;
        this.abi =
                AlertLedger.load(
                        address,
                        web3j,
                        new ReadonlyTransactionManager(web3j, sender.account()),
                        new StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO));
        AtomicInteger threads = new AtomicInteger();
        this.async =
                Executors.newFixedThreadPool(
                        asyncThreads,
                        r -> {
                            Thread t = new Thread(r, "ledger-anchor-" + threads.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
    }

    /** Connects to the contract at {@code contractAddress}, sending as {@code account}. */
    public static Web3jLedgerClient connect(
            String rpcUrl, String contractAddress, Credentials account) {
        return connect(LedgerSettings.defaults(rpcUrl), contractAddress, account);
    }

    public static Web3jLedgerClient connect(
            LedgerSettings settings, String contractAddress, Credentials account) {
        Node node = Node.open(settings, account);
        String contract = contractAddress.toLowerCase(Locale.ROOT);
        try {
            String code =
                    node.rpc
                            .read(
                                    "eth_getCode",
                                    node.web3j.ethGetCode(
                                            contract, DefaultBlockParameterName.LATEST))
                            .getCode();
            if (code == null || code.equals("0x")) {
                throw new LedgerException(
                        "no contract at " + contract + " on " + settings.rpcUrl());
            }
        } catch (RuntimeException e) {
            node.web3j.shutdown();
            throw e;
        }
        return new Web3jLedgerClient(
                node.web3j, node.rpc, node.sender, contract, node.chainId, settings.asyncThreads());
    }

    /**
     * Deploys a new AlertLedger owned by {@code deployer} with {@code firstWriter} as its first
     * writer (may be the deployer), and returns its address.
     */
    public static String deploy(LedgerSettings settings, Credentials deployer, String firstWriter) {
        Node node = Node.open(settings, deployer);
        try {
            String data =
                    AlertLedger.BINARY
                            + FunctionEncoder.encodeConstructor(List.of(new Address(firstWriter)));
            BigInteger gas = node.sender.estimateGas(null, data);
            TransactionReceipt receipt = node.sender.sendAndWait(null, data, gas);
            if (!receipt.isStatusOK() || receipt.getContractAddress() == null) {
                throw new LedgerException(
                        "deploying AlertLedger failed in transaction "
                                + receipt.getTransactionHash());
            }
            return receipt.getContractAddress().toLowerCase(Locale.ROOT);
        } finally {
            node.web3j.shutdown();
        }
    }

    public long chainId() {
        return chainId;
    }

    @Override
    public String contractAddress() {
        return address;
    }

    @Override
    public String account() {
        return sender.account();
    }

    @Override
    public AnchorReceipt anchor(BatchAnchor batch) {
        Optional<Bytes32> existing = rootOf(batch.batchId());
        if (existing.isPresent()) {
            if (existing.get().equals(batch.root())) {
                return new AnchorReceipt(
                        batch, AnchorReceipt.Outcome.ALREADY_ANCHORED, Optional.empty(), 0, 0);
            }
            throw new RootConflictException(batch.batchId(), existing.get(), batch.root());
        }
        String data =
                abi.anchor(
                                batch.batchId().toArray(),
                                batch.root().toArray(),
                                BigInteger.valueOf(batch.leafCount()),
                                BigInteger.valueOf(batch.firstSeq()))
                        .encodeFunctionCall();
        TransactionReceipt receipt = transact(data);
        boolean emitted =
                receipt.getLogs().stream()
                        .anyMatch(
                                log ->
                                        log.getAddress().equalsIgnoreCase(address)
                                                && !log.getTopics().isEmpty()
                                                && log.getTopics().get(0).equals(ANCHORED_TOPIC));
        // No event: a concurrent writer anchored the same root first; the contract returned false.
        return new AnchorReceipt(
                batch,
                emitted ? AnchorReceipt.Outcome.ANCHORED : AnchorReceipt.Outcome.ALREADY_ANCHORED,
                Optional.of(receipt.getTransactionHash()),
                receipt.getGasUsed().longValueExact(),
                receipt.getBlockNumber().longValueExact());
    }

    @Override
    public CompletableFuture<AnchorReceipt> anchorAsync(BatchAnchor batch) {
        return CompletableFuture.supplyAsync(() -> anchor(batch), async);
    }

    @Override
    public boolean isAnchored(Bytes32 batchId) {
        return rootOf(batchId).isPresent();
    }

    @Override
    public Optional<Bytes32> rootOf(Bytes32 batchId) {
        Bytes32 root = Bytes32.of((byte[]) single(abi.rootOf(batchId.toArray())).getValue());
        return root.isZero() ? Optional.empty() : Optional.of(root);
    }

    @Override
    public Optional<AnchoredBatch> batch(Bytes32 batchId) {
        List<Type> fields = call(abi.batchOf(batchId.toArray()));
        Bytes32 root = Bytes32.of((byte[]) fields.get(0).getValue());
        if (root.isZero()) {
            return Optional.empty();
        }
        return Optional.of(
                new AnchoredBatch(
                        batchId,
                        root,
                        uint(fields.get(1)),
                        uint(fields.get(2)),
                        uint(fields.get(3))));
    }

    @Override
    public boolean verify(Bytes32 batchId, Bytes32 leaf, List<Bytes32> proof) {
        List<byte[]> siblings = proof.stream().map(Bytes32::toArray).toList();
        return (Boolean) single(abi.verify(batchId.toArray(), leaf.toArray(), siblings)).getValue();
    }

    @Override
    public Optional<AnchorEvent> anchorOf(Bytes32 batchId) {
        Optional<AnchoredBatch> stored = batch(batchId);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        long at = stored.get().anchoredAtBlock();
        EthFilter filter =
                new EthFilter(block(at), block(at), address)
                        .addSingleTopic(ANCHORED_TOPIC)
                        .addSingleTopic(batchId.toHex());
        EthLog response = rpc.read("eth_getLogs", web3j.ethGetLogs(filter));
        if (response.hasError()) {
            throw new LedgerException("eth_getLogs failed: " + response.getError().getMessage());
        }
        for (EthLog.LogResult<?> result : response.getLogs()) {
            return Optional.of(toEvent((Log) result.get()));
        }
        throw new LedgerException(
                "batch "
                        + batchId
                        + " is anchored at block "
                        + at
                        + " but the node has no Anchored event for it there");
    }

    @Override
    public List<AnchorEvent> latestAnchors(int limit) {
        if (limit <= 0) {
            return List.of();
        }
        long latest =
                rpc.read("eth_blockNumber", web3j.ethBlockNumber())
                        .getBlockNumber()
                        .longValueExact();
        List<AnchorEvent> found = new ArrayList<>();
        for (long to = latest; to >= 0 && found.size() < limit; to -= LOG_WINDOW_BLOCKS) {
            long from = Math.max(0, to - LOG_WINDOW_BLOCKS + 1);
            EthFilter filter =
                    new EthFilter(block(from), block(to), address).addSingleTopic(ANCHORED_TOPIC);
            EthLog response = rpc.read("eth_getLogs", web3j.ethGetLogs(filter));
            if (response.hasError()) {
                throw new LedgerException(
                        "eth_getLogs failed: " + response.getError().getMessage());
            }
            List<AnchorEvent> window = new ArrayList<>();
            for (EthLog.LogResult<?> result : response.getLogs()) {
                window.add(toEvent((Log) result.get()));
            }
            found.addAll(0, window);
        }
        return List.copyOf(found.subList(Math.max(0, found.size() - limit), found.size()));
    }

    @Override
    public LedgerStatus status() {
        String owner = ((String) single(abi.owner()).getValue()).toLowerCase(Locale.ROOT);
        @SuppressWarnings("unchecked")
        List<Address> writerList = (List<Address>) single(abi.writers()).getValue();
        List<String> writers =
                writerList.stream().map(a -> a.getValue().toLowerCase(Locale.ROOT)).toList();
        long count = uint(single(abi.anchorCount()));
        Bytes32 latestId = Bytes32.of((byte[]) single(abi.latestBatchId()).getValue());
        Optional<AnchoredBatch> latest = latestId.isZero() ? Optional.empty() : batch(latestId);
        return new LedgerStatus(address, chainId, owner, writers, count, latest);
    }

    @Override
    public void addWriter(String account) {
        transact(abi.addWriter(account).encodeFunctionCall());
    }

    @Override
    public void removeWriter(String account) {
        transact(abi.removeWriter(account).encodeFunctionCall());
    }

    /**
     * Stops the threads that web3j's libraries start once per class loader and keep until told
     * (RxJava's schedulers): call it when the class loader that loaded this class is dropped, as a
     * Flink job does from its user-code class loader's release hook. Without it those threads keep
     * the loader, and every class it loaded, alive (chaos finding 17). Clients still open keep
     * working: they do not use those schedulers.
     */
    public static void stopLibraryThreads() {
        Released.libraryThreads();
    }

    @Override
    public void close() {
        async.shutdown();
        try {
            if (!async.awaitTermination(10, TimeUnit.SECONDS)) {
                async.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            async.shutdownNow();
        }
        web3j.shutdown();
    }

    /** Estimates (which surfaces reverts with their custom error), sends, waits, checks status. */
    private TransactionReceipt transact(String data) {
        BigInteger gas;
        try {
            gas = sender.estimateGas(address, data);
        } catch (CallRevertedException e) {
            throw ContractErrors.translate(e, address);
        }
        TransactionReceipt receipt = sender.sendAndWait(address, data, gas);
        if (!receipt.isStatusOK()) {
            try {
                sender.call(address, data); // replay to learn why
            } catch (CallRevertedException e) {
                throw ContractErrors.translate(e, address);
            }
            throw new LedgerException(
                    "transaction "
                            + receipt.getTransactionHash()
                            + " to AlertLedger "
                            + address
                            + " reverted");
        }
        return receipt;
    }

    private List<Type> call(RemoteFunctionCall<?> function) {
        try {
            return function.decodeFunctionResponse(
                    sender.call(address, function.encodeFunctionCall()));
        } catch (CallRevertedException e) {
            throw ContractErrors.translate(e, address);
        }
    }

    private Type single(RemoteFunctionCall<?> function) {
        List<Type> result = call(function);
        if (result.isEmpty()) {
            throw new LedgerException(
                    "AlertLedger at " + address + " returned nothing; is it the right contract?");
        }
        return result.get(0);
    }

    private AnchorEvent toEvent(Log log) {
        AlertLedger.AnchoredEventResponse e = AlertLedger.getAnchoredEventFromLog(log);
        return new AnchorEvent(
                Bytes32.of(e.batchId),
                Bytes32.of(e.root),
                e.leafCount.longValueExact(),
                e.firstSeq.longValueExact(),
                e.writer.toLowerCase(Locale.ROOT),
                log.getBlockNumber().longValueExact(),
                log.getTransactionHash());
    }

    private static DefaultBlockParameter block(long number) {
        return DefaultBlockParameter.valueOf(BigInteger.valueOf(number));
    }

    private static long uint(Type value) {
        return ((BigInteger) value.getValue()).longValueExact();
    }

    /** A Web3j connection, its retrying RPC, the chain id and a sender for one account. */
    private record Node(Web3j web3j, JsonRpc rpc, long chainId, TransactionSender sender) {

        static Node open(LedgerSettings settings, Credentials account) {
            var http =
                    HttpService.getOkHttpClientBuilder()
                            .connectTimeout(settings.httpTimeout())
                            .readTimeout(settings.httpTimeout())
                            .writeTimeout(settings.httpTimeout())
                            .build();
            Web3j web3j = Released.web3j(new HttpService(settings.rpcUrl(), http), http);
            JsonRpc rpc = new JsonRpc(settings.rpcUrl(), settings.retry());
            try {
                long chainId =
                        rpc.read("eth_chainId", web3j.ethChainId()).getChainId().longValueExact();
                return new Node(
                        web3j,
                        rpc,
                        chainId,
                        new TransactionSender(web3j, rpc, account, chainId, settings));
            } catch (RuntimeException e) {
                web3j.shutdown();
                throw e;
            }
        }
    }
}
