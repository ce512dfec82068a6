package dev.pagerboy.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Runs {@link CompactedLayoutBench} on the test class path (it needs the job's writer and Flink's
 * file system, which the shell's launch class path leaves out), only when asked:
 *
 * <pre>
 * mvn -B -o -pl audit-shell -am -Dspotless.check.skip=true -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dtest=none -Dit.failIfNoSpecifiedTests=false -Dit.test=CompactedLayoutBenchTest \
 *     -Dpagerboy.bench.dir=/tmp/audit-bench/live -Dpagerboy.bench.rows=10000000 \
 *     -Dpagerboy.bench.filesPerHour=120 -Dpagerboy.bench.runs=5 verify
 * </pre>
 *
 * {@code -Dpagerboy.bench.settings="SET threads = 1;SET preserve_insertion_order = false"} runs
 * DuckDB settings on both archives first.
 */
@Tag("integration")
@Timeout(value = 120, unit = TimeUnit.MINUTES)
@EnabledIfSystemProperty(named = "pagerboy.bench.dir", matches = ".+")
class CompactedLayoutBenchTest {

    @Test
    void sqlBeforeAndAfterCompaction() throws Exception {
        List<String> args = new ArrayList<>();
        args.add(System.getProperty("pagerboy.bench.dir"));
        args.add(System.getProperty("pagerboy.bench.rows", "10000000"));
        args.add(System.getProperty("pagerboy.bench.filesPerHour", "120"));
        args.add(System.getProperty("pagerboy.bench.runs", "5"));
        args.add(System.getProperty("pagerboy.bench.hours", "720"));
        String settings = System.getProperty("pagerboy.bench.settings", "");
        for (String setting : settings.split(";")) {
            if (!setting.isBlank()) {
                args.add(setting.trim());
            }
        }
        CompactedLayoutBench.main(args.toArray(String[]::new));
    }
}
