package dev.pagerboy.tools.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.datasets.gen.EngineerKeys;
import dev.pagerboy.streaming.config.AckSettings;
import dev.pagerboy.streaming.config.Engineer;
import dev.pagerboy.streaming.incidents.AckCheck;
import dev.pagerboy.streaming.incidents.AckVerdict;
import dev.pagerboy.streaming.records.RawInput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * R4's hostile acks through the job's own ack check with the shipped roster, without the cluster:
 * every one is refused, each kind with the reason it is meant to provoke.
 */
class HostileAcksTest {

    @Test
    void everyHostileAckIsRefusedWithTheReasonOfItsKind() throws Exception {
        String shipped =
                Files.readString(Path.of("..", "streaming-job", "config", "pagerboy.yaml"));
        Map<String, String> addresses = ChainOutage.rosterAddresses(shipped);
        assertThat(addresses).containsKeys("alice", "frank");
        Map<String, Engineer> roster = new HashMap<>();
        addresses.forEach(
                (name, address) ->
                        roster.put(name, new Engineer(name, address, List.of("ops"), "oncall")));
        AckCheck check = new AckCheck(roster, AckSettings.DEFAULTS);
        long at = 1_767_225_600_000L;
        List<AckPlan.Ack> answers =
                List.of(
                        new AckPlan.Ack("inc-a", "0123456789abcdef", "alice", at, ""),
                        new AckPlan.Ack("inc-b", "fedcba9876543210", "frank", at + 1_000, ""));
        int count = HostileAcks.Kind.values().length * HostileRecords.values().length;

        List<HostileAcks.Hostile> acks =
                HostileAcks.records(answers, addresses::get, new EngineerKeys(20), count);

        assertThat(acks).hasSize(count);
        Map<HostileAcks.Kind, AckVerdict> expected = new EnumMap<>(HostileAcks.Kind.class);
        expected.put(HostileAcks.Kind.FORGED, AckVerdict.BAD_SIGNATURE);
        expected.put(HostileAcks.Kind.UNROSTERED, AckVerdict.NOT_ON_ROSTER);
        expected.put(HostileAcks.Kind.GARBAGE, AckVerdict.MALFORMED);
        for (int i = 0; i < acks.size(); i++) {
            HostileAcks.Hostile ack = acks.get(i);
            AckCheck.Result result =
                    check.check(
                            new RawInput(
                                    "acks",
                                    0,
                                    i,
                                    ack.at(),
                                    ack.key().getBytes(StandardCharsets.UTF_8),
                                    ack.value()));
            assertThat(result.verdict())
                    .as("record %d (%s): %s", i, ack.kind(), result.detail())
                    .isNotEqualTo(AckVerdict.ACCEPTED);
            if (ack.kind() == HostileAcks.Kind.REPLAYED) {
                assertThat(ack.value()).isEqualTo(acks.get(i - 1).value());
            } else {
                assertThat(result.verdict())
                        .as("record %d (%s): %s", i, ack.kind(), result.detail())
                        .isEqualTo(expected.get(ack.kind()));
            }
        }
    }
}
