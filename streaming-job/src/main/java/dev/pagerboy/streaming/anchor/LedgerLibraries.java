package dev.pagerboy.streaming.anchor;

import dev.pagerboy.contracts.ledger.Web3jLedgerClient;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Lets a TaskManager free the job's classes when the job ends (chaos finding 17). Web3j's libraries
 * start threads once per class loader (RxJava's schedulers) that run until told to stop; while they
 * live, the job's class loader, and every class of the job's jar, stays in the TaskManager's
 * metaspace. Each job that anchored kept about 40 MB there, and the sixth job on one TaskManager
 * died of {@code OutOfMemoryError: Metaspace}. Flink runs a class loader's release hooks when the
 * job's last task on a TaskManager is gone; the ledger's sinks register this one.
 */
final class LedgerLibraries {

    private static final String RELEASE_HOOK = "pagerboy-ledger-libraries";

    private LedgerLibraries() {}

    /** Registers the release of the ledger's libraries with the job's class loader, once. */
    static void releaseWith(WriterInitContext context) {
        context.getUserCodeClassLoader()
                .registerReleaseHookIfAbsent(RELEASE_HOOK, Web3jLedgerClient::stopLibraryThreads);
    }
}
