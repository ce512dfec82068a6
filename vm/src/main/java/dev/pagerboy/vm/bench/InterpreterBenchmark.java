package dev.pagerboy.vm.bench;

import dev.pagerboy.vm.GameBoy;
import dev.pagerboy.vm.RunResult;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH benchmarks of the interpreter: each operation runs the machine for 2^20 T-cycles (a quarter
 * second of DMG time) on one of the endless loops in {@link LoopRoms}; the auxiliary counters turn
 * that into SM83 instructions/s and T-cycles/s. {@code hooks=true} is the side-by-side comparison:
 * the same loop with a trace hook and a write hook installed, as a tracing or guarded handler run
 * has them.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class InterpreterBenchmark {

    static final long CYCLES_PER_OP = 1L << 20;

    /** The machine under test. */
    @State(Scope.Thread)
    public static class Machine {
        @Param({"alu", "memory"})
        public String loop;

        @Param({"false", "true"})
        public boolean hooks;

        GameBoy gb;
        long traced;
        long writes;

        @Setup(Level.Trial)
        public void setUp() {
            gb = new GameBoy(loop.equals("alu") ? LoopRoms.aluLoop() : LoopRoms.memoryLoop());
            if (hooks) {
                gb.setTraceHook((cpu, cycle) -> traced += cpu.pc());
                gb.setWriteHook(
                        (address, value) -> {
                            writes++;
                            return address >= 0x8000;
                        });
            }
        }
    }

    /** Per-iteration totals that JMH reports as rates next to the operation rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long instructions;
        public long cycles;
    }

    @Benchmark
    public long interpret(Machine m, Counters counters) {
        RunResult result = m.gb.run(CYCLES_PER_OP);
        counters.instructions += result.instructions();
        counters.cycles += result.cycles();
        return result.instructions() + m.traced + m.writes;
    }
}
