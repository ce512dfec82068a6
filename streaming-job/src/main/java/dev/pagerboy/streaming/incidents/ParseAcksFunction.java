package dev.pagerboy.streaming.incidents;

import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.functions.SideOutputs;
import dev.pagerboy.streaming.records.RawInput;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Reads the {@code acks} topic: archives every record verbatim ({@code ack_raw}), runs the
 * stateless {@link AckCheck}, and passes what survives to the incident stage (PagerDuty events by
 * way of {@link #PAGERDUTY}). A rejected record gets its {@code ack} verdict row, a dead letter
 * with the reason and a count in {@code pagerboy.acks.rejected.<reason>}; nothing is dropped
 * silently.
 */
public class ParseAcksFunction extends ProcessFunction<RawInput, AckClaim> {

    /** PagerDuty events, which name an alert, not an incident: to {@link PagerDutyAckFunction}. */
    public static final OutputTag<AckClaim> PAGERDUTY =
            new OutputTag<>("pagerduty-acks", TypeInformation.of(AckClaim.class));

    private final AckCheck check;
    private transient Map<AckVerdict, Counter> rejected;

    public ParseAcksFunction(AckCheck check) {
        this.check = check;
    }

    @Override
    public void open(OpenContext openContext) {
        MetricGroup acks =
                getRuntimeContext()
                        .getMetricGroup()
                        .addGroup("pagerboy")
                        .addGroup("acks")
                        .addGroup("rejected");
        rejected = new EnumMap<>(AckVerdict.class);
        for (AckVerdict v : AckVerdict.values()) {
            if (v != AckVerdict.ACCEPTED) {
                rejected.put(v, acks.counter(v.text()));
            }
        }
    }

    @Override
    public void processElement(RawInput input, Context ctx, Collector<AckClaim> out) {
        ctx.output(SideOutputs.ARCHIVE, ArchiveRecord.rawAck(input));
        AckCheck.Result result = check.check(input);
        if (result.claim() != null) {
            if (result.claim().fromPagerDuty()) {
                ctx.output(PAGERDUTY, result.claim());
            } else {
                out.collect(result.claim());
            }
            return;
        }
        ctx.output(
                SideOutputs.ARCHIVE,
                AckRows.verdict(
                        input, result.incidentId(), result.verdict(), result.detail(), null));
        ctx.output(
                SideOutputs.DEAD_LETTERS,
                AckRows.deadLetter(input, result.verdict(), result.detail()));
    }
}
