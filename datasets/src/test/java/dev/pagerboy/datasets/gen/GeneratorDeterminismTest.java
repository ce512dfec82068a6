package dev.pagerboy.datasets.gen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.alerts.format.AlertFormat;
import dev.pagerboy.datasets.Envelope;
import java.security.MessageDigest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GeneratorDeterminismTest {

    @ParameterizedTest
    @EnumSource(AlertFormat.class)
    void sameSeedGivesIdenticalBytes(AlertFormat format) throws Exception {
        GeneratorConfig config =
                GeneratorConfig.of(7, 10_000, format).withAcks(true).withFaults(0.02, 0.1);
        byte[] first = GeneratedStreams.bytes(config);
        byte[] second = GeneratedStreams.bytes(config);
        assertThat(first.length).isGreaterThan(3_000_000);
        assertThat(MessageDigest.getInstance("SHA-256").digest(second))
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(first));
    }

    @Test
    void differentSeedsGiveDifferentStreams() {
        byte[] a = GeneratedStreams.bytes(GeneratorConfig.of(1, 2_000, AlertFormat.NATIVE));
        byte[] b = GeneratedStreams.bytes(GeneratorConfig.of(2, 2_000, AlertFormat.NATIVE));
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void emitsExactlyTheRequestedNumberOfAlertRecordsInSendTimeOrder() {
        List<Envelope> stream =
                GeneratedStreams.list(
                        GeneratorConfig.of(3, 12_345, AlertFormat.PAGERDUTY).withAcks(true));
        assertThat(stream.stream().filter(e -> e.topic().equals(Envelope.ALERTS))).hasSize(12_345);
        assertThat(stream.stream().filter(e -> e.topic().equals(Envelope.ACKS))).isNotEmpty();
        for (int i = 1; i < stream.size(); i++) {
            assertThat(stream.get(i).ts()).isGreaterThanOrEqualTo(stream.get(i - 1).ts());
        }
        assertThat(stream.get(0).ts()).isGreaterThanOrEqualTo(GeneratorConfig.DEFAULT_START_MS);
    }

    @Test
    void acksAndFaultsLeaveTheAlarmsAlone() {
        // Independent random streams: switching acks on adds ack records and changes nothing else.
        GeneratorConfig plain = GeneratorConfig.of(11, 5_000, AlertFormat.NATIVE);
        List<Envelope> withoutAcks = GeneratedStreams.list(plain);
        List<Envelope> alertsWithAcks =
                GeneratedStreams.list(plain.withAcks(true)).stream()
                        .filter(e -> e.topic().equals(Envelope.ALERTS))
                        .toList();
        assertThat(alertsWithAcks).isEqualTo(withoutAcks);

        List<Envelope> faulty = GeneratedStreams.list(plain.withFaults(0.1, 0));
        assertThat(faulty).hasSameSizeAs(withoutAcks);
        for (int i = 0; i < faulty.size(); i++) {
            assertThat(faulty.get(i).ts()).isEqualTo(withoutAcks.get(i).ts());
            assertThat(faulty.get(i).key()).isEqualTo(withoutAcks.get(i).key());
        }
    }

    @Test
    void zeroAlertsIsAnEmptyStream() {
        assertThat(new AlertStreamGenerator(GeneratorConfig.of(1, 0, AlertFormat.NATIVE)).hasNext())
                .isFalse();
    }
}
