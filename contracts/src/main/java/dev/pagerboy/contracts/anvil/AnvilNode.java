package dev.pagerboy.contracts.anvil;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A local Ethereum node (Anvil) running as a child process on a free loopback port, for tests, the
 * local stack and the demo.
 *
 * <p>The chain is reproducible: a fixed mnemonic (so the funded {@link #accounts()} are always the
 * same) and a fixed chain id. Anvil picks its own port ({@code --port 0}); we learn it from the
 * {@code Listening on 127.0.0.1:<port>} line. The node is stopped on {@link #close()} and, if the
 * JVM exits first, by a shutdown hook; both kill the whole process tree. With {@link
 * Builder#stateFile(Path)} the chain is loaded from that file at start (when it exists) and written
 * back on close, so demo runs can keep their chain.
 */
public final class AnvilNode implements AutoCloseable {

    /** The well-known development mnemonic: its keys are public, never use them for value. */
    public static final String DEV_MNEMONIC =
            "test test test test test test test test test test test junk";

    public static final long DEFAULT_CHAIN_ID = 31337;
    public static final int DEFAULT_ACCOUNT_COUNT = 10;

    /** See {@link Builder#backstopBlockTime}. */
    public static final Duration DEFAULT_BACKSTOP_BLOCK_TIME = Duration.ofSeconds(1);

    private static final Pattern LISTENING = Pattern.compile("Listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final int OUTPUT_TAIL_LINES = 40;

    private final Process process;
    private final Path workDir;
    private final int port;
    private final long chainId;
    private final List<DevAccount> accounts;
    private final Path dumpState;
    private final Deque<String> outputTail;
    private final Thread shutdownHook;
    private boolean closed;

    private AnvilNode(
            Process process,
            Path workDir,
            int port,
            long chainId,
            List<DevAccount> accounts,
            Path dumpState,
            Deque<String> outputTail) {
        this.process = process;
        this.workDir = workDir;
        this.port = port;
        this.chainId = chainId;
        this.accounts = accounts;
        this.dumpState = dumpState;
        this.outputTail = outputTail;
        this.shutdownHook = new Thread(this::stop, "anvil-shutdown-" + process.pid());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a node with the defaults: dev mnemonic, chain id 31337, ten funded accounts. */
    public static AnvilNode start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The JSON-RPC endpoint, e.g. {@code http://127.0.0.1:40017}. */
    public String rpcUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public long chainId() {
        return chainId;
    }

    /** The funded development accounts, in Anvil's order (index 0 is the usual deployer). */
    public List<DevAccount> accounts() {
        return accounts;
    }

    public DevAccount account(int index) {
        return accounts.get(index);
    }

    /** The anvil process itself, e.g. to check after {@link #close()} that nothing is left. */
    public ProcessHandle process() {
        return process.toHandle();
    }

    /** This node's private scratch directory (Anvil's state cache); deleted on close. */
    public Path workDir() {
        return workDir;
    }

    /** Where the chain state is written on close, if anywhere. */
    public Optional<Path> dumpStateFile() {
        return Optional.ofNullable(dumpState);
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** The last lines Anvil printed, for error messages. */
    public List<String> recentOutput() {
        synchronized (outputTail) {
            return new ArrayList<>(outputTail);
        }
    }

    /**
     * Stops the node and its process tree, writes the state file if one was configured, and deletes
     * the scratch directory. Idempotent.
     */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException jvmAlreadyShuttingDown) {
            // the hook is running or has run; nothing to remove
        }
    }

    private synchronized void stop() {
        if (closed) {
            return;
        }
        closed = true;
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        // SIGTERM first: Anvil writes --dump-state on a graceful exit.
        process.destroy();
        tree.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            for (ProcessHandle child : tree) {
                if (child.isAlive()) {
                    child.destroyForcibly();
                    child.onExit().get(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } catch (ExecutionException | TimeoutException e) {
            // a child that ignores SIGKILL for 5 s is beyond our reach; the OS reaps it
        }
        deleteRecursively(workDir);
    }

    @Override
    public String toString() {
        return "AnvilNode[" + rpcUrl() + ", chainId=" + chainId + ", pid=" + process.pid() + "]";
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete Anvil work dir " + dir, e);
        }
    }

    /** Options for a node; every one has a sensible default. */
    public static final class Builder {
        private long chainId = DEFAULT_CHAIN_ID;
        private String mnemonic = DEV_MNEMONIC;
        private int accountCount = DEFAULT_ACCOUNT_COUNT;
        private Path loadState;
        private Path dumpState;
        private Path binary;
        private Duration startupTimeout = Duration.ofSeconds(30);
        private Duration backstopBlockTime = DEFAULT_BACKSTOP_BLOCK_TIME;
        private int port;

        private Builder() {}

        /**
         * Listen on this loopback port instead of one Anvil picks: to bring a stopped node back at
         * the same URL (with {@link #loadState}) for clients that keep it.
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("not a TCP port: " + port);
            }
            this.port = port;
            return this;
        }

        public Builder chainId(long chainId) {
            this.chainId = chainId;
            return this;
        }

        public Builder mnemonic(String mnemonic) {
            this.mnemonic = Objects.requireNonNull(mnemonic);
            return this;
        }

        public Builder accountCount(int accountCount) {
            this.accountCount = accountCount;
            return this;
        }

        /** Load the chain from this file if it exists, and dump it there on close. */
        public Builder stateFile(Path stateFile) {
            this.dumpState = stateFile;
            this.loadState = stateFile != null && Files.exists(stateFile) ? stateFile : null;
            return this;
        }

        /** Start from the chain state in this file ({@code anvil --load-state}); it must exist. */
        public Builder loadState(Path stateFile) {
            if (!Files.isRegularFile(stateFile)) {
                throw new IllegalArgumentException("no Anvil state file at " + stateFile);
            }
            this.loadState = stateFile;
            return this;
        }

        /** Write the chain state to this file when the node stops ({@code --dump-state}). */
        public Builder dumpState(Path stateFile) {
            this.dumpState = stateFile;
            return this;
        }

        /** Use this anvil executable instead of the one from contracts/node_modules. */
        public Builder binary(Path binary) {
            this.binary = binary;
            return this;
        }

        /**
         * Mine every transaction at once as usual, and in addition a block every {@code blockTime}
         * ({@code --mixed-mining --block-time}; default {@link #DEFAULT_BACKSTOP_BLOCK_TIME}).
         * Anvil's auto-mining can leave a ready transaction in its pool, unmined, when many arrive
         * back to back from one account (foundry-rs/foundry#10122); without the interval block such
         * a transaction waits forever. The cost is an empty block per interval, so block numbers
         * also advance with time.
         */
        public Builder backstopBlockTime(Duration blockTime) {
            if (blockTime.toMillis() < 1000 || blockTime.toMillis() % 1000 != 0) {
                throw new IllegalArgumentException(
                        "Anvil's block time is whole seconds, got " + blockTime);
            }
            this.backstopBlockTime = blockTime;
            return this;
        }

        /**
         * Blocks only when a transaction arrives (no backstop block): for tests that count blocks.
         */
        public Builder autoMiningOnly() {
            this.backstopBlockTime = null;
            return this;
        }

        public Builder startupTimeout(Duration startupTimeout) {
            this.startupTimeout = startupTimeout;
            return this;
        }

        public AnvilNode start() {
            Path exe = binary != null ? binary : AnvilBinary.locate();
            Path workDir;
            try {
                workDir = Files.createTempDirectory("pagerboy-anvil-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a scratch dir for Anvil", e);
            }
            List<String> command =
                    new ArrayList<>(
                            List.of(
                                    exe.toString(),
                                    "--host",
                                    "127.0.0.1",
                                    "--port",
                                    Integer.toString(port),
                                    "--chain-id",
                                    Long.toString(chainId),
                                    "--mnemonic",
                                    mnemonic,
                                    "--accounts",
                                    Integer.toString(accountCount),
                                    "--cache-path",
                                    workDir.toString()));
            if (backstopBlockTime != null) {
                command.addAll(
                        List.of(
                                "--mixed-mining",
                                "--block-time",
                                Long.toString(backstopBlockTime.toSeconds())));
            }
            if (loadState != null) {
                command.addAll(List.of("--load-state", loadState.toString()));
            }
            if (dumpState != null) {
                command.addAll(List.of("--dump-state", dumpState.toAbsolutePath().toString()));
            }
            Process process;
            try {
                process =
                        new ProcessBuilder(command)
                                .directory(workDir.toFile())
                                .redirectErrorStream(true)
                                .start();
            } catch (IOException e) {
                deleteRecursively(workDir);
                throw new UncheckedIOException("cannot start Anvil from " + exe, e);
            }
            Deque<String> tail = new ArrayDeque<>();
            CompletableFuture<Integer> listening = new CompletableFuture<>();
            Thread reader =
                    new Thread(
                            () -> pumpOutput(process, tail, listening),
                            "anvil-output-" + process.pid());
            reader.setDaemon(true);
            reader.start();
            int port;
            try {
                port = listening.get(startupTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException | ExecutionException | TimeoutException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                process.destroyForcibly();
                deleteRecursively(workDir);
                String output;
                synchronized (tail) {
                    output = String.join("\n", tail);
                }
                throw new IllegalStateException(
                        "Anvil did not report 'Listening on 127.0.0.1:<port>' within "
                                + startupTimeout.toSeconds()
                                + " s ("
                                + e
                                + "). Its output:\n"
                                + output);
            }
            return new AnvilNode(
                    process,
                    workDir,
                    port,
                    chainId,
                    DevAccounts.derive(mnemonic, accountCount),
                    dumpState,
                    tail);
        }

        /** Reads Anvil's output for its whole life: the pipe must never fill up and block it. */
        private static void pumpOutput(
                Process process, Deque<String> tail, CompletableFuture<Integer> listening) {
            try (BufferedReader out =
                    new BufferedReader(
                            new InputStreamReader(
                                    process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    synchronized (tail) {
                        if (tail.size() == OUTPUT_TAIL_LINES) {
                            tail.removeFirst();
                        }
                        tail.addLast(line);
                    }
                    if (!listening.isDone()) {
                        Matcher m = LISTENING.matcher(line);
                        if (m.find()) {
                            listening.complete(Integer.parseInt(m.group(1)));
                        }
                    }
                }
            } catch (IOException streamClosedOnKill) {
                // the process is gone; nothing more to read
            }
            listening.completeExceptionally(
                    new IllegalStateException("Anvil exited with status " + exitCode(process)));
        }

        private static String exitCode(Process process) {
            try {
                return Integer.toString(process.waitFor());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "unknown";
            }
        }
    }
}
