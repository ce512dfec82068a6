package dev.pagerboy.streaming;

import dev.pagerboy.contracts.ack.AckLeaf;
import dev.pagerboy.streaming.anchor.ArchiveHourSealer;
import dev.pagerboy.streaming.config.PagerBoyConfig;
import dev.pagerboy.streaming.functions.DedupFunction;
import dev.pagerboy.streaming.functions.DedupOperator;
import dev.pagerboy.streaming.functions.GroupFunction;
import dev.pagerboy.streaming.functions.GroupOperator;
import dev.pagerboy.streaming.functions.HandlerFunction;
import dev.pagerboy.streaming.functions.ParseAlertsFunction;
import dev.pagerboy.streaming.functions.ParseSilencesFunction;
import dev.pagerboy.streaming.functions.RouteAlertFunction;
import dev.pagerboy.streaming.functions.SideOutputs;
import dev.pagerboy.streaming.incidents.AcceptedAck;
import dev.pagerboy.streaming.incidents.AckCheck;
import dev.pagerboy.streaming.incidents.AckClaim;
import dev.pagerboy.streaming.incidents.DeliveryReceiptCheck;
import dev.pagerboy.streaming.incidents.FailedDelivery;
import dev.pagerboy.streaming.incidents.IncidentAlert;
import dev.pagerboy.streaming.incidents.IncidentFunction;
import dev.pagerboy.streaming.incidents.IncidentOperator;
import dev.pagerboy.streaming.incidents.IncidentSignal;
import dev.pagerboy.streaming.incidents.PagerDutyAckFunction;
import dev.pagerboy.streaming.incidents.ParseAcksFunction;
import dev.pagerboy.streaming.incidents.ParseReceiptsFunction;
import dev.pagerboy.streaming.ingest.AlertParser;
import dev.pagerboy.streaming.ingest.SilenceParser;
import dev.pagerboy.streaming.records.Alert;
import dev.pagerboy.streaming.records.DedupOutcome;
import dev.pagerboy.streaming.records.GroupControl;
import dev.pagerboy.streaming.records.HandledAlert;
import dev.pagerboy.streaming.records.Notification;
import dev.pagerboy.streaming.records.RoutedAlert;
import dev.pagerboy.streaming.routing.RouteTree;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The PagerBoy job's workflow, defined once and used by every mode: the live job passes Kafka
 * sources and transactional sinks, replay and tests pass bounded sources and collecting sinks.
 * Nothing here reads the wall clock, randomness or the environment; every decision depends only on
 * the inputs and their event times, so the same inputs give the same outputs byte for byte.
 *
 * <pre>
 *  alerts ─┐
 *  ticks ──┴► parse ─bad─► dead letters
 *              │  (raw alert and tick rows ► archive)
 *              ▼ keyBy fingerprint
 *            dedup ─suppressed/duplicate─► decision row only (passed on: the matched routes)
 *              ▼ same key, chained (no second shuffle)
 *            handler (ROM of the alert's route, per-fingerprint VM state; fault ► fallback)
 *              ▼ fan out to matched routes (decision row ► archive), keyBy route|groupKey
 *  silences ► parse ─┐ broadcast (+ inhibition source changes, + ticks)
 *            group ◄─┘ (group_wait / group_interval / repeat_interval on event-time timers,
 *              │        silences and inhibition applied at flush time)
 *              ▼ notifying flushes, keyBy incident key (hex16 of route|groupKey)
 *  acks ► check (canonical text, signature, roster, skew) ─bad─► dead letters
 *           └─ PagerDuty acknowledge/resolve ► keyBy fingerprint, incident of the alert's last
 *              flush (flush alerts ◄ notifying flushes) ─unknown─► dead letters
 *  receipts ► parse ─bad─► dead letters (a failed delivery escalates its incident at once)
 *              ▼ same key              ticks ─ broadcast
 *          incidents ◄────────────────────┘ (lifecycle, acks, escalation on event-time timers)
 *            │   │  └─► incidents (transitions)
 *            │   └────► ack leaves (accepted acks, for anchoring)
 *            ▼
 *        notifications (pages)
 *
 *  every archive row ► archive; keyBy event hour ► archive-hours: an archive_root row per sealed
 *                       hour (► archive) and its root (► anchoring; docs/ARCHIVE.md)
 * </pre>
 */
public final class Pipeline {

    private Pipeline() {}

    /**
     * Adds the whole PagerBoy workflow to {@code env}: reads {@code in}, writes {@code out}.
     *
     * <p>The inputs must already carry event-time timestamps and watermarks (see {@link
     * PipelineInputs}); the pipeline keeps them and never assigns its own. The archive (schema v2,
     * docs/ARCHIVE.md) receives exactly one row per input record (raw alert, tick, silence), one
     * decision row per alert, one row per notification, per mute and per dead letter.
     *
     * @param env the environment to add the operators to (its parallelism is used as is)
     * @param cfg the validated configuration and state retention
     * @param in the alert, tick, silence and ack streams
     * @param out the page, dead-letter, archive, incident and ack-leaf sinks
     */
    public static void define(
            StreamExecutionEnvironment env,
            PipelineConfig cfg,
            PipelineInputs in,
            PipelineOutputs out) {
        PagerBoyConfig config = cfg.config();
        RouteTree routes = config.routes();

        SingleOutputStreamOperator<Alert> parsed =
                in.alerts()
                        .connect(in.ticks())
                        .process(new ParseAlertsFunction(new AlertParser()))
                        .name("parse")
                        .uid("parse");

        SingleOutputStreamOperator<DedupOutcome> deduped =
                DedupOperator.stage(
                                parsed.keyBy(Alert::fingerprint),
                                new DedupFunction(routes, cfg.lifecycle()))
                        .name("dedup")
                        .uid("dedup");

        // Dedup emits only on its own key, so its output is already partitioned by fingerprint
        // exactly as keyBy would do it: reinterpreting it as keyed lets Flink chain the handler to
        // dedup instead of serializing every outcome across a second shuffle.
        SingleOutputStreamOperator<HandledAlert> handled =
                DataStreamUtils.reinterpretAsKeyedStream(
                                deduped, Pipeline::fingerprintOf, Types.STRING)
                        .process(
                                new HandlerFunction(
                                        routes,
                                        List.copyOf(config.escalationPolicies().keySet()),
                                        cfg.stateRetention()))
                        .name("handler")
                        .uid("handler");

        SingleOutputStreamOperator<RoutedAlert> routed =
                handled.process(new RouteAlertFunction(routes, config.inhibitRules()))
                        .name("route")
                        .uid("route");

        SingleOutputStreamOperator<GroupControl> silences =
                in.silences()
                        .process(new ParseSilencesFunction(new SilenceParser()))
                        .name("parse-silences")
                        .uid("parse-silences");

        BroadcastStream<GroupControl> control =
                silences.union(
                                routed.getSideOutput(RouteAlertFunction.INHIBITION_SOURCES),
                                in.ticks()
                                        .map(GroupControl::of)
                                        .returns(GroupControl.class)
                                        .name("ticks-to-groups"))
                        .broadcast(
                                GroupFunction.SILENCES,
                                GroupFunction.SOURCES,
                                GroupFunction.CLOCK,
                                GroupFunction.INPUT_TIMES);

        SingleOutputStreamOperator<Notification> notifications =
                GroupOperator.stage(
                                routed.keyBy(RoutedAlert::groupId),
                                control,
                                new GroupFunction(
                                        routes,
                                        config.silences(),
                                        config.inhibitRules(),
                                        cfg.lifecycle().catchUpAfter(),
                                        cfg.lateAlerts(),
                                        cfg.lateControls()))
                        .name("group")
                        .uid("group");

        SingleOutputStreamOperator<AckClaim> acks =
                in.acks()
                        .process(
                                new ParseAcksFunction(
                                        new AckCheck(config.engineers(), config.acks())))
                        .name("check-acks")
                        .uid("check-acks");

        SingleOutputStreamOperator<AckClaim> pagerDutyAcks =
                notifications
                        .flatMap(new IncidentAlert.OfFlush())
                        .returns(IncidentAlert.class)
                        .name("flush-alerts")
                        .keyBy(IncidentAlert::fingerprint)
                        .connect(
                                acks.getSideOutput(ParseAcksFunction.PAGERDUTY)
                                        .keyBy(AckClaim::fingerprint))
                        .process(new PagerDutyAckFunction(cfg.stateRetention()))
                        .name("pagerduty-acks")
                        .uid("pagerduty-acks");
        SingleOutputStreamOperator<FailedDelivery> failedDeliveries =
                in.receipts()
                        .process(new ParseReceiptsFunction(new DeliveryReceiptCheck()))
                        .name("parse-receipts")
                        .uid("parse-receipts");

        SingleOutputStreamOperator<Notification> pages =
                IncidentOperator.stage(
                                notifications
                                        .map(IncidentSignal::of)
                                        .returns(IncidentSignal.class)
                                        .name("flushes-to-incidents")
                                        .union(
                                                acks.union(pagerDutyAcks)
                                                        .map(IncidentSignal::of)
                                                        .returns(IncidentSignal.class)
                                                        .name("acks-to-incidents"),
                                                failedDeliveries
                                                        .map(IncidentSignal::of)
                                                        .returns(IncidentSignal.class)
                                                        .name("receipts-to-incidents"))
                                        .keyBy(IncidentSignal::key),
                                in.ticks().broadcast(IncidentFunction.CLOCK),
                                new IncidentFunction(
                                        config.escalationPolicies(),
                                        config.schedules(),
                                        config.engineers(),
                                        cfg.stateRetention(),
                                        cfg.lateFlushes()))
                        .name("incidents")
                        .uid("incidents");

        pages.sinkTo(out.notifications()).name("notifications").uid("notifications-sink");
        pages.getSideOutput(IncidentFunction.INCIDENTS)
                .sinkTo(out.incidents())
                .name("incidents-out")
                .uid("incidents-sink");
        pages.getSideOutput(IncidentFunction.ACCEPTED_ACKS)
                .map(AcceptedAck::leaf)
                .returns(TypeInformation.of(AckLeaf.class))
                .name("ack-leaves")
                .uid("ack-leaves")
                .sinkTo(out.ackLeaves())
                .name("ack-leaves-out")
                .uid("ack-leaves-sink")
                // One writer account anchors: one sink subtask keeps its nonces in order.
                .setParallelism(1);

        parsed.getSideOutput(SideOutputs.DEAD_LETTERS)
                .union(
                        silences.getSideOutput(SideOutputs.DEAD_LETTERS),
                        acks.getSideOutput(SideOutputs.DEAD_LETTERS),
                        pagerDutyAcks.getSideOutput(SideOutputs.DEAD_LETTERS),
                        failedDeliveries.getSideOutput(SideOutputs.DEAD_LETTERS),
                        pages.getSideOutput(SideOutputs.DEAD_LETTERS))
                .sinkTo(out.deadLetters())
                .name("dead-letters")
                .uid("dead-letters-sink");

        ArchiveHourSealer.sealed(
                        List.of(
                                parsed.getSideOutput(SideOutputs.ARCHIVE),
                                silences.getSideOutput(SideOutputs.ARCHIVE),
                                deduped.getSideOutput(SideOutputs.ARCHIVE),
                                handled.getSideOutput(SideOutputs.ARCHIVE),
                                routed.getSideOutput(SideOutputs.ARCHIVE),
                                notifications.getSideOutput(SideOutputs.ARCHIVE),
                                acks.getSideOutput(SideOutputs.ARCHIVE),
                                pagerDutyAcks.getSideOutput(SideOutputs.ARCHIVE),
                                failedDeliveries.getSideOutput(SideOutputs.ARCHIVE),
                                pages.getSideOutput(SideOutputs.ARCHIVE)),
                        out.hourRoots())
                .sinkTo(out.archive())
                .name("archive")
                .uid("archive-sink");
    }

    private static String fingerprintOf(DedupOutcome outcome) {
        return outcome.alert().fingerprint();
    }
}
