package dev.pagerboy.vm.handler;

import static dev.pagerboy.vm.handler.TestAlerts.firing;
import static dev.pagerboy.vm.handler.TestAlerts.handler;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The runtime's contract: decisions, state, faults with the fallback, truncation, no allocation.
 */
class HandlerRuntimeTest {

    private static final String HEADER =
            "INCLUDE \"abi.inc\"\n    HANDLER_HEADER\nSECTION \"h\", ROM0\nHandlerMain::\n";

    @Test
    void readsEveryDecisionField() throws Exception {
        HandlerRom rom =
                handler(
                        "all-fields",
                        HEADER
                                + """
                                    ld a, SEV_ERROR
                                    ld [ABI_OUT_SEVERITY], a
                                    ld a, FLAG_SUPPRESS
                                    ld [ABI_OUT_FLAGS], a
                                    ld hl, ABI_OUT_ROUTE
                                    ld a, $34
                                    ld [hli], a
                                    ld a, $12           ; route $1234
                                    ld [hli], a
                                    ld a, 7             ; escalation 7
                                    ld [hl], a
                                    ld hl, Summary
                                    ld de, ABI_OUT_SUMMARY
                                    call CopyString
                                    ld hl, Key
                                    ld de, Value
                                    call AddLabel
                                    ld a, $5A           ; state byte 0
                                    ld [ABI_STATE], a
                                    ret
                                Summary: pstr "disk ✓ full"
                                Key: pstr "team"
                                Value: pstr "storage"
                                """);
        HandlerResult result =
                new HandlerRuntime(rom)
                        .run(firing("DiskFull", Map.of("severity", "warning")), null);
        assertThat(result.fault()).isNull();
        assertThat(result.decision())
                .isEqualTo(
                        new Decision(
                                "error",
                                0x1234,
                                true,
                                7,
                                "disk ✓ full",
                                Map.of("team", "storage"),
                                false));
        assertThat(result.newState()).hasSize(64);
        assertThat(result.newState()[0]).isEqualTo((byte) 0x5A);
        assertThat(result.cycles()).isPositive();
    }

    @Test
    void emptyDecisionKeepsTheAlertsOwnSeverityAndSummary() throws Exception {
        HandlerRom rom = handler("nothing", HEADER + "    ret\n");
        HandlerResult result =
                new HandlerRuntime(rom).run(firing("Up", Map.of("severity", "warning")), null);
        assertThat(result.decision())
                .isEqualTo(new Decision("warning", 0, false, 0, "Up is firing", Map.of(), false));
    }

    @Test
    void loopingHandlerHitsItsBudgetAndYieldsTheFallback() throws Exception {
        HandlerRom rom = handler("loop", HEADER + ".spin:\n    jr .spin\n");
        HandlerInput alert = firing("Loop", Map.of("severity", "info"));
        HandlerResult result = new HandlerRuntime(rom, 10_000).run(alert, new byte[] {1, 2, 3});
        assertThat(result.fault().kind()).isEqualTo(HandlerFault.Kind.BUDGET_EXHAUSTED);
        assertThat(result.decision()).isEqualTo(Decision.fallback(alert));
        assertThat(result.cycles()).isBetween(10_000L, 10_100L);
        assertThat(result.newState()).startsWith(1, 2, 3); // state unchanged on a fault
    }

    @Test
    void illegalOpcodeFaults() throws Exception {
        HandlerRom rom = handler("illegal", HEADER + "    nop\n    db $DD\n    ret\n");
        HandlerResult result = new HandlerRuntime(rom).run(firing("X", Map.of()), null);
        assertThat(result.fault().kind()).isEqualTo(HandlerFault.Kind.ILLEGAL_OPCODE);
        assertThat(result.fault().detail()).contains("0xDD");
        assertThat(result.decision().severity())
                .isEqualTo("critical"); // no severity: fallback pages
    }

    @Test
    void stopIsAnIllegalInstructionForAHandlerAndHaltWithoutInterruptsRunsOutOfBudget()
            throws Exception {
        HandlerResult stop =
                new HandlerRuntime(handler("stop", HEADER + "    stop\n    ret\n"))
                        .run(firing("X", Map.of()), null);
        assertThat(stop.fault().kind()).isEqualTo(HandlerFault.Kind.ILLEGAL_OPCODE);
        assertThat(stop.fault().detail()).contains("stop");
        HandlerResult halt =
                new HandlerRuntime(handler("halt", HEADER + "    halt\n    ret\n"), 5_000)
                        .run(firing("X", Map.of()), null);
        assertThat(halt.fault().kind()).isEqualTo(HandlerFault.Kind.BUDGET_EXHAUSTED);
    }

    @Test
    void writingTheInputAreaOrIoFaults() throws Exception {
        for (String write :
                new String[] {
                    "ld [ABI_IN_STATUS], a", "ldh [$FF40], a", "ld [$2000], a", "ld [$C650], a"
                }) {
            HandlerRom rom =
                    handler("writer", HEADER + "    ld a, 1\n    " + write + "\n    ret\n");
            HandlerResult result =
                    new HandlerRuntime(rom).run(firing("X", Map.of("severity", "warning")), null);
            assertThat(result.fault()).as(write).isNotNull();
            assertThat(result.fault().kind())
                    .as(write)
                    .isEqualTo(HandlerFault.Kind.WRITE_OUTSIDE_AREA);
            assertThat(result.decision().severity()).isEqualTo("warning");
        }
    }

