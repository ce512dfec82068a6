package dev.pagerboy.gateway.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.alerts.ack.AckAction;
import dev.pagerboy.alerts.ack.AckLinkTokenUses;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The view's reducers over incident, page, receipt, ack-receipt and ack records. */
class IncidentBoardTest {

    static final String ID = "3f2a9c1d0b7e6a55-1796529600000";
    static final long T0 = 1_796_529_600_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AckLinkTokenUses uses = new AckLinkTokenUses();
    private final IncidentBoard board =
            new IncidentBoard(
                    name -> name.equals("alice") ? List.of("db") : List.of(),
                    Map.of("pager-critical", "ops"),
                    uses);

    static JsonNode json(String s) {
        try {
            return JSON.readTree(s.replace('\'', '"'));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static JsonNode incident(
            long seq, String change, String status, int level, String by, long at) {
        return json(
                "{'incidentId':'"
                        + ID
                        + "','sequence':"
                        + seq
                        + ",'change':'"
                        + change
                        + "','status':'"
                        + status
                        + "','eventTime':"
                        + at
                        + ",'level':"
                        + level
                        + ",'engineer':'"
                        + by
                        + "','openedAt':"
                        + T0
                        + "}");
    }

    static JsonNode page(String key, String engineer, String receiver, int level) {
        return json(
                "{'idempotencyKey':'"
                        + key
                        + "','receiver':'"
                        + receiver
                        + "','eventTime':"
                        + T0
                        + ",'incidentId':'"
                        + ID
                        + "','engineer':'"
                        + engineer
                        + "','level':"
                        + level
                        + ",'alerts':[{'fingerprint':'a1b2c3d4e5f60718','severity':'critical',"
                        + "'summary':'Disk full on db-1','labels':{'alertname':'DiskFull',"
                        + "'instance':'db-1'}}]}");
    }

    @Test
    void aTriggeredAndPagedIncidentShowsTitleSeverityLabelsAndWhoWasPaged() {
        board.onIncident(incident(1, "triggered", "triggered", 1, "", T0));
        board.onPage(page("k1", "alice", "oncall", 1));
        board.onPage(page("k2", "", "pager-critical", 1));

        IncidentCard c = board.card(ID).orElseThrow();
        assertThat(c.title()).isEqualTo("Disk full on db-1");
        assertThat(c.severity()).isEqualTo("critical");
        assertThat(c.labels()).containsEntry("alertname", "DiskFull");
        assertThat(c.fingerprint()).isEqualTo("a1b2c3d4e5f60718");
        assertThat(c.firedAt()).isEqualTo(T0);
        assertThat(c.paged()).containsExactly("alice", "pager-critical");
        assertThat(c.teams()).containsExactlyInAnyOrder("db", "ops");
        assertThat(c.open()).isTrue();
        assertThat(c.recordState()).isEmpty();
        assertThat(c.timeline())
                .extracting(TimelineEntry::what)
                .contains("Fired", "Paged alice (level 1)", "Paged pager-critical (level 1)");
    }

    @Test
    void transitionsApplyOnceInSequenceOrder() {
        board.onIncident(incident(1, "triggered", "triggered", 1, "", T0));
        board.onIncident(incident(2, "escalated", "triggered", 2, "", T0 + 60_000));
        board.onIncident(incident(2, "escalated", "triggered", 2, "", T0 + 60_000));
        board.onIncident(incident(1, "triggered", "triggered", 1, "", T0));
        IncidentCard c = board.card(ID).orElseThrow();
        assertThat(c.level()).isEqualTo(2);
        assertThat(c.timeline())
                .extracting(TimelineEntry::what)
                .containsExactly("Fired", "Escalated to level 2");
    }

    @Test
    void anAckIsPendingUntilItsProofArrivesThenRecorded() {
        board.onIncident(incident(1, "triggered", "triggered", 1, "", T0));
        board.onIncident(incident(2, "acknowledged", "acknowledged", 1, "alice", T0 + 5_000));
        IncidentCard pending = board.card(ID).orElseThrow();
        assertThat(pending.status()).isEqualTo("acknowledged");
        assertThat(pending.actedBy()).isEqualTo("alice");
        assertThat(pending.recordState()).isEqualTo("Pending");

        JsonNode receipt =
                json(
                        "{'leafDigest':'0xaa','incidentId':'"
                                + ID
                                + "','engineer':'0x01','method':'GATEWAY_ONE_TIME_LINK',"
                                + "'batchId':'0xbb','proof':['0xcc'],'blockNumber':7,"
                                + "'transactionHash':'0xdd'}");
        board.onAckReceipt(receipt);
        board.onAckReceipt(receipt);
        IncidentCard recorded = board.card(ID).orElseThrow();
        assertThat(recorded.recordState()).isEqualTo("Recorded");
        assertThat(recorded.proofs())
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.batchId()).isEqualTo("0xbb");
                            assertThat(p.blockNumber()).isEqualTo(7);
                            assertThat(p.transactionHash()).isEqualTo("0xdd");
                            assertThat(p.proof()).containsExactly("0xcc");
                        });
    }

    @Test
    void receiptsJoinTheTimelineOncePerPage() {
        board.onIncident(incident(1, "triggered", "triggered", 1, "", T0));
        board.onPage(page("k1", "alice", "oncall", 1));
        JsonNode delivered =
                json(
                        "{'idempotencyKey':'k1','incidentId':'','receiver':'oncall',"
                                + "'outcome':'delivered','reason':'','deliveredAt':"
                                + (T0 + 100)
                                + "}");
        board.onReceipt(delivered);
        board.onReceipt(delivered);
        board.onReceipt(
                json(
                        "{'idempotencyKey':'k9','incidentId':'"
                                + ID
                                + "','receiver':'chat','outcome':'failed','reason':'HTTP 500',"
                                + "'deliveredAt':"
                                + (T0 + 200)
                                + "}"));
        assertThat(board.card(ID).orElseThrow().timeline())
                .extracting(TimelineEntry::what)
                .containsExactly(
                        "Fired",
                        "Paged alice (level 1)",
                        "Delivered to oncall",
                        "Delivery to chat failed: HTTP 500");
    }

    @Test
    void aReceiptReadBeforeItsPageJoinsTheTimelineWhenThePageArrives() {
        board.onReceipt(
                json(
                        "{'idempotencyKey':'k1','incidentId':'','receiver':'oncall',"
                                + "'outcome':'delivered','reason':'','deliveredAt':"
                                + (T0 + 100)
                                + "}"));
        board.onReceipt(
                json(
                        "{'idempotencyKey':'k2','incidentId':'"
                                + ID
                                + "','receiver':'oncall','outcome':'delivered','reason':'',"
                                + "'deliveredAt':"
                                + (T0 + 200)
                                + "}"));
        board.onIncident(incident(1, "triggered", "triggered", 1, "", T0));
        board.onPage(page("k1", "alice", "oncall", 1));
        assertThat(board.card(ID).orElseThrow().timeline())
                .extracting(TimelineEntry::what)
                .containsExactly(
                        "Fired",
                        "Paged alice (level 1)",
                        "Delivered to oncall",
                        "Delivered to oncall");
    }

    @Test
    void gatewayAcksOnTheTopicMarkTheirLinkUsed() {
        board.onAck(json("{'incident':'" + ID + "','action':'ack','link':'AAAAAAAAAAAAAAAA'}"));
        board.onAck(json("{'incident':'" + ID + "','action':'resolve'}"));
        assertThat(uses.used("AAAAAAAAAAAAAAAA", AckAction.ACK)).isTrue();
        assertThat(uses.used("AAAAAAAAAAAAAAAA", AckAction.RESOLVE)).isFalse();
    }

    @Test
    void teamsSeeOnlyTheirIncidents() {
        board.onIncident(incident(1, "triggered", "triggered", 1, "", T0));
        board.onPage(page("k1", "alice", "oncall", 1));
        assertThat(board.forTeams(List.of("db"))).extracting(IncidentCard::id).containsExactly(ID);
        assertThat(board.forTeams(List.of("runtimes"))).isEmpty();
    }
}
