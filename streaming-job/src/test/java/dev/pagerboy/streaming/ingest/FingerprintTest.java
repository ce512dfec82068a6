package dev.pagerboy.streaming.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Expected values are the published test vectors of prometheus/common (model/signature_test.go:
 * TestLabelsToSignature, TestMetricToFingerprint and the BenchmarkMetricToFingerprint* cases), i.e.
 * what Alertmanager computes for these label sets.
 */
class FingerprintTest {

    @Test
    void emptyLabelSetIsTheFnvOffsetBasis() {
        assertThat(Fingerprint.of(Map.of()))
                .isEqualTo(Long.parseUnsignedLong("14695981039346656037"));
        assertThat(Fingerprint.hex(Map.of())).isEqualTo("cbf29ce484222325");
    }

    @Test
    void matchesPrometheusCommonTestVectors() {
        assertFingerprint(
                Map.of("name", "garland, briggs", "fear", "love is not enough"),
                "5799056148416392346");
        assertFingerprint(Map.of("first-label", "first-label-value"), "5146282821936882169");
        assertFingerprint(
                Map.of(
                        "first-label", "first-label-value",
                        "second-label", "second-label-value"),
                "3195800080984914717");
        assertFingerprint(
                Map.of(
                        "first-label", "first-label-value",
                        "second-label", "second-label-value",
                        "third-label", "third-label-value"),
                "13843036195897128121");
    }

    @Test
    void doesNotDependOnMapOrder() {
        Map<String, String> forward = new LinkedHashMap<>();
        forward.put("a", "1");
        forward.put("b", "2");
        Map<String, String> backward = new LinkedHashMap<>();
        backward.put("b", "2");
        backward.put("a", "1");
        assertThat(Fingerprint.of(forward)).isEqualTo(Fingerprint.of(backward));
    }

    @Test
    void separatorKeepsNamesAndValuesApart() {
        assertThat(Fingerprint.of(Map.of("ab", "c")))
                .isNotEqualTo(Fingerprint.of(Map.of("a", "bc")));
    }

    @Test
    void hashesUtf8Bytes() {
        // Independently computed FNV-1a 64 over b"team\xffd\xc3\xa9v\xff" (Python), i.e. the
        // UTF-8 bytes Go would hash for the string "dév".
        Map<String, String> labels = new HashMap<>();
        labels.put("team", "dév");
        assertThat(Fingerprint.hex(labels)).isEqualTo("f447447fad0a996c");
    }

    @Test
    void sortsNamesInUtf8ByteOrderLikeGo() {
        // U+1F600 (UTF-8 f0 9f 98 80) sorts after U+FB01 (ef ac 81) in Go; UTF-16 order is
        // reversed.
        assertThat(Fingerprint.compareUtf8("\uD83D\uDE00", "\uFB01")).isPositive();
        assertThat("\uD83D\uDE00".compareTo("\uFB01")).isNegative();
    }

    @Test
    void allocationFreeEncodingEqualsJavasUtf8Encoder() {
        java.util.Random random = new java.util.Random(42);
        String alphabet = "az_Z09 é€ß\u00ff\u0800\uffff\uD83D\uDE00\uD800x\uDC00";
        for (int round = 0; round < 2_000; round++) {
            Map<String, String> labels = new HashMap<>();
            for (int i = 0; i < 1 + random.nextInt(5); i++) {
                labels.put(randomString(random, alphabet), randomString(random, alphabet));
            }
            assertThat(Fingerprint.of(labels)).as(labels.toString()).isEqualTo(reference(labels));
        }
    }

    /** The algorithm written plainly: sorted names, UTF-8 bytes from the JDK encoder. */
    private static long reference(Map<String, String> labels) {
        java.util.TreeMap<String, String> sorted =
                new java.util.TreeMap<>(Fingerprint::compareUtf8);
        sorted.putAll(labels);
        long h = 0xcbf29ce484222325L;
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            for (String part : new String[] {e.getKey(), e.getValue()}) {
                for (byte b : part.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                    h = (h ^ (b & 0xff)) * 0x100000001b3L;
                }
                h = (h ^ 0xff) * 0x100000001b3L;
            }
        }
        return h;
    }

    private static String randomString(java.util.Random random, String alphabet) {
        StringBuilder b = new StringBuilder();
        for (int i = random.nextInt(6); i > 0; i--) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    @Test
    void hexIsZeroPaddedLowercase() {
        assertThat(Fingerprint.toHex(0x1fL)).isEqualTo("000000000000001f");
        assertThat(Fingerprint.toHex(-1L)).isEqualTo("ffffffffffffffff");
    }

    private static void assertFingerprint(Map<String, String> labels, String unsignedDecimal) {
        long expected = Long.parseUnsignedLong(unsignedDecimal);
        assertThat(Fingerprint.of(labels)).as(labels.toString()).isEqualTo(expected);
        assertThat(Fingerprint.hex(labels)).isEqualTo(String.format("%016x", expected));
    }
}
