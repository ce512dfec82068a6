package dev.pagerboy.contracts.anvil;

/**
 * Run in a child JVM by {@link AnvilNodeShutdownHookTest}: starts a node, prints its pid, and exits
 * without closing it, so only the shutdown hook can stop it.
 */
public final class AnvilShutdownHookProbe {

    private AnvilShutdownHookProbe() {}

    public static void main(String[] args) throws Exception {
        AnvilNode node = AnvilNode.start();
        System.out.println("anvil-pid=" + node.process().pid());
        System.out.println("anvil-workdir=" + node.workDir());
        System.out.flush();
        if (args.length > 0 && args[0].equals("wait")) {
            Thread.sleep(60_000); // killed by the test with SIGTERM
        }
        System.exit(0);
    }
}
