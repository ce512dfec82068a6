package dev.pagerboy.tools.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Reading {@code jcmd}'s class histogram and metaspace report of a TaskManager. */
class JobClassLoadersTest {

    private static final String HISTOGRAM =
            """
            12345:
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:         84105        9370824  [B (java.base@17.0.15)
            1560:             3            312  org.apache.flink.util.ChildFirstClassLoader
            1561:             3            312  org.apache.flink.util.FlinkUserCodeClassLoaders$SafetyNetWrapperClassLoader
            1562:             1            104  org.apache.flink.util.FlinkUserCodeClassLoaders$ParentFirstClassLoader
            1563:             1            104  org.apache.flink.core.classloading.SubmoduleClassLoader
            Total        402330       28317040
            """;

    private static final String METASPACE =
            """
            12345:

            Total Usage - 1179 loaders, 25682 classes (1332 shared):
              Non-Class: 7000 chunks,    130.00 MB capacity,  129.00 MB (>99%) committed,   128.00 MB ( 99%) used,     1.00 MB ( <1%) free,     6.00 KB ( <1%) waste
                  Class: 2409 chunks,     18.84 MB capacity,   18.84 MB (>99%) committed,    18.69 MB ( 99%) used,   140.00 KB ( <1%) free,     0.65 KB ( <1%) waste
                   Both: 9409 chunks,    148.84 MB capacity,  147.84 MB (>99%) committed,   146.69 MB ( 99%) used,     1.14 MB ( <1%) free,     6.65 KB ( <1%) waste
            """;

    @Test
    void countsChildFirstAndParentFirstJobLoadersButNotTheirWrappersOrFlinksOwn() {
        JobClassLoaders held = JobClassLoaders.parse(HISTOGRAM, METASPACE);

        assertThat(held.loaders()).isEqualTo(4);
        assertThat(held.metaspaceMegabytes()).isEqualTo(146);
        assertThat(held.bounded()).as("4 ended jobs' loaders is a leak").isFalse();
    }

    @Test
    void noJobLoaderIsZero() {
        String empty =
                HISTOGRAM
                        .lines()
                        .filter(l -> !l.contains("First"))
                        .reduce("", (a, b) -> a + b + "\n");

        assertThat(JobClassLoaders.parse(empty, METASPACE).loaders()).isZero();
        assertThat(JobClassLoaders.parse(empty, METASPACE).bounded()).isTrue();
    }

    @Test
    void theFewLoadersTheJvmKeepsAreWithinTheBound() {
        assertThat(new JobClassLoaders(JobClassLoaders.RETAINED_AT_MOST, 0).bounded()).isTrue();
        assertThat(new JobClassLoaders(JobClassLoaders.RETAINED_AT_MOST + 1, 0).bounded())
                .isFalse();
    }

    @Test
    void aReportWithoutTheMetaspaceLineIsAnError() {
        assertThatThrownBy(() -> JobClassLoaders.parse(HISTOGRAM, "12345:\nno such command"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Both");
    }
}
