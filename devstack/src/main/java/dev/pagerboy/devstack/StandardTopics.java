package dev.pagerboy.devstack;

import java.util.List;

/**
 * The Kafka topics of a PagerBoy installation, named in one place so that the local stack, the
 * demo, the benchmark and the default configuration agree.
 */
public final class StandardTopics {

    /** Incoming alerts in any accepted format (Alertmanager, PagerDuty, native). */
    public static final String ALERTS = "alerts";

    /** Acknowledgments from responders. */
    public static final String ACKS = "acks";

    /** Silences created at run time. */
    public static final String SILENCES = "silences";

    /** Notifications the job emits, exactly once. */
    public static final String NOTIFICATIONS = "notifications";

    /** Records the job could not parse or validate, with the reason. */
    public static final String DEAD_LETTERS = "dead-letters";

    /** Clock ticks that advance event time when no alerts arrive. */
    public static final String TICKS = "ticks";

    /** Incident transitions the job emits, exactly once. */
    public static final String INCIDENTS = "incidents";

    /** Delivery receipts the dispatchers write and the job reads. */
    public static final String RECEIPTS = "receipts";

    /** Every standard topic, in the order above. */
    public static final List<String> ALL =
            List.of(
                    ALERTS,
                    ACKS,
                    SILENCES,
                    NOTIFICATIONS,
                    DEAD_LETTERS,
                    TICKS,
                    INCIDENTS,
                    RECEIPTS);

    private StandardTopics() {}
}
