package dev.pagerboy.dispatcher.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.dispatcher.config.RetrySettings;
import dev.pagerboy.dispatcher.page.Page;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The retry decisions of one receiver's guard, driven by a scripted channel. */
class ReceiverGuardTest {

    private static final RetrySettings FAST =
            new RetrySettings(
                    5, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(5), 0.5);

    private static final Page PAGE =
            new Page("k-1", "r", "", "", 1, 0, "firing", Map.of(), List.of(), "", "", 0, 0);

    /** Answers attempts from a script; an empty script delivers. */
    private static final class ScriptedChannel implements Channel {
        final Deque<DeliveryFailure> script = new ArrayDeque<>();
        final List<Long> attemptNanos = new ArrayList<>();

        @Override
        public synchronized void deliver(Page page) throws DeliveryFailure {
            attemptNanos.add(System.nanoTime());
            DeliveryFailure next = script.poll();
            if (next != null) {
                throw next;
            }
        }
    }

    private static DeliveryResult deliver(ScriptedChannel channel, RetrySettings settings)
            throws Exception {
        try (ReceiverGuard guard =
                new ReceiverGuard(
                        "r",
                        channel,
                        settings,
                        2,
                        1000,
                        10,
                        Clock.systemUTC(),
                        DeliveryEvents.NONE)) {
            return guard.deliver(PAGE).get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void retriesRetryableFailuresUntilDelivered() throws Exception {
        ScriptedChannel channel = new ScriptedChannel();
        channel.script.add(new RetryableFailure("HTTP 503"));
        channel.script.add(new RetryableFailure("HTTP 503"));
        DeliveryResult r = deliver(channel, FAST);
        assertThat(r.outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(r.attempts()).isEqualTo(3);
    }

    @Test
    void aFinalFailureIsNotRetried() throws Exception {
        ScriptedChannel channel = new ScriptedChannel();
        channel.script.add(new FinalFailure("HTTP 400 (the receiver refused the page)"));
        DeliveryResult r = deliver(channel, FAST);
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.attempts()).isEqualTo(1);
        assertThat(r.reason()).isEqualTo("HTTP 400 (the receiver refused the page)");
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastReason() throws Exception {
        ScriptedChannel channel = new ScriptedChannel();
        for (int i = 0; i < 10; i++) {
            channel.script.add(new RetryableFailure("HTTP 502"));
        }
        DeliveryResult r = deliver(channel, FAST);
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.attempts()).isEqualTo(5);
        assertThat(r.reason()).startsWith("gave up after 5 attempts").contains("HTTP 502");
    }

    @Test
    void givesUpWhenTheTimeBudgetIsUsedUp() throws Exception {
        ScriptedChannel channel = new ScriptedChannel();
        for (int i = 0; i < 100; i++) {
            channel.script.add(new RetryableFailure("HTTP 503", Duration.ofMillis(150)));
        }
        RetrySettings budget =
                new RetrySettings(
                        100,
                        Duration.ofMillis(10),
                        Duration.ofMillis(40),
                        Duration.ofMillis(400),
                        0);
        DeliveryResult r = deliver(channel, budget);
        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.reason()).contains("retry time budget used up");
        // At most 400 / 150 + 1 attempts fit the budget; a stalled scheduler (a loaded CI machine)
        // can use it up in the first attempt, so one attempt is a correct outcome too. What must
        // not happen is the 100 attempts of the retry count.
        assertThat(r.attempts()).isBetween(1, 5);
    }

    @Test
    void waitsAtLeastTheReceiversRetryAfter() throws Exception {
        ScriptedChannel channel = new ScriptedChannel();
        channel.script.add(new RetryableFailure("HTTP 429", Duration.ofMillis(300)));
        DeliveryResult r = deliver(channel, FAST);
        assertThat(r.outcome()).isEqualTo(Outcome.DELIVERED);
        long waited = channel.attemptNanos.get(1) - channel.attemptNanos.get(0);
        assertThat(waited).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
    }
}
