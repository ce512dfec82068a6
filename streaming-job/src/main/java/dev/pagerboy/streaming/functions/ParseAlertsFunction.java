package dev.pagerboy.streaming.functions;

import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.ingest.AlertParser;
import dev.pagerboy.streaming.ingest.ParseResult;
import dev.pagerboy.streaming.records.Alert;
import dev.pagerboy.streaming.records.RawInput;
import dev.pagerboy.streaming.records.Tick;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.co.CoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The pipeline's entry: turns each record of the {@code alerts} topic into alerts with jobcore's
 * {@link AlertParser}, and takes in the clock's ticks.
 *
 * <p>Ticks come in here, on the second input, so that their watermarks flow down the alert path: an
 * operator's event time is the minimum over its inputs, and when the alerts source is idle the
 * ticks alone advance it, which is what makes group timers fire in live mode when no alert arrives.
 * A tick produces only its archive row.
 *
 * <p>Archive: one {@code alert_raw} row per record, one {@code dead_letter} row per bad record, one
 * {@code tick} row per tick. The parsed alerts are not archived: replay parses the raw records
 * again, and dedup's or the route stage's {@code decision} row says what became of each. Bad
 * records go to {@link SideOutputs#DEAD_LETTERS}; nothing here throws on bad input.
 */
public class ParseAlertsFunction extends CoProcessFunction<RawInput, Tick, Alert> {

    private final AlertParser parser;
    private transient StageMetrics metrics;

    public ParseAlertsFunction(AlertParser parser) {
        this.parser = parser;
    }

    @Override
    public void open(OpenContext openContext) {
        metrics = StageMetrics.of(getRuntimeContext().getMetricGroup(), StageMetrics.Stage.PARSE);
    }

    @Override
    public void processElement1(RawInput raw, Context ctx, Collector<Alert> out) {
        metrics.in();
        ctx.output(SideOutputs.ARCHIVE, ArchiveRecord.rawAlert(raw));
        ParseResult result = parser.parse(raw);
        if (result.isDeadLetter()) {
            metrics.byReason(MetricName.DEAD_LETTERS, result.deadLetter().reason()).inc();
            ctx.output(SideOutputs.DEAD_LETTERS, result.deadLetter());
            ctx.output(SideOutputs.ARCHIVE, ArchiveRecord.deadLetter(result.deadLetter()));
            return;
        }
        for (Alert alert : result.alerts()) {
            metrics.out();
            out.collect(alert);
        }
    }

    @Override
    public void processElement2(Tick tick, Context ctx, Collector<Alert> out) {
        metrics.counter(MetricName.TICKS).inc();
        ctx.output(SideOutputs.ARCHIVE, ArchiveRecord.tick(tick));
    }
}
