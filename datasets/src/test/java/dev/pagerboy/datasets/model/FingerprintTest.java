package dev.pagerboy.datasets.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Vectors from prometheus/common model/signature_test.go (LabelSet fingerprints). */
class FingerprintTest {

    @Test
    void emptyLabelSetIsTheFnvOffsetBasis() {
        assertThat(Fingerprint.of(LabelSet.empty()))
                .isEqualTo(Long.parseUnsignedLong("14695981039346656037"));
        assertThat(Fingerprint.hex(LabelSet.empty())).isEqualTo("cbf29ce484222325");
    }

    @Test
    void matchesPrometheusCommonTestVectors() {
        assertThat(
                        Fingerprint.of(
                                LabelSet.of(
                                        "name", "garland, briggs", "fear", "love is not enough")))
                .isEqualTo(Long.parseUnsignedLong("5799056148416392346"));
        assertThat(Fingerprint.of(LabelSet.of("first-label", "first-label-value")))
                .isEqualTo(Long.parseUnsignedLong("5146282821936882169"));
        assertThat(
                        Fingerprint.of(
                                LabelSet.of(
                                        "first-label", "first-label-value",
                                        "second-label", "second-label-value")))
                .isEqualTo(Long.parseUnsignedLong("3195800080984914717"));
        assertThat(
                        Fingerprint.of(
                                LabelSet.of(
                                        "first-label", "first-label-value",
                                        "second-label", "second-label-value",
                                        "third-label", "third-label-value")))
                .isEqualTo(Long.parseUnsignedLong("13843036195897128121"));
    }

    @Test
    void printsSixteenLowercaseHexDigitsWithLeadingZeros() {
        assertThat(Fingerprint.hex(0x00ab_cdefL)).isEqualTo("0000000000abcdef");
        assertThat(Fingerprint.hex(LabelSet.of("a", "b"))).matches("[0-9a-f]{16}");
    }

    @Test
    void labelOrderDoesNotMatter() {
        assertThat(Fingerprint.of(LabelSet.of("b", "2", "a", "1")))
                .isEqualTo(Fingerprint.of(LabelSet.of("a", "1", "b", "2")));
    }
}
