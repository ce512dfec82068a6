package dev.pagerboy.streaming.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.records.InhibitionSource;
import dev.pagerboy.streaming.records.MutedBy;
import dev.pagerboy.streaming.routing.InhibitRule;
import dev.pagerboy.streaming.routing.Matcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The inhibition index: which sources a flush reads, and that with it the group stage's answer is
 * the answer of reading every source (the way it was before the index).
 */
class InhibitionIndexTest {

    /** critical mutes warning on the same cluster and service; NodeDown mutes all on its node. */
    private static final List<InhibitRule> RULES =
            List.of(
                    new InhibitRule(
                            List.of(Matcher.equal("severity", "critical")),
                            List.of(Matcher.equal("severity", "warning")),
                            List.of("cluster", "service")),
                    new InhibitRule(
                            List.of(Matcher.equal("alertname", "NodeDown")),
                            List.of(Matcher.regex("alertname", ".+")),
                            List.of("node")));

    @Test
    void aSourceIsFiledUnderTheRulesItsSourceSideMatchesByTheirEqualLabels() {
        InhibitionIndex index = new InhibitionIndex(RULES);
        index.put(
                "c1",
                List.of(
                        change(
                                "c1",
                                true,
                                10,
                                "severity",
                                "critical",
                                "cluster",
                                "eu",
                                "service",
                                "db")));
        index.put("n1", List.of(change("n1", true, 10, "alertname", "NodeDown", "node", "n-7")));
        index.put("w1", List.of(change("w1", true, 10, "severity", "warning", "cluster", "eu")));

        assertThat(index.size()).isEqualTo(2); // w1 matches no rule's source side
        assertThat(index.candidates(0, Map.of("cluster", "eu", "service", "db")))
                .containsExactly("c1");
        assertThat(index.candidates(0, Map.of("cluster", "us", "service", "db"))).isEmpty();
        assertThat(index.candidates(1, Map.of("node", "n-7"))).containsExactly("n1");
        // a label missing on the target counts as empty, as the rule compares it
        assertThat(index.candidates(0, Map.of("cluster", "eu"))).isEmpty();
    }

    @Test
    void aSourceIsFiledUnderEveryChangeOfItsHistoryAndMovesWithPutAndRemove() {
        InhibitionIndex index = new InhibitionIndex(RULES);
        index.put(
                "c1",
                List.of(
                        change(
                                "c1",
                                true,
                                10,
                                "severity",
                                "critical",
                                "cluster",
                                "eu",
                                "service",
                                "db"),
                        change(
                                "c1",
                                true,
                                20,
                                "severity",
                                "critical",
                                "cluster",
                                "eu",
                                "service",
                                "api")));
        assertThat(index.candidates(0, Map.of("cluster", "eu", "service", "db")))
                .containsExactly("c1");
        assertThat(index.candidates(0, Map.of("cluster", "eu", "service", "api")))
                .containsExactly("c1");

        index.put(
                "c1",
                List.of(
                        change(
                                "c1",
                                true,
                                20,
                                "severity",
                                "critical",
                                "cluster",
                                "eu",
                                "service",
                                "api")));
        assertThat(index.candidates(0, Map.of("cluster", "eu", "service", "db"))).isEmpty();

        index.remove("c1");
        assertThat(index.candidates(0, Map.of("cluster", "eu", "service", "api"))).isEmpty();
        assertThat(index.size()).isZero();
        index.remove("never-filed"); // harmless
    }

    @Test
    void aFlushReadsOnlyTheSourcesSharingItsValuesNotEveryOpenSource() throws Exception {
        TreeMap<String, List<InhibitionSource>> state = new TreeMap<>();
        for (int i = 0; i < 10_000; i++) {
            String fp = String.format("src-%05d", i);
            state.put(
                    fp,
                    List.of(
                            change(
                                    fp,
                                    true,
                                    10,
                                    "severity",
                                    "critical",
                                    "cluster",
                                    "c" + i,
                                    "service",
                                    "db")));
        }
        InhibitionIndex index = InhibitionIndex.of(RULES, state.entrySet());
        AtomicInteger read = new AtomicInteger();
        MuteRules rules = new MuteRules(List.of(), RULES);

        Optional<MutedBy> muted =
                rules.inhibitedBy(
                        "target",
                        Map.of("severity", "warning", "cluster", "c4242", "service", "db"),
                        100,
                        index,
                        fp -> {
                            read.incrementAndGet();
                            return state.get(fp);
                        });

        assertThat(muted).contains(MutedBy.inhibition("target", 0, "src-04242"));
        assertThat(read.get()).isEqualTo(1);
    }

