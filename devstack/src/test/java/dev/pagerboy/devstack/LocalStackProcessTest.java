package dev.pagerboy.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code ./pagerboy stack} as a real process: it serves Kafka and Anvil at the printed addresses,
 * and SIGTERM stops it without leaving any descendant process.
 */
@Tag("integration")
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LocalStackProcessTest {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private Process process;

    @AfterEach
    void killLeftovers() {
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    @Test
    void servesKafkaAndAnvilUntilSigtermThenLeavesNoProcess() throws Exception {
        process = start("--partitions", "1");
        BlockingQueue<String> lines = pump(process);
        Map<String, String> printed = awaitAddresses(lines);
        String bootstrap = printed.get("bootstrap.servers");
        String rpcUrl = printed.get("rpc.url");

        List<ProcessHandle> descendants = process.descendants().toList();
        assertThat(descendants).as("the Anvil child process").isNotEmpty();

        try (Admin admin = Admin.create(adminProperties(bootstrap))) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .containsAll(StandardTopics.ALL);
        }
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(producerProperties(bootstrap))) {
            producer.send(new ProducerRecord<>(StandardTopics.ALERTS, "k", "hello")).get();
        }
        assertThat(
                        CommittedRecords.readAll(
                                bootstrap, StandardTopics.ALERTS, Duration.ofSeconds(30)))
                .hasSize(1);
        assertThat(ethChainId(rpcUrl)).contains("\"result\":\"0x7a69\""); // 31337

        // SIGTERM through the handle: Process.destroy() would also close our end of its output.
        assertThat(process.toHandle().destroy()).isTrue();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
        List<String> rest = awaitOutput(lines, "Stopped.");
        String keyFile =
                rest.stream()
                        .filter(l -> l.startsWith("deployer.key.file="))
                        .findFirst()
                        .orElseThrow()
                        .substring("deployer.key.file=".length());
        assertThat(rest)
                .anyMatch(
                        l ->
                                l.startsWith("Deploy the ledger with the funded dev key")
                                        && l.endsWith(
                                                "ledger deploy --rpc "
                                                        + rpcUrl
                                                        + " --key "
                                                        + keyFile));
        Path key = Path.of(keyFile);
        if (!key.isAbsolute()) {
            key = Path.of(System.getProperty("pagerboy.root")).resolve(key);
        }
        assertThat(java.nio.file.Files.readString(key).strip()).matches("0x[0-9a-f]{64}");
        for (ProcessHandle child : descendants) {
            child.onExit().get(10, TimeUnit.SECONDS);
            assertThat(child.isAlive()).as("descendant %d", child.pid()).isFalse();
        }
        assertThat(portIsClosed(bootstrap)).as("Kafka port closed").isTrue();
    }

    @Test
    void badFlagExitsWithStatusTwoAndAMessage() throws Exception {
        process = start("--partitions", "zero");
        BlockingQueue<String> lines = pump(process);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        awaitOutput(
                lines,
                "pagerboy stack: Invalid value for option '--partitions': needs a whole number,"
                        + " got 'zero'");
    }

    private static Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dpagerboy.root=" + System.getProperty("pagerboy.root"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(LocalStackMain.class.getName());
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /**
     * Copies the process's output into a queue, line by line, for the whole life of the process.
     */
    private static BlockingQueue<String> pump(Process process) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader =
                new Thread(
                        () -> {
                            try (BufferedReader in =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    process.getInputStream(),
                                                    StandardCharsets.UTF_8))) {
                                in.lines().forEach(lines::add);
                            } catch (IOException | UncheckedIOException ignored) {
                                // the process ended
                            }
                        },
                        "stack-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static Map<String, String> awaitAddresses(BlockingQueue<String> lines)
            throws InterruptedException {
        String bootstrap = null;
        String rpc = null;
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (bootstrap == null || rpc == null) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("the stack printed no addresses in time; output: " + seen);
            }
            seen.add(line);
            if (line.startsWith("bootstrap.servers=")) {
                bootstrap = line.substring("bootstrap.servers=".length());
            } else if (line.startsWith("rpc.url=")) {
                rpc = line.substring("rpc.url=".length());
            }
        }
        return Map.of("bootstrap.servers", bootstrap, "rpc.url", rpc);
    }

    /**
     * Waits until the reader thread has passed on {@code expected}, a whole line of output; returns
     * the lines seen meanwhile.
     */
    private static List<String> awaitOutput(BlockingQueue<String> lines, String expected) {
        List<String> seen = new ArrayList<>();
        await("output line " + expected)
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .untilAsserted(
                        () -> {
                            lines.drainTo(seen);
                            assertThat(seen).contains(expected);
                        });
        return seen;
    }

    private static String ethChainId(String rpcUrl) throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(rpcUrl))
                        .header("Content-Type", "application/json")
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}"))
                        .timeout(Duration.ofSeconds(10))
                        .build();
        return HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static boolean portIsClosed(String hostPort) throws IOException {
        String[] parts = hostPort.split(":");
        try (Socket ignored = new Socket(parts[0], Integer.parseInt(parts[1]))) {
            return false;
        } catch (ConnectException refused) {
            return true;
        }
    }

    private static Properties adminProperties(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return p;
    }

    private static Properties producerProperties(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return p;
    }
}
