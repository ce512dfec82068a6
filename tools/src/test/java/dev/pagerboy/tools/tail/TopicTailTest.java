package dev.pagerboy.tools.tail;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.devstack.KafkaBrokerExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ./pagerboy tail} against a real broker: it shows committed records as readable lines and
 * never a record of an aborted transaction, which is what a downstream consumer would also miss.
 */
@Tag("integration")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class TopicTailTest {

    @RegisterExtension static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();

    private static final String PAGE =
            """
            {"idempotencyKey":"ab12-1-%d","receiver":"team-runtimes","routeId":"{}/0",
             "groupKey":"g","flushSequence":%d,"eventTime":1621558252000,"status":"firing",
             "groupLabels":{"alertname":"HostDown","instance":"web-1"},"alerts":[{},{}]}
            """;

    @Test
    void printsCommittedNotificationsAndSkipsAbortedOnes() throws Exception {
        kafka.createTopics(2, "notifications");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(kafka.transactionalProducerProperties("tail-test"))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(page(1));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(page(99));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(page(2));
            producer.commitTransaction();
        }

        Run run = tail("notifications", "--from-beginning", "--max", "2");

        assertThat(run.status).isZero();
        assertThat(run.out.lines())
                .containsExactlyInAnyOrder(
                        "2021-05-21T00:50:52Z  firing   team-runtimes        {alertname=HostDown,"
                                + " instance=web-1}  2 alerts  key=ab12-1-1",
                        "2021-05-21T00:50:52Z  firing   team-runtimes        {alertname=HostDown,"
                                + " instance=web-1}  2 alerts  key=ab12-1-2");
    }

    @Test
    void printsADeadLetterWithItsSourceReasonAndRawBytes() throws Exception {
        kafka.createTopics(1, "dead-letters");
        String letter =
                "{\"reason\":\"invalid JSON at line 1 column 2\",\"rawBase64\":\""
                        + Base64.getEncoder().encodeToString("{oops".getBytes(UTF_8))
                        + "\",\"topic\":\"alerts\",\"partition\":1,\"offset\":15,"
                        + "\"eventTime\":1621558252000}";
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(kafka.producerProperties())) {
            producer.send(new ProducerRecord<>("dead-letters", letter.getBytes(UTF_8))).get();
        }

        Run run = tail("dead-letters", "--from-beginning", "--max", "1");

        assertThat(run.out.strip())
                .isEqualTo(
                        "2021-05-21T00:50:52Z  alerts/1@15  invalid JSON at line 1 column 2  |"
                                + " {oops");
    }

    @Test
    void withIdleItEndsOnceNothingMoreArrives() {
        kafka.createTopics(1, "quiet");
        Run run = tail("quiet", "--from-beginning", "--idle", "1");
        assertThat(run.status).isZero();
        assertThat(run.out).isEmpty();
    }

    @Test
    void aMissingTopicIsOneLineAndStatusOne() {
        Run run = tail("no-such-topic", "--from-beginning", "--max", "1");
        assertThat(run.status).isEqualTo(1);
        assertThat(run.err.strip())
                .startsWith("pagerboy tail: topic 'no-such-topic' does not exist");
    }

    @Test
    void anUnknownFlagIsUsageErrorNamingTheFlag() {
        Run run = tail("notifications", "--form-beginning");
        assertThat(run.status).isEqualTo(2);
        assertThat(run.err).contains("--form-beginning");
    }

    private static ProducerRecord<byte[], byte[]> page(int sequence) {
        return new ProducerRecord<>(
                "notifications", String.format(PAGE, sequence, sequence).getBytes(UTF_8));
    }

    private record Run(int status, String out, String err) {}

    private static Run tail(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--bootstrap-servers";
        all[args.length + 1] = kafka.bootstrapServers();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status =
                TopicTail.run(
                        all, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));
        return new Run(status, out.toString(UTF_8), err.toString(UTF_8));
    }
}
