package dev.pagerboy.datasets.pcic;

import dev.pagerboy.alerts.AlertEvent;
import dev.pagerboy.alerts.AlertStatus;
import dev.pagerboy.alerts.LabelSet;
import dev.pagerboy.datasets.rules.RuleCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns PCIC 2021 alarms into alert notifications: each alarm fires at its start and resolves at
 * its end, with times anchored at {@link #EPOCH} (source second 0 = 2021-01-01T00:00:00Z). A window
 * keeps the alarms that start inside it, with both of their events even when the resolve falls
 * after the window. Events are ordered by send time, then source row, firing before resolved.
 */
public final class PcicConverter {
    /** Source second 0 of the anonymised PCIC timeline. */
    public static final Instant EPOCH = Instant.parse("2021-01-01T00:00:00Z");

    private final PcicLabelMapping mapping;

    public PcicConverter(RuleCatalog catalog, List<PcicAlarm> alarms) {
        this.mapping = new PcicLabelMapping(catalog, alarms);
    }

    public PcicLabelMapping mapping() {
        return mapping;
    }

    /** Alarms starting in [fromSecond, toSecond) of the source timeline, as ordered events. */
    public List<AlertEvent> convert(List<PcicAlarm> alarms, long fromSecond, long toSecond) {
        List<AlertEvent> events = new ArrayList<>();
        long epochMs = EPOCH.toEpochMilli();
        for (PcicAlarm alarm : alarms) {
            if (alarm.startSecond() < fromSecond || alarm.startSecond() >= toSecond) {
                continue;
            }
            LabelSet labels = mapping.labels(alarm);
            LabelSet annotations = mapping.annotations(alarm);
            long start = epochMs + alarm.startSecond() * 1000;
            long end = epochMs + alarm.endSecond() * 1000;
            String id = "pcic2021-r" + alarm.row();
            events.add(
                    AlertEvent.of(
                            id + "-firing",
                            AlertStatus.FIRING,
                            labels,
                            annotations,
                            start,
                            AlertEvent.NOT_ENDED,
                            start));
            events.add(
                    AlertEvent.of(
                            id + "-resolved",
                            AlertStatus.RESOLVED,
                            labels,
                            annotations,
                            start,
                            end,
                            end));
        }
        events.sort(
                Comparator.comparingLong(AlertEvent::sendTimeMs)
                        .thenComparingInt(PcicConverter::row)
                        .thenComparing(AlertEvent::status));
        return events;
    }

    /** Every alarm of the source. */
    public List<AlertEvent> convertAll(List<PcicAlarm> alarms) {
        return convert(alarms, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    private static int row(AlertEvent event) {
        String id = event.id();
        return Integer.parseInt(id.substring("pcic2021-r".length(), id.lastIndexOf('-')));
    }
}
