package dev.pagerboy.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One page (a {@code notification} archive row) as the what-if report sees it: who got it, from
 * which route and group, when, and the labels of the alerts in it. Identified by its idempotency
 * key, which both sides of a what-if compute the same way from route, group and time.
 *
 * @param id the row id ({@code notification:<idempotency key>})
 * @param receiver the receiver paged
 * @param engineer the engineer an escalation level paged (roster name), or {@code ""}
 * @param routeId the route whose group flushed
 * @param groupKey the group
 * @param eventTime when the group flushed (epoch ms)
 * @param alertLabels the labels of each alert in the page
 * @param payloadJson the archived content, compared for "changed"
 */
public record Page(
        String id,
        String receiver,
        String engineer,
        String routeId,
        String groupKey,
        long eventTime,
        List<Map<String, String>> alertLabels,
        String payloadJson) {

    /** The row kind of pages in every archive schema. */
    public static final String KIND = "notification";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The pages among {@code rows}. */
    public static List<Page> of(List<ArchiveRecord> rows) {
        List<Page> pages = new ArrayList<>();
        for (ArchiveRecord row : rows) {
            if (row.kind().text().equals(KIND)) {
                pages.add(parse(row));
            }
        }
        return pages;
    }

    private static Page parse(ArchiveRecord row) {
        try {
            JsonNode n = JSON.readTree(row.payloadJson());
            List<Map<String, String>> labels = new ArrayList<>();
            for (JsonNode alert : n.path("alerts")) {
                Map<String, String> l = new TreeMap<>();
                alert.path("labels")
                        .fields()
                        .forEachRemaining(e -> l.put(e.getKey(), e.getValue().asText()));
                labels.add(l);
            }
            return new Page(
                    row.id(),
                    n.path("receiver").asText(row.outcome()),
                    n.path("engineer").asText(""),
                    n.path("routeId").asText(""),
                    n.path("groupKey").asText(row.key()),
                    row.eventTime(),
                    labels,
                    row.payloadJson());
        } catch (IOException e) {
            throw new UncheckedIOException("archive row " + row.id() + ": bad payload", e);
        }
    }
}
