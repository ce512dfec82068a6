package dev.pagerboy.streaming.config;

import java.io.Serializable;

/**
 * Who a schedule puts on call at some instant, and why: which layer, or an override.
 *
 * @param engineer the engineer on call
 * @param coverage whether a layer or an override put them there
 * @param source the layer's name, or {@code override}
 */
public record OnCall(String engineer, Coverage coverage, String source) implements Serializable {

    /** What put an engineer on call. */
    public enum Coverage {
        LAYER,
        OVERRIDE
    }

    static OnCall layer(String engineer, String layer) {
        return new OnCall(engineer, Coverage.LAYER, layer);
    }

    static OnCall override(String engineer) {
        return new OnCall(engineer, Coverage.OVERRIDE, "override");
    }
}
