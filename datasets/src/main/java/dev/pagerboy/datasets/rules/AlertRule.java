package dev.pagerboy.datasets.rules;

/**
 * One alerting rule from a public rule collection, reduced to what an alert carries.
 *
 * @param collection where it comes from: {@code awesome-prometheus-alerts} or {@code
 *     kube-prometheus}
 * @param team the owning team: the collection's group (awesome) or {@code kubernetes}
 * @param service the monitored service: the awesome service name or the kube-prometheus rule group
 * @param alertname the Prometheus alert name
 * @param severity critical, warning or info
 * @param summary one line for humans
 * @param description the rule's description
 */
public record AlertRule(
        String collection,
        String team,
        String service,
        String alertname,
        String severity,
        String summary,
        String description) {}
