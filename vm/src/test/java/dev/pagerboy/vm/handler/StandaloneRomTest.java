package dev.pagerboy.vm.handler;

import static dev.pagerboy.vm.handler.TestAlerts.SATURDAY_NIGHT;
import static dev.pagerboy.vm.handler.TestAlerts.alert;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.vm.Cartridge;
import dev.pagerboy.vm.GameBoy;
import dev.pagerboy.vm.asm.AsmOptions;
import dev.pagerboy.vm.asm.AssembledRom;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A standalone ROM boots from $0100 like on a real Game Boy (no runtime), runs the handler on the
 * embedded alert and prints the same decision the runtime returns for that alert.
 */
class StandaloneRomTest {

    @Test
    void printsTheRuntimesDecisionOnSerial() throws Exception {
        HandlerInput[] alerts = {
            alert(
                    "firing",
                    "KubeletDown",
                    Map.of("severity", "critical", "job", "kubelet", "namespace", "kube-system"),
                    TestAlerts.T0,
                    0),
            alert(
                    "firing",
                    "NodeClockSkewDetected",
                    Map.of("severity", "warning", "job", "node-exporter"),
                    SATURDAY_NIGHT,
                    0),
            alert("firing", "Watchdog", Map.of("severity", "sev-7"), SATURDAY_NIGHT, 0),
        };
        for (String name : List.of("route-by-label", "business-hours", "severity")) {
            Path source =
                    Path.of(System.getProperty("pagerboy.root"), "vm", "handlers", name + ".asm");
            for (HandlerInput in : alerts) {
                AssembledRom rom = StandaloneRom.build(List.of(source), in, AsmOptions.defaults());
                GameBoy gb = new GameBoy(Cartridge.fromBytes(rom.rom()));
                gb.run(2_000_000);
                String serial = gb.serialText();
                assertThat(serial).as(name).endsWith("\nEND\n");
                HandlerResult expected = new HandlerRuntime(HandlerRom.library(name)).run(in, null);
                assertThat(serial)
                        .as(name + " on " + in.alertname())
                        .isEqualTo(expectedText(expected.decision()));
            }
        }
    }

    private static String expectedText(Decision d) {
        StringBuilder s = new StringBuilder();
        s.append("severity=").append(d.severity()).append('\n');
        s.append("route=").append(d.routeId()).append('\n');
        s.append("suppress=").append(d.suppress()).append('\n');
        s.append("escalation=").append(d.escalationPolicyId()).append('\n');
        s.append("summary=").append(d.summary()).append('\n');
        new TreeMap<>(d.addedLabels())
                .forEach((k, v) -> s.append("label ").append(k).append('=').append(v).append('\n'));
        s.append("truncated=").append(d.truncated()).append('\n');
        return s.append("END\n").toString();
    }

    @Test
    void withoutAnEmbeddedAlertTheRomSaysSo() throws Exception {
        GameBoy gb = new GameBoy(HandlerRom.library("severity").cartridge());
        gb.run(1_000_000);
        assertThat(gb.serialText()).startsWith("no alert embedded").endsWith("END\n");
    }
}
