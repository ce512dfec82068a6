package dev.pagerboy.datasets.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RuleCatalogTest {
    static Path raw() {
        return Path.of(System.getProperty("pagerboy.shared", "../../shared"))
                .resolve("datasets-raw");
    }

    @Test
    void bundledCatalogIsWhatTheRawCollectionsGive() {
        RuleCatalog fromRaw = RuleCollections.load(raw());
        assertThat(RuleCatalog.bundled().rules()).isEqualTo(fromRaw.rules());
        assertThat(RuleCatalog.bundled().toTsv()).isEqualTo(fromRaw.toTsv());
    }

    @Test
    void holdsBothCollectionsWithTheirSeverities() {
        RuleCatalog catalog = RuleCatalog.bundled();
        // SOURCE.txt of awesome-prometheus-alerts: 1155 rules, warning 671, critical 453, info 31.
        assertThat(
                        catalog.rules().stream()
                                .filter(r -> r.collection().equals("awesome-prometheus-alerts")))
                .hasSize(1155);
        assertThat(
                        catalog.rules().stream()
                                .filter(r -> r.collection().equals("awesome-prometheus-alerts"))
                                .filter(r -> r.severity().equals("warning")))
                .hasSize(671);
        assertThat(catalog.rules().stream().filter(r -> r.collection().equals("kube-prometheus")))
                .hasSize(137);
        assertThat(catalog.teams()).hasSize(14).contains("databases", "kubernetes");
        assertThat(catalog.rules()).allMatch(r -> r.alertname().matches("[A-Za-z0-9_]+"));
    }

    @Test
    void namesFollowTheCollectionsOwnConventions() {
        assertThat(RuleCollections.camelCase("Prometheus target missing"))
                .isEqualTo("PrometheusTargetMissing");
        assertThat(RuleCollections.slug("Proxies, load balancers and service meshes"))
                .isEqualTo("proxies-load-balancers-and-service-meshes");
    }
}
