package dev.pagerboy.vm.handler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Input strings as the ABI defines them (length byte, UTF-8 cut at the last whole character that
 * fits, cut flagged), checked against Java's own UTF-8 encoder for ASCII, mixed and non-ASCII text
 * around the slot boundary, in the array the runtime copies into the machine.
 */
class InputStringTest {

    @Test
    void matchesTheUtf8PrefixThatFitsTheSlot() {
        String[] texts = {
            "",
            "a",
            "kube-system",
            "x".repeat(15),
            "x".repeat(16),
            "y".repeat(14) + "é",
            "z".repeat(13) + "✓✓",
            "ab✓cd",
            "é".repeat(9),
            "😀 ok",
            "x".repeat(14) + "😀",
            "lone \uD800 surrogate",
        };
        InputImage image = new InputImage();
        for (String text : texts) {
            image.clear();
            int address = HandlerAbi.IN_LABELS + HandlerAbi.LABEL_SIZE; // a key slot of 16
            boolean cut = InputWriter.writeString(image, address, HandlerAbi.LABEL_KEY_SLOT, text);

            byte[] expected = fitting(text.replace('\uD800', '\uFFFD'), 15);
            byte[] slot =
                    Arrays.copyOfRange(
                            image.bytes(),
                            address - HandlerAbi.INPUT,
                            address - HandlerAbi.INPUT + 16);
            assertThat(slot[0] & 0xFF).as(text).isEqualTo(expected.length);
            assertThat(Arrays.copyOfRange(slot, 1, 1 + expected.length))
                    .as(text)
                    .isEqualTo(expected);
            assertThat(cut)
                    .as(text)
                    .isEqualTo(
                            expected.length
                                    < text.replace('\uD800', '\uFFFD')
                                            .getBytes(StandardCharsets.UTF_8)
                                            .length);
            assertThat(image.length())
                    .as(text)
                    .isLessThanOrEqualTo(address - HandlerAbi.INPUT + 16);
        }
    }

    /** The UTF-8 bytes of the longest whole-character prefix of {@code text} within {@code max}. */
    private static byte[] fitting(String text, int max) {
        String best = "";
        for (int end = 0; end <= text.length(); end = text.offsetByCodePoints(end, 1)) {
            String prefix = text.substring(0, end);
            if (prefix.getBytes(StandardCharsets.UTF_8).length > max) {
                break;
            }
            best = prefix;
            if (end == text.length()) {
                break;
            }
        }
        return best.getBytes(StandardCharsets.UTF_8);
    }
}
