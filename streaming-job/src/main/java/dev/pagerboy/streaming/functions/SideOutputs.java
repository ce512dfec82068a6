package dev.pagerboy.streaming.functions;

import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.records.DeadLetter;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/**
 * The side outputs every stage may write besides its main output: archive rows (every input and
 * every decision) and dead letters (inputs that could not be used). {@code Pipeline} collects each
 * tag from every stage and unions them into one sink.
 */
public final class SideOutputs {

    public static final OutputTag<ArchiveRecord> ARCHIVE =
            new OutputTag<>("archive", TypeInformation.of(ArchiveRecord.class));

    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    private SideOutputs() {}
}
