package dev.pagerboy.streaming.routing;

import static dev.pagerboy.streaming.routing.RoutingFixtures.config;
import static dev.pagerboy.streaming.routing.RoutingFixtures.labels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mirrors Alertmanager's own routing tests (dispatch/route_test.go: TestRouteMatch,
 * TestRouteMatchers, TestInheritParentGroupByAll): the same trees, the same label sets, the same
 * expected receivers, settings and route keys.
 */
class RouteTreeTest {

    @TempDir Path dir;

    static final String[] RECEIVERS = {
        "notify-def",
        "notify-A",
        "notify-testing",
        "notify-productionA",
        "notify-productionB",
        "notify-BC"
    };

    /** TestRouteMatch's tree, with the legacy match/match_re forms. */
    static final String MATCH_TREE =
            """
            receiver: 'notify-def'
            routes:
            - match:
                owner: 'team-A'
              receiver: 'notify-A'
              routes:
              - match:
                  env: 'testing'
                receiver: 'notify-testing'
                group_by: [...]
              - match:
                  env: "production"
                receiver: 'notify-productionA'
                group_wait: 1m
                continue: true
              - match_re:
                  env: "produ.*"
                  job: ".*"
                receiver: 'notify-productionB'
                group_wait: 30s
                group_interval: 5m
                repeat_interval: 1h
                group_by: ['job']
            - match_re:
                owner: 'team-(B|C)'
              group_by: ['foo', 'bar']
              group_wait: 2m
              receiver: 'notify-BC'
            - match:
                group_by: 'role'
              group_by: ['role']
              routes:
              - match:
                  env: 'testing'
                receiver: 'notify-testing'
                routes:
                - match:
                    wait: 'long'
                  group_wait: 2m
            """;

    /** TestRouteMatchers' tree: the same shape in the `matchers:` form. */
    static final String MATCHERS_TREE =
            """
            receiver: 'notify-def'
            routes:
            - matchers: ['{owner="team-A"}', '{level!="critical"}']
              receiver: 'notify-A'
              routes:
              - matchers: ['{env="testing"}', '{baz!~".*quux"}']
                receiver: 'notify-testing'
                group_by: [...]
              - matchers: ['{env="production"}']
                receiver: 'notify-productionA'
                group_wait: 1m
                continue: true
              - matchers: [ env=~"produ.*", job=~".*"]
                receiver: 'notify-productionB'
                group_wait: 30s
                group_interval: 5m
                repeat_interval: 1h
                group_by: ['job']
            - matchers: [owner=~"team-(B|C)"]
              group_by: ['foo', 'bar']
              group_wait: 2m
              receiver: 'notify-BC'
            - matchers: [group_by="role"]
              group_by: ['role']
              routes:
              - matchers: ['{env="testing"}']
                receiver: 'notify-testing'
                routes:
                - matchers: [wait="long"]
                  group_wait: 2m
            """;

    static final Duration DEF_WAIT = Duration.ofSeconds(30);
    static final Duration DEF_INTERVAL = Duration.ofMinutes(5);
    static final Duration DEF_REPEAT = Duration.ofHours(4);

    private RouteTree tree(String yaml) {
        return config(dir, yaml, "", RECEIVERS).routes();
    }

    private static void assertRoute(
            MatchedRoute r,
            String receiver,
            List<String> groupBy,
            boolean all,
            Duration wait,
            Duration interval,
            Duration repeat,
            String key) {
        assertThat(r.receiver()).isEqualTo(receiver);
        assertThat(r.groupBy()).containsExactlyInAnyOrderElementsOf(groupBy);
        assertThat(r.groupByAll()).isEqualTo(all);
        assertThat(r.groupWait()).isEqualTo(wait);
        assertThat(r.groupInterval()).isEqualTo(interval);
        assertThat(r.repeatInterval()).isEqualTo(repeat);
        assertThat(r.key()).isEqualTo(key);
    }

