package dev.pagerboy.streaming.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagerboy.streaming.routing.MatchedRoute;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PagerBoyConfigTest {

    @TempDir Path dir;

    /** A minimal valid configuration; tests append to it or replace a line. */
    static final String BASE =
            """
            kafka:
              bootstrap_servers: localhost:9092
            receivers:
              - name: default
                team: ops
              - name: db
                team: db
            route:
              receiver: default
            """;

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("pagerboy.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    /**
     * Loads {@code yaml} expecting failure at {@code line} for {@code key}; returns the problem.
     */
    private String error(String yaml, int line, String key) throws IOException {
        Path file = write(yaml);
        try {
            PagerBoyConfig.load(file);
        } catch (ConfigException e) {
            assertThat(e.file()).isEqualTo(file.toString());
            assertThat(e.line()).as(e.getMessage()).isEqualTo(line);
            assertThat(e.key()).as(e.getMessage()).isEqualTo(key);
            assertThat(e.getMessage())
                    .isEqualTo(file + ":" + line + ": " + key + ": " + e.problem());
            return e.problem();
        }
        throw new AssertionError("expected a ConfigException for:\n" + yaml);
    }

    /**
     * Replay swaps a route's handler ROM with {@code withRoutes}; every other part of the
     * configuration must stay. It once dropped the roster, so engineers' pages went to the route's
     * receiver in replay and not in the live job: replay of the demo's archive found it.
     */
    @Test
    void withRoutesKeepsEveryOtherPartOfTheConfiguration() throws Exception {
        String root = System.getProperty("pagerboy.root");
        PagerBoyConfig cfg =
                PagerBoyConfig.load(
                        (root == null || root.isEmpty() ? Path.of("..") : Path.of(root))
                                .resolve("streaming-job/config/pagerboy.yaml"));
        assertThat(cfg.engineers()).isNotEmpty();

        assertThat(cfg.withRoutes(cfg.routes())).isEqualTo(cfg);
    }

    /**
     * A shorter constructor that defaults the components it does not take is how {@code withRoutes}
     * dropped the roster: each new component made every such constructor a place where it could be
     * lost. Only the canonical constructor may exist.
     */
    @Test
    void hasOnlyItsCanonicalConstructor() {
        assertThat(PagerBoyConfig.class.getDeclaredConstructors())
                .singleElement()
                .satisfies(
                        c ->
                                assertThat(c.getParameterCount())
                                        .isEqualTo(
                                                PagerBoyConfig.class.getRecordComponents().length));
    }

    @Test
    void loadsTheShippedSampleConfiguration() throws Exception {
        String root = System.getProperty("pagerboy.root");
        Path sample =
                (root == null || root.isEmpty() ? Path.of("..") : Path.of(root))
                        .resolve("streaming-job/config/pagerboy.yaml");
        PagerBoyConfig cfg = PagerBoyConfig.load(sample);

        assertThat(cfg.checkpointInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(cfg.kafka().topics().deadLetters()).isEqualTo("dead-letters");
        assertThat(cfg.receivers())
                .containsOnlyKeys(
                        "oncall",
                        "pager-critical",
                        "team-runtimes",
                        "team-orchestrators",
                        "team-ci-cd",
                        "team-data",
                        "team-platform");
        assertThat(cfg.inhibitRules()).hasSize(1);
        assertThat(cfg.silences()).hasSize(1);
        assertThat(cfg.schedules().get("db-primary").layers().get(0).participants())
                .containsExactly("alice", "bob", "carol");
        assertThat(cfg.escalationPolicies().get("db-default").steps()).hasSize(3);
        assertThat(
                        cfg.routes()
                                .match(
                                        Map.of(
                                                "team",
                                                "data-engineering",
                                                "service",
                                                "mysql",
                                                "severity",
                                                "critical")))
                .extracting(MatchedRoute::receiver)
                .containsExactly("pager-critical", "team-data");
        assertThat(cfg.routes().match(Map.of("team", "runtimes")).get(0).handlerRom().path())
                .isEqualTo("classpath:dev/pagerboy/vm/handlers/storm-throttle.gb");
        assertThat(cfg.routes().match(Map.of("team", "ops")).get(0).handlerRom().bytes().length)
                .isGreaterThanOrEqualTo(0x8000);
    }

    @Test
    void minimalConfigurationGetsDefaults() throws Exception {
        PagerBoyConfig cfg = PagerBoyConfig.load(write(BASE));
        assertThat(cfg.kafka().bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(cfg.kafka().topics()).isEqualTo(KafkaSettings.Topics.defaults());
        assertThat(cfg.checkpointInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(cfg.stateBackend()).isEqualTo(StateBackendChoice.CHANGELOG);
        MatchedRoute root = cfg.routes().match(Map.of("a", "b")).get(0);
        assertThat(root.groupWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(root.groupInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(root.repeatInterval()).isEqualTo(Duration.ofHours(4));
        assertThat(cfg.inhibitRules()).isEmpty();
        assertThat(cfg.silences()).isEmpty();
    }

    @Test
    void stateBackendIsTheChangelogOrTheHeap() throws Exception {
        assertThat(PagerBoyConfig.load(write("state_backend: hashmap\n" + BASE)).stateBackend())
                .isEqualTo(StateBackendChoice.HASHMAP);
        assertThat(PagerBoyConfig.load(write("state_backend: changelog\n" + BASE)).stateBackend())
                .isEqualTo(StateBackendChoice.CHANGELOG);
        // RocksDB is the bench's only: neither the job jar nor the cluster's lib/ ships it.
        assertThat(
                        error(
                                "checkpoint_interval: 1s\nstate_backend: rocksdb\n" + BASE,
                                2,
                                "state_backend"))
                .isEqualTo("unknown state backend 'rocksdb' (expected changelog or hashmap)");
        assertThat(error("state_backend: [changelog]\n" + BASE, 1, "state_backend"))
                .startsWith("must be a string");
    }

    @Test
    void alertStateDefaultsAndOverrides() throws Exception {
        assertThat(PagerBoyConfig.load(write(BASE)).lifecycle()).isEqualTo(AlertLifecycle.DEFAULTS);
        String yaml =
                "alert_state:\n  resolved_retention: 2d\n  resolve_timeout: 5m\n"
                        + "  max_open_age: 14d\n  catch_up_after: 6h\n"
                        + BASE;
        AlertLifecycle lifecycle = PagerBoyConfig.load(write(yaml)).lifecycle();
        assertThat(lifecycle.resolvedRetention()).isEqualTo(Duration.ofDays(2));
        assertThat(lifecycle.resolveTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(lifecycle.maxOpenAge()).isEqualTo(Duration.ofDays(14));
        assertThat(lifecycle.catchUpAfter()).isEqualTo(Duration.ofHours(6));
        assertThat(
                        error(
                                "alert_state:\n  max_open_age: 0s\n" + BASE,
                                2,
                                "alert_state.max_open_age"))
                .isEqualTo("must be greater than zero");
        assertThat(error("alert_state:\n  forever: yes\n" + BASE, 2, "alert_state.forever"))
                .startsWith("unknown key");
    }

    @Test
    void yaml11BooleansAreAccepted() throws Exception {
        String yaml =
                BASE
                        + "  routes:\n    - receiver: db\n      continue: yes\n    - receiver: db\n      continue: off\n";
        var routes = PagerBoyConfig.load(write(yaml)).routes().root().children();
        assertThat(routes.get(0).continueMatching()).isTrue();
        assertThat(routes.get(1).continueMatching()).isFalse();
    }

    @Test
    void configurationIsJavaSerializableForFlinkFunctions() throws Exception {
        PagerBoyConfig cfg = PagerBoyConfig.load(write(BASE));
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(cfg);
        }
    }

    // --- one test per kind of error; each asserts file, line and key ---

    @Test
    void missingFile() {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> PagerBoyConfig.load(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessage(missing + ":1: (file): file not found");
    }

    @Test
    void emptyFile() throws Exception {
        assertThat(error("# nothing\n", 1, "(document)")).isEqualTo("the configuration is empty");
    }

    @Test
    void badYamlSyntax() throws Exception {
        String problem = error(BASE + "inhibit_rules: [\n  - a: b\n", 11, "(yaml)");
        assertThat(problem).startsWith("YAML syntax error");
    }

    @Test
    void badYamlIndentation() throws Exception {
        assertThat(error(BASE + "  receiver: x\n broken: 1\n", 11, "(yaml)"))
                .startsWith("YAML syntax error");
    }

    @Test
    void unknownTopLevelKey() throws Exception {
        assertThat(error(BASE + "global:\n  resolve_timeout: 5m\n", 10, "global"))
                .startsWith(
                        "unknown key (expected one of: acks, alert_state, checkpoint_interval,"
                                + " dispatcher, engineers, escalation_policies,");
    }

    @Test
    void unknownNestedKey() throws Exception {
        assertThat(
                        error(
                                BASE
                                        + "  routes:\n    - receiver: db\n      mute_time_intervals: [x]\n",
                                12,
                                "route.routes[0].mute_time_intervals"))
                .startsWith("unknown key");
    }

    @Test
    void duplicateKey() throws Exception {
        assertThat(error(BASE + "  receiver: db\n", 10, "route.receiver"))
                .isEqualTo("duplicate key");
    }

    @Test
    void missingRequiredKey() throws Exception {
        String noKafka = BASE.replace("kafka:\n  bootstrap_servers: localhost:9092\n", "");
        assertThat(error(noKafka, 1, "kafka")).isEqualTo("missing");
        String noTeam = BASE.replace("    team: db\n", "");
        assertThat(error(noTeam, 6, "receivers[1].team")).isEqualTo("missing");
    }

    @Test
    void wrongTypes() throws Exception {
        assertThat(error(BASE + "  continue: yes please\n", 10, "route.continue"))
                .isEqualTo("must be true or false, not \"yes please\"");
        assertThat(error(BASE + "  group_by: alertname\n", 10, "route.group_by"))
                .isEqualTo("must be a list, not \"alertname\"");
        assertThat(
                        error(
                                "kafka:\n  bootstrap_servers: b\nreceivers:\n  x: 1\nroute:\n  receiver: x\n",
                                4,
                                "receivers"))
                .isEqualTo("must be a list, not a mapping");
        assertThat(
                        error(
                                BASE + "  routes:\n    - receiver: [db]\n",
                                11,
                                "route.routes[0].receiver"))
                .isEqualTo("must be a string, not a list");
        assertThat(
                        error(
                                BASE
                                        + "escalation_policies:\n  - name: p\n    repeat: often\n    steps:\n      - after: 0s\n        receivers: [db]\n",
                                12,
                                "escalation_policies[0].repeat"))
                .isEqualTo("must be a whole number, not \"often\"");
    }

    @Test
    void badDuration() throws Exception {
        assertThat(error(BASE + "  group_wait: 5 minutes\n", 10, "route.group_wait"))
                .isEqualTo("bad duration \"5 minutes\" (expected e.g. 30s, 5m, 1h30m, 4h, 7d)");
        assertThat(error("checkpoint_interval: 1m30\n" + BASE, 1, "checkpoint_interval"))
                .startsWith("bad duration \"1m30\"");
        assertThat(error(BASE + "  repeat_interval: 0s\n", 10, "route.repeat_interval"))
                .isEqualTo("repeat_interval cannot be zero");
    }

    @Test
    void badRegex() throws Exception {
        assertThat(
                        error(
                                BASE
                                        + "  routes:\n    - receiver: db\n      match_re:\n        service: (db\n",
                                13,
                                "route.routes[0].match_re.service"))
                .startsWith("error parsing regexp: missing closing ): `^(?:(db)$`");
        assertThat(
                        error(
                                BASE
                                        + "  routes:\n    - receiver: db\n      matchers: ['service=~\"[\"']\n",
                                12,
                                "route.routes[0].matchers[0]"))
                .startsWith("error parsing regexp: missing closing ]: `[)$`");
    }

    @Test
    void badMatcher() throws Exception {
        assertThat(
                        error(
                                BASE
                                        + "  routes:\n    - receiver: db\n      matchers:\n        - team\n",
                                13,
                                "route.routes[0].matchers[0]"))
                .isEqualTo("bad matcher format: team");
        assertThat(
                        error(
                                BASE
                                        + "  routes:\n    - receiver: db\n      matchers: ['team=\"db']\n",
                                12,
                                "route.routes[0].matchers[0]"))
                .isEqualTo("matcher value contains unescaped double quote: \"db");
        assertThat(
                        error(
                                BASE
                                        + "  routes:\n    - receiver: db\n      match:\n        1team: db\n",
                                13,
                                "route.routes[0].match.1team"))
                .isEqualTo("invalid label name \"1team\"");
    }

    @Test
    void rootRouteRules() throws Exception {
        assertThat(error(BASE + "  matchers: ['a=\"b\"']\n", 10, "route.matchers"))
                .isEqualTo("the root route must not have matchers");
        assertThat(error(BASE + "  continue: true\n", 10, "route.continue"))
                .isEqualTo("the root route cannot have continue");
        assertThat(
                        error(
                                BASE.replace("  receiver: default\n", "  group_by: [a]\n"),
                                9,
                                "route.receiver"))
                .isEqualTo("missing");
    }

    @Test
    void groupByRules() throws Exception {
        assertThat(error(BASE + "  group_by: [a, '...']\n", 10, "route.group_by[1]"))
                .isEqualTo(
                        "cannot have wildcard group_by (`...`) and other labels at the same time");
        assertThat(error(BASE + "  group_by: [a, a]\n", 10, "route.group_by[1]"))
                .isEqualTo("duplicated label \"a\" in group_by");
    }

    @Test
    void unknownReceiverReferenced() throws Exception {
        assertThat(
                        error(
                                BASE + "  routes:\n    - receiver: nobody\n",
                                11,
                                "route.routes[0].receiver"))
                .isEqualTo("undefined receiver \"nobody\"");
        String policy =
                "escalation_policies:\n  - name: p\n    steps:\n      - after: 5m\n        receivers: [ghost]\n";
        assertThat(error(BASE + policy, 14, "escalation_policies[0].steps[0].receivers[0]"))
                .isEqualTo("undefined receiver \"ghost\"");
        String schedule =
                "escalation_policies:\n  - name: p\n    steps:\n      - after: 5m\n        schedules: [nightly]\n";
        assertThat(error(BASE + schedule, 14, "escalation_policies[0].steps[0].schedules[0]"))
                .isEqualTo("undefined schedule \"nightly\"");
    }

    @Test
    void duplicateNames() throws Exception {
        assertThat(
                        error(
                                BASE.replace("  - name: db\n", "  - name: default\n"),
                                6,
                                "receivers[1].name"))
                .isEqualTo("duplicate receiver name \"default\"");
        String sched =
                "  - name: s\n    time_zone: UTC\n    starts_at: 2026-01-01T00:00:00Z\n    rotation: 1d\n    participants: [a]\n";
        assertThat(error(BASE + "schedules:\n" + sched + sched, 16, "schedules[1].name"))
                .isEqualTo("duplicate schedule name \"s\"");
        String silence =
                "  - id: s\n    matchers: ['a=\"b\"']\n    starts_at: 2026-01-01T00:00:00Z\n    ends_at: 2026-01-02T00:00:00Z\n    comment: c\n";
        assertThat(error(BASE + "silences:\n" + silence + silence, 16, "silences[1].id"))
                .isEqualTo("duplicate silence id \"s\"");
        assertThat(error(BASE + "kafka2: x\n", 10, "kafka2")).startsWith("unknown key");
        assertThat(
                        error(
                                BASE.replace(
                                        "bootstrap_servers: localhost:9092\n",
                                        "bootstrap_servers: localhost:9092\n  topics:\n    alerts: a\n    acks: a\n"),
                                5,
                                "kafka.topics.acks"))
                .isEqualTo("topic \"a\" is already used for alerts");
    }

    @Test
    void missingRomFile() throws Exception {
        String handler =
                "  handler:\n    rom: handlers/missing.gb\n    sha256: " + "0".repeat(64) + "\n";
        assertThat(error(BASE + handler, 11, "route.handler.rom"))
                .isEqualTo("ROM file not found: " + dir.resolve("handlers/missing.gb"));
    }

    @Test
    void missingClasspathRom() throws Exception {
        String handler =
                "  handler:\n    rom: classpath:no/such/rom.gb\n    sha256: "
                        + "0".repeat(64)
                        + "\n";
        assertThat(error(BASE + handler, 11, "route.handler.rom"))
                .isEqualTo("ROM not found on the classpath: no/such/rom.gb");
    }

    @Test
    void romSha256Mismatch() throws Exception {
        Files.write(dir.resolve("h.gb"), new byte[] {1, 2, 3});
        String handler = "  handler:\n    rom: h.gb\n    sha256: " + "ab".repeat(32) + "\n";
        assertThat(error(BASE + handler, 12, "route.handler.sha256"))
                .isEqualTo(
                        "SHA-256 mismatch for h.gb: expected "
                                + "ab".repeat(32)
                                + ", file has 039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81");
        String badHex = "  handler:\n    rom: h.gb\n    sha256: xyz\n";
        assertThat(error(BASE + badHex, 12, "route.handler.sha256"))
                .isEqualTo("must be 64 hex digits");
    }

    @Test
    void romIsLoadedAndInheritedByChildRoutes() throws Exception {
        byte[] rom = {0x00, 0x76};
        Files.write(dir.resolve("h.gb"), rom);
        String sha = RouteRomReader.sha256(rom);
        String yaml =
                BASE
                        + "  handler:\n    rom: h.gb\n    sha256: "
                        + sha.toUpperCase()
                        + "\n"
                        + "  routes:\n    - receiver: db\n      match: {team: db}\n";
        PagerBoyConfig cfg = PagerBoyConfig.load(write(yaml));
        MatchedRoute db = cfg.routes().match(Map.of("team", "db")).get(0);
        assertThat(db.receiver()).isEqualTo("db");
        assertThat(db.handlerRom().bytes()).isEqualTo(rom);
        assertThat(db.handlerRom().sha256()).isEqualTo(sha);
    }

    @Test
    void badInhibitRule() throws Exception {
        assertThat(
                        error(
                                BASE + "inhibit_rules:\n  - target_matchers: ['a=\"b\"']\n",
                                11,
                                "inhibit_rules[0]"))
                .isEqualTo("an inhibit rule needs source matchers");
        assertThat(
                        error(
                                BASE
                                        + "inhibit_rules:\n  - source_match: {a: b}\n    target_match_re: {c: '('}\n",
                                12,
                                "inhibit_rules[0].target_match_re.c"))
                .startsWith("error parsing regexp: missing closing )");
    }

    @Test
    void badSilence() throws Exception {
        String s =
                "silences:\n  - id: s\n    matchers: ['a=~\".*\"']\n    starts_at: 2026-01-01T00:00:00Z\n    ends_at: 2026-01-02T00:00:00Z\n    comment: c\n";
        assertThat(error(BASE + s, 11, "silences[0]"))
                .isEqualTo("at least one matcher must not match the empty string");
        String backwards =
                s.replace("a=~\\\".*\\\"", "a=\\\"b\\\"").replace("2026-01-02", "2025-01-02");
        assertThat(
                        error(
                                BASE + backwards.replace("'a=~\".*\"'", "'a=\"b\"'"),
                                14,
                                "silences[0].ends_at"))
                .isEqualTo("ends_at must be after starts_at");
        String badTime =
                s.replace("'a=~\".*\"'", "'a=\"b\"'").replace("2026-01-01T00:00:00Z", "tomorrow");
        assertThat(error(BASE + badTime, 13, "silences[0].starts_at"))
                .startsWith("bad time \"tomorrow\"");
    }

    @Test
    void badSchedule() throws Exception {
        String s =
                "schedules:\n  - name: s\n    time_zone: Mars/Olympus\n    starts_at: 2026-01-01T00:00:00Z\n    rotation: 1d\n    participants: [a]\n";
        assertThat(error(BASE + s, 12, "schedules[0].time_zone"))
                .startsWith("unknown time zone \"Mars/Olympus\"");
        String dup = s.replace("Mars/Olympus", "UTC").replace("[a]", "[a, a]");
        assertThat(error(BASE + dup, 15, "schedules[0].participants"))
                .isEqualTo("participants must not repeat");
    }

    @Test
    void badWebhookUrl() throws Exception {
        assertThat(
                        error(
                                BASE.replace(
                                        "    team: db\n",
                                        "    team: db\n    webhook_url: ftp://x/y\n"),
                                8,
                                "receivers[1].webhook_url"))
                .isEqualTo("webhook_url must be an absolute http(s) URL, not \"ftp://x/y\"");
    }
}
