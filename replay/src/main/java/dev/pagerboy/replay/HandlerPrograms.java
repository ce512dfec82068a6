package dev.pagerboy.replay;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.streaming.archive.ArchiveRecord;
import dev.pagerboy.streaming.routing.MatchedRoute;
import dev.pagerboy.streaming.routing.RouteTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which handler ROM ran for each route: in the archive (every decision row records the SHA-256 of
 * the ROM that made it) and in the configuration a replay would use. A replay must run the same
 * programs as the live job, or say that it does not: {@link #differences} lists every route whose
 * archived decisions were made by another ROM than the one configured now.
 *
 * <p>Read from the rows' payload JSON by field name, so that v1 {@code handler} rows ({@code
 * romRouteId}, {@code romSha256}) and v2 {@code decision} rows ({@code rom_route_id}, {@code
 * rom_sha256}) both count.
 */
public final class HandlerPrograms {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SHA_FIELDS = List.of("romSha256", "rom_sha256");
    private static final List<String> ROUTE_FIELDS =
            List.of("romRouteId", "rom_route_id", "routeId", "route_id");

    private HandlerPrograms() {}

    /** Route id to the SHA-256 of every ROM that decided for it in {@code rows} ("" = none). */
    public static Map<String, Set<String>> archived(List<ArchiveRecord> rows) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (ArchiveRecord row : rows) {
            String payload = row.payloadJson();
            if (!payload.contains("romSha256") && !payload.contains("rom_sha256")) {
                continue;
            }
            try {
                if (!topLevel(payload, out)) {
                    collect(JSON.readTree(payload), out);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("archive row " + row.id() + ": bad payload", e);
            }
        }
        return out;
    }

    /**
     * The common case, a v2 {@code decision} row with both fields at the top: read them with the
     * streaming parser, skipping everything else (a replay reads one such row per alert, and a tree
     * of each cost a sixth of reading the archive). False when they are not both there.
     */
    private static boolean topLevel(String payload, Map<String, Set<String>> out)
            throws IOException {
        String sha = null;
        String route = null;
        try (JsonParser p = JSON.getFactory().createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_STRING && name.equals("romSha256")) {
                    sha = p.getText();
                } else if (value == JsonToken.VALUE_STRING && name.equals("romRouteId")) {
                    route = p.getText();
                } else {
                    p.skipChildren();
                }
            }
        }
        if (sha == null || route == null) {
            return false;
        }
        if (!route.isEmpty()) {
            out.computeIfAbsent(route, r -> new TreeSet<>()).add(sha);
        }
        return true;
    }

    private static void collect(JsonNode node, Map<String, Set<String>> out) {
        if (node.isObject()) {
            String sha = first(node, SHA_FIELDS);
            String route = first(node, ROUTE_FIELDS);
            // No ROM ran when the alert matched no route ("" route): nothing to compare.
            if (sha != null && route != null && !route.isEmpty()) {
                out.computeIfAbsent(route, r -> new TreeSet<>()).add(sha);
            }
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                collect(it.next(), out);
            }
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, out));
        }
    }

    private static String first(JsonNode node, List<String> names) {
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && value.isTextual()) {
                return value.asText();
            }
        }
        return null;
    }

    /** Route id to the SHA-256 of the ROM it runs under {@code routes} ("" = none). */
    public static Map<String, String> configured(RouteTree routes) {
        Map<String, String> out = new TreeMap<>();
        for (MatchedRoute route : routes.routes()) {
            out.put(route.id(), route.handlerRom() == null ? "" : route.handlerRom().sha256());
        }
        return out;
    }

    /**
     * One line per route whose archived decisions came from another ROM than {@code configured}
     * gives it, except the routes in {@code replaced} (the user asked for a new ROM there).
     */
    public static List<String> differences(
            Map<String, Set<String>> archived,
            Map<String, String> configured,
            Set<String> replaced) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : archived.entrySet()) {
            String route = e.getKey();
            if (replaced.contains(route)) {
                continue;
            }
            String now = configured.get(route);
            Set<String> before = e.getValue();
            if (now == null) {
                lines.add(route + ": archived " + shas(before) + ", no such route in the config");
            } else if (before.size() != 1 || !before.contains(now)) {
                lines.add(route + ": archived " + shas(before) + ", config " + sha(now));
            }
        }
        return lines;
    }

    private static String shas(Set<String> values) {
        List<String> out = new ArrayList<>();
        values.forEach(v -> out.add(sha(v)));
        return String.join("+", out);
    }

    static String sha(String value) {
        return value.isEmpty() ? "(no ROM)" : value.substring(0, Math.min(12, value.length()));
    }
}
