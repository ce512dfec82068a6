package dev.pagerboy.streaming.anchor;

import org.apache.flink.api.connector.sink2.Committer.CommitRequest;

/**
 * A commit request as Flink hands one to a committer, which remembers what the committer signalled
 * back: committers' unit tests assert on it.
 */
final class RecordedCommitRequest<T> implements CommitRequest<T> {

    /** What a committer can signal about one request; {@code null} means it committed it. */
    enum Outcome {
        FAILED_KNOWN,
        FAILED_UNKNOWN,
        RETRY_LATER,
        UPDATE_AND_RETRY_LATER,
        ALREADY_COMMITTED
    }

    private final T committable;
    private Outcome outcome;

    RecordedCommitRequest(T committable) {
        this.committable = committable;
    }

    /** What the committer signalled, or {@code null} if it committed the request. */
    Outcome outcome() {
        return outcome;
    }

    @Override
    public T getCommittable() {
        return committable;
    }

    @Override
    public int getNumberOfRetries() {
        return 0;
    }

    @Override
    public void signalFailedWithKnownReason(Throwable t) {
        outcome = Outcome.FAILED_KNOWN;
    }

    @Override
    public void signalFailedWithUnknownReason(Throwable t) {
        outcome = Outcome.FAILED_UNKNOWN;
    }

    @Override
    public void retryLater() {
        outcome = Outcome.RETRY_LATER;
    }

    @Override
    public void updateAndRetryLater(T committable) {
        outcome = Outcome.UPDATE_AND_RETRY_LATER;
    }

    @Override
    public void signalAlreadyCommitted() {
        outcome = Outcome.ALREADY_COMMITTED;
    }
}
