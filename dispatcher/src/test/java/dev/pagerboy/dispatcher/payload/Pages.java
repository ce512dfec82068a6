package dev.pagerboy.dispatcher.payload;

import dev.pagerboy.dispatcher.page.Page;
import dev.pagerboy.dispatcher.page.PageAlert;
import java.util.List;
import java.util.Map;

/** Named pages for payload tests. */
final class Pages {

    /** 2026-12-06T04:00:00Z */
    static final long T0 = 1_796_529_600_000L;

    private Pages() {}

    /** An escalation page for alice: two firing alerts of one group. */
    static Page escalation() {
        return new Page(
                "3f2a9c1d0b7e6a55-1796529600000/2/alice",
                "team-db",
                "route-3",
                "{}/{team=\"db\"}:{alertname=\"DiskFull\", cluster=\"eu1\"}",
                2,
                T0 + 60_000,
                "firing",
                Map.of("alertname", "DiskFull", "cluster", "eu1"),
                List.of(
                        new PageAlert(
                                "a1b2c3d4e5f60718",
                                "firing",
                                "critical",
                                "Disk /var is 97% full on db-1",
                                "db-default",
                                Map.of(
                                        "alertname", "DiskFull",
                                        "cluster", "eu1",
                                        "instance", "db-1",
                                        "team", "db"),
                                T0,
                                0),
                        new PageAlert(
                                "0f1e2d3c4b5a6978",
                                "firing",
                                "warning",
                                "Disk /data is 91% full on db-2 <sdb>",
                                "db-default",
                                Map.of(
                                        "alertname", "DiskFull",
                                        "cluster", "eu1",
                                        "instance", "db-2",
                                        "team", "db"),
                                T0 + 1_250,
                                0)),
                "3f2a9c1d0b7e6a55-1796529600000",
                "alice",
                1,
                2);
    }

    /** A resolved page without incident fields (an older job's page). */
    static Page resolved() {
        return new Page(
                "77aa55cc33ee1100-1796529600000-3",
                "oncall",
                "route-0",
                "{}:{alertname=\"HostDown\"}",
                3,
                T0 + 600_000,
                "resolved",
                Map.of("alertname", "HostDown"),
                List.of(
                        new PageAlert(
                                "1122334455667788",
                                "resolved",
                                "",
                                "",
                                "",
                                Map.of("alertname", "HostDown", "instance", "web-7"),
                                T0,
                                T0 + 540_123)),
                "",
                "",
                0,
                0);
    }
}
