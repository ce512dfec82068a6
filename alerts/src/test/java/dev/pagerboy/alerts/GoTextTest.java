package dev.pagerboy.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GoTextTest {

    @Test
    void quotesLikeGosStrconvQuote() {
        // Expected strings are what Go 1.19 prints for fmt.Sprintf("%q", s).
        assertThat(GoText.quote("plain é 😀")).isEqualTo("\"plain é 😀\"");
        assertThat(GoText.quote("\u0001\u007f\u0085\u00a0\u2028\u200b\ufeff"))
                .isEqualTo("\"\\x01\\x7f\\u0085\\u00a0\\u2028\\u200b\\ufeff\"");
        assertThat(GoText.quote("\u0007\b\f\n\r\t\u000b\\\""))
                .isEqualTo("\"\\a\\b\\f\\n\\r\\t\\v\\\\\\\"\"");
        assertThat(GoText.quote("\udb40\udc01")).isEqualTo("\"\\U000e0001\"");
        assertThat(GoText.quote("lone \ud800")).isEqualTo("\"lone \ufffd\"");
    }

    @Test
    void ordersByUtf8BytesNotUtf16Units() {
        assertThat(GoText.compare("\uff5e", "\ud83d\ude00")).isNegative();
        assertThat("\uff5e".compareTo("\ud83d\ude00")).isPositive();
        assertThat(GoText.compare("a1=", "a=")).isNegative();
        assertThat(GoText.compare("a", "ab")).isNegative();
        assertThat(GoText.compare("same", "same")).isZero();
    }
}
