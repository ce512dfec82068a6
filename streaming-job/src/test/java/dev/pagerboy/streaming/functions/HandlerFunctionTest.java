package dev.pagerboy.streaming.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.streaming.records.Alert;
import dev.pagerboy.streaming.records.DedupOutcome;
import dev.pagerboy.streaming.records.DedupOutcome.Verdict;
import dev.pagerboy.streaming.records.HandledAlert;
import dev.pagerboy.streaming.records.HandlerFaultKind;
import dev.pagerboy.streaming.routing.Matcher;
import dev.pagerboy.streaming.routing.RouteRom;
import dev.pagerboy.streaming.routing.RouteSpec;
import dev.pagerboy.streaming.routing.RouteTree;
import dev.pagerboy.vm.handler.HandlerFault;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HandlerFunctionTest extends AlertTestBase {

    private static final Duration RETENTION = Duration.ofHours(24);
    private static final RouteRom COUNTER = TestRoms.assemble("counter", TestRoms.COUNTER);

    private KeyedOneInputStreamOperatorTestHarness<String, DedupOutcome, HandledAlert> harness;

    @AfterEach
    void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    /** Alerts with team=db go to a route running {@code rom}; others to the root, without ROM. */
    private static RouteTree routesWithRom(RouteRom rom) {
        return RouteTree.build(
                new RouteSpec(
                        List.of(),
                        false,
                        "oncall",
                        List.of("alertname"),
                        null,
                        null,
                        null,
                        null,
                        List.of(
                                new RouteSpec(
                                        List.of(Matcher.equal("team", "db")),
                                        false,
                                        "db-team",
                                        null,
                                        null,
                                        null,
                                        null,
                                        rom,
                                        List.of()))));
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, DedupOutcome, HandledAlert>
            newHarness(RouteRom rom) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(
                        new HandlerFunction(
                                routesWithRom(rom), List.of("fast", "slow"), RETENTION)),
                o -> o.alert().fingerprint(),
                Types.STRING);
    }

    private void start(RouteRom rom) throws Exception {
        harness = newHarness(rom);
        harness.open();
    }

    private HandledAlert handle(Alert alert) throws Exception {
        int before = harness.extractOutputValues().size();
        harness.processElement(
                new DedupOutcome(Verdict.NEW_FIRING, alert, 0, 0L), alert.eventTime());
        List<HandledAlert> out = harness.extractOutputValues();
        assertThat(out).hasSize(before + 1);
        return out.get(before);
    }

    /** The first byte of the ROM state kept for {@code handled}'s fingerprint. */
    private int stateCounterAfter(HandledAlert handled) throws Exception {
        KeyedStateBackend<Object> backend = harness.getOperator().getKeyedStateBackend();
        backend.setCurrentKey(handled.alert().fingerprint());
        ValueState<byte[]> state =
                backend.getPartitionedState(
                        VoidNamespace.INSTANCE,
                        VoidNamespaceSerializer.INSTANCE,
                        new ValueStateDescriptor<>(
                                "vmState", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        return state.value()[0];
    }

    @Test
    void namesEveryVmFaultAsTheArchiveAlwaysHas() {
        for (HandlerFault.Kind kind : HandlerFault.Kind.values()) {
            assertThat(HandlerFunction.faultKind(kind).text()).isEqualTo(kind.name());
        }
    }

    @Test
    void runsTheRouteRomAndRecordsItsHashAndCycles() throws Exception {
        start(COUNTER);

        HandledAlert handled = handle(firing("HostDown").label("team", "db").at(T0));

        assertThat(handled.decision().severity()).isEqualTo("error");
        assertThat(handled.romSha256()).isEqualTo(COUNTER.sha256());
        assertThat(handled.romRouteId()).isNotEmpty();
        assertThat(handled.cycles()).isPositive();
        assertThat(handled.faulted()).isFalse();
        // The handler's result goes into the alert's decision row downstream, not a row of its own.
        assertThat(archiveRows(harness)).isEmpty();
    }

    @Test
    void keepsTheRomStatePerFingerprint() throws Exception {
        start(COUNTER);

        handle(firing("HostDown").label("team", "db").at(T0));
        HandledAlert second = handle(firing("HostDown").label("team", "db").at(ONE_MINUTE_LATER));
        assertThat(stateCounterAfter(second)).isEqualTo(2);
        HandledAlert other = handle(firing("DiskFull").label("team", "db").at(ONE_MINUTE_LATER));
        assertThat(stateCounterAfter(other)).isEqualTo(1);

        // vmState and expiresAt for each of the two fingerprints; one expiry timer each.
        assertThat(harness.numKeyedStateEntries()).isEqualTo(4);
        assertThat(harness.numEventTimeTimers()).isEqualTo(2);
    }

    @Test
    void aHandlerThatNeverFinishesGetsTheFallbackDecisionAndAFault() throws Exception {
        start(TestRoms.assemble("spin", TestRoms.SPIN));

        HandledAlert handled =
                handle(firing("HostDown").label("team", "db").label("severity", "info").at(T0));

        assertThat(handled.faultKind()).isEqualTo(HandlerFaultKind.BUDGET_EXHAUSTED);
        assertThat(handled.decision().severity()).isEqualTo("info");
        assertThat(handled.decision().suppress()).isFalse();
        assertThat(handled.cycles()).isPositive();
    }

    @Test
    void aRomThatDoesNotLoadFaultsEveryAlertButStillPages() throws Exception {
        start(TestRoms.garbage());

        HandledAlert handled = handle(firing("HostDown").label("team", "db").at(T0));

        assertThat(handled.faultKind()).isEqualTo(HandlerFaultKind.INVALID_ROM);
        assertThat(handled.faultDetail()).startsWith("garbage.gb: ");
        assertThat(handled.decision().severity()).isEqualTo("critical");
    }

    @Test
    void theHandlerMayAskNotToPage() throws Exception {
        start(TestRoms.assemble("suppress", TestRoms.SUPPRESS_ALL));

        assertThat(handle(firing("HostDown").label("team", "db").at(T0)).decision().suppress())
                .isTrue();
    }

    @Test
    void alertsOnARouteWithoutRomPassWithTheDefaultDecision() throws Exception {
        start(COUNTER);

        HandledAlert handled = handle(firing("DiskFull").label("team", "web").at(T0));

        assertThat(handled.romSha256()).isEmpty();
        assertThat(handled.faulted()).isFalse();
        assertThat(handled.decision().summary()).isEqualTo("DiskFull firing");
        assertThat(harness.numKeyedStateEntries()).isEqualTo(1); // only the expiry
    }

    @Test
    void forgetsTheRomStateRetentionAfterTheLastAlert() throws Exception {
        start(COUNTER);
        handle(firing("HostDown").label("team", "db").at(T0));
        handle(firing("HostDown").label("team", "db").at(ONE_HOUR_LATER));

        harness.processWatermark(T0 + RETENTION.toMillis());
        assertThat(harness.numKeyedStateEntries()).isEqualTo(2);

        harness.processWatermark(ONE_HOUR_LATER + RETENTION.toMillis());
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void anAlertAfterTheRetentionFindsNoStateEvenBeforeTheExpiryTimerFires() throws Exception {
        start(COUNTER);
        handle(firing("HostDown").label("team", "db").at(T0));

        // No watermark yet: the expiry timer at T0 + retention has not fired (a source reading
        // ahead of event time); the alert must still find the state gone, as a replay whose
        // watermark got there first does.
        HandledAlert after =
                handle(firing("HostDown").label("team", "db").at(T0 + RETENTION.toMillis()));

        assertThat(stateCounterAfter(after)).isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
    }

    @Test
    void restoresTheRomStateFromASnapshot() throws Exception {
        start(COUNTER);
        handle(firing("HostDown").label("team", "db").at(T0));
        OperatorSubtaskState snapshot = harness.snapshot(1L, 1L);
        harness.close();

        harness = newHarness(COUNTER);
        harness.initializeState(snapshot);
        harness.open();
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
        HandledAlert after = handle(firing("HostDown").label("team", "db").at(ONE_MINUTE_LATER));

        assertThat(stateCounterAfter(after)).isEqualTo(2);
    }
}
