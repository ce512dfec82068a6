package dev.pagerboy.audit.verify;

import java.util.List;

/**
 * What {@code archive verify} found.
 *
 * @param hours one verdict per event hour checked, in time order
 * @param chain where the roots were checked on the chain, or why they were not
 * @param chainChecked whether a chain answered
 */
public record ArchiveVerification(List<HourVerdict> hours, String chain, boolean chainChecked) {

    public long count(HourVerdict.Status status) {
        return hours.stream().filter(h -> h.status() == status).count();
    }

    public boolean clean() {
        return count(HourVerdict.Status.FAILED) == 0;
    }
}
