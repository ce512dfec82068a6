package dev.pagerboy.streaming.incidents;

import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.functions.SideOutputs;
import dev.pagerboy.streaming.records.RawInput;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Reads the {@code acks} topic: archives every record verbatim ({@code ack_raw}), runs the
 * stateless {@link AckCheck}, and passes what survives to the incident stage. A rejected record
 * gets its {@code ack} verdict row and a dead letter with the reason; nothing is dropped silently.
 */
public class ParseAcksFunction extends ProcessFunction<RawInput, AckClaim> {

    private final AckCheck check;

    public ParseAcksFunction(AckCheck check) {
        this.check = check;
    }

    @Override
    public void processElement(RawInput input, Context ctx, Collector<AckClaim> out) {
        ctx.output(SideOutputs.ARCHIVE, ArchiveRecord.rawAck(input));
        AckCheck.Result result = check.check(input);
        if (result.claim() != null) {
            out.collect(result.claim());
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
