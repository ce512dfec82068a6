package dev.pagerboy.devstack;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates topics on a local broker and waits until every partition has a leader, so that producers
 * and assigned consumers can use them at once; topics that already exist are left as they are.
 * {@link EmbeddedKafka} and {@link ProcessBroker} create topics the same way.
 */
final class TopicCreator {

    private TopicCreator() {}

    /**
     * Creates {@code names} with {@code partitions} partitions each on {@code admin}'s broker; each
     * step may take {@code timeout}. Throws {@link IllegalStateException} if the broker refuses a
     * topic or does not lead it in time.
     */
    static void create(Admin admin, Duration timeout, int partitions, String... names) {
        List<NewTopic> topics =
                Arrays.stream(names)
                        .map(name -> new NewTopic(name, partitions, (short) 1))
                        .toList();
        admin.createTopics(topics)
                .values()
                .forEach(
                        (name, future) -> {
                            try {
                                future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                            } catch (ExecutionException e) {
                                if (!(e.getCause() instanceof TopicExistsException)) {
                                    throw new IllegalStateException(
                                            "cannot create topic " + name, e.getCause());
                                }
                            } catch (InterruptedException | TimeoutException e) {
                                throw interruptedOrTimedOut("creating topic " + name, e);
                            }
                        });
        awaitLeaders(admin, timeout, Set.of(names));
    }

    private static void awaitLeaders(Admin admin, Duration timeout, Set<String> topics) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                Map<String, TopicDescription> described =
                        admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS);
                boolean allLed =
                        described.values().stream()
                                .flatMap(d -> d.partitions().stream())
                                .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
                if (allLed) {
                    return;
                }
            } catch (ExecutionException | TimeoutException notYet) {
                // metadata for a just-created topic reaches the broker asynchronously
            } catch (InterruptedException e) {
                throw interruptedOrTimedOut("waiting for topic leaders", e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics " + topics + " got no leader in time");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw interruptedOrTimedOut("waiting for topic leaders", e);
            }
        }
    }

    private static IllegalStateException interruptedOrTimedOut(String what, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new IllegalStateException("interrupted while " + what, e);
        }
        return new IllegalStateException("timed out " + what, e);
    }
}
