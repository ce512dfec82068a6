package dev.pagerboy.streaming.functions;

/**
 * Every counter the pipeline's stages report through {@link StageMetrics}, under {@code
 * pagerboy.<stage>.<name>}. The names are what dashboards and alert rules query, so they live here
 * once instead of as string literals at each call site; renaming one is a visible, deliberate
 * change.
 */
enum MetricName {
    // every stage
    RECORDS_IN("recordsIn"),
    RECORDS_OUT("recordsOut"),
    // parse and silences: a subgroup per dead-letter category (StageMetrics.byReason)
    DEAD_LETTERS("deadLetters"),
    TICKS("ticks"),
    // dedup
    DUPLICATES_SUPPRESSED("duplicatesSuppressed"),
    REPEATS_SUPPRESSED("repeatsSuppressed"),
    REDELIVERIES_DROPPED("redeliveriesDropped"),
    STATES_EXPIRED("statesExpired"),
    ALERTS_AUTO_RESOLVED("alertsAutoResolved"),
    LATE_ALERTS("lateAlerts"),
    // handler; faultsByKind has a subgroup per HandlerFaultKind
    RUNS("runs"),
    CYCLES("cycles"),
    FAULTS("faults"),
    FAULTS_BY_KIND("faultsByKind"),
    // route
    SUPPRESSED_BY_HANDLER("suppressedByHandler"),
    UNKNOWN_HANDLER_ROUTES("unknownHandlerRoutes"),
    // group; notificationsByReceiver has a subgroup per receiver
    NOTIFICATIONS("notifications"),
    NOTIFICATIONS_BY_RECEIVER("notificationsByReceiver"),
    FLUSHES("flushes"),
    ALERTS_SILENCED("alertsSilenced"),
    ALERTS_INHIBITED("alertsInhibited"),
    SILENCES_RECEIVED("silencesReceived"),
    GROUPS_OPENED("groupsOpened"),
    GROUPS_CLOSED("groupsClosed"),
    FLUSHES_WAITING_FOR_INPUT("flushesWaitingForInput"),
    CATCH_UP_FLUSHES("catchUpFlushes"),
    // group: inputs read while a watermark's timers were interrupted (GroupOperator)
    INPUTS_BETWEEN_TIMER_SLICES("inputsBetweenTimerSlices");

    private final String text;

    MetricName(String text) {
        this.text = text;
    }

    /** The name Flink reports. */
    String text() {
        return text;
    }
}
