package dev.pagerboy.streaming.records;

import java.util.Base64;

/**
 * An input record that could not be turned into alerts (or a silence), with the reason why. Dead
 * letters go to the dead-letter topic and the archive, so nothing is dropped silently.
 *
 * @param reason a precise, human-readable reason, e.g. {@code invalid JSON at line 1 column 17} or
 *     {@code alertmanager: alerts[2].labels missing}
 * @param rawBase64 the record value bytes, base64 encoded (standard alphabet, padded)
 * @param topic the source topic
 * @param partition the source partition
 * @param offset the source offset
 * @param eventTime the source record timestamp, epoch milliseconds
 */
public record DeadLetter(
        String reason, String rawBase64, String topic, int partition, long offset, long eventTime) {

    /** A dead letter for {@code input} with the given reason. */
    public static DeadLetter of(RawInput input, String reason) {
        byte[] value = input.value() == null ? new byte[0] : input.value();
        return new DeadLetter(
                reason,
                Base64.getEncoder().encodeToString(value),
                input.topic(),
                input.partition(),
                input.offset(),
                input.timestamp());
    }
}
