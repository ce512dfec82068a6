package dev.pagerboy.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pagerboy.streaming.PipelineConfig;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.archive.ParquetArchive;
import dev.pagerboy.streaming.config.PagerBoyConfig;
import dev.pagerboy.streaming.replay.InputKind;
import dev.pagerboy.streaming.replay.StagedInputs;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code replay incident ID}: one incident's story from the archive, checked by replaying only the
 * keys and stretch it touched ({@link IncidentRows}): the archived rows of the incident against the
 * rows the same pipeline makes from those inputs. The story is told from the archived rows; the
 * replay says whether they are what the inputs give.
 */
public final class IncidentReplay {

    private final PrintStream progressOut;

    public IncidentReplay(PrintStream progressOut) {
        this.progressOut = progressOut;
    }

    /** The story of incident {@code incidentId}, replayed as {@code request} says. */
    public IncidentTimeline run(String incidentId, ReplayRequest request) throws Exception {
        PagerBoyConfig config = Replay.configOf(request);
        Replay.checkOut(request.out());
        List<Path> files = ArchivedHistory.files(request.archive());
        try (ReplayProgress progress =
                new ReplayProgress(UUID.randomUUID().toString(), progressOut, request.progress())) {
            progress.start("reading archive", files.size(), "files");
            ArchivedHistory history =
                    ArchivedHistory.read(
                            request.archive(), ArchiveStretch.WHOLE, f -> progress.step());
            IncidentRows incident = IncidentRows.of(incidentId, history.allOutputs());
            Replay.checkPrograms(
                    HandlerPrograms.archived(incident.select(history.allOutputs())),
                    HandlerPrograms.configured(config.routes()),
                    request.handlers().keySet());

            ArchivedHistory keys = history.onlyInputs(incident.replayedInput());
            long lastInput = history.inputRange().map(r -> r[1]).orElse(Long.MIN_VALUE);
            long horizon =
                    Replay.horizon(lastInput, request.maxOutOfOrderness(), history.allOutputs());

            Path staging = request.out().resolve(".inputs");
            StagedInputs staged = StagedInputs.write(keys::inputs, Replay.flinkPath(staging));
            progress.start("replaying", staged.count(), "events");
            Replay.runJob(PipelineConfig.of(config), staged, request, progress);
            Replay.deleteTree(staging);
            List<ArchiveRecord> replayed =
                    Replay.decisionRows(ParquetArchive.reader(request.out()).readAll());

            List<ArchiveRecord> own = incident.select(history.allOutputs());
            ArchiveComparison comparison =
                    ArchiveComparison.of(
                            before(own, horizon), before(incident.select(replayed), horizon));
            List<ArchiveRecord> allInputs = new ArrayList<>();
            for (InputKind kind : InputKind.values()) {
                allInputs.addAll(history.inputs(kind));
            }
            return IncidentTimeline.of(
                    header(incident, own, request),
                    incident.inputs(allInputs, own),
                    own,
                    comparison,
                    keys.replayedInputs());
        }
    }

    private static List<ArchiveRecord> before(List<ArchiveRecord> rows, long horizon) {
        return rows.stream().filter(r -> r.eventTime() < horizon).toList();
    }

    private static IncidentTimeline.Header header(
            IncidentRows incident, List<ArchiveRecord> own, ReplayRequest request) {
        String policy = "";
        String status = "";
        long last = -1;
        for (ArchiveRecord r : own) {
            if (IncidentRows.kind(r).equals("incident")) {
                JsonNode n = IncidentRows.json(r);
                if (n.path("sequence").asLong() > last) {
                    last = n.path("sequence").asLong();
                    policy = n.path("policy").asText("");
                    status = n.path("status").asText("");
                }
            }
        }
        return new IncidentTimeline.Header(
                incident.incidentId(),
                incident.routeId(),
                incident.groupKey(),
                policy,
                status,
                Instant.ofEpochMilli(incident.from()).toString(),
                Instant.ofEpochMilli(incident.to()).toString(),
                request.archive().toString(),
                request.config().toString(),
                Replay.version());
    }
}
