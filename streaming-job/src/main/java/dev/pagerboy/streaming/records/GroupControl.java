package dev.pagerboy.streaming.records;

/**
 * What the group stage learns besides alerts, on its broadcast input: a silence (from the {@code
 * silences} topic), a change of an inhibition source, or a clock tick (so every group knows how far
 * the input's time reaches). Exactly one is set; Flink's POJO serializer stores the others as null.
 *
 * @param silence a silence, or {@code null}
 * @param source an inhibition source change, or {@code null}
 * @param tick a clock tick, or {@code null}
 */
public record GroupControl(Silence silence, InhibitionSource source, Tick tick) {

    public static GroupControl of(Silence silence) {
        return new GroupControl(silence, null, null);
    }

    public static GroupControl of(InhibitionSource source) {
        return new GroupControl(null, source, null);
    }

    public static GroupControl of(Tick tick) {
        return new GroupControl(null, null, tick);
    }

    /**
     * Whether this tells the group stage how far the input's time reaches: ticks, silences and
     * changes of real alerts do; an end that dedup decided itself ({@link AlertEnd}) does not, as
     * it may lie after the input's end (a bounded run ends every open alert when its input ends).
     */
    public boolean isInput() {
        return source == null || !AlertEnd.isDecided(source.sourceRef());
    }

    public long eventTime() {
        if (silence != null) {
            return silence.eventTime();
        }
        return source != null ? source.eventTime() : tick.eventTime();
    }
}
