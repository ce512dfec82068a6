package dev.pagerboy.streaming.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who is paged, and when, while an incident stays unacknowledged. Level {@code i} (1-based) pages
 * step {@code i - 1}'s targets; it is due {@code after} the previous level (the first level: after
 * the trigger). After the last level the list starts again, {@code repeatAfter} later, {@code
 * repeat} times; then the {@link FinalAction} runs once, {@code repeatAfter} after the last page.
 *
 * @param name unique policy name
 * @param steps the steps in order
 * @param repeat how many times the whole list is repeated after the last step (0 = once)
 * @param repeatAfter the wait after the last level before the list repeats or the final action runs
 * @param finalAction what happens when every level of every round went unanswered
 * @param restrictAcks whether only the policy's targets (its users and its schedules' participants)
 *     may acknowledge; otherwise anyone on the roster may
 */
public record EscalationPolicy(
        String name,
        List<Step> steps,
        int repeat,
        Duration repeatAfter,
        FinalAction finalAction,
        boolean restrictAcks)
        implements Serializable {

    public EscalationPolicy {
        steps = List.copyOf(steps);
    }

    /** A policy that stops after its last step and lets anyone on the roster acknowledge. */
    public EscalationPolicy(String name, List<Step> steps, int repeat) {
        this(name, steps, repeat, steps.get(steps.size() - 1).after(), FinalAction.STOP, false);
    }

    /** The levels: 1 to {@code steps().size()}. */
    public int levels() {
        return steps.size();
    }

    /** The step of level {@code level} (1-based). */
    public Step level(int level) {
        return steps.get(level - 1);
    }

    /**
     * Every engineer the policy can page: its steps' users and its schedules' participants (at any
     * time, so an ack by someone who just handed over still counts).
     */
    public Set<String> targets(Map<String, OnCallSchedule> schedules) {
        Set<String> out = new LinkedHashSet<>();
        for (Step step : steps) {
            out.addAll(step.users());
            for (String s : step.schedules()) {
                OnCallSchedule schedule = schedules.get(s);
                if (schedule != null) {
                    out.addAll(schedule.participants());
                }
            }
        }
        return out;
    }

    /**
     * One escalation step.
     *
     * @param after delay after the previous step (or after the trigger, for the first step)
     * @param schedules on-call schedules whose current on-call is paged
     * @param users roster engineers paged by name
     * @param receivers receivers that are notified directly
     */
    public record Step(
            Duration after, List<String> schedules, List<String> users, List<String> receivers)
            implements Serializable {

        public Step {
            schedules = List.copyOf(schedules);
            users = List.copyOf(users);
            receivers = List.copyOf(receivers);
        }

        /** A step without users. */
        public Step(Duration after, List<String> schedules, List<String> receivers) {
            this(after, schedules, List.of(), receivers);
        }
    }

    /** What a policy does when every level of every round went unanswered. */
    public enum FinalAction {
        /** Stop paging; the incident stays triggered (and is marked exhausted). */
        STOP("stop"),
        /** Resolve the incident: nobody answered, and paging on would only add noise. */
        RESOLVE("resolve"),
        /** Page every target of every step once more, then stop. */
        PAGE_ALL("page_all");

        private final String text;

        FinalAction(String text) {
            this.text = text;
        }

        /** The configuration word. */
        public String text() {
            return text;
        }
    }
}
