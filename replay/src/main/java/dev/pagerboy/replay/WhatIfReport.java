package dev.pagerboy.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The what-if diff: the pages the archive holds (what the live job sent) against the pages the
 * replay made under the new configuration or handler, for one stretch. Pages are matched by their
 * idempotency key (route, group, the group's birth and flush number): a key only the replay has is
 * an added page, one only the archive has a removed page, one with different content a changed
 * page. Rendered by {@link ReportText}, {@link ReportHtml} and as JSON (the record itself).
 *
 * @param header what was compared: archive stretch, configuration and ROM hashes, version
 * @param totals page counts on both sides and per kind of change
 * @param perReceiver the same per receiver, with pages per week before and after
 * @param perRoute the same per route
 * @param perEngineer the same per engineer paged by an escalation policy (pages per engineer per
 *     week before and after)
 * @param incidents incidents that escalated further or less far, opened or not ({@link
 *     IncidentDiff})
 * @param noisiestGroups the groups with the most pages after (then before), at most 10
 * @param examples up to 10 pages per kind of change, with their alerts' labels
 * @param volume pages per time bucket, before and after
 */
public record WhatIfReport(
        Header header,
        Counts totals,
        List<Counts> perReceiver,
        List<Counts> perRoute,
        List<Counts> perEngineer,
        IncidentDiff incidents,
        List<GroupPages> noisiestGroups,
        Map<String, List<Example>> examples,
        Volume volume) {

    /** At most this many examples per kind of change, and groups in the noisiest list. */
    public static final int EXAMPLES = 10;

    private static final Duration WEEK = Duration.ofDays(7);

    /**
     * @param archive the archive directory
     * @param stretchFrom first event time of the stretch (RFC 3339)
     * @param stretchTo end of the stretch (RFC 3339)
     * @param weeks length of the stretch in weeks (pages per week divide by it)
     * @param archivedConfig what the archive says of the live job's configuration
     * @param configFile the configuration replayed
     * @param configSha256 its SHA-256
     * @param archivedRoms route to the ROM hashes of the archived decisions
     * @param replayedRoms route to the ROM hash the replay ran
     * @param version the PagerBoy version that made the report
     */
    public record Header(
            String archive,
            String stretchFrom,
            String stretchTo,
            double weeks,
            String archivedConfig,
            String configFile,
            String configSha256,
            Map<String, List<String>> archivedRoms,
            Map<String, String> replayedRoms,
            String version) {}

    /** Page counts for one receiver, route, or all. */
    public record Counts(
            String name,
            int before,
            int after,
            int added,
            int removed,
            int changed,
            double perWeekBefore,
            double perWeekAfter) {

        public double perWeekChange() {
            return perWeekAfter - perWeekBefore;
        }

        public boolean differs() {
            return added + removed + changed > 0;
        }
    }

    public record GroupPages(String routeId, String groupKey, int before, int after) {}

    /** One page that was added, removed or changed, with its alerts' labels. */
    public record Example(
            String id,
            String receiver,
            String routeId,
            String groupKey,
            String time,
            List<Map<String, String>> alertLabels) {}

    /**
     * @param bucket bucket length ({@code 1h} or {@code 1d})
     * @param starts bucket start times (RFC 3339)
     * @param before archived pages per bucket
     * @param after replayed pages per bucket
     */
    public record Volume(
            String bucket, List<String> starts, List<Integer> before, List<Integer> after) {}

    /** Kinds of change, as the keys of {@link #examples}. */
    public static final String ADDED = "added";

    public static final String REMOVED = "removed";
    public static final String CHANGED = "changed";

    public boolean differs() {
        return totals.differs() || incidents.differs();
    }

    /**
     * The report for {@code before} (archived) and {@code after} (replayed) pages, and the
     * incidents' escalations compared in {@code incidents}.
     */
    public static WhatIfReport of(
            Header header,
            long spanStart,
            long spanEnd,
            List<Page> before,
            List<Page> after,
            IncidentDiff incidents) {
        double weeks =
                Math.max(spanEnd - spanStart, Duration.ofHours(1).toMillis())
                        / (double) WEEK.toMillis();
        Header h =
                new Header(
                        header.archive(),
                        Instant.ofEpochMilli(spanStart).toString(),
                        Instant.ofEpochMilli(spanEnd).toString(),
                        weeks,
                        header.archivedConfig(),
                        header.configFile(),
                        header.configSha256(),
                        header.archivedRoms(),
                        header.replayedRoms(),
                        header.version());
        Map<String, Page> a = byId(before);
        Map<String, Page> b = byId(after);
        List<Page> added = new ArrayList<>();
        List<Page> removed = new ArrayList<>();
        List<Page> changed = new ArrayList<>();
        for (Page p : after) {
            Page old = a.get(p.id());
            if (old == null) {
                added.add(p);
            } else if (!old.payloadJson().equals(p.payloadJson())) {
                changed.add(p);
            }
        }
        for (Page p : before) {
            if (!b.containsKey(p.id())) {
                removed.add(p);
            }
        }
        Counts totals =
                counts("all", before, after, added, removed, changed, weeks, p -> "all").get(0);
        Map<String, List<Example>> examples = new LinkedHashMap<>();
        examples.put(ADDED, examples(added));
        examples.put(REMOVED, examples(removed));
        examples.put(CHANGED, examples(changed));
        return new WhatIfReport(
                h,
                totals,
                counts(null, before, after, added, removed, changed, weeks, Page::receiver),
                counts(null, before, after, added, removed, changed, weeks, Page::routeId),
                counts(
                        null,
                        toEngineers(before),
                        toEngineers(after),
                        toEngineers(added),
                        toEngineers(removed),
                        toEngineers(changed),
                        weeks,
                        Page::engineer),
                incidents,
                noisiest(before, after),
                examples,
                volume(spanStart, spanEnd, before, after));
    }

    private static List<Page> toEngineers(List<Page> pages) {
        return pages.stream().filter(p -> !p.engineer().isEmpty()).toList();
    }

    private static Map<String, Page> byId(List<Page> pages) {
        Map<String, Page> out = new LinkedHashMap<>();
        pages.forEach(p -> out.put(p.id(), p));
        return out;
    }

    private static List<Counts> counts(
            String onlyName,
            List<Page> before,
            List<Page> after,
            List<Page> added,
            List<Page> removed,
            List<Page> changed,
            double weeks,
            Function<Page, String> by) {
        TreeSet<String> names = new TreeSet<>();
        before.forEach(p -> names.add(by.apply(p)));
        after.forEach(p -> names.add(by.apply(p)));
        if (onlyName != null) {
            names.clear();
            names.add(onlyName);
        }
        List<Counts> out = new ArrayList<>();
        for (String name : names) {
            int nb = count(before, by, name);
            int na = count(after, by, name);
            out.add(
                    new Counts(
                            name,
                            nb,
                            na,
                            count(added, by, name),
                            count(removed, by, name),
                            count(changed, by, name),
                            nb / weeks,
                            na / weeks));
        }
        return out;
    }

    private static int count(List<Page> pages, Function<Page, String> by, String name) {
        int n = 0;
        for (Page p : pages) {
            if (Objects.equals(by.apply(p), name)) {
                n++;
            }
        }
        return n;
    }

    private static List<GroupPages> noisiest(List<Page> before, List<Page> after) {
        Map<String, int[]> counts = new TreeMap<>();
        Map<String, Page> sample = new TreeMap<>();
        for (Page p : before) {
            String k = p.routeId() + "\u0000" + p.groupKey();
            counts.computeIfAbsent(k, x -> new int[2])[0]++;
            sample.putIfAbsent(k, p);
        }
        for (Page p : after) {
            String k = p.routeId() + "\u0000" + p.groupKey();
            counts.computeIfAbsent(k, x -> new int[2])[1]++;
            sample.putIfAbsent(k, p);
        }
        List<GroupPages> groups = new ArrayList<>();
        counts.forEach(
                (k, c) -> {
                    Page p = sample.get(k);
                    groups.add(new GroupPages(p.routeId(), p.groupKey(), c[0], c[1]));
                });
        groups.sort(
                Comparator.comparingInt(GroupPages::after)
                        .thenComparingInt(GroupPages::before)
                        .reversed()
                        .thenComparing(GroupPages::routeId)
                        .thenComparing(GroupPages::groupKey));
        return groups.subList(0, Math.min(EXAMPLES, groups.size()));
    }

    private static List<Example> examples(List<Page> pages) {
        List<Example> out = new ArrayList<>();
        for (Page p : pages) {
            if (out.size() == EXAMPLES) {
                break;
            }
            out.add(
                    new Example(
                            p.id(),
                            p.receiver(),
                            p.routeId(),
                            p.groupKey(),
                            Instant.ofEpochMilli(p.eventTime()).toString(),
                            p.alertLabels()));
        }
        return out;
    }

    private static Volume volume(long start, long end, List<Page> before, List<Page> after) {
        long bucket =
                end - start > Duration.ofDays(2).toMillis()
                        ? Duration.ofDays(1).toMillis()
                        : Duration.ofHours(1).toMillis();
        long first = Math.floorDiv(start, bucket) * bucket;
        int n = (int) Math.min(Math.floorDiv(end - first, bucket) + 1, 10_000);
        List<String> starts = new ArrayList<>();
        int[] b = new int[n];
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            starts.add(Instant.ofEpochMilli(first + i * bucket).toString());
        }
        for (Page p : before) {
            b[index(p, first, bucket, n)]++;
        }
        for (Page p : after) {
            a[index(p, first, bucket, n)]++;
        }
        List<Integer> bl = new ArrayList<>();
        List<Integer> al = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            bl.add(b[i]);
            al.add(a[i]);
        }
        return new Volume(bucket == Duration.ofDays(1).toMillis() ? "1d" : "1h", starts, bl, al);
    }

    private static int index(Page p, long first, long bucket, int n) {
        long i = Math.floorDiv(p.eventTime() - first, bucket);
        return (int) Math.max(0, Math.min(n - 1, i));
    }
}
