package dev.pagerboy.vm.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.pagerboy.vm.isa.Opcode;
import dev.pagerboy.vm.isa.Sm83Isa;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SingleStepTests SM83 vectors (../shared/sm83-tests): 500 opcode files of 1000 cases, each an
 * initial CPU+RAM state, the final state and the bus activity of every M-cycle. One parameterized
 * case per file; each prints its pass count.
 *
 * <p>Checked per case: every register, IME, the EI-pending flag where the vector states it, every
 * listed RAM byte, and each M-cycle's kind; for read and write cycles also the address and the
 * value. The vectors repeat the previous bus contents on internal ("---") cycles, which is a
 * property of the recorder, not of the CPU, so those are compared by kind only.
 *
 * <p>Where the vectors differ from hardware: they model STOP (0x10) as a 1-byte, 3-M-cycle no-op.
 * This CPU implements the DMG's STOP: it skips the following byte (PC + 2), resets DIV and stops
 * the CPU (no joypad can wake it here). For 0x10 the test therefore checks the opcode fetch, all
 * registers except PC (expected + 1), and RAM. HALT (0x76) passes as described: a halted CPU idles
 * one M-cycle at a time, which is what the vectors' two trailing internal cycles are.
 */
class SingleStepVectorsTest {

    private static final JsonFactory JSON = new JsonFactory();