    @Test
    void legacyMatchFormRoutesLikeAlertmanager() {
        RouteTree t = tree(MATCH_TREE);
        String a = "{}/{owner=\"team-A\"}";

        List<MatchedRoute> m = t.match(labels("owner", "team-A"));
        assertThat(m).hasSize(1);
        assertRoute(m.get(0), "notify-A", List.of(), false, DEF_WAIT, DEF_INTERVAL, DEF_REPEAT, a);

        m = t.match(labels("owner", "team-A", "env", "unset"));
        assertRoute(m.get(0), "notify-A", List.of(), false, DEF_WAIT, DEF_INTERVAL, DEF_REPEAT, a);

        m = t.match(labels("owner", "team-C"));
        assertRoute(
                m.get(0),
                "notify-BC",
                List.of("foo", "bar"),
                false,
                Duration.ofMinutes(2),
                DEF_INTERVAL,
                DEF_REPEAT,
                "{}/{owner=~\"^(?:team-(B|C))$\"}");

        m = t.match(labels("owner", "team-A", "env", "testing"));
        assertRoute(
                m.get(0),
                "notify-testing",
                List.of(),
                true,
                DEF_WAIT,
                DEF_INTERVAL,
                DEF_REPEAT,
                a + "/{env=\"testing\"}");

        m = t.match(labels("owner", "team-A", "env", "production"));
        assertThat(m).hasSize(2);
        assertRoute(
                m.get(0),
                "notify-productionA",
                List.of(),
                false,
                Duration.ofMinutes(1),
                DEF_INTERVAL,
                DEF_REPEAT,
                a + "/{env=\"production\"}");
        assertRoute(
                m.get(1),
                "notify-productionB",
                List.of("job"),
                false,
                Duration.ofSeconds(30),
                Duration.ofMinutes(5),
                Duration.ofHours(1),
                a + "/{env=~\"^(?:produ.*)$\",job=~\"^(?:.*)$\"}");

        m = t.match(labels("group_by", "role"));
        assertRoute(
                m.get(0),
                "notify-def",
                List.of("role"),
                false,
                DEF_WAIT,
                DEF_INTERVAL,
                DEF_REPEAT,
                "{}/{group_by=\"role\"}");

        m = t.match(labels("env", "testing", "group_by", "role"));
        assertRoute(
                m.get(0),
                "notify-testing",
                List.of("role"),
                false,
                DEF_WAIT,
                DEF_INTERVAL,
                DEF_REPEAT,
                "{}/{group_by=\"role\"}/{env=\"testing\"}");

        m = t.match(labels("env", "testing", "group_by", "role", "wait", "long"));
        assertRoute(
                m.get(0),
                "notify-testing",
                List.of("role"),
                false,
                Duration.ofMinutes(2),
                DEF_INTERVAL,
                DEF_REPEAT,
                "{}/{group_by=\"role\"}/{env=\"testing\"}/{wait=\"long\"}");
    }

    @Test
    void matchersFormRoutesLikeAlertmanager() {
        RouteTree t = tree(MATCHERS_TREE);
        String a = "{}/{level!=\"critical\",owner=\"team-A\"}";

        assertRoute(
                t.match(labels("owner", "team-A")).get(0),
                "notify-A",
                List.of(),
                false,
                DEF_WAIT,
                DEF_INTERVAL,
                DEF_REPEAT,
                a);
        assertRoute(
                t.match(labels("owner", "team-C")).get(0),
                "notify-BC",
                List.of("foo", "bar"),
                false,
                Duration.ofMinutes(2),
                DEF_INTERVAL,
                DEF_REPEAT,
                "{}/{owner=~\"team-(B|C)\"}");
        assertRoute(
                t.match(labels("owner", "team-A", "env", "testing")).get(0),
                "notify-testing",
                List.of(),
                true,
                DEF_WAIT,
                DEF_INTERVAL,
                DEF_REPEAT,
                a + "/{baz!~\".*quux\",env=\"testing\"}");
        List<MatchedRoute> prod = t.match(labels("owner", "team-A", "env", "production"));
        assertThat(prod)
                .extracting(MatchedRoute::key)
                .containsExactly(
                        a + "/{env=\"production\"}", a + "/{env=~\"produ.*\",job=~\".*\"}");
        assertRoute(
                t.match(labels("env", "testing", "group_by", "role", "wait", "long")).get(0),
                "notify-testing",
                List.of("role"),
                false,
                Duration.ofMinutes(2),
                DEF_INTERVAL,
                DEF_REPEAT,
                "{}/{group_by=\"role\"}/{env=\"testing\"}/{wait=\"long\"}");
    }