    @Test
    void malformedDecisionsFault() throws Exception {
        String[] bodies = {
            "ld a, 9\n    ld [ABI_OUT_SEVERITY], a", // no such severity
            "ld a, 5\n    ld [ABI_OUT_LABEL_COUNT], a", // too many labels
            "ld a, 64\n    ld [ABI_OUT_SUMMARY], a", // longer than the slot
            "ld a, 1\n    ld [ABI_OUT_LABEL_COUNT], a", // label with an empty key
            "ld a, 2\n    ld [ABI_OUT_SUMMARY], a\n    ld a, $C3\n    ld [ABI_OUT_SUMMARY + 1], a", // bad UTF-8
            "ld a, $80\n    ld [ABI_OUT_FLAGS], a", // unknown flag
        };
        for (String body : bodies) {
            HandlerRom rom = handler("malformed", HEADER + "    " + body + "\n    ret\n");
            HandlerResult result = new HandlerRuntime(rom).run(firing("X", Map.of()), null);
            assertThat(result.fault()).as(body).isNotNull();
            assertThat(result.fault().kind())
                    .as(body)
                    .isEqualTo(HandlerFault.Kind.MALFORMED_DECISION);
        }
    }

    @Test
    void oversizedFieldsAreTruncatedAtCharacterBoundariesAndFlagged() throws Exception {
        // Copies the input summary into the decision so the test can see what the handler saw.
        HandlerRom rom =
                handler(
                        "echo",
                        HEADER
                                + """
                                    ld hl, ABI_IN_ALERTNAME
                                    ld de, ABI_OUT_SUMMARY
                                    call CopyString
                                    ld a, [ABI_IN_FLAGS]
                                    ld [ABI_OUT_ROUTE], a
                                    ld a, [ABI_IN_LABEL_COUNT]
                                    ld [ABI_OUT_ESCALATION], a
                                    ret
                                """);
        Map<String, String> labels = new java.util.TreeMap<>();
        for (int i = 0; i < 20; i++) {
            labels.put(String.format("label_%02d", i), "v".repeat(i == 3 ? 40 : 1));
        }
        String name = "Ä".repeat(20); // 40 bytes of UTF-8: 15 whole characters fit in 31
        HandlerInput alert =
                new HandlerInput(
                        "firing",
                        "warning",
                        name,
                        "f".repeat(20),
                        labels,
                        "s".repeat(300),
                        0,
                        70_000);
        HandlerResult result = new HandlerRuntime(rom).run(alert, null);
        assertThat(result.fault()).isNull();
        assertThat(result.decision().summary()).isEqualTo("Ä".repeat(15));
        assertThat(result.decision().truncated()).isTrue();
        int flags = result.decision().routeId();
        assertThat(flags)
                .isEqualTo(
                        HandlerAbi.TRUNC_ALERTNAME
                                | HandlerAbi.TRUNC_SUMMARY
                                | HandlerAbi.TRUNC_LABEL_TEXT
                                | HandlerAbi.TRUNC_LABEL_COUNT
                                | HandlerAbi.TRUNC_FINGERPRINT);
        assertThat(result.decision().escalationPolicyId()).isEqualTo(16);
    }

    @Test
    void eachRunStartsFromTheSameMachineState() throws Exception {
        // Counts up a WORK byte: if RAM leaked between runs, the second run would see 2.
        HandlerRom rom =
                handler(
                        "counter",
                        HEADER
                                + """
                                    ld hl, $D000
                                    inc [hl]
                                    ld a, [hl]
                                    ld [ABI_OUT_ROUTE], a
                                    ret
                                """);
        HandlerRuntime runtime = new HandlerRuntime(rom);
        HandlerResult first = runtime.run(firing("A", Map.of()), null);
        HandlerResult second = runtime.run(firing("A", Map.of()), null);
        assertThat(second.decision().routeId()).isEqualTo(1).isEqualTo(first.decision().routeId());
        assertThat(second.cycles()).isEqualTo(first.cycles());
    }

    @Test
    void runInPlaceAllocatesNothing() throws Exception {
        HandlerRuntime runtime = new HandlerRuntime(HandlerRom.library("route-by-label"));
        HandlerInput alert =
                firing(
                        "KubeletDown",
                        Map.of(
                                "severity",
                                "critical",
                                "job",
                                "kubelet",
                                "namespace",
                                "kube-system"));
        byte[] state = new byte[64];
        for (int i = 0; i < 20_000; i++) {
            runtime.runInPlace(alert, state);
        }
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10_000; i++) {
            runtime.runInPlace(alert, state);
        }
        long perRun = (threads.getCurrentThreadAllocatedBytes() - before) / 10_000;
        // Known remainder: GameBoy.reset() -> DmgBus.reset() builds a 3-element array of RAM banks
        // (32 bytes, less when the JIT scalar-replaces it). The handler package allocates nothing.
        assertThat(perRun).as("bytes allocated per run").isLessThanOrEqualTo(32);
        assertThat(runtime.runInPlace(alert, state).routeId()).isEqualTo(20);
    }

    @Test
    void rejectsRomsWithoutTheAbiMarker() throws Exception {
        byte[] plain =
                dev.pagerboy.vm.asm.Rgbds.buildText(
                                "plain.asm",
                                "SECTION \"x\", ROM0[$0100]\n nop\n",
                                java.nio.file.Path.of("."),
                                dev.pagerboy.vm.asm.AsmOptions.defaults())
                        .rom();
        assertThatThrownBy(() -> HandlerRom.fromBytes("plain", plain))
                .hasMessageContaining("PBABI");
        byte[] broken = HandlerRom.library("severity").bytes();
        broken[0x200] ^= 1;
        assertThatThrownBy(() -> HandlerRom.fromBytes("broken", broken))
                .hasMessageContaining("global checksum");
    }
}
