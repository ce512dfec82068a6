package dev.pagerboy.tools.chaos;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast tier of the chaos scenarios, in {@code mvn verify}: a TaskManager killed (R1) and an
 * archive outage (R7), each over {@value ChaosTestStage#DEFAULT_ALERTS} generated alerts with one
 * fault, on one stage and one fault-free reference run (R4 passes since session 9 but moves 620 MB
 * of hostile records, too slow for this tier). The other scenarios take longer (R5 runs the job six
 * times, R3 twice, R2 and R6 wait out an outage) and run in {@link ChaosLongScenariosTest}; {@code
 * ./pagerboy chaos all} is the full version. Each test fails when its books do not balance: an
 * at-least-once notifications sink makes R1 report duplicates (docs/RELIABILITY.md).
 */
@Tag("integration")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosScenariosTest {

    @TempDir static Path work;

    private static ChaosTestStage stage;

    @BeforeAll
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    static void startStage() {
        stage = ChaosTestStage.start(work);
    }

    @AfterAll
    static void stopStage() {
        if (stage != null) {
            stage.close();
        }
    }

    @Test
    @Order(1)
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void r1TaskManagerKillLosesAndDuplicatesNothing() {
        stage.assertPasses(Scenario.R1);
    }

    @Test
    @Order(2)
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void r7ArchiveOutageNeverCommitsACheckpointWithoutItsFiles() {
        stage.assertPasses(Scenario.R7);
    }
}
