package dev.pagerboy.vm.handler;

import static dev.pagerboy.vm.handler.HandlerAbi.*;

import dev.pagerboy.vm.GameBoy;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the decision area after a run: first {@link #problem} checks it against the ABI without
 * allocating, then {@link #read} turns a well-formed one into a {@link Decision}.
 */
final class DecisionReader {

    private DecisionReader() {}

    /**
     * Why the decision area is malformed, or null when it is well formed. Allocates only on error.
     */
    static String problem(GameBoy m) {
        int severity = m.peek(OUT_SEVERITY);
        if (severity >= SEVERITIES.length) {
            return "severity code " + severity + " (allowed: 0-4)";
        }
        int flags = m.peek(OUT_FLAGS);
        if ((flags & ~FLAG_SUPPRESS) != 0) {
            return String.format(
                    "unknown flag bits $%02X in the decision flags", flags & ~FLAG_SUPPRESS);
        }
        String summary = stringProblem(m, OUT_SUMMARY, OUT_SUMMARY_SLOT);
        if (summary != null) {
            return "summary: " + summary;
        }
        int labels = m.peek(OUT_LABEL_COUNT);
        if (labels > MAX_OUTPUT_LABELS) {
            return "label count " + labels + " (allowed: 0-" + MAX_OUTPUT_LABELS + ")";
        }
        for (int i = 0; i < labels; i++) {
            int entry = OUT_LABELS + i * LABEL_SIZE;
            String key = stringProblem(m, entry, LABEL_KEY_SLOT);
            if (key != null) {
                return "label " + i + " key: " + key;
            }
            if (!isLabelName(m, entry)) {
                return "label " + i + " key is not a label name ([A-Za-z_][A-Za-z0-9_]*)";
            }
            String value = stringProblem(m, entry + LABEL_KEY_SLOT, LABEL_VALUE_SLOT);
            if (value != null) {
                return "label " + i + " value: " + value;
            }
        }
        return null;
    }

    private static String stringProblem(GameBoy m, int address, int slot) {
        int length = m.peek(address);
        if (length > slot - 1) {
            return "length " + length + " exceeds its slot (" + (slot - 1) + " bytes)";
        }
        int i = 0;
        while (i < length) {
            int b = m.peek(address + 1 + i);
            int extra =
                    b < 0x80
                            ? 0
                            : b >= 0xC2 && b < 0xE0
                                    ? 1
                                    : b >= 0xE0 && b < 0xF0 ? 2 : b >= 0xF0 && b < 0xF5 ? 3 : -1;
            if (extra < 0 || i + extra >= length) {
                return "invalid UTF-8 at byte " + i;
            }
            for (int k = 1; k <= extra; k++) {
                if ((m.peek(address + 1 + i + k) & 0xC0) != 0x80) {
                    return "invalid UTF-8 at byte " + (i + k);
                }
            }
            i += 1 + extra;
        }
        return null;
    }

    private static boolean isLabelName(GameBoy m, int address) {
        int length = m.peek(address);
        if (length == 0) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            int c = m.peek(address + 1 + i);
            boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
            if (!letter && !(i > 0 && c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    /** The decision of a well-formed decision area. */
    static Decision read(GameBoy m, HandlerInput in, boolean truncated) {
        int code = m.peek(OUT_SEVERITY);
        String severity = code == 0 ? in.severity() : SEVERITIES[code];
        boolean suppress = (m.peek(OUT_FLAGS) & FLAG_SUPPRESS) != 0;
        int route = m.peek(OUT_ROUTE) | m.peek(OUT_ROUTE + 1) << 8;
        int escalation = m.peek(OUT_ESCALATION) | m.peek(OUT_ESCALATION + 1) << 8;
        String summary = m.peek(OUT_SUMMARY) == 0 ? in.summary() : string(m, OUT_SUMMARY);
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < m.peek(OUT_LABEL_COUNT); i++) {
            int entry = OUT_LABELS + i * LABEL_SIZE;
            labels.put(string(m, entry), string(m, entry + LABEL_KEY_SLOT));
        }
        return new Decision(severity, route, suppress, escalation, summary, labels, truncated);
    }

    static String string(GameBoy m, int address) {
        int length = m.peek(address);
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) m.peek(address + 1 + i);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
