package dev.pagerboy.streaming.incidents;

import dev.pagerboy.streaming.functions.SideOutputs;
import dev.pagerboy.streaming.lateness.LateInput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Finds the incident of a PagerDuty {@code acknowledge} or {@code resolve} event. Such an event
 * names an alert (its {@code dedup_key} within a {@code routing_key}, whose fingerprint is the one
 * its trigger got), while incidents are keyed by group. Keyed by fingerprint, this stage remembers
 * the incident id of the latest group flush that carried each alert ({@link IncidentAlert}) and
 * passes the event on, named after that incident, to the incident stage; an event for an alert no
 * flush carried is rejected as {@link AckVerdict#UNKNOWN_INCIDENT} (archived and dead-lettered).
 *
 * <p>Events wait until the watermark passes their time and are then looked up, so the flushes up to
 * that time are known whatever the interleaving of the two inputs (replay decides alike); an event
 * behind the watermark waits until the next instant, which is archived ({@link LateInput}). An
 * alert is forgotten {@code retention} after the last flush that carried it (event-time timer).
 *
 * <p>Keyed state: {@code alert} (the latest {@link IncidentAlert}), {@code pending} (event time →
 * events). Timers: pending times, the alert's cleanup.
 */
public class PagerDutyAckFunction
        extends KeyedCoProcessFunction<String, IncidentAlert, AckClaim, AckClaim> {

    private final long retentionMillis;

    private transient ValueState<IncidentAlert> alert;
    private transient MapState<Long, List<AckClaim>> pending;

    public PagerDutyAckFunction(Duration retention) {
        this.retentionMillis = retention.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        alert =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "alert", TypeInformation.of(IncidentAlert.class)));
        pending =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "pending",
                                        Types.LONG,
                                        Types.LIST(TypeInformation.of(AckClaim.class))));
    }

    @Override
    public void processElement1(IncidentAlert carried, Context ctx, Collector<AckClaim> out)
            throws Exception {
        IncidentAlert known = alert.value();
        if (known == null || carried.eventTime() >= known.eventTime()) {
            alert.update(carried);
            ctx.timerService().registerEventTimeTimer(carried.eventTime() + retentionMillis);
        }
    }

    @Override
    public void processElement2(AckClaim event, Context ctx, Collector<AckClaim> out)
            throws Exception {
        long time =
                LateInput.PAGERDUTY_ACKS.applyAt(
                        event.input(),
                        ctx.timestamp(),
                        ctx.timerService().currentWatermark(),
                        row -> ctx.output(SideOutputs.ARCHIVE, row));
        List<AckClaim> waiting = pending.get(time);
        List<AckClaim> next = waiting == null ? new ArrayList<>() : new ArrayList<>(waiting);
        next.add(event);
        pending.put(time, next);
        ctx.timerService().registerEventTimeTimer(time);
    }

    @Override
    public void onTimer(long time, OnTimerContext ctx, Collector<AckClaim> out) throws Exception {
        List<AckClaim> due = pending.get(time);
        if (due != null) {
            pending.remove(time);
            List<AckClaim> ordered = new ArrayList<>(due);
            ordered.sort(
                    Comparator.comparing((AckClaim c) -> c.input().partition())
                            .thenComparingLong(c -> c.input().offset()));
            IncidentAlert known = alert.value();
            for (AckClaim event : ordered) {
                if (known == null) {
                    String detail =
                            "no incident carries the alert with fingerprint " + event.fingerprint();
                    ctx.output(
                            SideOutputs.ARCHIVE,
                            AckRows.verdict(
                                    event.input(), "", AckVerdict.UNKNOWN_INCIDENT, detail, event));
                    ctx.output(
                            SideOutputs.DEAD_LETTERS,
                            AckRows.deadLetter(event.input(), AckVerdict.UNKNOWN_INCIDENT, detail));
                } else {
                    out.collect(event.forIncident(known.incidentId()));
                }
            }
        }
        IncidentAlert known = alert.value();
        if (known != null && known.eventTime() + retentionMillis <= time) {
            alert.clear();
        }
    }
}
