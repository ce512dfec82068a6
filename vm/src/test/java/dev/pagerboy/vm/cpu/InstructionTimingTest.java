package dev.pagerboy.vm.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagerboy.vm.isa.Opcode;
import dev.pagerboy.vm.isa.Sm83Isa;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CPU's duration and length of every opcode agree with the one mnemonic table (which the
 * assembler, disassembler and traces use): both branch outcomes for conditional instructions.
 */
class InstructionTimingTest {

    private final RecordingBus bus = new RecordingBus();
    private final Cpu cpu = new Cpu(bus);

    static Stream<Opcode> opcodes() {
        // HALT and STOP do not end like other instructions; both are covered by their own tests.
        return Sm83Isa.all().stream()
                .filter(op -> op.prefixed() || (op.code() != 0x76 && op.code() != 0x10));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("opcodes")
    void takesTheCyclesAndBytesOfTheMnemonicTable(Opcode op) {
        Set<Integer> durations = new TreeSet<>();
        Set<Integer> lengths = new TreeSet<>();
        for (int flags : new int[] {0x00, 0xF0}) { // every condition is true under one of them
            bus.resetCase();
            cpu.reset();
            int pc = 0xC000;
            if (op.prefixed()) {
                bus.load(pc, 0xCB);
                bus.load(pc + 1, op.code());
            } else {
                bus.load(pc, op.code());
            }
            cpu.setRegisters(0, flags, 0, 0, 0, 0, 0xD0, 0x00, 0xDFF0, pc);
            cpu.run(bus.now() + 1); // exactly one instruction
            durations.add(bus.cycleCount * 4);
            lengths.add((cpu.pc() - pc) & 0xFFFF);
        }
        Set<Integer> expected = new TreeSet<>(java.util.List.of(op.cycles(), op.cyclesTaken()));
        assertThat(durations).as("%s T-cycles", op.describe()).isEqualTo(expected);
        boolean jumps = Set.of("jp", "jr", "call", "ret", "reti", "rst").contains(op.mnemonic());
        if (!jumps) {
            assertThat(lengths).as("%s length", op.describe()).containsExactly(op.length());
        }
    }
}
