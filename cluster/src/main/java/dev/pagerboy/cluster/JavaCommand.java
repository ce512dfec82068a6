package dev.pagerboy.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of one Flink JVM, assembled as Flink's {@code bin/flink-daemon.sh} and {@code
 * bin/flink} assemble it: the same {@code java} as this JVM, memory options, the Java 17 options
 * from {@code env.java.opts.all}, the log file and Log4j configuration, a private temp directory,
 * {@code lib/*} as the classpath, then the main class and its arguments.
 */
final class JavaCommand {

    /**
     * For the short-lived client JVMs (the CLI, BashJavaUtils): no C2 compiler threads and a
     * single-threaded collector, which saves CPU on a small, shared machine and changes nothing
     * they compute.
     */
    static final List<String> CLIENT_JVM_OPTIONS =
            List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private JavaCommand() {}

    static List<String> of(
            FlinkHome home,
            ClusterDirectory dir,
            List<String> jvmOptions,
            String logName,
            String log4jFile,
            String mainClass,
            List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable());
        cmd.addAll(jvmOptions);
        cmd.addAll(ClusterConfiguration.JAVA_17_OPTIONS);
        cmd.add("-Dlog.file=" + dir.log().resolve(logName));
        cmd.add("-Dlog4j.configurationFile=" + dir.conf().resolve(log4jFile).toUri());
        cmd.add("-Djava.io.tmpdir=" + dir.tmp());
        cmd.add("-classpath");
        cmd.add(home.classpath());
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
