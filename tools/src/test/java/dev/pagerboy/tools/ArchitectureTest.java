package dev.pagerboy.tools;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module rules of docs/ARCHITECTURE.md, checked on the compiled main classes of every module
 * (this module depends on all of them, so they are all on its test class path). A module is known
 * by its package, {@code dev.pagerboy.<module>} ({@code dev.pagerboy.audit} for audit-shell, whose
 * jar alone, without Spring, is on the test class path); {@code alerts} is an optional layer.
 *
 * <p>Test classes are left out: test-scope arrows (a test using a lower module's fixture, the
 * cluster's tests submitting the job jar) are allowed.
 *
 * <p>Plain JUnit tests that check ArchUnit rules (rather than ArchUnit's own engine), so that
 * Surefire's {@code -Dtest=} filter selects them like any other test.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes =
                new ClassFileImporter()
                        .withImportOption(new MainClassesOnly())
                        .importPackages("dev.pagerboy");
    }

    @Test
    void modulesDependOnlyOnModulesBelowThem() {
        MODULES_DEPEND_ONLY_ON_MODULES_BELOW_THEM.check(classes);
    }

    @Test
    void packagesHaveNoCycles() {
        NO_PACKAGE_CYCLES.check(classes);
    }

    @Test
    void springIsUsedOnlyByTheAuditShell() {
        NO_SPRING_OUTSIDE_THE_AUDIT_SHELL.check(classes);
    }

    @Test
    void auditShellClassesAreChecked() {
        assertThat(classes.containPackage("dev.pagerboy.audit"))
                .as("audit-shell's classes on this module's test class path")
                .isTrue();
    }

    @Test
    void flinkIsUsedOnlyByTheJobReplayAndTools() {
        NO_FLINK_OUTSIDE_THE_JOB_REPLAY_AND_TOOLS.check(classes);
    }

    /** Arrows only point down: each module may use only the modules its row names. */
    static final ArchRule MODULES_DEPEND_ONLY_ON_MODULES_BELOW_THEM =
            layeredArchitecture()
                    .consideringOnlyDependenciesInLayers()
                    .optionalLayer("alerts")
                    .definedBy("dev.pagerboy.alerts..")
                    .layer("cli")
                    .definedBy("dev.pagerboy.cli..")
                    .layer("vm")
                    .definedBy("dev.pagerboy.vm..")
                    .layer("contracts")
                    .definedBy("dev.pagerboy.contracts..")
                    .layer("datasets")
                    .definedBy("dev.pagerboy.datasets..")
                    .layer("devstack")
                    .definedBy("dev.pagerboy.devstack..")
                    .layer("streaming-job")
                    .definedBy("dev.pagerboy.streaming..")
                    .layer("dispatcher")
                    .definedBy("dev.pagerboy.dispatcher..")
                    .layer("gateway")
                    .definedBy("dev.pagerboy.gateway..")
                    .layer("replay")
                    .definedBy("dev.pagerboy.replay..")
                    .layer("audit-shell")
                    .definedBy("dev.pagerboy.audit..")
                    .layer("cluster")
                    .definedBy("dev.pagerboy.cluster..")
                    .layer("tools")
                    .definedBy("dev.pagerboy.tools..")
                    .whereLayer("alerts")
                    .mayNotAccessAnyLayer()
                    .whereLayer("cli")
                    .mayNotAccessAnyLayer()
                    .whereLayer("vm")
                    .mayOnlyAccessLayers("alerts", "cli")
                    .whereLayer("contracts")
                    .mayOnlyAccessLayers("alerts", "cli")
                    .whereLayer("datasets")
                    .mayOnlyAccessLayers("alerts", "cli")
                    .whereLayer("devstack")
                    .mayOnlyAccessLayers("alerts", "cli", "contracts")
                    .whereLayer("streaming-job")
                    .mayOnlyAccessLayers("alerts", "cli", "vm", "contracts")
                    // Pages are read as JSON: the dispatcher shares no classes with the job.
                    .whereLayer("dispatcher")
                    .mayOnlyAccessLayers("alerts", "cli")
                    // Like the dispatcher, the gateway meets the job only on Kafka.
                    .whereLayer("gateway")
                    .mayOnlyAccessLayers("alerts", "cli", "contracts")
                    .whereLayer("replay")
                    .mayOnlyAccessLayers("alerts", "cli", "vm", "contracts", "streaming-job")
                    .whereLayer("audit-shell")
                    .mayOnlyAccessLayers("alerts", "cli", "contracts", "replay")
                    .whereLayer("cluster")
                    .mayOnlyAccessLayers("cli")
                    .whereLayer("tools")
                    .mayNotBeAccessedByAnyLayer();

    /**
     * Spring is the audit shell's business (STACK.md pitfall 11: Spring Boot's logging and Jackson
     * differ from Flink's and Web3j's): no other module's main classes touch it.
     */
    static final ArchRule NO_SPRING_OUTSIDE_THE_AUDIT_SHELL =
            noClasses()
                    .that()
                    .resideInAPackage("dev.pagerboy..")
                    .and()
                    .resideOutsideOfPackage("dev.pagerboy.audit..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("org.springframework..");

    /** Every package is its own slice: no two packages (of one module) use each other. */
    static final ArchRule NO_PACKAGE_CYCLES =
            slices().matching("dev.pagerboy.(**)").should().beFreeOfCycles();

    /** Flink is the job's business: only the job, replay and the tools that run them touch it. */
    static final ArchRule NO_FLINK_OUTSIDE_THE_JOB_REPLAY_AND_TOOLS =
            noClasses()
                    .that()
                    .resideInAPackage("dev.pagerboy..")
                    .and()
                    .resideOutsideOfPackages(
                            "dev.pagerboy.streaming..",
                            "dev.pagerboy.replay..",
                            "dev.pagerboy.tools..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAPackage("org.apache.flink..");

    /** Main classes only: no test-classes directories and no published test jars. */
    static final class MainClassesOnly implements ImportOption {
        private final ImportOption notTests = new ImportOption.DoNotIncludeTests();

        @Override
        public boolean includes(Location location) {
            return notTests.includes(location) && !location.contains("-tests.jar");
        }
    }
}
