package dev.pagerboy.streaming.ingest;

import dev.pagerboy.alerts.AlertEvent;
import dev.pagerboy.alerts.format.AlertReader;
import dev.pagerboy.alerts.format.InvalidRecord;
import dev.pagerboy.alerts.format.ReadAlerts;
import dev.pagerboy.streaming.records.Alert;
import dev.pagerboy.streaming.records.DeadLetter;
import dev.pagerboy.streaming.records.RawInput;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Turns one record of the {@code alerts} topic into PagerBoy alerts. The wire formats are read by
 * the shared {@link AlertReader} (Alertmanager webhook v4, PagerDuty Events v2, native JSON; the
 * format is detected per record); this class adds what only the job knows: the record's coordinates
 * ({@code sourceRef}) and its timestamp as event time.
 *
 * <p>Anything invalid becomes a dead letter whose reason is the reader's message ({@code invalid
 * JSON at line 1 column 17: …}, {@code alertmanager: alerts[2].labels missing}, {@code unknown
 * format: …}); this class never throws on bad input. Stateless and deterministic: the same record
 * always gives the same result, so replay reproduces it. Instances are serializable so Flink
 * functions can hold one. docs/INGEST.md describes the formats and every reason.
 */
public final class AlertParser implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Parses {@code input}; never throws for bad content. */
    public ParseResult parse(RawInput input) {
        try {
            return ParseResult.ofAlerts(alerts(input));
        } catch (InvalidRecord e) {
            return ParseResult.ofDeadLetter(DeadLetter.of(input, e.getMessage()));
        }
    }

    private static List<Alert> alerts(RawInput input) throws InvalidRecord {
        ReadAlerts read = AlertReader.read(input.value(), input.timestamp());
        List<AlertEvent> events = read.alerts();
        List<Alert> out = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            AlertEvent e = events.get(i);
            out.add(
                    new Alert(
                            e.fingerprint(),
                            e.status().wire(),
                            new TreeMap<>(e.labels().asMap()),
                            new TreeMap<>(e.annotations().asMap()),
                            e.startsAtMs(),
                            e.hasEndsAt() ? e.endsAtMs() : 0L,
                            input.timestamp(),
                            read.format().cliName(),
                            e.id(),
                            input.sourceRef() + (events.size() > 1 ? "#" + i : "")));
        }
        return out;
    }
}
