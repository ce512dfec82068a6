package dev.pagerboy.streaming.incidents;

import dev.pagerboy.alerts.ack.AckAction;
import dev.pagerboy.alerts.ack.AckText;
import dev.pagerboy.contracts.ack.AckSignature;
import dev.pagerboy.streaming.config.AckSettings;
import dev.pagerboy.streaming.config.Engineer;
import dev.pagerboy.streaming.config.EscalationPolicy;
import dev.pagerboy.streaming.config.OnCallSchedule;
import dev.pagerboy.streaming.config.ScheduleLayer;
import dev.pagerboy.streaming.records.Notification;
import dev.pagerboy.streaming.records.NotifiedAlert;
import dev.pagerboy.streaming.records.RawInput;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

/**
 * Named instants, a roster with keys, a schedule, policies and factories for flushes and signed
 * acks, shared by the incident tests so each reads like the story it checks.
 */
public final class IncidentFixtures {

    public static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
    public static final long SECOND = 1_000L;
    public static final long MINUTE = 60_000L;

    /** The group's hex16 and the incident its first flush opens. */
    public static final String KEY = "0123456789abcdef";

    public static final String INCIDENT = KEY + "-" + T0;
    public static final String FINGERPRINT = "00000000000000aa";

    public static final ECKeyPair ALICE = ECKeyPair.create(BigInteger.valueOf(1_001));
    public static final ECKeyPair BOB = ECKeyPair.create(BigInteger.valueOf(1_002));
    public static final ECKeyPair CAROL = ECKeyPair.create(BigInteger.valueOf(1_003));
    public static final ECKeyPair MALLORY = ECKeyPair.create(BigInteger.valueOf(6_666));

    /** Alice, Bob and Carol; Mallory has a key but is not on the roster. */
    public static final Map<String, Engineer> ROSTER = roster();

    /** Alice is on call from a week before T0 for 7 days, then Bob, then Carol. */
    public static final OnCallSchedule PRIMARY =
            new OnCallSchedule(
                    "primary",
                    ZoneOffset.UTC,
                    List.of(
                            new ScheduleLayer(
                                    "weekly",
                                    ZoneOffset.UTC,
                                    T0 - 3 * 86_400_000L,
                                    ScheduleLayer.OPEN_END,
                                    Duration.ofDays(7),
                                    List.of("alice", "bob", "carol"),
                                    List.of())),
                    List.of());

    /**
     * Level 1 pages the primary on-call at once, level 2 Bob after 5 minutes, level 3 Carol and the
     * critical pager after 10 more; repeated once, 15 minutes after level 3; then it stops.
     */
    public static final EscalationPolicy STANDARD =
            new EscalationPolicy(
                    "standard",
                    List.of(
                            new EscalationPolicy.Step(
                                    Duration.ZERO, List.of("primary"), List.of(), List.of()),
                            new EscalationPolicy.Step(
                                    Duration.ofMinutes(5), List.of(), List.of("bob"), List.of()),
                            new EscalationPolicy.Step(
                                    Duration.ofMinutes(10),
                                    List.of(),
                                    List.of("carol"),
                                    List.of("pager-critical"))),
                    1,
                    Duration.ofMinutes(15),
                    EscalationPolicy.FinalAction.STOP,
                    false);

    /** Only Bob is paged, only Bob may acknowledge; unanswered after 5 minutes it resolves. */
    public static final EscalationPolicy BOB_ONLY =
            new EscalationPolicy(
                    "bob-only",
                    List.of(
                            new EscalationPolicy.Step(
                                    Duration.ZERO, List.of(), List.of("bob"), List.of())),
                    0,
                    Duration.ofMinutes(5),
                    EscalationPolicy.FinalAction.RESOLVE,
                    true);

    public static final Map<String, EscalationPolicy> POLICIES =
            Map.of(STANDARD.name(), STANDARD, BOB_ONLY.name(), BOB_ONLY);

    public static final Map<String, OnCallSchedule> SCHEDULES = Map.of("primary", PRIMARY);

    public static final AckCheck ACK_CHECK = new AckCheck(ROSTER, AckSettings.DEFAULTS);

