package dev.pagerboy.contracts.anvil;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A JVM that exits (or is sent SIGTERM) without closing its node leaves no Anvil behind. */
@Tag("integration")
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class AnvilNodeShutdownHookTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"exit", "wait"})
    void theShutdownHookStopsTheNodeWhenTheJvmEnds(String mode) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child =
                new ProcessBuilder(
                                List.of(
                                        java,
                                        "-cp",
                                        System.getProperty("java.class.path"),
                                        "-D"
                                                + AnvilBinary.ROOT_PROPERTY
                                                + "="
                                                + System.getProperty(AnvilBinary.ROOT_PROPERTY, ""),
                                        AnvilShutdownHookProbe.class.getName(),
                                        mode))
                        .redirectErrorStream(true)
                        .start();
        try {
            Map<String, String> reported = new HashMap<>();
            BufferedReader out =
                    new BufferedReader(
                            new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while (reported.size() < 2 && (line = out.readLine()) != null) {
                String[] kv = line.split("=", 2);
                if (kv.length == 2 && kv[0].startsWith("anvil-")) {
                    reported.put(kv[0], kv[1]);
                }
            }
            assertThat(reported).containsKeys("anvil-pid", "anvil-workdir");
            long pid = Long.parseLong(reported.get("anvil-pid"));

            if (mode.equals("wait")) {
                child.destroy(); // SIGTERM: the JVM runs its shutdown hooks
            }
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
            assertThat(Path.of(reported.get("anvil-workdir"))).doesNotExist();
        } finally {
            child.destroyForcibly();
        }
    }
}
