package dev.pagerboy.streaming.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The roster ({@code engineers:}), {@code acks:} and the escalation policy keys incidents use. */
class RosterConfigTest {

    @TempDir Path dir;

    private static final String ALICE = "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf";

    private static final String BASE =
            """
            kafka:
              bootstrap_servers: localhost:9092
            receivers:
              - name: default
                team: ops
              - name: phone
                team: ops
            route:
              receiver: default
            schedules:
              - name: primary
                time_zone: UTC
                starts_at: 2026-01-01T00:00:00Z
                rotation: 7d
                participants: [alice, bob]
            engineers:
              - name: alice
                address: "%s"
                teams: [db]
                notify: phone
              - name: bob
                address: "0x2B5AD5c4795c026514f8317c7a215E218DcCD6cF"
                notify: phone
            """
                    .formatted(ALICE);

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("pagerboy.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    private String error(String yaml, int line, String key) throws IOException {
        Path file = write(yaml);
        try {
            PagerBoyConfig.load(file);
        } catch (ConfigException e) {
            assertThat(e.line()).as(e.getMessage()).isEqualTo(line);
            assertThat(e.key()).as(e.getMessage()).isEqualTo(key);
            return e.problem();
        }
        throw new AssertionError("expected a ConfigException for:\n" + yaml);
    }

    @Test
    void readsTheRosterWithLowercaseAddresses() throws Exception {
        PagerBoyConfig config = PagerBoyConfig.load(write(BASE + "acks:\n  max_skew: 2m\n"));

        Engineer alice = config.engineers().get("alice");
        assertThat(alice.address()).isEqualTo(ALICE.toLowerCase());
        assertThat(alice.teams()).containsExactly("db");
        assertThat(alice.receiver()).isEqualTo("phone");
        assertThat(config.engineers().get("bob").teams()).isEmpty();
        assertThat(config.acks().maxSkew()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void readsTrustedAckGatewaysInLowercase() throws Exception {
        String gateway = "0xAbCdEf0123456789aBcDeF0123456789AbCdEf01";
        PagerBoyConfig config =
                PagerBoyConfig.load(
                        write(BASE + "acks:\n  gateway_signers: [\"" + gateway + "\"]\n"));
        assertThat(config.acks().gatewaySigners()).containsExactly(gateway.toLowerCase());
        assertThat(config.acks().maxSkew()).isEqualTo(AckSettings.DEFAULTS.maxSkew());
    }

    @Test
    void readsPolicyUsersRepeatFinalActionAndRestriction() throws Exception {
        PagerBoyConfig config =
                PagerBoyConfig.load(
                        write(
                                BASE
                                        + """
                                        escalation_policies:
                                          - name: p
                                            repeat: 2
                                            repeat_after: 20m
                                            final_action: page_all
                                            restrict_acks: true
                                            steps:
                                              - after: 0s
                                                schedules: [primary]
                                              - after: 10m
                                                users: [bob]
                                                receivers: [default]
                                        """));

        EscalationPolicy p = config.escalationPolicies().get("p");
        assertThat(p.repeat()).isEqualTo(2);
        assertThat(p.repeatAfter()).isEqualTo(Duration.ofMinutes(20));
        assertThat(p.finalAction()).isEqualTo(EscalationPolicy.FinalAction.PAGE_ALL);
        assertThat(p.restrictAcks()).isTrue();
        assertThat(p.level(2).users()).containsExactly("bob");
        assertThat(p.targets(config.schedules())).containsExactlyInAnyOrder("alice", "bob");
    }

    @Test
    void aPolicyDefaultsToStopAfterTheLastStepsWait() throws Exception {
        PagerBoyConfig config =
                PagerBoyConfig.load(
                        write(
                                BASE
                                        + "escalation_policies:\n  - name: p\n    steps:\n"
                                        + "      - after: 5m\n        users: [alice]\n"));
        EscalationPolicy p = config.escalationPolicies().get("p");
        assertThat(p.finalAction()).isEqualTo(EscalationPolicy.FinalAction.STOP);
        assertThat(p.repeatAfter()).isEqualTo(Duration.ofMinutes(5));
        assertThat(p.restrictAcks()).isFalse();
    }

    @Test
    void rejectsABadAddress() throws Exception {
        assertThat(error(BASE.replace(ALICE, "0x1234"), 18, "engineers[0].address"))
                .startsWith("bad address \"0x1234\" (expected 0x and 40 hex digits");
    }

    @Test
    void rejectsTwoEngineersWithOneAddress() throws Exception {
        String yaml =
                BASE.replace("0x2B5AD5c4795c026514f8317c7a215E218DcCD6cF", ALICE.toLowerCase());
        assertThat(error(yaml, 22, "engineers[1].address"))
                .isEqualTo("address is already used by engineer \"alice\"");
    }

    @Test
    void rejectsAnUnknownNotifyReceiver() throws Exception {
        assertThat(
                        error(
                                BASE.replace(
                                        "notify: phone\n  - name: bob",
                                        "notify: pager\n  - name: bob"),
                                20,
                                "engineers[0].notify"))
                .isEqualTo("undefined receiver \"pager\"");
    }

    @Test
    void rejectsAScheduleParticipantWhoIsNotOnTheRoster() throws Exception {
        assertThat(
                        error(
                                BASE.replace("[alice, bob]", "[alice, dave]"),
                                15,
                                "schedules[0].participants[1]"))
                .isEqualTo("engineer \"dave\" is not on the roster (engineers:)");
    }

    @Test
    void rejectsAnUnknownUserAndAnUnknownFinalAction() throws Exception {
        assertThat(
                        error(
                                BASE
                                        + "escalation_policies:\n  - name: p\n    steps:\n"
                                        + "      - after: 0s\n        users: [dave]\n",
                                28,
                                "escalation_policies[0].steps[0].users[0]"))
                .isEqualTo("undefined engineer \"dave\"");
        assertThat(
                        error(
                                BASE
                                        + "escalation_policies:\n  - name: p\n"
                                        + "    final_action: shrug\n    steps:\n"
                                        + "      - after: 0s\n        users: [bob]\n",
                                26,
                                "escalation_policies[0].final_action"))
                .startsWith("unknown final action \"shrug\" (expected one of stop, resolve");
    }

    @Test
    void aRepeatedPolicyNeedsAWaitBeforeItRepeats() throws Exception {
        assertThatThrownBy(
                        () ->
                                PagerBoyConfig.load(
                                        write(
                                                BASE
                                                        + "escalation_policies:\n  - name: p\n"
                                                        + "    repeat: 1\n    steps:\n"
                                                        + "      - after: 0s\n        users: [bob]\n")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("escalation_policies[0].repeat: a repeated policy needs");
    }
}
