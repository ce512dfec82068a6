package dev.pagerboy.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The memory settings of a JobManager or TaskManager process, computed from {@code config.yaml} by
 * Flink's own {@code BashJavaUtils}, exactly as {@code bin/jobmanager.sh} and {@code
 * bin/taskmanager.sh} do: JVM options ({@code -Xmx}, {@code -XX:MaxDirectMemorySize} …) and the
 * derived sizes as {@code -D key=value} arguments. A TaskManager refuses to start without the
 * latter.
 */
record ProcessMemory(List<String> jvmOptions, List<String> dynamicProperties) {

    private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";
    private static final String BASH_JAVA_UTILS =
            "org.apache.flink.runtime.util.bash.BashJavaUtils";

    enum Role {
        JOB_MANAGER("GET_JM_RESOURCE_PARAMS"),
        TASK_MANAGER("GET_TM_RESOURCE_PARAMS");

        final String command;

        Role(String command) {
            this.command = command;
        }
    }

    /** Starts {@code BashJavaUtils} for {@code role}; {@link Pending#await} reads its answer. */
    static Pending compute(FlinkHome home, ClusterDirectory dir, Role role) {
        List<String> cmd =
                JavaCommand.of(
                        home,
                        dir,
                        JavaCommand.CLIENT_JVM_OPTIONS,
                        "bash-java-utils.log",
                        "log4j-cli.properties",
                        BASH_JAVA_UTILS,
                        List.of(role.command, "--configDir", dir.conf().toString()));
        try {
            return new Pending(role, new ProcessBuilder(cmd).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + BASH_JAVA_UTILS, e);
        }
    }

    /** A running {@code BashJavaUtils}. */
    record Pending(Role role, Process process) {

        ProcessMemory await() {
            try {
                String out =
                        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    process.destroyForcibly();
                    throw new IllegalStateException(
                            "Flink's BashJavaUtils " + role.command + " failed:\n" + out);
                }
                List<String> results = new ArrayList<>();
                for (String line : out.split("\n")) {
                    if (line.startsWith(RESULT_PREFIX)) {
                        results.add(line.substring(RESULT_PREFIX.length()).trim());
                    }
                }
                if (results.size() != 2) {
                    throw new IllegalStateException(
                            "unexpected output of BashJavaUtils " + role.command + ":\n" + out);
                }
                return new ProcessMemory(words(results.get(0)), words(results.get(1)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new IllegalStateException("interrupted while computing memory settings", e);
            }
        }
    }

    private static List<String> words(String line) {
        return Arrays.stream(line.split(" +")).filter(w -> !w.isEmpty()).toList();
    }
}