    @Test
    void criticalLevelFallsBackToTheDefaultRoute() {
        // level!="critical" on the team-A route: a critical team-A alert matches no child of the
        // root, so the root itself is the match.
        List<MatchedRoute> m =
                tree(MATCHERS_TREE).match(labels("owner", "team-A", "level", "critical"));
        assertThat(m).extracting(MatchedRoute::receiver).containsExactly("notify-def");
        assertThat(m.get(0).id()).isEqualTo("{}");
    }

    @Test
    void childrenInheritGroupByAllUnlessTheySetGroupBy() {
        RouteTree t =
                tree(
                        """
                        receiver: notify-def
                        routes:
                        - match:
                            env: 'parent'
                          group_by: ['...']
                          routes:
                          - match:
                              env: 'child1'
                          - match:
                              env: 'child2'
                            group_by: ['foo']
                        """);
        Route parent = t.root().children().get(0);
        assertThat(parent.settings().groupByAll()).isTrue();
        assertThat(parent.children().get(0).settings().groupByAll()).isTrue();
        assertThat(parent.children().get(1).settings().groupByAll()).isFalse();
    }

    @Test
    void aHandlerRomReplacesOnlyTheNamedRoute() {
        RouteTree t = tree(MATCH_TREE);
        String a = t.routes().get(1).id();
        RouteRom rom = new RouteRom("new.gb", "ab".repeat(32), new byte[] {1});

        RouteTree replaced = t.withHandlerRom(a, rom);

        assertThat(replaced.route(a).handlerRom()).isEqualTo(rom);
        assertThat(replaced.routes()).hasSameSizeAs(t.routes());
        for (MatchedRoute other : replaced.routes()) {
            if (!other.id().equals(a)) {
                assertThat(other).isEqualTo(t.route(other.id()));
            }
        }
        assertThat(t.route(a).handlerRom()).as("the original tree is unchanged").isNull();
        assertThatThrownBy(() -> t.withHandlerRom("{}/nowhere", rom))
                .hasMessageContaining("no route '{}/nowhere'");
    }

    @Test
    void walkOrderAndIdsAreUniqueEvenForSiblingsWithEqualMatchers() {
        RouteTree t = tree(MATCH_TREE);
        assertThat(t.routes())
                .extracting(MatchedRoute::receiver)
                .containsExactly(
                        "notify-def",
                        "notify-A",
                        "notify-testing",
                        "notify-productionA",
                        "notify-productionB",
                        "notify-BC",
                        "notify-def",
                        "notify-testing",
                        "notify-testing");
        assertThat(t.routes()).extracting(MatchedRoute::id).doesNotHaveDuplicates();
        assertThat(t.route("{}/{owner=\"team-A\"}/0")).isNotNull();
        RouteTree twins =
                tree(
                        """
                        receiver: notify-def
                        routes:
                        - match: {team: a}
                          receiver: notify-A
                          continue: true
                        - match: {team: a}
                          receiver: notify-BC
                        """);
        List<MatchedRoute> both = twins.match(labels("team", "a"));
        assertThat(both)
                .extracting(MatchedRoute::key)
                .containsExactly("{}/{team=\"a\"}", "{}/{team=\"a\"}");
        assertThat(both)
                .extracting(MatchedRoute::id)
                .containsExactly("{}/{team=\"a\"}/0", "{}/{team=\"a\"}/1");
    }

