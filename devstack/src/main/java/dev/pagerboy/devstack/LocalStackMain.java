package dev.pagerboy.devstack;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./pagerboy stack}: runs Kafka (with the standard topics) and Anvil on this machine, prints
 * where they listen, and keeps them up until Ctrl-C or SIGTERM, then stops both, leaving no child
 * process behind.
 *
 * <p>The address lines are {@code key=value} so scripts can read them, e.g. {@code
 * bootstrap.servers=127.0.0.1:40123}.
 */
public final class LocalStackMain {

    static final int DEFAULT_PARTITIONS = 2;

    private static final String USAGE =
            """
            usage: ./pagerboy stack [--partitions N] [--chain-state FILE]

            Starts an embedded Kafka broker (topics: %s) and an Anvil node,
            prints their addresses, and runs until Ctrl-C or SIGTERM.

              --partitions N       partitions per topic (default %d)
              --chain-state FILE   load Anvil's chain from FILE if it exists; save it there on exit
            """
                    .formatted(String.join(", ", StandardTopics.ALL), DEFAULT_PARTITIONS);

    private LocalStackMain() {}

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("pagerboy stack: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(USAGE);
            return;
        }

        System.out.println("Starting Kafka and Anvil...");
        LocalStack stack;
        try {
            stack = LocalStack.start(options.partitions(), options.chainState());
        } catch (RuntimeException e) {
            System.err.println(
                    "pagerboy stack: could not start the local stack: " + e.getMessage());
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    System.out.println("Stopping Anvil and Kafka...");
                                    stack.close();
                                    System.out.println("Stopped.");
                                    stopped.countDown();
                                },
                                "local-stack-shutdown"));

        System.out.println("bootstrap.servers=" + stack.kafka().bootstrapServers());
        System.out.println("rpc.url=" + stack.anvil().rpcUrl());
        System.out.println("chain.id=" + stack.anvil().chainId());
        System.out.println("topics=" + String.join(",", StandardTopics.ALL));
        System.out.println("Local stack is up. Press Ctrl-C (or send SIGTERM) to stop.");
        System.out.flush();

        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The command line, parsed. */
    record Options(int partitions, Optional<Path> chainState, boolean help) {

        static Options parse(String[] args) {
            int partitions = DEFAULT_PARTITIONS;
            Optional<Path> chainState = Optional.empty();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "-h", "--help" -> {
                        return new Options(partitions, chainState, true);
                    }
                    case "--partitions" ->
                            partitions = positiveInt("--partitions", value(args, i++));
                    case "--chain-state" -> chainState = Optional.of(Path.of(value(args, i++)));
                    default ->
                            throw new IllegalArgumentException("unknown option '" + args[i] + "'");
                }
            }
            return new Options(partitions, chainState, false);
        }

        private static String value(String[] args, int flagIndex) {
            if (flagIndex + 1 >= args.length) {
                throw new IllegalArgumentException(args[flagIndex] + " needs a value");
            }
            return args[flagIndex + 1];
        }

        private static int positiveInt(String flag, String text) {
            try {
                int n = Integer.parseInt(text);
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new IllegalArgumentException(
                    flag + " must be a positive integer, got '" + text + "'");
        }
    }
}
