package dev.pagerboy.streaming.functions;

import dev.pagerboy.streaming.records.Alert;
import dev.pagerboy.streaming.records.DedupOutcome;
import dev.pagerboy.streaming.records.HandledAlert;
import dev.pagerboy.streaming.records.HandlerDecision;
import dev.pagerboy.streaming.records.HandlerFaultKind;
import dev.pagerboy.streaming.routing.MatchedRoute;
import dev.pagerboy.streaming.routing.RouteRom;
import dev.pagerboy.streaming.routing.RouteTree;
import dev.pagerboy.vm.handler.Decision;
import dev.pagerboy.vm.handler.HandlerFault;
import dev.pagerboy.vm.handler.HandlerInput;
import dev.pagerboy.vm.handler.HandlerResult;
import dev.pagerboy.vm.handler.HandlerRuntime;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Runs the handler ROM of an alert's route in the SM83 VM, keyed by fingerprint. The ROM is the one
 * of the first route the routing tree matches (its primary route); the fingerprint's 64-byte
 * persistent state is kept in Flink state, handed to the ROM and replaced by what it leaves. Every
 * run's ROM SHA-256, cycles and fault travel on with the alert into its {@code decision} row
 * (written by the route stage), so replay can tell it ran the same program. The primary route is
 * the first of the routes dedup matched, so the tree is not matched again here.
 *
 * <p>A fault (illegal opcode, budget exhausted, write outside the handler's area, a ROM that does
 * not load, or an unexpected VM error) never stops the alert: it gets the fallback decision ({@link
 * Decision#fallback}: pages on its own routes, own severity or critical) and the fault is recorded.
 * An alert whose route has no ROM gets the same default decision without a fault.
 *
 * <p>The VM's numeric choices map to configuration names: route {@code n} is the n-th route of the
 * tree, depth first (0, the root, means "keep the tree's routing"); escalation policy {@code n} is
 * the n-th policy in file order, counting from 1 (0 means the route's default).
 *
 * <p>One {@link HandlerRuntime} per distinct ROM per subtask, built in {@link #open} (a runtime
 * reuses its machine and is not thread-safe). Keyed state: {@code vmState} (the ROM's 64 bytes),
 * {@code expiresAt}; one event-time timer clears both {@code stateRetention} after the last alert
 * (postponed when it fires early).
 */
public class HandlerFunction extends KeyedProcessFunction<String, DedupOutcome, HandledAlert> {

    private final RouteTree routes;
    private final List<String> escalationPolicies;
    private final long retentionMillis;

    private transient Map<String, HandlerRuntime> runtimesBySha;
    private transient Map<String, String> invalidRoms;
    private transient ValueState<byte[]> vmState;
    private transient ValueState<Long> expiresAt;
    private transient StageMetrics metrics;

    public HandlerFunction(
            RouteTree routes, List<String> escalationPolicies, Duration stateRetention) {
        this.routes = routes;
        this.escalationPolicies = List.copyOf(escalationPolicies);
        this.retentionMillis = stateRetention.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        runtimesBySha = new HashMap<>();
        invalidRoms = new HashMap<>();
        for (MatchedRoute route : routes.routes()) {
            RouteRom rom = route.handlerRom();
            if (rom == null || runtimesBySha.containsKey(rom.sha256())) {
                continue;
            }
            try {
                runtimesBySha.put(
                        rom.sha256(),
                        new HandlerRuntime(
                                dev.pagerboy.vm.handler.HandlerRom.fromBytes(
                                        rom.path(), rom.bytes())));
            } catch (RuntimeException e) {
                invalidRoms.put(rom.sha256(), rom.path() + ": " + e.getMessage());
            }
        }
        vmState =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "vmState",
                                        PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        expiresAt =
                getRuntimeContext().getState(new ValueStateDescriptor<>("expiresAt", Types.LONG));
        metrics = StageMetrics.of(getRuntimeContext().getMetricGroup(), StageMetrics.Stage.HANDLER);
        metrics.register(MetricName.RUNS, MetricName.CYCLES, MetricName.FAULTS);
    }

    @Override
    public void processElement(DedupOutcome outcome, Context ctx, Collector<HandledAlert> out)
            throws Exception {
        metrics.in();
        Alert alert = outcome.alert();
        forgetIfExpired(alert.eventTime());
        HandlerInput input = inputOf(alert, outcome.repeatCount());
        MatchedRoute primary = primaryRoute(outcome);
        RouteRom rom = primary.handlerRom();

        HandledAlert handled;
        if (rom == null) {
            handled =
                    result(
                            outcome,
                            "",
                            "",
                            0L,
                            HandlerFaultKind.NONE,
                            "",
                            Decision.fallback(input));
        } else if (invalidRoms.containsKey(rom.sha256())) {
            handled =
                    result(
                            outcome,
                            primary.id(),
                            rom.sha256(),
                            0L,
                            HandlerFaultKind.INVALID_ROM,
                            invalidRoms.get(rom.sha256()),
                            Decision.fallback(input));
        } else {
            handled = run(outcome, input, primary.id(), rom.sha256());
        }
        if (handled.faulted()) {
            metrics.counter(MetricName.FAULTS).inc();
            metrics.byReason(MetricName.FAULTS_BY_KIND, handled.faultKind().name()).inc();
        }
        scheduleExpiry(alert.eventTime(), ctx);
        metrics.out();
        out.collect(handled);
    }

    /** The first route dedup matched, or, when it sent none, the tree's first match. */
    private MatchedRoute primaryRoute(DedupOutcome outcome) {
        if (!outcome.routeIds().isEmpty()) {
            MatchedRoute route = routes.route(outcome.routeIds().get(0));
            if (route != null) {
                return route;
            }
        }
        return routes.match(outcome.alert().labels()).get(0);
    }

    private HandledAlert run(DedupOutcome outcome, HandlerInput input, String routeId, String sha)
            throws Exception {
        HandlerResult result;
        try {
            result = runtimesBySha.get(sha).run(input, vmState.value());
        } catch (RuntimeException e) {
            // A VM bug must not stop the pipeline: the alert pages with the fallback decision.
            return result(
                    outcome,
                    routeId,
                    sha,
                    0L,
                    HandlerFaultKind.VM_ERROR,
                    String.valueOf(e),
                    Decision.fallback(input));
        }
        vmState.update(result.newState());
        metrics.counter(MetricName.CYCLES).inc(result.cycles());
        metrics.counter(MetricName.RUNS).inc();
        HandlerFaultKind faultKind =
                result.fault() == null ? HandlerFaultKind.NONE : faultKind(result.fault().kind());
        String faultDetail = result.fault() == null ? "" : String.valueOf(result.fault().detail());
        return result(
                outcome, routeId, sha, result.cycles(), faultKind, faultDetail, result.decision());
    }

    /**
     * The fingerprint's one expiry timer fired: clear the state if it is due, else postpone the
     * timer to the (later) expiry that alerts since then have set.
     */
    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<HandledAlert> out)
            throws Exception {
        Long expiry = expiresAt.value();
        if (expiry == null) {
            return;
        }
        if (expiry <= time) {
            vmState.clear();
            expiresAt.clear();
        } else {
            ctx.timerService().registerEventTimeTimer(expiry);
        }
    }

    /**
     * An alert at or after the state's expiry finds no state, whether or not the expiry timer has
     * fired: the timer fires when the watermark passes the expiry, which can be after this alert
     * arrives (a source reading ahead) or before it (a replay), and the ROM must see the same state
     * either way. {@code expiresAt} stays: the pending timer finds it moved and postpones itself.
     */
    private void forgetIfExpired(long eventTime) throws Exception {
        Long expiry = expiresAt.value();
        if (expiry != null && expiry <= eventTime) {
            vmState.clear();
        }
    }

    /**
     * Moves the expiry to {@code retention} after this alert. The timer is only registered for a
     * fingerprint that has none; a later alert moves {@code expiresAt} alone, and the timer is
     * postponed when it fires (deleting and re-registering a timer per alert cost two timer-queue
     * operations per alert).
     */
    private void scheduleExpiry(long eventTime, Context ctx) throws Exception {
        long next = eventTime + retentionMillis;
        Long current = expiresAt.value();
        if (current != null && current >= next) {
            return; // an older alert arriving late does not shorten the state's life
        }
        expiresAt.update(next);
        if (current == null) {
            ctx.timerService().registerEventTimeTimer(next);
        }
    }

    static HandlerInput inputOf(Alert alert, int repeatCount) {
        return new HandlerInput(
                alert.status(),
                alert.labels().get("severity"),
                alert.labels().get("alertname"),
                alert.fingerprint(),
                alert.labels(),
                alert.annotations() == null ? "" : alert.annotations().get("summary"),
                alert.startsAt(),
                repeatCount);
    }

    private HandledAlert result(
            DedupOutcome outcome,
            String routeId,
            String sha,
            long cycles,
            HandlerFaultKind faultKind,
            String faultDetail,
            Decision decision) {
        return new HandledAlert(
                outcome.alert(),
                outcome.verdict(),
                outcome.repeatCount(),
                routeId,
                sha,
                cycles,
                faultKind,
                faultDetail,
                new HandlerDecision(
                        decision.severity(),
                        routeName(decision.routeId()),
                        decision.suppress(),
                        policyName(decision.escalationPolicyId()),
                        decision.summary(),
                        new java.util.TreeMap<>(decision.addedLabels()),
                        decision.truncated()),
                outcome.previousEventTime(),
                outcome.lateByMillis(),
                outcome.endedBy(),
                outcome.routeIds());
    }

    /** The job's name for a fault the VM reported; a new VM kind fails compilation here. */
    static HandlerFaultKind faultKind(HandlerFault.Kind kind) {
        return switch (kind) {
            case BUDGET_EXHAUSTED -> HandlerFaultKind.BUDGET_EXHAUSTED;
            case ILLEGAL_OPCODE -> HandlerFaultKind.ILLEGAL_OPCODE;
            case WRITE_OUTSIDE_AREA -> HandlerFaultKind.WRITE_OUTSIDE_AREA;
            case MALFORMED_DECISION -> HandlerFaultKind.MALFORMED_DECISION;
        };
    }

    private String routeName(int routeId) {
        List<MatchedRoute> all = routes.routes();
        if (routeId <= 0 || routeId >= all.size()) {
            return "";
        }
        return all.get(routeId).id();
    }

    private String policyName(int policyId) {
        if (policyId <= 0 || policyId > escalationPolicies.size()) {
            return "";
        }
        return escalationPolicies.get(policyId - 1);
    }
}
