package dev.pagerboy.streaming.records;

/**
 * What the group stage learns besides alerts, on its broadcast input: a silence (from the {@code
 * silences} topic) or a change of an inhibition source. Exactly one of the two is set; Flink's POJO
 * serializer stores the other as null.
 *
 * @param silence a silence, or {@code null}
 * @param source an inhibition source change, or {@code null}
 */
public record GroupControl(Silence silence, InhibitionSource source) {

    public static GroupControl of(Silence silence) {
        return new GroupControl(silence, null);
    }

    public static GroupControl of(InhibitionSource source) {
        return new GroupControl(null, source);
    }

    public long eventTime() {
        return silence != null ? silence.eventTime() : source.eventTime();
    }
}