    private IncidentFixtures() {}

    private static Map<String, Engineer> roster() {
        Map<String, Engineer> out = new LinkedHashMap<>();
        out.put("alice", new Engineer("alice", address(ALICE), List.of("db"), "phone-alice"));
        out.put("bob", new Engineer("bob", address(BOB), List.of("db"), "phone-bob"));
        out.put("carol", new Engineer("carol", address(CAROL), List.of("web"), "phone-carol"));
        return Map.copyOf(out);
    }

    public static String address(ECKeyPair key) {
        return "0x" + Keys.getAddress(key.getPublicKey());
    }

    /** A notifying flush of the group born at T0 ({@code policy} "" for none). */
    public static Notification flush(long seq, long time, String status, String policy) {
        return flush(T0, seq, time, status, policy);
    }

    /** A notifying flush of the group born at {@code bornAt}. */
    public static Notification flush(
            long bornAt, long seq, long time, String status, String policy) {
        NotifiedAlert alert =
                new NotifiedAlert(
                        FINGERPRINT,
                        status,
                        "critical",
                        "db down",
                        policy,
                        Map.of("alertname", "DbDown"),
                        bornAt,
                        "resolved".equals(status) ? time : 0L);
        return new Notification(
                KEY + "-" + bornAt + "-" + seq,
                "oncall",
                "route-1",
                "{}:{alertname=\"DbDown\"}",
                seq,
                time,
                status,
                Map.of("alertname", "DbDown"),
                List.of(alert),
                KEY + "-" + bornAt,
                "",
                0,
                0);
    }

    /** The JSON of an ack of {@code incident} signed by {@code key}, acked at {@code ackedAt}. */
    public static String ackJson(
            ECKeyPair key, String incident, AckAction action, long ackedAt, ECKeyPair namedAs) {
        AckText text = new AckText(incident, FINGERPRINT, address(namedAs), action, ackedAt);
        String signature = AckSignature.sign(text, key).toHex();
        return "{\"version\":\"pagerboy/v1\",\"kind\":\"ack\",\"incident\":\""
                + incident
                + "\",\"fingerprint\":\""
                + FINGERPRINT
                + "\",\"engineer\":\""
                + address(namedAs)
                + "\",\"action\":\""
                + action.word()
                + "\",\"ackedAt\":\""
                + Instant.ofEpochMilli(ackedAt)
                + "\",\"signature\":\""
                + signature
                + "\"}";
    }

    /** A record of the acks topic at {@code offset}, written at {@code time}. */
    public static RawInput ackRecord(long offset, long time, String json) {
        return new RawInput("acks", 0, offset, time, null, json.getBytes(StandardCharsets.UTF_8));
    }

    /** An ack by {@code key} of {@code incident}, signed at and written at {@code time}. */
    public static RawInput ack(long offset, long time, ECKeyPair key, String incident) {
        return ackRecord(offset, time, ackJson(key, incident, AckAction.ACK, time, key));
    }

    public static RawInput act(
            long offset, long time, ECKeyPair key, String incident, AckAction action) {
        return ackRecord(offset, time, ackJson(key, incident, action, time, key));
    }

    /**
     * A PagerDuty Events v2 {@code acknowledge} or {@code resolve} ({@code eventAction}) of the
     * alert with dedup key {@code dedupKey} in integration {@code routingKey}.
     */
    public static RawInput pagerDuty(
            long offset, long time, String eventAction, String routingKey, String dedupKey) {
        return ackRecord(
                offset,
                time,
                "{\"routing_key\":\""
                        + routingKey
                        + "\",\"event_action\":\""
                        + eventAction
                        + "\",\"dedup_key\":\""
                        + dedupKey
                        + "\"}");
    }

    /** The claim a PagerDuty event becomes once its incident is found: {@code incident}. */
    public static AckClaim pagerDutyClaim(RawInput event, String incident) {
        AckCheck.Result checked = ACK_CHECK.check(event);
        if (checked.claim() == null) {
            throw new IllegalArgumentException("not a PagerDuty event: " + checked.detail());
        }
        return checked.claim().forIncident(incident);
    }
}
