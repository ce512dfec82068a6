package dev.pagerboy.streaming.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * Who is paged, and when, while an incident stays unacknowledged. Parsed and validated in this
 * milestone; the escalation function that uses it comes next.
 *
 * @param name unique policy name
 * @param steps the steps in order; step {@code i} fires {@code after} its predecessor
 * @param repeat how many times the whole list is repeated after the last step (0 = once)
 */
public record EscalationPolicy(String name, List<Step> steps, int repeat) implements Serializable {

    /**
     * One escalation step.
     *
     * @param after delay after the previous step (or after the trigger, for the first step)
     * @param schedules on-call schedules whose current on-call is paged
     * @param receivers receivers that are notified directly
     */
    public record Step(Duration after, List<String> schedules, List<String> receivers)
            implements Serializable {}
}