    @Test
    void emptyGroupByInheritsTheParentsAsInAlertmanager() {
        RouteTree t =
                tree(
                        """
                        receiver: notify-def
                        group_by: [alertname, cluster]
                        routes:
                        - match: {team: a}
                          receiver: notify-A
                          group_by: []
                        - match: {team: b}
                          receiver: notify-BC
                          group_by: ['...']
                          routes:
                          - match: {env: x}
                            group_by: []
                        """);
        Map<String, String> a = labels("team", "a", "alertname", "X", "cluster", "c", "z", "1");
        MatchedRoute routeA = t.match(a).get(0);
        assertThat(routeA.groupBy()).containsExactly("alertname", "cluster");
        assertThat(RouteTree.groupKey(routeA, a))
                .isEqualTo("{}/{team=\"a\"}:{alertname=\"X\", cluster=\"c\"}");
        MatchedRoute nested = t.match(labels("team", "b", "env", "x")).get(0);
        assertThat(nested.groupByAll()).isTrue();
    }

    @Test
    void groupKeysAreByteIdenticalToAlertmanagers() {
        RouteTree t =
                tree(
                        """
                        receiver: notify-def
                        routes:
                        - matchers: ['v!="\uff5e"', 'v!="\ud83d\ude00"']
                          receiver: notify-A
                          group_by: ['...']
                        """);
        Map<String, String> alert =
                labels("v", "\u0001\u2028\u00a0\u007f", "a", "1", "a1", "2", "empty", "");
        MatchedRoute r = t.match(alert).get(0);
        assertThat(RouteTree.groupKey(r, alert))
                .isEqualTo(
                        "{}/{v!=\"\uff5e\",v!=\"\ud83d\ude00\"}:"
                                + "{a1=\"2\", a=\"1\", v=\"\\x01\\u2028\\u00a0\\x7f\"}");
    }

    @Test
    void firstMatchingChildWithoutContinueStopsTheSearch() {
        RouteTree t =
                tree(
                        """
                        receiver: notify-def
                        routes:
                        - match: {team: a}
                          receiver: notify-A
                        - match: {team: a}
                          receiver: notify-BC
                        """);
        assertThat(t.match(labels("team", "a")))
                .extracting(MatchedRoute::receiver)
                .containsExactly("notify-A");
    }

    @Test
    void groupKeyUsesGroupByLabelsTheAlertHas() {
        RouteTree t = tree(MATCH_TREE);
        Map<String, String> alert = labels("owner", "team-C", "foo", "1", "zzz", "x");
        MatchedRoute bc = t.match(alert).get(0);
        assertThat(RouteTree.groupLabels(bc, alert)).containsExactly(Map.entry("foo", "1"));
        assertThat(RouteTree.groupKey(bc, alert))
                .isEqualTo("{}/{owner=~\"^(?:team-(B|C))$\"}:{foo=\"1\"}");
    }

    @Test
    void groupKeyWithEllipsisUsesAllLabelsSorted() {
        RouteTree t = tree(MATCH_TREE);
        Map<String, String> alert =
                labels("owner", "team-A", "env", "testing", "msg", "say \"hi\"");
        MatchedRoute testing = t.match(alert).get(0);
        assertThat(RouteTree.groupKey(testing, alert))
                .isEqualTo(
                        "{}/{owner=\"team-A\"}/{env=\"testing\"}:"
                                + "{env=\"testing\", msg=\"say \\\"hi\\\"\", owner=\"team-A\"}");
    }

    @Test
    void rootWithoutGroupByPutsEverythingInOneGroup() {
        RouteTree t = tree("receiver: notify-def\n");
        MatchedRoute root = t.match(labels("a", "1")).get(0);
        assertThat(RouteTree.groupKey(root, labels("a", "1")))
                .isEqualTo(RouteTree.groupKey(root, labels("a", "2")))
                .isEqualTo("{}:{}");
    }
}
