package dev.pagerboy.streaming.records;

import java.io.Serializable;
import java.util.List;

/**
 * A silence: alerts whose labels satisfy all {@link #matchers} are muted between {@link #startsAt}
 * (inclusive) and {@link #endsAt} (exclusive). Silences come from {@code pagerboy.yaml} (static) or
 * from the {@code silences} topic at run time; a later silence with the same id replaces an earlier
 * one.
 *
 * @param id unique id of the silence
 * @param matchers all must match for the silence to apply (at least one)
 * @param startsAt epoch milliseconds, inclusive
 * @param endsAt epoch milliseconds, exclusive
 * @param createdBy who created it
 * @param comment why
 * @param eventTime when PagerBoy received it (record timestamp; {@code 0} for static silences)
 */
public record Silence(
        String id,
        List<LabelMatcher> matchers,
        long startsAt,
        long endsAt,
        String createdBy,
        String comment,
        long eventTime)
        implements Serializable {}
