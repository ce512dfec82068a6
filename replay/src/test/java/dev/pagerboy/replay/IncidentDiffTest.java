package dev.pagerboy.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.replay.IncidentDiff.Change;
import dev.pagerboy.streaming.archive.ArchiveKind;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each kind of escalation change, from incident rows alone. */
class IncidentDiffTest {

    @Test
    void tellsEachKindOfChangeApart() {
        List<ArchiveRecord> before = new ArrayList<>();
        List<ArchiveRecord> after = new ArrayList<>();
        story(before, "a-1", 1000, "triggered", "escalated");
        story(after, "a-1", 1000, "triggered", "escalated", "escalated"); // further
        story(before, "b-1", 1000, "triggered", "escalated", "escalated");
        story(after, "b-1", 1000, "triggered", "escalated"); // less
        story(before, "c-1", 1000, "triggered", "escalated", "acknowledged");
        story(after, "c-1", 2000, "triggered", "escalated", "acknowledged"); // other times
        story(before, "d-1", 1000, "triggered", "escalated"); // same
        story(after, "d-1", 1000, "triggered", "escalated");
        story(before, "e-1", 1000, "triggered"); // not opened
        story(after, "f-1", 1000, "triggered"); // opened

        IncidentDiff diff = IncidentDiff.of(before, after);

        assertThat(diff.before()).isEqualTo(5);
        assertThat(diff.after()).isEqualTo(5);
        assertThat(diff.counts())
                .containsExactlyEntriesOf(
                        ordered(
                                Change.OPENED, 1,
                                Change.NOT_OPENED, 1,
                                Change.ESCALATED_FURTHER, 1,
                                Change.ESCALATED_LESS, 1,
                                Change.OTHERWISE_CHANGED, 1));
        assertThat(diff.examples().get(Change.ESCALATED_FURTHER).get(0))
                .extracting(
                        IncidentDiff.Example::incidentId,
                        IncidentDiff.Example::stepsBefore,
                        IncidentDiff.Example::stepsAfter)
                .containsExactly("a-1", 1, 2);
        assertThat(diff.examples().get(Change.OPENED).get(0).stepsBefore()).isEqualTo(-1);
        assertThat(diff.differs()).isTrue();
        assertThat(IncidentDiff.of(before, before).differs()).isFalse();
    }

    private static Map<Change, Integer> ordered(Object... pairs) {
        Map<Change, Integer> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((Change) pairs[i], (Integer) pairs[i + 1]);
        }
        return out;
    }

    /**
     * Transitions of incident {@code id}, one per {@code step} ms apart; escalations count steps.
     */
    private static void story(List<ArchiveRecord> rows, String id, long step, String... changes) {
        int steps = 0;
        for (int i = 0; i < changes.length; i++) {
            if (changes[i].equals("escalated")) {
                steps++;
            }
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("incidentId", id);
            payload.put("sequence", i + 1);
            payload.put("change", changes[i]);
            payload.put("status", changes[i].equals("acknowledged") ? "acknowledged" : "triggered");
            payload.put("routeId", "{}");
            payload.put("groupKey", "{}:{}");
            payload.put("step", steps);
            payload.put("level", steps);
            payload.put("engineer", "");
            payload.put("openedAt", 0L);
            rows.add(
                    ArchiveRecord.decision(
                            "incident:" + id + "/" + (i + 1),
                            ArchiveKind.INCIDENT,
                            i * step,
                            id,
                            changes[i],
                            payload));
        }
    }
}
