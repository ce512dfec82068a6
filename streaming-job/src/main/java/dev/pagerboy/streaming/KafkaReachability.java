package dev.pagerboy.streaming;

import dev.pagerboy.cli.CommandFailure;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;

/**
 * Asks the brokers for their cluster id before a local job starts. Without this a job whose Kafka
 * is down starts anyway, its sources retry for minutes and then fail with pages of Flink traces;
 * with it the user gets one line naming the servers within seconds.
 */
final class KafkaReachability {

    private KafkaReachability() {}

    /**
     * Returns when a broker of {@code bootstrapServers} answers within {@code timeout}.
     *
     * @throws CommandFailure naming the servers otherwise
     */
    static void require(String bootstrapServers, Duration timeout) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        props.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, 1000L);
        props.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, 2000L);
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000L);
        String problem;
        try (Admin admin = Admin.create(props)) {
            try {
                admin.describeCluster().clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException | ExecutionException e) {
                problem = "no broker answered within " + timeout.toSeconds() + " s";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                problem = "interrupted";
            } finally {
                admin.close(Duration.ZERO);
            }
        } catch (KafkaException e) {
            problem = e.getMessage();
        }
        throw new CommandFailure(
                "Kafka at "
                        + bootstrapServers
                        + " is unreachable: "
                        + problem
                        + " (is './pagerboy stack' running? --bootstrap-servers names another)");
    }
}
