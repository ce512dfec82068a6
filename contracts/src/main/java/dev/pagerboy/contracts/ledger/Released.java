package dev.pagerboy.contracts.ledger;

import io.reactivex.schedulers.Schedulers;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import okhttp3.OkHttpClient;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.Web3jService;
import org.web3j.protocol.core.JsonRpc2_0Web3j;

/**
 * A Web3j connection that leaves nothing behind when it is shut down, so that the class loader of a
 * Flink job that used it can be freed when the job ends (chaos finding 17).
 *
 * <p>{@code Web3j.build(service)} gives each connection a scheduled thread pool from {@code
 * Async.defaultExecutorService()}, which registers a JVM shutdown hook to stop that pool. The hook
 * is never removed, and its class is web3j's: in a TaskManager that is the job's class loader, so
 * every job that anchored kept its whole jar's classes in metaspace until the TaskManager died of
 * {@code OutOfMemoryError: Metaspace}. Here the pool is ours (one daemon thread; the ledger client
 * never polls for blocks, so it has no other work), and {@link Web3j#shutdown()} stops it as it
 * stops web3j's own. OkHttp keeps idle connections and its dispatcher's threads for minutes after
 * the last call; {@link #release} drops them at once.
 *
 * <p>What is left is started once per class loader, not per connection: web3j's RxJava schedulers
 * (a purge thread and an evictor that live until told to stop), built with the first connection.
 * {@link #libraryThreads} stops them; it is for the moment a class loader is dropped.
 */
final class Released {

    private Released() {}

    /** A Web3j over {@code service} whose {@link Web3j#shutdown()} also releases {@code http}. */
    static Web3j web3j(Web3jService service, OkHttpClient http) {
        ScheduledExecutorService scheduler =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "ledger-web3j");
                            t.setDaemon(true);
                            return t;
                        });
        return new JsonRpc2_0Web3j(service, JsonRpc2_0Web3j.DEFAULT_BLOCK_TIME, scheduler) {
            @Override
            public void shutdown() {
                super.shutdown();
                release(http);
            }
        };
    }

    /** Closes {@code http}'s idle connections and stops its dispatcher's threads. */
    static void release(OkHttpClient http) {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    /** Stops RxJava's scheduler threads, which web3j starts with its first connection. */
    static void libraryThreads() {
        Schedulers.shutdown();
    }
}
