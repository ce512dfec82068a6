package dev.pagerboy.tools.vmbench;

import dev.pagerboy.vm.GameBoy;
import dev.pagerboy.vm.RunResult;
import dev.pagerboy.vm.bench.LoopRoms;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
 * that into SM83 instructions/s and T-cycles/s. {@code loop=mixed} alternates both loops in one
 * JVM, so the JIT compiles the interpreter for a mix of opcodes rather than for one loop, which is
 * closer to running many different handlers. {@code hooks=true} is the side-by-side comparison: the
 * same loop with a trace hook and a write hook installed, as a tracing or guarded handler run has
 * them.
 *
 * <p>On a shared machine wall-clock rates mostly measure how much CPU the scheduler gave the fork,
 * so each invocation also records the thread CPU time it used ({@link CpuTime}, reported as raw
 * per-iteration totals): instructions per CPU-second is the figure that compares across runs.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class InterpreterBenchmark {

    static final long CYCLES_PER_OP = 1L << 20;

    /** The machine under test. */
    @State(Scope.Thread)
    public static class Machine {
        /** alu, memory, or mixed: both loops in turn on two machines, sharing one JIT profile. */
        @Param({"alu", "memory", "mixed"})
        public String loop;

        @Param({"false", "true"})
        public boolean hooks;

        GameBoy gb;
        GameBoy other;
        boolean flip;
        long traced;
        long writes;

        @Setup(Level.Trial)
        public void setUp() {
            gb = new GameBoy(loop.equals("memory") ? LoopRoms.memoryLoop() : LoopRoms.aluLoop());
            other = loop.equals("mixed") ? new GameBoy(LoopRoms.memoryLoop()) : gb;
            if (hooks) {
                for (GameBoy machine : new GameBoy[] {gb, other}) {
                    machine.setTraceHook((cpu, cycle) -> traced += cpu.pc());
                    machine.setWriteHook(
                            (address, value) -> {
                                writes++;
                                return address >= 0x8000;
                            });
                }
            }
        }

        /** The machine for the next operation: alternates in the mixed case. */
        GameBoy next() {
            flip = !flip;
            return flip ? gb : other;
        }
    }

    /** Per-iteration totals that JMH reports as rates next to the operation rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        public long instructions;
        public long cycles;
    }

    /** Per-iteration totals of work done and the thread CPU time it took. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CpuTime {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        public long cpuInstructions;
        public long cpuCycles;
        public long cpuNanos;

        long now() {
            return THREADS.getCurrentThreadCpuTime();
        }
    }

    @Benchmark
    public long interpret(Machine m, Counters counters, CpuTime cpu) {
        long started = cpu.now();
        RunResult result = m.next().run(CYCLES_PER_OP);
        cpu.cpuNanos += cpu.now() - started;
        cpu.cpuInstructions += result.instructions();
        cpu.cpuCycles += result.cycles();
        counters.instructions += result.instructions();
        counters.cycles += result.cycles();
        return result.instructions() + m.traced + m.writes;
    }
}
