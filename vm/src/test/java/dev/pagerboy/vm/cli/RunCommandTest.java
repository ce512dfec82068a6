package dev.pagerboy.vm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.vm.TestRoms;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vm run} end to end: ROM files on disk, the command's streams and exit status, and once as
 * a separate JVM through {@code main} so that the exit status really reaches the shell.
 */
class RunCommandTest {

    private static final String STATS_LINE =
            "cycles=\\d+ instructions=\\d+ seconds=\\d+\\.\\d{3} mips=\\d+\\.\\d{2}";

    @TempDir Path dir;

    /** Reports like the Mooneye acceptance ROMs: B,C,D,E,H,L = 3,5,8,13,21,34, then LD B,B. */
    private Path fibonacciRom() throws IOException {
        return write(
                "fib.gb",
                TestRoms.romOnly()
                        .code(
                                0x06, 3, 0x0E, 5, 0x16, 8, 0x1E, 13, 0x26, 21, 0x2E, 34, 0x40, 0x18,
                                0xFE)
                        .image());
    }

    /** Reports like the Blargg ROMs: text over the serial port, then loops forever. */
    private Path serialRom() throws IOException {
        TestRoms rom =
                TestRoms.romOnly()
                        .code(
                                0x21, 0x00, 0x02, 0x2A, 0xB7, 0x28, 0x0D, 0xE0, 0x01, 0x3E, 0x81,
                                0xE0, 0x02, 0xF0, 0x02, 0x87, 0x38, 0xFB, 0x18, 0xEF, 0x18, 0xFE);
        byte[] text = "cpu_instrs\n\nPassed all tests\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < text.length; i++) {
            rom.at(0x200 + i, text[i]);
        }
        return write("serial.gb", rom.image());
    }

    private Path write(String name, byte[] image) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, image);
        return file;
    }

    private record Outcome(int status, String out, String err) {
        String lastErrLine() {
            String[] lines = err.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    private static Outcome vm(Object... args) {
        String[] strings = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            strings[i] = args[i].toString();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status =
                VmCli.run(
                        strings,
                        new PrintStream(out, true, StandardCharsets.ISO_8859_1),
                        new PrintStream(err, true, StandardCharsets.ISO_8859_1));
        return new Outcome(
                status,
                out.toString(StandardCharsets.ISO_8859_1),
                err.toString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void stopsWhenTheSerialOutputContainsTheText() throws IOException {
        Outcome o = vm("run", serialRom(), "--until-serial", "Passed", "--max-cycles", "10000000");
        assertThat(o.status()).isZero();
        assertThat(o.out()).startsWith("cpu_instrs\n\nPassed");
        assertThat(o.out()).doesNotContain("all tests"); // stopped as soon as the text appeared
        assertThat(o.lastErrLine()).matches(STATS_LINE);
    }

    @Test
    void stopsAtTheBreakpointAndPrintsTheRegisters() throws IOException {
        Outcome o = vm("run", fibonacciRom(), "--until-breakpoint", "--print-regs");
        assertThat(o.status()).isZero();
        assertThat(o.out()).isEqualTo("A=01 F=B0 B=03 C=05 D=08 E=0D H=15 L=22 SP=FFFE PC=015D\n");
        assertThat(o.lastErrLine()).matches(STATS_LINE).contains("instructions=9 ");
    }

    @Test
    void exitsThreeWhenTheCycleBudgetRunsOutFirst() throws IOException {
        Outcome o = vm("run", serialRom(), "--until-serial", "Failed", "--max-cycles", "2000000");
        assertThat(o.status()).isEqualTo(3);
        assertThat(o.out()).isEqualTo("cpu_instrs\n\nPassed all tests\n");
        assertThat(o.err())
                .contains(
                        "cycle budget of 2000000 T-cycles used up before the --until condition"
                                + " (raise it with --max-cycles N)");
        assertThat(o.lastErrLine()).matches(STATS_LINE).startsWith("cycles=20000");
    }

    @Test
    void aRomThatNeverStopsHitsTheDefaultBudgetStatedInHelp() throws IOException {
        Outcome help = vm("run", "--help");
        assertThat(help.status()).isZero();
        assertThat(help.out().replaceAll("\\s+", " "))
                .contains("default: " + RunCommand.DEFAULT_MAX_CYCLES);

        Outcome o = vm("run", serialRom());
        assertThat(o.status()).isEqualTo(3);
        assertThat(o.err())
                .contains(
                        "cycle budget of "
                                + RunCommand.DEFAULT_MAX_CYCLES
                                + " T-cycles used up (raise it with --max-cycles N)");
        // the budget is checked between instructions, so the run ends within one instruction of it
        assertThat(o.lastErrLine())
                .matches("cycles=" + RunCommand.DEFAULT_MAX_CYCLES / 10 + "\\d .*");
    }

    @Test
    void theStatsLineStartsOnItsOwnLineAfterSerialTextWithoutNewline() throws IOException {
        TestRoms rom =
                TestRoms.romOnly()
                        .code(
                                0x21, 0x00, 0x02, 0x2A, 0xB7, 0x28, 0x0D, 0xE0, 0x01, 0x3E, 0x81,
                                0xE0, 0x02, 0xF0, 0x02, 0x87, 0x38, 0xFB, 0x18, 0xEF, 0x18, 0xFE);
        byte[] text = "END".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < text.length; i++) {
            rom.at(0x200 + i, text[i]);
        }
        Outcome o = vm("run", write("end.gb", rom.image()), "--until-serial", "END");
        assertThat(o.status()).isZero();
        assertThat(o.out()).isEqualTo("END\n");
    }

    @Test
    void runsARomWithABadGlobalChecksumAsHardwareDoesAndWarns() throws IOException {
        byte[] image = Files.readAllBytes(fibonacciRom());
        image[0x7FFF] ^= 1; // outside the code: only the global checksum changes
        Outcome o = vm("run", write("global.gb", image), "--until-breakpoint", "--print-regs");
        assertThat(o.status()).isZero();
        assertThat(o.out()).contains("B=03 C=05 D=08 E=0D H=15 L=22");
        assertThat(o.err()).contains("global.gb: bad global checksum (ignored");
    }

    @Test
    void dumpsABusRangeInHex() throws IOException {
        Outcome o = vm("run", fibonacciRom(), "--until-breakpoint", "--dump", "0150:0162");
        assertThat(o.status()).isZero();
        String padding = " ".repeat(13 * 3);
        assertThat(o.out())
                .isEqualTo(
                        "0150: 06 03 0E 05 16 08 1E 0D 26 15 2E 22 40 18 FE 00  |........&..\"@...|\n"
                                + "0160: 00 00 00"
                                + padding
                                + "  |...|\n");
    }

    @Test
    void exitsTwoWithAClearMessageForBadRoms() throws IOException {
        byte[] bad = TestRoms.romOnly().image();
        bad[0x14D]++;
        Outcome badChecksum = vm("run", write("bad.gb", bad));
        assertThat(badChecksum.status()).isEqualTo(2);
        assertThat(badChecksum.err()).contains("bad.gb: bad header checksum");

        Outcome truncated = vm("run", write("short.gb", new byte[100]));
        assertThat(truncated.status()).isEqualTo(2);
        assertThat(truncated.err()).contains("truncated ROM: 100 bytes");

        Outcome missing = vm("run", dir.resolve("nope.gb"));
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err())
                .isEqualTo("pagerboy vm run: ROM: no such file: " + dir.resolve("nope.gb") + "\n");
    }

    @Test
    void exitsTwoForBadArguments() throws IOException {
        Path rom = fibonacciRom();
        assertThat(vm("run").err()).contains("Missing required parameter: 'ROM'");
        assertThat(vm("run", rom, "--max-cycles", "lots").err())
                .contains("Invalid value for option '--max-cycles': needs a whole number");
        assertThat(vm("run", rom, "--dump", "C000").err())
                .contains("Invalid value for option '--dump': needs START:END");
        assertThat(vm("run", rom, "--dump", "C000:BFFF").err())
                .contains("Invalid value for option '--dump': range must satisfy START <= END");
        assertThat(vm("run", rom, "--fast").err()).contains("Unknown option: '--fast'");
        assertThat(vm("run", rom, "--fast").status()).isEqualTo(2);
        assertThat(vm("run", rom, "--max-cycles").status()).isEqualTo(2);
        assertThat(vm("frobnicate").status()).isEqualTo(2);
    }

    @Test
    void theExitStatusReachesTheShell() throws Exception {
        assertThat(runJvm("run", fibonacciRom().toString(), "--until-breakpoint")).isZero();
        assertThat(runJvm("run", fibonacciRom().toString(), "--max-cycles", "1000")).isEqualTo(3);
        assertThat(runJvm("run", write("x.gb", new byte[10]).toString())).isEqualTo(2);
    }

    private static int runJvm(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(VmCli.class.getName());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }
}
