package dev.pagerboy.streaming.incidents;

import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.functions.SideOutputs;
import dev.pagerboy.streaming.records.DeadLetter;
import dev.pagerboy.streaming.records.RawInput;
import java.util.EnumMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Reads the {@code receipts} topic (the dispatchers' delivery receipts): archives every record
 * verbatim ({@code receipt_raw}), counts it in {@code
 * pagerboy.receipts.<delivered|failed|malformed>} and passes each failure that names an incident to
 * the incident stage, which escalates at once. A malformed record also becomes a dead letter with
 * the reason; nothing is dropped silently.
 */
public class ParseReceiptsFunction extends ProcessFunction<RawInput, FailedDelivery> {

    private final DeliveryReceiptCheck check;
    private transient Map<DeliveryReceiptCheck.Verdict, Counter> counts;

    public ParseReceiptsFunction(DeliveryReceiptCheck check) {
        this.check = check;
    }

    @Override
    public void open(OpenContext openContext) {
        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup("pagerboy");
        MetricGroup receipts = group.addGroup("receipts");
        counts = new EnumMap<>(DeliveryReceiptCheck.Verdict.class);
        for (DeliveryReceiptCheck.Verdict v : DeliveryReceiptCheck.Verdict.values()) {
            counts.put(v, receipts.counter(v.name().toLowerCase(java.util.Locale.ROOT)));
        }
    }

    @Override
    public void processElement(RawInput input, Context ctx, Collector<FailedDelivery> out) {
        ctx.output(SideOutputs.ARCHIVE, ArchiveRecord.rawReceipt(input));
        DeliveryReceiptCheck.Result result = check.check(input);
        counts.get(result.verdict()).inc();
        if (result.verdict() == DeliveryReceiptCheck.Verdict.MALFORMED) {
            ctx.output(
                    SideOutputs.DEAD_LETTERS,
                    DeadLetter.of(input, "receipt malformed: " + result.detail()));
        } else if (result.failure() != null) {
            out.collect(result.failure());
        }
    }
}