    static Stream<Path> vectorFiles() throws IOException {
        Path dir = Path.of(System.getProperty("pagerboy.shared"), "sm83-tests");
        try (Stream<Path> files = Files.list(dir)) {
            return files
                    .filter(p -> p.getFileName().toString().endsWith(".json.gz"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectorFiles")
    void passesEveryCaseOf(Path file) throws IOException {
        String stem = file.getFileName().toString().replace(".json.gz", "");
        String opcode = describe(stem);
        RecordingBus bus = new RecordingBus();
        Cpu cpu = new Cpu(bus);
        Vector v = new Vector();
        List<String> failures = new ArrayList<>();
        int total = 0;
        int passed = 0;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16);
                JsonParser json = JSON.createParser(in)) {
            expect(json.nextToken(), JsonToken.START_ARRAY);
            while (json.nextToken() == JsonToken.START_OBJECT) {
                v.read(json);
                total++;
                String failure = runCase(cpu, bus, v, stem.equals("10"));
                if (failure == null) {
                    passed++;
                } else if (failures.size() < 5) {
                    failures.add(v.name + ": " + failure);
                }
            }
        }
        System.out.printf(
                "SingleStepTests %-6s %-28s %4d/%d passed%n", stem, opcode, passed, total);
        assertThat(failures)
                .as("%s (%s): %d/%d cases passed; first failures", stem, opcode, passed, total)
                .isEmpty();
        assertThat(total).isEqualTo(1000);
    }

    private static String describe(String stem) {
        boolean prefixed = stem.startsWith("cb ");
        int code = Integer.parseInt(prefixed ? stem.substring(3) : stem, 16);
        Opcode op = prefixed ? Sm83Isa.prefixed(code) : Sm83Isa.base(code);
        return op == null ? String.format("$%02X", code) : op.describe();
    }

    /** Runs one case; returns null when it passes, else the first difference. */
    private static String runCase(Cpu cpu, RecordingBus bus, Vector v, boolean stop) {
        bus.resetCase();
        for (int i = 0; i < v.initialRamCount; i++) {
            bus.load(v.initialRam[2 * i], v.initialRam[2 * i + 1]);
        }
        int[] r = v.initial;
        cpu.reset();
        cpu.setRegisters(r[A], r[F], r[B], r[C], r[D], r[E], r[H], r[L], r[SP], r[PC]);
        cpu.setIme(r[IME] != 0);
        cpu.run(bus.now() + 4L * v.cycleCount);

        int[] x = v.expected;
        int expectedPc = stop ? (x[PC] + 1) & 0xFFFF : x[PC];
        int[] actual = {
            cpu.a(),
            cpu.f(),
            cpu.b(),
            cpu.c(),
            cpu.d(),
            cpu.e(),
            cpu.h(),
            cpu.l(),
            cpu.sp(),
            cpu.pc(),
            cpu.ime() ? 1 : 0,
            cpu.eiPending() ? 1 : 0
        };
        for (int i = 0; i < REGISTER_NAMES.length; i++) {
            int want = i == PC ? expectedPc : x[i];
            if (want >= 0 && actual[i] != want) {
                return String.format(
                        "%s expected 0x%02X, was 0x%02X", REGISTER_NAMES[i], want, actual[i]);
            }
        }
        for (int i = 0; i < v.finalRamCount; i++) {
            int address = v.finalRam[2 * i];
            int want = v.finalRam[2 * i + 1];
            int was = bus.memory[address] & 0xFF;
            if (was != want) {
                return String.format("RAM[0x%04X] expected 0x%02X, was 0x%02X", address, want, was);
            }
        }
        int cyclesToCheck = stop ? 1 : v.cycleCount;
        if (!stop && bus.cycleCount != v.cycleCount) {
            return String.format(
                    "expected %d M-cycles, took %d (%s)",
                    v.cycleCount, bus.cycleCount, cycleLog(bus));
        }
        for (int i = 0; i < cyclesToCheck; i++) {
            char kind = v.cycleKind[i];
            if (bus.cycleKind[i] != kind) {
                return String.format(
                        "M-cycle %d: expected %s, was %s", i + 1, v.cycleText(i), cycleLog(bus));
            }
            if (kind != RecordingBus.IDLE
                    && (bus.cycleAddress[i] != v.cycleAddress[i]
                            || bus.cycleValue[i] != v.cycleValue[i])) {
                return String.format(
                        "M-cycle %d: expected %s, was %s", i + 1, v.cycleText(i), cycleLog(bus));
            }
        }
        return null;
    }

    private static String cycleLog(RecordingBus bus) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(bus.cycleCount, bus.cycleKind.length); i++) {
            char k = bus.cycleKind[i];
            s.append(
                    k == RecordingBus.IDLE
                            ? "[---]"
                            : String.format(
                                    "[%c %04X=%02X]", k, bus.cycleAddress[i], bus.cycleValue[i]));
        }
        return s.toString();
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException(
                    "malformed vector file: expected " + expected + ", got " + actual);
        }
    }

    // Indices into the register arrays.
    private static final int A = 0, F = 1, B = 2, C = 3, D = 4, E = 5, H = 6, L = 7, SP = 8, PC = 9;
    private static final int IME = 10, EI = 11;
    private static final String[] REGISTER_NAMES = {
        "A", "F", "B", "C", "D", "E", "H", "L", "SP", "PC", "IME", "EI-pending"
    };

    /** One case, parsed into reused primitive arrays. */
    private static final class Vector {
        String name;
        final int[] initial = new int[12];
        final int[] expected = new int[12];
        int[] initialRam = new int[64];
        int initialRamCount;
        int[] finalRam = new int[64];
        int finalRamCount;
        final int[] cycleAddress = new int[16];
        final int[] cycleValue = new int[16];
        final char[] cycleKind = new char[16];
        int cycleCount;

        void read(JsonParser json) throws IOException {
            java.util.Arrays.fill(expected, -1);
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                switch (field) {
                    case "name" -> name = json.getText();
                    case "initial" -> initialRamCount = readState(json, initial, true);
                    case "final" -> finalRamCount = readState(json, expected, false);
                    case "cycles" -> readCycles(json);
                    default -> json.skipChildren();
                }
            }
        }

        private int readState(JsonParser json, int[] regs, boolean initial) throws IOException {
            int ramCount = 0;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                json.nextToken();
                int index =
                        switch (field) {
                            case "a" -> A;
                            case "f" -> F;
                            case "b" -> B;
                            case "c" -> C;
                            case "d" -> D;
                            case "e" -> E;
                            case "h" -> H;
                            case "l" -> L;
                            case "sp" -> SP;
                            case "pc" -> PC;
                            case "ime" -> IME;
                            case "ei" -> EI;
                            default -> -1;
                        };
                if (index >= 0) {
                    regs[index] = json.getIntValue();
                } else if (field.equals("ram")) {
                    while (json.nextToken() == JsonToken.START_ARRAY) {
                        json.nextToken();
                        int address = json.getIntValue();
                        json.nextToken();
                        int value = json.getIntValue();
                        json.nextToken();
                        int[] ram = initial ? initialRam : finalRam;
                        if (2 * ramCount + 2 > ram.length) {
                            ram = java.util.Arrays.copyOf(ram, ram.length * 2);
                            if (initial) {
                                initialRam = ram;
                            } else {
                                finalRam = ram;
                            }
                        }
                        ram[2 * ramCount] = address;
                        ram[2 * ramCount + 1] = value;
                        ramCount++;
                    }
                } else {
                    json.skipChildren(); // "ie" in the initial state is not used by the
                    // vectors' CPU
                }
            }
            return ramCount;
        }

        private void readCycles(JsonParser json) throws IOException {
            cycleCount = 0;
            while (json.nextToken() == JsonToken.START_ARRAY) {
                json.nextToken();
                int address = json.currentToken() == JsonToken.VALUE_NULL ? -1 : json.getIntValue();
                json.nextToken();
                int value = json.currentToken() == JsonToken.VALUE_NULL ? -1 : json.getIntValue();
                json.nextToken();
                String kind = json.getText();
                json.nextToken();
                cycleAddress[cycleCount] = address;
                cycleValue[cycleCount] = value;
                cycleKind[cycleCount] =
                        kind.charAt(0) == 'r'
                                ? RecordingBus.READ
                                : kind.charAt(1) == 'w' ? RecordingBus.WRITE : RecordingBus.IDLE;
                cycleCount++;
            }
        }

        String cycleText(int i) {
            char k = cycleKind[i];
            return k == RecordingBus.IDLE
                    ? "[---]"
                    : String.format("[%c %04X=%02X]", k, cycleAddress[i], cycleValue[i]);
        }
    }
}
