package dev.pagerboy.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagerboy.audit.AnchoredAcks;
import dev.pagerboy.audit.AuditException;
import dev.pagerboy.audit.AuditSettings;
import dev.pagerboy.audit.archive.ArchiveSession;
import dev.pagerboy.audit.chain.ChainSession;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AckVerifier} on acks anchored on a real Anvil and archived by the job's Parquet sink
 * ({@code AnchoredAcks}): the untouched archive verifies, and each kind of tampering or forgery is
 * named.
 */
@Tag("integration")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class AckVerifierTest {

    @TempDir Path tmp;

    private static AckVerification verify(AuditSettings settings, AckSelection selection) {
        try (ArchiveSession archive = new ArchiveSession(settings);
                ChainSession chain = new ChainSession(settings)) {
            return new AckVerifier(archive, chain).verify(selection);
        }
    }

    private static AckSelection all() {
        return AckSelection.of(null, null, true, null);
    }

    @Test
    void untouchedArchiveVerifiesEveryAnchoredAck() throws Exception {
        AckVerification v = verify(AnchoredAcks.settings(), all());
        assertThat(v.count(AckStatus.VERIFIED)).isEqualTo(AnchoredAcks.ANCHORED);
        assertThat(v.count(AckStatus.FAILED)).isZero();
        assertThat(v.count(AckStatus.NOT_ANCHORED)).isEqualTo(1);
        assertThat(v.checks())
                .filteredOn(c -> c.status() == AckStatus.NOT_ANCHORED)
                .extracting(AckCheck::place)
                .containsExactly("ack:acks/0/6");
        assertThat(v.batches()).isEqualTo(2);
        assertThat(v.viewCalls()).isEqualTo(AnchoredAcks.ANCHORED);
        assertThat(v.clean()).isTrue();
    }

    @Test
    void selectsOneIncidentsAcksAndOneAckByRowOrLeaf() throws Exception {
        AckVerification incidentA =
                verify(
                        AnchoredAcks.settings(),
                        AckSelection.of(null, AnchoredAcks.INCIDENT_A, false, null));
        assertThat(incidentA.checks()).hasSize(3).allMatch(c -> c.status() == AckStatus.VERIFIED);

        AckVerification byRow =
                verify(AnchoredAcks.settings(), AckSelection.of("ack:acks/0/4", null, false, null));
        assertThat(byRow.checks())
                .singleElement()
                .extracting(AckCheck::status)
                .isEqualTo(AckStatus.VERIFIED);

        String leaf = AnchoredAcks.leafDigest(2);
        AckVerification byLeaf =
                verify(AnchoredAcks.settings(), AckSelection.of(leaf, null, false, null));
        assertThat(byLeaf.checks())
                .singleElement()
                .extracting(AckCheck::place)
                .isEqualTo("ack_receipt:" + leaf);

        AckVerification since =
                verify(
                        AnchoredAcks.settings(),
                        AckSelection.of(null, null, true, "2026-12-01T10:05:04Z"));
        assertThat(since.checks()).extracting(AckCheck::place).hasSize(3);
    }

    @Test
    void anAckRowsChangedEngineerIsNamed() throws Exception {
        Path copy = AnchoredAcks.copy(tmp.resolve("archive"));
        String other = "0x000000000000000000000000000000000000dead";
        dev.pagerboy.audit.Tamper.rewrite(
                copy,
                "ack:acks/0/2",
                "SELECT * REPLACE (CASE WHEN id = 'ack:acks/0/2' THEN replace(payload_json,"
                        + " json_extract_string(payload_json, '$.engineer'), '"
                        + other
                        + "') ELSE payload_json END AS payload_json) FROM f");
        AckVerification v = verify(AnchoredAcks.settings(copy), all());
        assertThat(v.count(AckStatus.FAILED)).isEqualTo(1);
        AckCheck failed =
                v.checks().stream().filter(c -> c.status() == AckStatus.FAILED).findFirst().get();
        assertThat(failed.place()).isEqualTo("ack:acks/0/2");
        assertThat(failed.reason())
                .contains("engineer is " + other + " here")
                .contains("ack_receipt:" + AnchoredAcks.leafDigest(2));
    }

    @Test
    void aReceiptsChangedEngineerFailsItsProof() throws Exception {
        Path copy = AnchoredAcks.copy(tmp.resolve("archive"));
        String receipt = "ack_receipt:" + AnchoredAcks.leafDigest(4);
        String other = "0x000000000000000000000000000000000000dead";
        dev.pagerboy.audit.Tamper.rewrite(
                copy,
                receipt,
                "SELECT * REPLACE (CASE WHEN id = '"
                        + receipt
                        + "' THEN replace(payload_json,"
                        + " json_extract_string(payload_json, '$.engineer'), '"
                        + other
                        + "') ELSE payload_json END AS payload_json) FROM f");
        AckVerification v = verify(AnchoredAcks.settings(copy), all());
        List<AckCheck> failed =
                v.checks().stream().filter(c -> c.status() == AckStatus.FAILED).toList();
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).place()).isEqualTo(receipt);
        assertThat(failed.get(0).reason())
                .contains("a field of this row was changed")
                .contains("ack:acks/0/4 differs from the anchored leaf");
    }

    @Test
    void aForgedReceiptUnderNoAnchoredRootFails() throws Exception {
        Path copy = AnchoredAcks.copy(tmp.resolve("archive"));
        String forged = AnchoredAcks.forgeReceiptRow(copy);
        AckVerification v = verify(AnchoredAcks.settings(copy), all());
        AckCheck check =
                v.checks().stream().filter(c -> c.place().equals(forged)).findFirst().orElseThrow();
        assertThat(check.status()).isEqualTo(AckStatus.FAILED);
        assertThat(check.reason()).contains("is not under the root of batch");
        assertThat(v.count(AckStatus.VERIFIED)).isEqualTo(AnchoredAcks.ANCHORED);
    }

    @Test
    void withoutAChainItSaysHowToPassOne() throws Exception {
        AuditSettings noChain =
                new AuditSettings(AnchoredAcks.settings().archive(), null, null, null, false);
        assertThatThrownBy(() -> verify(noChain, all()))
                .isInstanceOf(AuditException.class)
                .hasMessageContaining("--rpc URL --contract ADDR");
    }

    @Test
    void selectionNeedsExactlyOneOfIdIncidentOrAll() {
        assertThatThrownBy(() -> AckSelection.of(null, null, false, null))
                .hasMessageContaining("give one of ID, --incident ID or --all");
        assertThatThrownBy(() -> AckSelection.of(null, null, true, "yesterday"))
                .hasMessageContaining("--since: 'yesterday' is not a time");
    }
}
