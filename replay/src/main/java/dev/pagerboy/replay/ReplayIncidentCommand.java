package dev.pagerboy.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pagerboy.cli.ExitStatus;
import dev.pagerboy.cli.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ./pagerboy replay incident ID}: the story of one incident from the archive, checked by
 * replaying the keys and stretch it touched. The work is in {@link IncidentReplay}; this class
 * parses and renders.
 */
@Command(
        name = "incident",
        sortOptions = false,
        description = {
            "Tell one incident's story from the archive: every input, decision, mute, page,",
            "escalation, ack and receipt in event time, with the handler's ROM and cycles and the",
            "route that grouped it; checked by replaying only the keys and stretch it touched."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./pagerboy replay incident 3f2a9c0d1e4b5a67-1796083230000 --archive pagerboy-archive",
            "  ./pagerboy replay incident ID --archive A --config pagerboy.yaml --html incident.html",
            "",
            "Incident ids are in the archive's incident rows, the pages and the acks.",
            "Exit status: 0 story told and its replay identical, 1 the replay differs or failed,",
            "2 bad command line, unknown incident or bad input."
        })
public final class ReplayIncidentCommand implements Callable<Integer> {

    @ParentCommand ReplayCommand parent;

    @Parameters(index = "0", paramLabel = "ID", description = "The incident id (hex16-millis).")
    String incidentId;

    @Mixin ReplayOptions replay;

    @Option(names = "--json", description = "Print the story as JSON instead of a table.")
    boolean json;

    @Option(
            names = "--html",
            paramLabel = "FILE",
            description = "Also write the story as a self-contained HTML page.")
    Path html;

    @Override
    public Integer call() throws Exception {
        PrintStream out = parent.out();
        PrintStream err = parent.err();
        ReplayRequest request = replay.request(Map.of(), ArchiveStretch.WHOLE);
        IncidentTimeline story = new IncidentReplay(err).run(incidentId, request);
        if (json) {
            out.println(
                    new ObjectMapper()
                            .enable(SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsString(story));
        } else {
            out.print(TimelineText.render(story));
        }
        if (html != null) {
            try {
                Files.writeString(html, TimelineHtml.render(story), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UsageException("--html " + html + ": " + e.getMessage());
            }
            err.println("wrote " + html);
        }
        return story.replay().identical() ? ExitStatus.OK.code() : ExitStatus.FAILED.code();
    }
}
