package dev.pagerboy.vm.handler;

import static dev.pagerboy.vm.handler.HandlerAbi.*;

import java.util.function.BiConsumer;

/**
 * Writes an alert into the ABI input area of a freshly reset machine (whose RAM is all zeros, so
 * only non-zero bytes are written). Strings are UTF-8, cut at the last whole character that fits
 * their slot; every cut sets a bit in {@code IN_FLAGS}. Labels are sorted by key and the first 16
 * kept. Allocates nothing: the label arrays and the map visitor are reused.
 */
final class InputWriter {

    private static final int MAX_COLLECTED = 64;

    private final String[] keys = new String[MAX_COLLECTED];
    private final String[] values = new String[MAX_COLLECTED];
    private int collected;
    private boolean tooMany;
    private final BiConsumer<String, String> collector = this::collect;

    /** Writes {@code in}; returns the truncation flags it also stored at {@code IN_FLAGS}. */
    int write(AbiMemory m, HandlerInput in) {
        int flags = 0;
        String status = in.status();
        m.poke(
                IN_STATUS,
                status.equals("firing")
                        ? STATUS_FIRING
                        : status.equals("resolved") ? STATUS_RESOLVED : STATUS_OTHER);
        int repeat = Math.max(0, Math.min(0xFFFF, in.repeatCount()));
        m.poke(IN_REPEAT, repeat);
        m.poke(IN_REPEAT + 1, repeat >> 8);
        long seconds =
                Math.max(0, Math.min(0xFFFF_FFFFL, Math.floorDiv(in.startsAtEpochMillis(), 1000)));
        for (int i = 0; i < 4; i++) {
            m.poke(IN_STARTS_AT + i, (int) (seconds >> (8 * i)));
        }
        long days = seconds / 86_400;
        long secondOfDay = seconds % 86_400;
        m.poke(IN_WEEKDAY, (int) ((days + 3) % 7)); // 1970-01-01 was a Thursday; Monday is 0
        m.poke(IN_HOUR, (int) (secondOfDay / 3600));
        m.poke(IN_MINUTE, (int) (secondOfDay % 3600 / 60));
        flags |= writeFingerprint(m, in.fingerprintHex());
        flags |= writeString(m, IN_ALERTNAME, ALERTNAME_SLOT, in.alertname()) ? TRUNC_ALERTNAME : 0;
        flags |= writeString(m, IN_SEVERITY, SEVERITY_SLOT, in.severity()) ? TRUNC_SEVERITY : 0;
        flags |= writeString(m, IN_SUMMARY, SUMMARY_SLOT, in.summary()) ? TRUNC_SUMMARY : 0;
        flags |= writeLabels(m, in);
        m.poke(IN_FLAGS, flags);
        return flags;
    }

    private static int writeFingerprint(AbiMemory m, String hex) {
        int digits = Math.min(hex.length(), 16);
        int flags = hex.length() > 16 ? TRUNC_FINGERPRINT : 0;
        for (int i = 0; i < digits; i++) {
            int d = Character.digit(hex.charAt(i), 16);
            if (d < 0) {
                return flags | TRUNC_FINGERPRINT;
            }
            int address = IN_FINGERPRINT + i / 2;
            m.poke(address, m.peek(address) | (i % 2 == 0 ? d << 4 : d));
        }
        return flags;
    }

    private int writeLabels(AbiMemory m, HandlerInput in) {
        collected = 0;
        tooMany = false;
        in.labels().forEach(collector);
        // Insertion sort by key: at most 64 entries, no allocation.
        for (int i = 1; i < collected; i++) {
            String k = keys[i];
            String v = values[i];
            int j = i - 1;
            while (j >= 0 && keys[j].compareTo(k) > 0) {
                keys[j + 1] = keys[j];
                values[j + 1] = values[j];
                j--;
            }
            keys[j + 1] = k;
            values[j + 1] = v;
        }
        int flags = tooMany || collected > MAX_INPUT_LABELS ? TRUNC_LABEL_COUNT : 0;
        int count = Math.min(collected, MAX_INPUT_LABELS);
        m.poke(IN_LABEL_COUNT, count);
        for (int i = 0; i < count; i++) {
            int entry = IN_LABELS + i * LABEL_SIZE;
            boolean cut = writeString(m, entry, LABEL_KEY_SLOT, keys[i]);
            cut |= writeString(m, entry + LABEL_KEY_SLOT, LABEL_VALUE_SLOT, values[i]);
            flags |= cut ? TRUNC_LABEL_TEXT : 0;
        }
        for (int i = 0; i < collected; i++) {
            keys[i] = null;
            values[i] = null;
        }
        return flags;
    }

    private void collect(String key, String value) {
        if (collected == MAX_COLLECTED) {
            tooMany = true;
            return;
        }
        keys[collected] = key == null ? "" : key;
        values[collected] = value == null ? "" : value;
        collected++;
    }

    /**
     * Writes a length-prefixed UTF-8 string into a slot of {@code slot} bytes (1 length byte, up to
     * slot-1 text bytes). Returns true if the text had to be cut.
     */
    static boolean writeString(AbiMemory m, int address, int slot, String text) {
        int capacity = slot - 1;
        int length = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            int cp = text.charAt(i);
            if (Character.isHighSurrogate((char) cp)
                    && i + 1 < n
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                cp = Character.toCodePoint((char) cp, text.charAt(i + 1));
            } else if (Character.isSurrogate((char) cp)) {
                cp = 0xFFFD; // a lone surrogate is not text: write the replacement character
            }
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (length + size > capacity) {
                m.poke(address, length);
                return true;
            }
            int at = address + 1 + length;
            switch (size) {
                case 1 -> m.poke(at, cp);
                case 2 -> {
                    m.poke(at, 0xC0 | cp >> 6);
                    m.poke(at + 1, 0x80 | cp & 0x3F);
                }
                case 3 -> {
                    m.poke(at, 0xE0 | cp >> 12);
                    m.poke(at + 1, 0x80 | cp >> 6 & 0x3F);
                    m.poke(at + 2, 0x80 | cp & 0x3F);
                }
                default -> {
                    m.poke(at, 0xF0 | cp >> 18);
                    m.poke(at + 1, 0x80 | cp >> 12 & 0x3F);
                    m.poke(at + 2, 0x80 | cp >> 6 & 0x3F);
                    m.poke(at + 3, 0x80 | cp & 0x3F);
                }
            }
            length += size;
            if (cp >= 0x10000) {
                i++;
            }
        }
        m.poke(address, length);
        return false;
    }
}
