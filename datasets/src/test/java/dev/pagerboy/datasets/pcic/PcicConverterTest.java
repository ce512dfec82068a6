package dev.pagerboy.datasets.pcic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagerboy.alerts.AlertEvent;
import dev.pagerboy.alerts.AlertStatus;
import dev.pagerboy.alerts.Rfc3339;
import dev.pagerboy.alerts.format.AlertFormat;
import dev.pagerboy.datasets.Envelope;
import dev.pagerboy.datasets.SampleStreams;
import dev.pagerboy.datasets.io.EnvelopeReader;
import dev.pagerboy.datasets.rules.RuleCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcicConverterTest {
    private static List<PcicAlarm> alarms;
    private static PcicConverter converter;

    static Path alarmCsv() {
        return Path.of(System.getProperty("pagerboy.shared", "../../shared"))
                .resolve("datasets-raw/huawei-pcic2021-18v-wireless/Alarm.csv");
    }

    @BeforeAll
    static void readSource() {
        alarms = PcicAlarmCsv.read(alarmCsv());
        converter = new PcicConverter(RuleCatalog.bundled(), alarms);
    }

    @Test
    void reproducesTheSourceRowCountAndTimeSpan() throws Exception {
        List<String> rows =
                Files.readAllLines(alarmCsv()).stream().skip(1).filter(l -> !l.isBlank()).toList();
        long minStart =
                rows.stream().mapToLong(r -> Long.parseLong(r.split(",")[2])).min().orElseThrow();
        long maxEnd =
                rows.stream().mapToLong(r -> Long.parseLong(r.split(",")[3])).max().orElseThrow();

        List<AlertEvent> events = converter.convertAll(alarms);
        assertThat(alarms).hasSize(rows.size()).hasSize(34_838);
        assertThat(events).hasSize(2 * rows.size());
        assertThat(events.stream().filter(e -> e.status() == AlertStatus.FIRING))
                .hasSize(rows.size());
        long epoch = PcicConverter.EPOCH.toEpochMilli();
        assertThat(events.get(0).sendTimeMs()).isEqualTo(epoch + minStart * 1000);
        assertThat(events.get(events.size() - 1).sendTimeMs()).isEqualTo(epoch + maxEnd * 1000);
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).sendTimeMs())
                    .isGreaterThanOrEqualTo(events.get(i - 1).sendTimeMs());
        }
    }

    @Test
    void eachAlarmFiresAtItsStartAndResolvesAtItsEnd() {
        PcicAlarm first = alarms.get(0);
        List<AlertEvent> both =
                converter.convertAll(alarms).stream()
                        .filter(e -> e.id().startsWith("pcic2021-r1-"))
                        .toList();
        assertThat(both)
                .extracting(AlertEvent::status)
                .containsExactly(AlertStatus.FIRING, AlertStatus.RESOLVED);
        long epoch = PcicConverter.EPOCH.toEpochMilli();
        assertThat(both.get(0).startsAtMs()).isEqualTo(epoch + first.startSecond() * 1000);
        assertThat(both.get(1).endsAtMs()).isEqualTo(epoch + first.endSecond() * 1000);
        assertThat(both.get(0).labels().get("instance"))
                .isEqualTo("pcic-device-" + first.deviceId());
    }

    @Test
    void mapsTheEighteenAlarmTypesToEighteenDistinctRules() {
        assertThat(
                        alarms.stream()
                                .map(a -> converter.mapping().rule(a.alarmId()).alertname())
                                .collect(Collectors.toSet()))
                .hasSize(18);
        // deterministic: a second mapping of the same source is the same
        PcicLabelMapping again = new PcicLabelMapping(RuleCatalog.bundled(), alarms);
        assertThat(alarms).allMatch(a -> again.labels(a).equals(converter.mapping().labels(a)));
    }

    @Test
    void theShippedSamplesAreTheConverterOutputForDays140To160() {
        List<AlertEvent> slice = converter.convert(alarms, 140 * 86_400L, 161 * 86_400L);
        Rfc3339 times = new Rfc3339();
        Path root = Path.of(System.getProperty("pagerboy.root", "..")).toAbsolutePath().normalize();
        for (AlertFormat format : List.of(AlertFormat.ALERTMANAGER, AlertFormat.PAGERDUTY)) {
            List<Envelope> shipped = EnvelopeReader.readAll(SampleStreams.file(root, format));
            assertThat(shipped).hasSameSizeAs(slice);
            for (int i = 0; i < slice.size(); i++) {
                AlertEvent event = slice.get(i);
                assertThat(shipped.get(i))
                        .isEqualTo(
                                Envelope.json(
                                        event.sendTimeMs(),
                                        event.fingerprint(),
                                        Envelope.ALERTS,
                                        format.render(event, times)));
            }
        }
    }

    @Test
    void rejectsAMalformedSourceNamingTheLine(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("Alarm.csv");
        Files.writeString(bad, PcicAlarmCsv.HEADER + "\n1,2,30,40\n1,2,50,forty\n");
        assertThatThrownBy(() -> PcicAlarmCsv.read(bad))
                .hasMessageContaining("Alarm.csv:3")
                .hasMessageContaining("forty");
        Files.writeString(bad, PcicAlarmCsv.HEADER + "\n1,2,50,40\n");
        assertThatThrownBy(() -> PcicAlarmCsv.read(bad)).hasMessageContaining("before start");
        Files.writeString(bad, "a,b\n1,2\n");
        assertThatThrownBy(() -> PcicAlarmCsv.read(bad))
                .hasMessageContaining("expected the header");
        assertThatThrownBy(() -> PcicAlarmCsv.read(dir.resolve("missing.csv")))
                .hasMessageContaining("missing source file");
    }
}
