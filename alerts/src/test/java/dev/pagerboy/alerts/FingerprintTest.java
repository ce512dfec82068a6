package dev.pagerboy.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Expected values are the published vectors of prometheus/common (model/signature_test.go:
 * TestLabelsToSignature, TestMetricToFingerprint, TestSignatureWithoutLabels and the
 * BenchmarkMetricToFingerprint* cases), i.e. what Alertmanager computes for these label sets, plus
 * label names whose Go (UTF-8 byte) order differs from Java's UTF-16 order, with values computed
 * independently (Python: FNV-1a 64 over the names sorted by their UTF-8 bytes).
 */
class FingerprintTest {

    @Test
    void emptyLabelSetIsTheFnvOffsetBasis() {
        assertThat(Fingerprint.of(Map.of()))
                .isEqualTo(Long.parseUnsignedLong("14695981039346656037"));
        assertThat(Fingerprint.of(LabelSet.empty()))
                .isEqualTo(Long.parseUnsignedLong("14695981039346656037"));
        assertThat(Fingerprint.hex(LabelSet.empty())).isEqualTo("cbf29ce484222325");
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
    void sortsNamesInGoByteOrderNotUtf16Order() {
        // U+FB01 (the "fi" ligature, UTF-8 ef ac 81) sorts before U+1F600 (f0 9f 98 80) in Go;
        // in UTF-16 the emoji's high surrogate 0xD83D sorts first.
        assertFingerprintHex(Map.of("\uD83D\uDE00", "grin", "\uFB01", "fi"), "f60015665ae1e159");
        // Gothic U+10348 after fullwidth U+FF21, and both after plain ASCII names.
        assertFingerprintHex(
                Map.of("team\uD800\uDF48", "gothic", "team\uFF21", "fullwidth", "alertname", "X"),
                "f8a8484a227be528");
        // A ligature-led name against a mathematical script letter (U+1D49C).
        assertFingerprintHex(Map.of("\uFB01le", "a", "\uD835\uDC9Cle", "b"), "14037864e7f38fcd");
        // The same sets hashed in UTF-16 order give other values: the order is what is tested.
        assertThat(utf16OrderHex(Map.of("\uD83D\uDE00", "grin", "\uFB01", "fi")))
                .isEqualTo("6b28bad11cbfaf23");
    }

    @Test
    void labelSetKeepsGoOrderAndFindsByName() {
        LabelSet set = LabelSet.of("\uD83D\uDE00", "grin", "\uFB01", "fi", "a", "1");
        assertThat(set.name(0)).isEqualTo("a");
        assertThat(set.name(1)).isEqualTo("\uFB01");
        assertThat(set.name(2)).isEqualTo("\uD83D\uDE00");
        assertThat(set.get("\uD83D\uDE00")).isEqualTo("grin");
        assertThat(set.get("\uFB01")).isEqualTo("fi");
        assertThat(set.get("b")).isNull();
        assertThat(set.toJson())
                .isEqualTo("{\"a\":\"1\",\"\uFB01\":\"fi\",\"\uD83D\uDE00\":\"grin\"}");
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
        assertThat(Fingerprint.of(LabelSet.of(forward))).isEqualTo(Fingerprint.of(backward));
    }

    @Test
    void separatorKeepsNamesAndValuesApart() {
        assertThat(Fingerprint.of(Map.of("ab", "c")))
                .isNotEqualTo(Fingerprint.of(Map.of("a", "bc")));
    }

    @Test
    void hashesUtf8Bytes() {
        // FNV-1a 64 over b"team\xffd\xc3\xa9v\xff" (Python), the bytes Go hashes for "dév".
        assertThat(Fingerprint.hex(Map.of("team", "dév"))).isEqualTo("f447447fad0a996c");
    }

    @Test
    void mapAndLabelSetFormsAgreeWithThePlainAlgorithm() {
        Random random = new Random(42);
        String alphabet = "az_Z09 é€ß\u00ff\u0800\uffff\uFB01\uD83D\uDE00\uD835\uDC9C";
        for (int round = 0; round < 2_000; round++) {
            Map<String, String> labels = new HashMap<>();
            for (int i = 0; i < 1 + random.nextInt(5); i++) {
                labels.put(randomString(random, alphabet), randomString(random, alphabet));
            }
            long expected = reference(labels);
            assertThat(Fingerprint.of(labels)).as(labels.toString()).isEqualTo(expected);
            assertThat(Fingerprint.of(LabelSet.of(labels)))
                    .as(labels.toString())
                    .isEqualTo(expected);
        }
    }

    @Test
    void aLoneSurrogateInAValueHashesAsJavasEncoderWritesIt() {
        // Not valid UTF-8, so Go never sees one; the JDK encodes it as '?', and so do we.
        assertThat(Fingerprint.of(Map.of("a", "x\uD800y")))
                .isEqualTo(Fingerprint.of(Map.of("a", "x?y")));
    }

    @Test
    void hexIsZeroPaddedLowercase() {
        assertThat(Fingerprint.hex(0x1fL)).isEqualTo("000000000000001f");
        assertThat(Fingerprint.hex(-1L)).isEqualTo("ffffffffffffffff");
    }

    /** The algorithm written plainly: names sorted by UTF-8 bytes, bytes from the JDK encoder. */
    private static long reference(Map<String, String> labels) {
        TreeMap<byte[], String[]> sorted = new TreeMap<>(java.util.Arrays::compareUnsigned);
        labels.forEach(
                (k, v) -> sorted.put(k.getBytes(StandardCharsets.UTF_8), new String[] {k, v}));
        long h = 0xcbf29ce484222325L;
        for (String[] pair : sorted.values()) {
            for (String part : pair) {
                for (byte b : part.getBytes(StandardCharsets.UTF_8)) {
                    h = (h ^ (b & 0xff)) * 0x100000001b3L;
                }
                h = (h ^ 0xff) * 0x100000001b3L;
            }
        }
        return h;
    }

    private static String utf16OrderHex(Map<String, String> labels) {
        long h = 0xcbf29ce484222325L;
        for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
            for (String part : new String[] {e.getKey(), e.getValue()}) {
                for (byte b : part.getBytes(StandardCharsets.UTF_8)) {
                    h = (h ^ (b & 0xff)) * 0x100000001b3L;
                }
                h = (h ^ 0xff) * 0x100000001b3L;
            }
        }
        return Fingerprint.hex(h);
    }

    private static String randomString(Random random, String alphabet) {
        StringBuilder b = new StringBuilder();
        int[] codePoints = alphabet.codePoints().toArray();
        for (int i = random.nextInt(6); i > 0; i--) {
            b.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
        }
        return b.toString();
    }

    private static void assertFingerprint(Map<String, String> labels, String unsignedDecimal) {
        long expected = Long.parseUnsignedLong(unsignedDecimal);
        assertThat(Fingerprint.of(labels)).as(labels.toString()).isEqualTo(expected);
        assertThat(Fingerprint.of(LabelSet.of(labels))).as(labels.toString()).isEqualTo(expected);
        assertThat(Fingerprint.hex(labels)).isEqualTo(String.format("%016x", expected));
    }

    private static void assertFingerprintHex(Map<String, String> labels, String hex) {
        assertThat(Fingerprint.hex(labels)).as(labels.toString()).isEqualTo(hex);
        assertThat(Fingerprint.hex(LabelSet.of(labels))).as(labels.toString()).isEqualTo(hex);
    }
}
