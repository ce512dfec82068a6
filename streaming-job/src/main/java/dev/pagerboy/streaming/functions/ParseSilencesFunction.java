package dev.pagerboy.streaming.functions;

import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.archive.SilenceOutcome;
import dev.pagerboy.streaming.ingest.SilenceParseResult;
import dev.pagerboy.streaming.ingest.SilenceParser;
import dev.pagerboy.streaming.records.GroupControl;
import dev.pagerboy.streaming.records.RawInput;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns records of the {@code silences} topic into silences for the group stage, with jobcore's
 * {@link SilenceParser}. Archive: one {@code silence} row per record ({@code accepted} or {@code
 * rejected}), plus a {@code dead_letter} row for a rejected one, which also goes to {@link
 * SideOutputs#DEAD_LETTERS}.
 */
public class ParseSilencesFunction extends ProcessFunction<RawInput, GroupControl> {

    private final SilenceParser parser;
    private transient StageMetrics metrics;

    public ParseSilencesFunction(SilenceParser parser) {
        this.parser = parser;
    }

    @Override
    public void open(OpenContext openContext) {
        metrics =
                StageMetrics.of(getRuntimeContext().getMetricGroup(), StageMetrics.Stage.SILENCES);
    }

    @Override
    public void processElement(RawInput raw, Context ctx, Collector<GroupControl> out) {
        metrics.in();
        SilenceParseResult result = parser.parse(raw);
        if (result.isDeadLetter()) {
            metrics.byReason(MetricName.DEAD_LETTERS, result.deadLetter().reason()).inc();
            ctx.output(
                    SideOutputs.ARCHIVE,
                    ArchiveRecord.silenceInput(raw, "", SilenceOutcome.REJECTED));
            ctx.output(SideOutputs.ARCHIVE, ArchiveRecord.deadLetter(result.deadLetter()));
            ctx.output(SideOutputs.DEAD_LETTERS, result.deadLetter());
            return;
        }
        metrics.out();
        ctx.output(
                SideOutputs.ARCHIVE,
                ArchiveRecord.silenceInput(raw, result.silence().id(), SilenceOutcome.ACCEPTED));
        out.collect(GroupControl.of(result.silence()));
    }
}