    @Test
    void theAnswerIsTheAnswerOfReadingEverySource() throws Exception {
        Random random = new Random(11);
        MuteRules rules = new MuteRules(List.of(), RULES);
        for (int round = 0; round < 200; round++) {
            TreeMap<String, List<InhibitionSource>> state = new TreeMap<>();
            InhibitionIndex index = new InhibitionIndex(RULES);
            for (int i = 0; i < 40; i++) {
                String fp = "s" + random.nextInt(30);
                List<InhibitionSource> history = new ArrayList<>();
                long t = random.nextInt(50);
                for (int c = 0; c < 1 + random.nextInt(3); c++) {
                    t += random.nextInt(20);
                    history.add(change(fp, random.nextInt(4) > 0, t, randomLabels(random)));
                }
                if (random.nextInt(6) == 0) {
                    state.remove(fp);
                    index.remove(fp);
                } else {
                    state.put(fp, history);
                    index.put(fp, history);
                }
            }
            // the index built from the state at once equals the one kept in step
            InhibitionIndex rebuilt = InhibitionIndex.of(RULES, state.entrySet());
            for (int q = 0; q < 30; q++) {
                Map<String, String> target = randomLabels(random);
                String fp = "s" + random.nextInt(30);
                long time = random.nextInt(120);
                Optional<MutedBy> expected = everySource(fp, target, time, state);
                assertThat(rules.inhibitedBy(fp, target, time, index, state::get))
                        .as("round %d query %d: %s at %d", round, q, target, time)
                        .isEqualTo(expected);
                assertThat(rules.inhibitedBy(fp, target, time, rebuilt, state::get))
                        .isEqualTo(expected);
            }
        }
    }

    /** The group stage's answer before the index: every source read, the smallest that mutes. */
    private static Optional<MutedBy> everySource(
            String fingerprint,
            Map<String, String> labels,
            long time,
            TreeMap<String, List<InhibitionSource>> sources) {
        for (int i = 0; i < RULES.size(); i++) {
            InhibitRule rule = RULES.get(i);
            if (!Matcher.allMatch(rule.targetMatchers(), labels)) {
                continue;
            }
            for (Map.Entry<String, List<InhibitionSource>> e : sources.entrySet()) {
                if (e.getKey().equals(fingerprint)) {
                    continue;
                }
                InhibitionSource source =
                        MuteRules.latestKnownAt(e.getValue(), time, InhibitionSource::eventTime);
                if (source != null
                        && source.firingAt(time)
                        && rule.inhibits(source.labels(), labels)) {
                    return Optional.of(MutedBy.inhibition(fingerprint, i, e.getKey()));
                }
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> randomLabels(Random random) {
        String[] names = {"severity", "cluster", "service", "alertname", "node"};
        String[][] values = {
            {"critical", "warning", "info"},
            {"eu", "us"},
            {"db", "api"},
            {"NodeDown", "HighCPU"},
            {"n-1", "n-2"}
        };
        Map<String, String> labels = new TreeMap<>();
        for (int n = 0; n < names.length; n++) {
            if (random.nextInt(5) > 0) {
                labels.put(names[n], values[n][random.nextInt(values[n].length)]);
            }
        }
        return labels;
    }

    private static InhibitionSource change(String fp, boolean firing, long at, String... labels) {
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            map.put(labels[i], labels[i + 1]);
        }
        return change(fp, firing, at, map);
    }

    private static InhibitionSource change(
            String fp, boolean firing, long at, Map<String, String> labels) {
        return new InhibitionSource(fp, labels, firing, 0L, at, "alerts-0@" + at);
    }
}
