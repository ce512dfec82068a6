package dev.pagerboy.streaming.live;

import static dev.pagerboy.streaming.incidents.IncidentFixtures.ALICE;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.BOB;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.CAROL;
import static dev.pagerboy.streaming.incidents.IncidentFixtures.address;

/**
 * The configuration of the live incident tests, after a test's {@code kafka:} section: receivers
 * {@code ops} and {@code phones}; one route grouped by alertname whose handler picks policy 1
 * ({@code standard}) for alerts without a team label; Alice, Bob and Carol on the roster (Alice and
 * Bob rotating weekly on {@code primary}); and {@code standard}: the schedule at once, Bob after 2
 * m, the {@code ops} receiver 2 m later, then stop. Replay's tests archive their histories under
 * the same configuration, with Bob's step at other delays for what-if runs.
 */
public final class EscalatingConfig {

    /** The route's handler ROM, pinned by its digest. */
    public static final String ROUTE_BY_LABEL_SHA256 =
            "4c5770f8b1fec44979e212dd8b04a276280443747c0e43dad2757c3cd04a92e1";

    private EscalatingConfig() {}

    /** The whole YAML: {@code kafkaYaml}, then the rest described above. */
    public static String yaml(String kafkaYaml) {
        return yaml(kafkaYaml, "2m");
    }

    /** The whole YAML, with Bob's step {@code secondStep} (a duration) after the schedule's. */
    public static String yaml(String kafkaYaml, String secondStep) {
        return kafkaYaml
                + """
                checkpoint_interval: 200ms
                receivers:
                  - name: ops
                    team: ops
                  - name: phones
                    team: ops
                route:
                  receiver: ops
                  group_by: [alertname]
                  group_wait: 10s
                  group_interval: 1m
                  repeat_interval: 1h
                  handler:                 # picks policy 1 for alerts without a team label
                    rom: classpath:dev/pagerboy/vm/handlers/route-by-label.gb
                    sha256: %s
                engineers:
                  - name: alice
                    address: "%s"
                    notify: phones
                  - name: bob
                    address: "%s"
                    notify: phones
                  - name: carol
                    address: "%s"
                    notify: phones
                schedules:
                  - name: primary
                    time_zone: UTC
                    starts_at: 2026-11-27T00:00:00Z
                    rotation: 7d
                    participants: [alice, bob]
                escalation_policies:
                  - name: standard
                    steps:
                      - after: 0s
                        schedules: [primary]
                      - after: %s
                        users: [bob]
                      - after: 2m
                        receivers: [ops]
                """
                        .formatted(
                                ROUTE_BY_LABEL_SHA256,
                                address(ALICE),
                                address(BOB),
                                address(CAROL),
                                secondStep);
    }
}
