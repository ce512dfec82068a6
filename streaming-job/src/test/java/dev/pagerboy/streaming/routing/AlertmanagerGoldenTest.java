package dev.pagerboy.streaming.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pagerboy.streaming.config.ConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * PagerBoy against Alertmanager 0.25 itself, through the golden files (see {@link
 * AlertmanagerGolden}): the receivers {@code amtool config routes test} printed, the group keys
 * Alertmanager's webhooks carried, and {@code amtool check-config}'s verdicts (for matcher and
 * regex errors also its words). Every case must agree; a failure lists each disagreeing case with
 * both answers.
 */
class AlertmanagerGoldenTest {

    @TempDir Path dir;

    private static final Map<String, Map<String, String>> LABELS =
            AlertmanagerGolden.acceptedLabels();

    @TestFactory
    Stream<DynamicTest> receiversAreAmtools() {
        JsonNode golden = AlertmanagerGolden.read("receivers.json").get("configs");
        return AlertmanagerGolden.inputs("configs").entrySet().stream()
                .map(
                        config ->
                                DynamicTest.dynamicTest(
                                        config.getKey(),
                                        () -> {
                                            RouteTree tree =
                                                    AlertmanagerGolden.load(config.getValue(), dir)
                                                            .routes();
                                            List<String> wrong = new ArrayList<>();
                                            JsonNode expected = golden.get(config.getKey());
                                            int compared = 0;
                                            for (var c : LABELS.entrySet()) {
                                                JsonNode want = expected.get(c.getKey());
                                                if (want.isNull()) {
                                                    continue; // NUL cannot pass through amtool's
                                                    // argv
                                                }
                                                compared++;
                                                String got = receivers(tree, c.getValue());
                                                if (!got.equals(want.asText())) {
                                                    wrong.add(
                                                            c.getKey()
                                                                    + " "
                                                                    + c.getValue()
                                                                    + ": amtool "
                                                                    + want.asText()
                                                                    + ", PagerBoy "
                                                                    + got);
                                                }
                                            }
                                            assertThat(compared).isGreaterThan(290);
                                            assertThat(wrong).isEmpty();
                                        }));
    }

    @TestFactory
    Stream<DynamicTest> groupKeysAreAlertmanagers() {
        JsonNode golden = AlertmanagerGolden.read("groupkeys.json").get("configs");
        return AlertmanagerGolden.inputs("configs").entrySet().stream()
                .map(
                        config ->
                                DynamicTest.dynamicTest(
                                        config.getKey(),
                                        () -> {
                                            RouteTree tree =
                                                    AlertmanagerGolden.load(config.getValue(), dir)
                                                            .routes();
                                            List<String> wrong = new ArrayList<>();
                                            JsonNode expected = golden.get(config.getKey());
                                            for (var c : LABELS.entrySet()) {
                                                List<String> want = new ArrayList<>();
                                                for (JsonNode n : expected.get(c.getKey())) {
                                                    want.add(
                                                            n.get("receiver").asText()
                                                                    + " "
                                                                    + n.get("groupKey").asText());
                                                }
                                                List<String> got = groupKeys(tree, c.getValue());
                                                if (!got.equals(want)) {
                                                    wrong.add(
                                                            c.getKey()
                                                                    + ":\n  Alertmanager "
                                                                    + want
                                                                    + "\n  PagerBoy     "
                                                                    + got);
                                                }
                                            }
                                            assertThat(expected.size()).isEqualTo(LABELS.size());
                                            assertThat(wrong).isEmpty();
                                        }));
    }

    @Test
    void acceptsTheConfigsAmtoolAccepts() {
        JsonNode golden = AlertmanagerGolden.read("acceptance.json").get("files");
        List<String> wrong = new ArrayList<>();
        Map<String, Path> inputs = AlertmanagerGolden.inputs("acceptance");
        for (var file : inputs.entrySet()) {
            JsonNode want = golden.get(file.getKey());
            String error = null;
            try {
                AlertmanagerGolden.load(file.getValue(), dir);
            } catch (ConfigException e) {
                error = e.getMessage();
            }
            boolean valid = want.get("valid").asBoolean();
            String reason = valid ? null : amtoolReason(want.get("output").asText());
            boolean sameWords =
                    valid
                            || error == null
                            || !(file.getKey().startsWith("re-")
                                    || file.getKey().startsWith("matcher-"))
                            || error.endsWith(": " + reason);
            if (valid != (error == null) || !sameWords) {
                wrong.add(
                        file.getKey()
                                + ": amtool "
                                + (valid ? "accepts" : "rejects: " + want.get("output").asText())
                                + "; PagerBoy "
                                + (error == null ? "accepts" : "rejects: " + error));
            }
        }
        assertThat(inputs).hasSizeGreaterThan(60);
        assertThat(wrong).isEmpty();
    }

    /** The reason in {@code Checking 'f.yml' FAILED: <reason>}. */
    private static String amtoolReason(String output) {
        String rest = output.substring(output.indexOf("FAILED: ") + "FAILED: ".length());
        return rest.substring(0, rest.indexOf('\n'));
    }

    private static String receivers(RouteTree tree, Map<String, String> labels) {
        List<String> names = new ArrayList<>();
        for (MatchedRoute r : tree.match(labels)) {
            names.add(r.receiver());
        }
        return String.join(",", names);
    }

    private static List<String> groupKeys(RouteTree tree, Map<String, String> labels) {
        List<String> keys = new ArrayList<>();
        for (MatchedRoute r : tree.match(labels)) {
            keys.add(r.receiver() + " " + RouteTree.groupKey(r, labels));
        }
        keys.sort(null);
        return keys;
    }
}
