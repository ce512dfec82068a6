package dev.pagerboy.streaming.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * Lists the entries of the shaded cluster jar ({@code target/pagerboy-job.jar}) and proves that
 * only the job and what it runs got in: no JMH, no Kafka broker (the Scala library, or any {@code
 * kafka/} or {@code org/apache/kafka/} entry that {@code kafka-clients} does not ship: the broker's
 * Scala classes live in {@code kafka/}, its Java modules in {@code org/apache/kafka/server}, {@code
 * raft}, {@code metadata}, {@code storage}, ...), no Anvil launcher, no dataset, devstack or tools
 * classes. The shade plugin has no exclusion list; this test is what keeps the module's
 * dependencies honest. It is in the integration tier because it needs {@code package} to have run.
 */
@Tag("integration")
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class ShadedJobJarTest {

    private static final Path JOB_JAR =
            Path.of(System.getProperty("pagerboy.root", ".."))
                    .resolve("streaming-job/target/pagerboy-job.jar");

    /** Entry prefixes that must not appear, each with what it would mean. */
    private static final List<String> FORBIDDEN =
            List.of(
                    "org/openjdk/jmh/", // JMH benchmarks
                    "scala/", // the Scala library the broker needs
                    "dev/pagerboy/contracts/anvil/", // the Anvil launcher
                    "dev/pagerboy/datasets/", // samples, converter, generator
                    "dev/pagerboy/devstack/", // embedded broker, local stack
                    "dev/pagerboy/tools/"); // demo, benches

    private static List<String> entries;

    @BeforeAll
    static void listTheJar() throws IOException {
        assertThat(JOB_JAR).as("run mvn package first").isRegularFile();
        entries = names(JOB_JAR);
    }

    @Test
    void holdsTheJobAndTheVm() {
        assertThat(entries)
                .contains(
                        "dev/pagerboy/streaming/StreamingJob.class",
                        "dev/pagerboy/streaming/Pipeline.class",
                        // --mode replay: the replay's job and its bounded Parquet sources
                        "dev/pagerboy/streaming/ReplayJob.class",
                        "dev/pagerboy/streaming/replay/ReplaySources.class",
                        "dev/pagerboy/vm/handler/HandlerRuntime.class",
                        "org/apache/kafka/clients/producer/KafkaProducer.class",
                        // ack signatures on libsecp256k1 (contracts' Secp256k1)
                        "fr/acinq/secp256k1/jni/native/linux-x86_64/libsecp256k1-jni.so");
    }

    /**
     * The job's ack check runs on libsecp256k1 from the jar alone, as a Flink task manager loads
     * it: the jar in its own class loader over one that holds only slf4j (Flink's lib/). Twice, in
     * two loaders, as after a job's resubmission: a native library loads into one class loader
     * only, so each must get its own copy.
     */
    @Test
    void loadsLibsecp256k1FromTheJarInEachUserCodeClassLoader() throws Exception {
        URL slf4j = LoggerFactory.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader flinkLib =
                new URLClassLoader(new URL[] {slf4j}, ClassLoader.getPlatformClassLoader())) {
            for (int submission = 1; submission <= 2; submission++) {
                try (URLClassLoader job =
                        new URLClassLoader(new URL[] {JOB_JAR.toUri().toURL()}, flinkLib)) {
                    Class<?> curve =
                            Class.forName("dev.pagerboy.contracts.ack.Secp256k1", true, job);
                    assertThat(curve.getClassLoader()).isSameAs(job);
                    Object preferred = curve.getMethod("get").invoke(null);
                    assertThat(curve.getMethod("backend").invoke(preferred))
                            .as("backend in user-code class loader %d", submission)
                            .hasToString("LIBSECP256K1");
                }
            }
        }
    }

    /**
     * What travels to the task managers names no class the jar leaves out: the ledger endpoint
     * rides in the anchoring sinks, and Flink reflects on it (a record) when it deserializes them.
     * Session 10 gave it a method taking the Anvil launcher, and {@code flink run} of a job with a
     * ledger failed with {@code NoClassDefFoundError: dev/pagerboy/contracts/anvil/AnvilNode}
     * (chaos R3).
     */
    @Test
    void theLedgerEndpointLoadsFromTheJarAlone() throws Exception {
        URL slf4j = LoggerFactory.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader flinkLib =
                        new URLClassLoader(
                                new URL[] {slf4j}, ClassLoader.getPlatformClassLoader());
                URLClassLoader job =
                        new URLClassLoader(new URL[] {JOB_JAR.toUri().toURL()}, flinkLib)) {
            Class<?> endpoint =
                    Class.forName("dev.pagerboy.streaming.anchor.LedgerEndpoint", true, job);
            assertThat(endpoint.getClassLoader()).isSameAs(job);
            assertThat(endpoint.getDeclaredMethods()).isNotEmpty();
            assertThat(endpoint.getRecordComponents()).hasSize(3);
        }
    }

    @Test
    void holdsNoBenchmarkBrokerAnvilDatasetOrToolClasses() {
        assertThat(entries.stream().filter(ShadedJobJarTest::isForbidden).limit(20))
                .as("entries of %s that belong to another module", JOB_JAR)
                .isEmpty();
    }

    @Test
    void holdsOnlyTheKafkaClientsOfKafka() throws Exception {
        Set<String> clients = Set.copyOf(names(kafkaClientsJar()));
        assertThat(
                        entries.stream()
                                .filter(
                                        e ->
                                                e.startsWith("org/apache/kafka/")
                                                        || e.startsWith("kafka/"))
                                .filter(e -> !e.endsWith("/"))
                                .filter(e -> !clients.contains(e))
                                .limit(20))
                .as("Kafka entries of %s not shipped by kafka-clients", JOB_JAR)
                .isEmpty();
    }

    static boolean isForbidden(String entry) {
        return FORBIDDEN.stream().anyMatch(entry::startsWith);
    }

    private static Path kafkaClientsJar() throws URISyntaxException {
        Path jar =
                Path.of(
                        KafkaProducer.class
                                .getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .toURI());
        assertThat(Files.isRegularFile(jar)).as("kafka-clients jar %s", jar).isTrue();
        return jar;
    }

    private static List<String> names(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(ZipEntry::getName).collect(Collectors.toList());
        }
    }
}
