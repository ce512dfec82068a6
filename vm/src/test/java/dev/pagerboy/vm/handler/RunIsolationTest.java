package dev.pagerboy.vm.handler;

import static dev.pagerboy.vm.handler.TestAlerts.alert;
import static dev.pagerboy.vm.handler.TestAlerts.handler;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A run never sees anything of the run before it: running alert A and then B on one runtime gives
 * for B exactly what B gives on a fresh runtime, down to every byte of the 64 KiB bus, the new
 * state and the cycle count. The runtime only zeroes the RAM that was written (see {@link
 * HandlerRuntime}); these tests are what make that shortcut safe.
 */
class RunIsolationTest {

    private static final Instant T0 = Instant.parse("2026-11-27T09:30:00Z");

    /**
     * ORs every byte of WORK ($C700-$DEFF) and HRAM into OUT_ROUTE, so a leftover shows up in the
     * decision; then, when IN_REPEAT is not zero, fills all of WORK below the stack, all of HRAM
     * and the last state byte with it.
     */
    private static final String SCRIBBLER =
            "INCLUDE \"abi.inc\"\n    HANDLER_HEADER\nSECTION \"h\", ROM0\nHandlerMain::\n"
                    + """
                        ld hl, $C700
                        ld c, 0
                    .sum
                        ld a, [hli]
                        or c
                        ld c, a
                        ld a, h
                        cp $DF
                        jr nz, .sum
                        ld hl, $FF80
                    .hsum
                        ld a, [hli]
                        or c
                        ld c, a
                        ld a, l
                        cp $FF
                        jr nz, .hsum
                        ld a, c
                        ld [ABI_OUT_ROUTE], a
                        ld a, [ABI_IN_REPEAT]
                        and a
                        ret z
                        ld b, a
                        ld hl, $C700
                    .fill
                        ld a, b
                        ld [hli], a
                        ld a, h
                        cp $DF
                        jr nz, .fill
                        ld hl, $FF80
                    .hfill
                        ld a, b
                        ld [hli], a
                        ld a, l
                        cp $FF
                        jr nz, .hfill
                        ld a, b
                        ld [ABI_STATE + 63], a
                        ld [ABI_OUT_ESCALATION], a
                        ret
                    """;

    private static final HandlerInput[] ALERTS = {
        alert(
                "firing",
                "KubePodCrashLooping",
                Map.of(
                        "severity", "warning",
                        "namespace", "payments",
                        "pod", "api-7d9f-x2",
                        "container", "api",
                        "team", "payments",
                        "job", "kube-state-metrics"),
                T0,
                3),
        alert("resolved", "Watchdog", Map.of("severity", "none"), T0.plusSeconds(7_200), 0),
        alert(
                "firing",
                "NodeFilesystemSpaceFillingUp",
                Map.of("severity", "critical", "instance", "10.0.0.7:9100", "mountpoint", "/"),
                T0.plusSeconds(50_000),
                70_000),
        alert("firing", "KubeletDown", Map.of("severity", "critical", "job", "kubelet"), T0, 1),
    };

    @Test
    void scribblerSeesNoLeftoversOfThePreviousAlert() throws Exception {
        HandlerRom rom = handler("scribbler", SCRIBBLER);
        HandlerInput dirty = alert("firing", "A", Map.of("severity", "info"), T0, 0x5A);
        HandlerInput clean = alert("firing", "B", Map.of(), T0, 0);
        HandlerRuntime used = new HandlerRuntime(rom, 1_000_000);

        HandlerResult a = used.run(dirty, null);
        assertThat(a.fault()).isNull();
        assertThat(a.decision().escalationPolicyId()).isEqualTo(0x5A);
        assertThat(used.peek(0xD5A5)).isEqualTo(0x5A);
        assertThat(used.peek(0xFFFE)).isEqualTo(0x5A);

        HandlerResult b = used.run(clean, null);
        assertThat(b.decision().routeId()).as("OR of WORK and HRAM").isZero();
        assertSameAsOnFreshRuntime(used, b, rom, 1_000_000, clean, null);
    }

    @Test
    void libraryHandlersGiveEveryAlertTheResultOfAFreshRuntime() throws Exception {
        for (String name : HandlerRom.LIBRARY) {
            HandlerRom rom = HandlerRom.library(name);
            HandlerRuntime used = new HandlerRuntime(rom);
            byte[] state = null;
            for (int round = 0; round < 2; round++) {
                for (HandlerInput alert : ALERTS) {
                    HandlerResult result = used.run(alert, state);
                    assertSameAsOnFreshRuntime(
                            used, result, rom, HandlerAbi.DEFAULT_CYCLE_BUDGET, alert, state);
                    state = result.newState();
                }
            }
        }
    }

    private static void assertSameAsOnFreshRuntime(
            HandlerRuntime used,
            HandlerResult result,
            HandlerRom rom,
            long budget,
            HandlerInput alert,
            byte[] state) {
        HandlerRuntime fresh = new HandlerRuntime(rom, budget);
        HandlerResult expected = fresh.run(alert, state);
        String what = rom.name() + " on " + alert.alertname();
        assertThat(result.decision()).as(what).isEqualTo(expected.decision());
        assertThat(result.newState()).as(what).isEqualTo(expected.newState());
        assertThat(result.cycles()).as(what).isEqualTo(expected.cycles());
        assertThat(result.fault()).as(what).isEqualTo(expected.fault());
        assertThat(memory(used)).as(what + ": all 64 KiB").isEqualTo(memory(fresh));
    }

    private static byte[] memory(HandlerRuntime runtime) {
        byte[] bytes = new byte[0x10000];
        for (int address = 0; address < bytes.length; address++) {
            bytes[address] = (byte) runtime.peek(address);
        }
        return bytes;
    }
}
