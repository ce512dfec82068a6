package dev.pagerboy.tools.bench;

import dev.pagerboy.devstack.KafkaBrokerExtension;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ArchiveRowsPerAlertTest} with the benchmark's history input (the generated timestamps), on
 * a broker of its own so that the two inputs never share a topic.
 */
@Tag("integration")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ArchiveRowsPerAlertHistoryTest {

    @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

    @TempDir Path work;

    @Test
    void historyInputKeepsAtMostThreeRowsPerAlert() throws Exception {
        ArchiveRowsPerAlertTest.measure(KAFKA, work, true);
    }
}
