package dev.pagerboy.gateway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.alerts.ack.AckAction;
import dev.pagerboy.alerts.ack.SignedAck;
import dev.pagerboy.contracts.ack.AckSignature;
import dev.pagerboy.devstack.KafkaBrokerExtension;
import dev.pagerboy.gateway.AckCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/** {@code ./pagerboy ack}: a self-signed ack of the key's owner on the acks topic. */
@Tag("integration")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AckCommandTest {

    @RegisterExtension static final KafkaBrokerExtension kafka = new KafkaBrokerExtension();
    @TempDir Path dir;

    static final String KEY = "8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f";
    static final String ID = "3f2a9c1d0b7e6a55-1796529600000";

    @Test
    void signsLocallyAndWritesASelfSignedResolve() throws Exception {
        kafka.createTopics("acks");
        Path key = dir.resolve("me.key");
        Files.writeString(key, "0x" + KEY + "\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status =
                AckCommand.run(
                        new String[] {
                            ID,
                            "--key",
                            key.toString(),
                            "--resolve",
                            "--bootstrap-servers",
                            kafka.bootstrapServers()
                        },
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        SignedAck ack =
                SignedAck.read(
                        new ObjectMapper()
                                .readTree(kafka.awaitCommitted("acks", 1).get(0).value()));
        String me = Credentials.create(KEY).getAddress();
        assertThat(ack.text().incidentId()).isEqualTo(ID);
        assertThat(ack.text().action()).isEqualTo(AckAction.RESOLVE);
        assertThat(ack.text().engineer()).isEqualTo(me);
        assertThat(AckSignature.fromHex(ack.signature()).recoverSigner(ack.text())).isEqualTo(me);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("resolve of " + ID);
    }

    @Test
    void aMissingKeyFileIsAPlainUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status =
                AckCommand.run(
                        new String[] {
                            ID,
                            "--key",
                            dir.resolve("nope.key").toString(),
                            "--bootstrap-servers",
                            "x:1"
                        },
                        new PrintStream(new ByteArrayOutputStream()),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--key")
                .doesNotContain("Exception");
    }
}
