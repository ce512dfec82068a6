package dev.pagerboy.streaming.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.datasets.Envelope;
import dev.pagerboy.datasets.io.EnvelopeReader;
import dev.pagerboy.streaming.config.PagerBoyConfig;
import dev.pagerboy.streaming.ingest.AlertParser;
import dev.pagerboy.streaming.records.Alert;
import dev.pagerboy.streaming.records.RawInput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Pins the routing decisions of the shipped sample (both sample datasets through the routing tree
 * that was shipped then, frozen in {@code sample-routing-config.yaml}): for every distinct alert,
 * the routes it reaches, the labels it is grouped by there and how many inputs gave that decision.
 * The snapshot {@code sample-routing.tsv} was written by the code before Alertmanager parity (issue
 * 21); the same decisions mean the same groups and so the same notifications. Run with {@code
 * -Dpagerboy.snapshot.write=true} to rewrite it, and explain any change in the commit.
 */
class SampleRoutingTest {

    private static final Path SNAPSHOT = Path.of("src/test/resources/routing/sample-routing.tsv");

    @Test
    void routesTheShippedSampleAsBefore() throws Exception {
        Path root = Path.of(System.getProperty("pagerboy.root"));
        RouteTree routes =
                PagerBoyConfig.load(
                                Path.of("src/test/resources/routing/sample-routing-config.yaml"))
                        .routes();
        Map<String, Integer> lines = new TreeMap<>();
        for (String dataset :
                List.of("pcic2021-3w.alertmanager.jsonl.gz", "pcic2021-3w.pagerduty.jsonl.gz")) {
            AlertParser parser = new AlertParser();
            long offset = 0;
            for (Envelope e : EnvelopeReader.readAll(root.resolve("datasets/samples/" + dataset))) {
                RawInput raw =
                        new RawInput(
                                "alerts",
                                0,
                                offset++,
                                e.ts(),
                                null,
                                e.payload().getBytes(StandardCharsets.UTF_8));
                for (Alert alert : parser.parse(raw).alerts()) {
                    for (MatchedRoute route : routes.match(alert.labels())) {
                        Map<String, String> group =
                                new TreeMap<>(RouteTree.groupLabels(route, alert.labels()));
                        lines.merge(
                                alert.fingerprint() + "\t" + route.id() + "\t" + group,
                                1,
                                Integer::sum);
                    }
                }
            }
        }
        StringBuilder actual = new StringBuilder();
        lines.forEach((line, count) -> actual.append(line).append('\t').append(count).append('\n'));
        if (Boolean.getBoolean("pagerboy.snapshot.write")) {
            Files.createDirectories(SNAPSHOT.getParent());
            Files.writeString(SNAPSHOT, actual);
        }
        assertThat(lines).hasSizeGreaterThan(100);
        assertThat(actual.toString()).isEqualTo(Files.readString(SNAPSHOT));
    }
}
