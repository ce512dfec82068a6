package dev.pagerboy.streaming.incidents;

import dev.pagerboy.streaming.config.Engineer;
import dev.pagerboy.streaming.config.EscalationPolicy;
import dev.pagerboy.streaming.config.OnCallSchedule;
import dev.pagerboy.streaming.records.Notification;
import dev.pagerboy.streaming.records.NotifiedAlert;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an escalation policy does to an incident as event time passes: which level is due, whom it
 * pages (a schedule's on-call at that instant, users by name, receivers directly), when the next
 * level is due, and when the policy is exhausted. Pure: {@link IncidentFunction} owns the state and
 * the timers, this class only computes, so every step is testable without Flink.
 */
final class Escalation implements Serializable {

    /**
     * One level (or the final action) that fired.
     *
     * @param incident the incident after it
     * @param change {@code escalated}, {@code exhausted} or {@code resolved}
     * @param at when it was due
     * @param pages the pages it sends
     */
    record Fired(Incident incident, IncidentChange change, long at, List<Notification> pages) {}

    private final Map<String, EscalationPolicy> policies;
    private final Map<String, OnCallSchedule> schedules;
    private final Map<String, Engineer> roster;

    Escalation(
            Map<String, EscalationPolicy> policies,
            Map<String, OnCallSchedule> schedules,
            Map<String, Engineer> roster) {
        this.policies = Map.copyOf(policies);
        this.schedules = Map.copyOf(schedules);
        this.roster = Map.copyOf(roster);
    }

    /**
     * The policy of the alerts a flush carries: the first (by fingerprint) that names a configured
     * one, or {@code ""}.
     */
    String policyOf(Notification flush) {
        for (NotifiedAlert a : flush.alerts()) {
            String p = a.escalationPolicyId();
            if (p != null && policies.containsKey(p)) {
                return p;
            }
        }
        return "";
    }

    /** When level 1 is due for an incident with {@code policy} triggered at {@code time}. */
    long firstDue(String policy, long time) {
        return time + policies.get(policy).level(1).after().toMillis();
    }

    /** Whether {@code engineer} may acknowledge an incident with {@code policy}. */
    boolean mayAck(String policy, String engineer) {
        EscalationPolicy p = policies.get(policy);
        return p == null || !p.restrictAcks() || p.targets(schedules).contains(engineer);
    }

    /** Every level (or final action) due at or before {@code now}, in order. */
    List<Fired> due(Incident start, long now) {
        List<Fired> out = new ArrayList<>();
        Incident incident = start;
        while (incident.status() == IncidentStatus.TRIGGERED
                && incident.hasPolicy()
                && incident.nextEscalationAt() != 0L
                && incident.nextEscalationAt() <= now) {
            Fired fired = fire(incident);
            out.add(fired);
            incident = fired.incident();
        }
        return out;
    }

    private Fired fire(Incident incident) {
        EscalationPolicy policy = policies.get(incident.policy());
        long at = incident.nextEscalationAt();
        int level = incident.level();
        int round = incident.round();
        if (level == policy.levels() && round == policy.repeat()) {
            return exhausted(incident, policy, at);
        }
        if (level == policy.levels()) {
            level = 1;
            round++;
        } else {
            level++;
        }
        int step = incident.step() + 1;
        long wait =
                level < policy.levels()
                        ? policy.level(level + 1).after().toMillis()
                        : policy.repeatAfter().toMillis();
        Incident next = incident.withEscalation(level, round, step, at + wait);
        return new Fired(next, IncidentChange.ESCALATED, at, pages(next, policy.level(level), at));
    }

    private Fired exhausted(Incident incident, EscalationPolicy policy, long at) {
        return switch (policy.finalAction()) {
            case STOP ->
                    new Fired(
                            incident.withEscalation(
                                    incident.level(), incident.round(), incident.step(), 0L),
                            IncidentChange.EXHAUSTED,
                            at,
                            List.of());
            case RESOLVE ->
                    new Fired(
                            incident.withStatus(IncidentStatus.RESOLVED, at, ""),
                            IncidentChange.RESOLVED,
                            at,
                            List.of());
            case PAGE_ALL -> {
                Incident next =
                        incident.withEscalation(
                                policy.levels() + 1, incident.round(), incident.step() + 1, 0L);
                Map<String, Notification> pages = new LinkedHashMap<>();
                for (EscalationPolicy.Step s : policy.steps()) {
                    for (Notification p : pages(next, s, at)) {
                        pages.putIfAbsent(p.idempotencyKey(), p);
                    }
                }
                yield new Fired(next, IncidentChange.EXHAUSTED, at, List.copyOf(pages.values()));
            }
        };
    }

    /**
     * The pages of one step at {@code at}: each schedule's on-call then each user (to their roster
     * receiver), then each receiver; an engineer named twice is paged once. A schedule that covers
     * nobody at {@code at} pages the route's receiver instead, so the level is never silent.
     */
    private List<Notification> pages(Incident incident, EscalationPolicy.Step step, long at) {
        Notification base = incident.page();
        Map<String, Notification> out = new LinkedHashMap<>();
        for (String s : step.schedules()) {
            Optional<String> onCall = schedules.get(s).onCallAt(at);
            if (onCall.isPresent()) {
                engineerPage(out, incident, onCall.get(), at);
            } else {
                String key = IncidentIds.pageKey(incident.id(), incident.step(), "schedule:" + s);
                out.putIfAbsent(
                        key,
                        base.escalation(
                                key, base.receiver(), "", incident.level(), incident.step(), at));
            }
        }
        for (String u : step.users()) {
            engineerPage(out, incident, u, at);
        }
        for (String r : step.receivers()) {
            String key = IncidentIds.pageKey(incident.id(), incident.step(), "receiver:" + r);
            out.putIfAbsent(
                    key, base.escalation(key, r, "", incident.level(), incident.step(), at));
        }
        return List.copyOf(out.values());
    }

    private void engineerPage(
            Map<String, Notification> out, Incident incident, String name, long at) {
        Notification base = incident.page();
        Engineer engineer = roster.get(name);
        String receiver = engineer != null ? engineer.receiver() : base.receiver();
        String key = IncidentIds.pageKey(incident.id(), incident.step(), name);
        out.putIfAbsent(
                key, base.escalation(key, receiver, name, incident.level(), incident.step(), at));
    }
}
