package dev.pagerboy.dispatcher.payload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pagerboy.alerts.Rfc3339;
import dev.pagerboy.dispatcher.page.Page;
import dev.pagerboy.dispatcher.page.PageAlert;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The body of a webhook delivery: Alertmanager's webhook payload version 4 (so an existing
 * Alertmanager webhook receiver works unchanged) with one extra top-level object, {@code pagerboy},
 * carrying the incident fields, the idempotency key and the ack link. Alertmanager's receivers read
 * the fields they know and ignore the rest. Maps are written in key order so a page always gives
 * the same bytes.
 */
public final class WebhookPayload {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AckLinks links;
    private final String externalUrl;

    /**
     * @param links the ack links
     * @param externalUrl Alertmanager's {@code externalURL} field: where a reader finds PagerBoy
     *     (the gateway's base URL)
     */
    public WebhookPayload(AckLinks links, String externalUrl) {
        this.links = links;
        this.externalUrl = externalUrl;
    }

    public byte[] body(Page page) {
        Rfc3339 times = new Rfc3339();
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "4");
        root.put("groupKey", page.groupKey());
        root.put("truncatedAlerts", 0);
        root.put("status", page.status());
        root.put("receiver", page.receiver());
        root.set("groupLabels", labels(page.groupLabels()));
        List<Map<String, String>> allLabels = new ArrayList<>();
        List<Map<String, String>> allAnnotations = new ArrayList<>();
        ArrayNode alerts = root.putArray("alerts");
        for (PageAlert a : page.alerts()) {
            Map<String, String> annotations = annotations(a);
            allLabels.add(a.labels());
            allAnnotations.add(annotations);
            ObjectNode alert = alerts.addObject();
            alert.put("status", a.status());
            alert.set("labels", labels(a.labels()));
            alert.set("annotations", labels(annotations));
            alert.put("startsAt", times.format(a.startsAt()));
            alert.put("endsAt", a.endsAt() == 0 ? Rfc3339.GO_ZERO_TIME : times.format(a.endsAt()));
            alert.put("generatorURL", "");
            alert.put("fingerprint", a.fingerprint());
        }
        root.set("commonLabels", labels(common(allLabels)));
        root.set("commonAnnotations", labels(common(allAnnotations)));
        root.put("externalURL", externalUrl);
        ObjectNode pagerboy = root.putObject("pagerboy");
        pagerboy.put("idempotencyKey", page.idempotencyKey());
        pagerboy.put("incidentId", page.incidentId());
        pagerboy.put("engineer", page.engineer());
        pagerboy.put("level", page.level());
        pagerboy.put("step", page.step());
        pagerboy.put("routeId", page.routeId());
        pagerboy.put("flushSequence", page.flushSequence());
        pagerboy.put("ackUrl", links.link(page).toString());
        try {
            return JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /** The alert's summary and severity as Alertmanager annotations (empty ones left out). */
    static Map<String, String> annotations(PageAlert a) {
        Map<String, String> out = new TreeMap<>();
        if (!a.summary().isEmpty()) {
            out.put("summary", a.summary());
        }
        if (!a.severity().isEmpty()) {
            out.put("severity", a.severity());
        }
        return out;
    }

    /** The pairs every map has with the same value (Alertmanager's commonLabels). */
    private static Map<String, String> common(List<Map<String, String>> maps) {
        if (maps.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new TreeMap<>(maps.get(0));
        for (Map<String, String> m : maps.subList(1, maps.size())) {
            out.entrySet().removeIf(e -> !e.getValue().equals(m.get(e.getKey())));
        }
        return out;
    }

    private static ObjectNode labels(Map<String, String> labels) {
        ObjectNode out = JSON.createObjectNode();
        new TreeMap<>(labels).forEach(out::put);
        return out;
    }
}
