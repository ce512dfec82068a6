package dev.pagerboy.streaming.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pagerboy.datasets.Envelope;
import dev.pagerboy.datasets.io.EnvelopeReader;
import dev.pagerboy.streaming.routing.MatchedRoute;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped configuration against the shipped sample: the demo must exercise the whole product,
 * so every receiver gets alerts routed to it and every handler ROM of the standard library is the
 * ROM of some alert's first route (the one the job runs). A route that names a team the sample does
 * not have would leave a receiver silent, as the demo's {@code team="db"} routes once did.
 */
class ShippedConfigCoverageTest {

    private static final List<String> LIBRARY =
            List.of(
                    "business-hours",
                    "flap-detector",
                    "route-by-label",
                    "severity",
                    "storm-throttle");

    private static PagerBoyConfig config;
    private static final Map<String, Long> alertsByReceiver = new TreeMap<>();
    private static final Map<String, Long> alertsByRom = new TreeMap<>();

    @BeforeAll
    static void routeTheSample() throws Exception {
        Path root = Path.of(System.getProperty("pagerboy.root", ".."));
        config = PagerBoyConfig.load(root.resolve("streaming-job/config/pagerboy.yaml"));
        ObjectMapper json = new ObjectMapper();
        for (Envelope e :
                EnvelopeReader.readAll(
                        root.resolve("datasets/samples/pcic2021-3w.alertmanager.jsonl.gz"))) {
            for (JsonNode alert : json.readTree(e.payload()).get("alerts")) {
                Map<String, String> labels = new TreeMap<>();
                alert.get("labels")
                        .fields()
                        .forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
                List<MatchedRoute> routes = config.routes().match(labels);
                routes.forEach(r -> alertsByReceiver.merge(r.receiver(), 1L, Long::sum));
                String rom = routes.get(0).handlerRom().path();
                alertsByRom.merge(
                        rom.substring(rom.lastIndexOf('/') + 1).replace(".gb", ""), 1L, Long::sum);
            }
        }
    }

    @Test
    void everyReceiverGetsAlertsFromTheSample() {
        assertThat(alertsByReceiver.keySet())
                .containsExactlyInAnyOrderElementsOf(config.receivers().keySet());
    }

    @Test
    void everyLibraryHandlerRunsOnSomeAlertOfTheSample() {
        assertThat(alertsByRom.keySet()).containsExactlyInAnyOrderElementsOf(LIBRARY);
    }
}
