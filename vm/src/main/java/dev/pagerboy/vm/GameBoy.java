package dev.pagerboy.vm;

import dev.pagerboy.vm.cpu.Cpu;
import dev.pagerboy.vm.cpu.StopReason;
import dev.pagerboy.vm.cpu.TraceHook;
import dev.pagerboy.vm.hw.DmgBus;
import dev.pagerboy.vm.hw.SerialPort;
import dev.pagerboy.vm.hw.WriteHook;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A headless DMG (original Game Boy) with one cartridge: the machine handlers and test ROMs run on.
 *
 * <p>It starts in the state the DMG boot ROM leaves behind at PC = 0x0100 (without running a boot
 * ROM), is fully deterministic (no wall clock, no randomness), and runs in bounded slices: {@link
 * #run(long)} executes at most a given number of T-cycles and stops early on an illegal opcode, on
 * the {@code LD B,B} breakpoint (when enabled), on STOP, or when {@link #requestStop()} is called
 * (for example from a write hook). A machine is not thread-safe; use one per thread.
 *
 * <p>Typical handler use: construct once per ROM, then per alert {@link #restore(byte[])} (or
 * {@link #reset()}), {@link #writeBytes} the input, {@link #run(long)} with the budget, {@link
 * #readBytes} the output.
 */
public final class GameBoy {

    /** The DMG's T-cycle rate: 4.194304 MHz. */
    public static final long CLOCK_HZ = 4_194_304L;

    private static final int SNAPSHOT_MAGIC = 0x50424D31; // "PBM1"

    private final Cartridge cartridge;
    private final DmgBus bus;
    private final Cpu cpu;

    public GameBoy(Cartridge cartridge) {
        this.cartridge = cartridge;
        this.bus =
                new DmgBus(
                        cartridge.romForMachine(),
                        cartridge.mapper() == Cartridge.Mapper.MBC1,
                        cartridge.mbc1Multicart(),
                        cartridge.ramSize());
        this.cpu = new Cpu(bus);
        reset();
    }

    /**
     * Back to the post-boot-ROM state: registers A=01 F=B0 B=00 C=13 D=00 E=D8 H=01 L=4D SP=FFFE
     * PC=0100 (F=80 when the header checksum is 0), I/O as the boot ROM leaves it, all RAM zeroed
     * (cartridge RAM included), serial output cleared, time 0. No allocation; hooks, the listener
     * and the breakpoint setting stay.
     */
    public void reset() {
        bus.reset();
        resetCpu();
    }

    /**
     * {@link #reset()} except that VRAM, WRAM, OAM, HRAM and cartridge RAM keep their contents:
     * registers, I/O, devices and time go back to the post-boot state. For an owner that knows
     * which RAM bytes were written since the last full reset and zeroes exactly those with {@link
     * #clear} (the handler runtime does, so that a run costs a few hundred bytes of clearing
     * instead of 16 KiB). No allocation.
     */
    public void resetExceptRam() {
        bus.resetDevices();
        resetCpu();
    }

    private void resetCpu() {
        cpu.reset();
        int flags = cartridge.headerChecksum() == 0 ? 0x80 : 0xB0;
        cpu.setRegisters(0x01, flags, 0x00, 0x13, 0x00, 0xD8, 0x01, 0x4D, 0xFFFE, 0x0100);
    }

    /**
     * Runs for at most {@code maxCycles} T-cycles (the last instruction may overshoot by its own
     * length), stopping early as described in {@link StopReason}.
     */
    public RunResult run(long maxCycles) {
        if (maxCycles < 0) {
            throw new IllegalArgumentException("maxCycles must be >= 0, got " + maxCycles);
        }
        long startCycles = bus.now();
        long startInstructions = cpu.instructions();
        StopReason reason = cpu.run(saturatedAdd(startCycles, maxCycles));
        bus.sync();
        RunResult.Fault fault =
                reason == StopReason.ILLEGAL_OPCODE
                        ? new RunResult.Fault(cpu.lockedOpcode(), cpu.lockedPc())
                        : null;
        return new RunResult(
                reason, bus.now() - startCycles, cpu.instructions() - startInstructions, fault);
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return r < a ? Long.MAX_VALUE : r;
    }

    /** Ends the current run after the instruction in progress; safe to call from hooks. */
    public void requestStop() {
        cpu.requestStop();
    }

    /**
     * Makes {@code LD B,B} (0x40) stop a run with {@link StopReason#BREAKPOINT}. Off by default.
     */
    public void setBreakpointEnabled(boolean enabled) {
        cpu.setBreakpointEnabled(enabled);
    }

    /** Called before every instruction; null removes it. */
    public void setTraceHook(TraceHook hook) {
        cpu.setTraceHook(hook);
    }

    /** Sees every CPU write and may drop it; null removes it. */
    public void setWriteHook(WriteHook hook) {
        bus.setWriteHook(hook);
    }

    /** Receives every serial byte as its transfer starts; null removes it. */
    public void setSerialListener(SerialPort.Listener listener) {
        bus.setSerialListener(listener);
    }

    // ---- state ----

    /** The CPU: registers ({@code a()}, {@code pc()}, ...), IME, HALT/STOP/lock state. */
    public Cpu cpu() {
        return cpu;
    }

    public Cartridge cartridge() {
        return cartridge;
    }

    /** T-cycles since the last reset. */
    public long cycles() {
        return bus.now();
    }

    /** Instructions executed since the last reset. */
    public long instructions() {
        return cpu.instructions();
    }

    /** Every byte the program sent over the serial port since the last reset or clear. */
    public byte[] serialOutput() {
        return bus.serialOutput();
    }

    /** {@link #serialOutput()} as text (ISO-8859-1, one char per byte). */
    public String serialText() {
        return new String(bus.serialOutput(), StandardCharsets.ISO_8859_1);
    }

    public void clearSerialOutput() {
        bus.clearSerialOutput();
    }

    /** The MBC1 ROM bank currently mapped at 0x4000-0x7FFF (1 for ROM-only cartridges). */
    public int romBank() {
        return bus.romBank();
    }

    // ---- direct memory access: no cycles, no hooks ----

    /** The byte the CPU would read at {@code address} now (I/O registers included). */
    public int peek(int address) {
        return bus.peek(address);
    }

    /**
     * Writes a byte directly (RAM, cartridge RAM in its selected bank, HRAM, IE, I/O registers).
     *
     * @throws IllegalArgumentException for ROM addresses (0x0000-0x7FFF)
     */
    public void poke(int address, int value) {
        bus.poke(address, value);
    }

    /**
     * Zeroes {@code length} bytes of WRAM (0xC000-0xDFFF) or HRAM (0xFF80-0xFFFE) from {@code
     * start}, without cycles or hooks.
     *
     * @throws IllegalArgumentException if the range is not inside one of the two
     */
    public void clear(int start, int length) {
        bus.clear(start, length);
    }

    /** Copies {@code length} bytes starting at bus address {@code start} into {@code dst}. */
    public void readBytes(int start, byte[] dst, int offset, int length) {
        checkRange(start, length);
        for (int i = 0; i < length; i++) {
            dst[offset + i] = (byte) bus.peek(start + i);
        }
    }

    /** Returns {@code length} bytes starting at bus address {@code start}. */
    public byte[] readBytes(int start, int length) {
        byte[] out = new byte[length];
        readBytes(start, out, 0, length);
        return out;
    }

    /** Copies bytes to bus addresses {@code start..start+length-1} (see {@link #poke}). */
    public void writeBytes(int start, byte[] src, int offset, int length) {
        checkRange(start, length);
        if (start >= 0xC000 && start + length <= 0xE000) {
            bus.writeWram(start, src, offset, length); // plain memory: one copy per page
            return;
        }
        for (int i = 0; i < length; i++) {
            bus.poke(start + i, src[offset + i]);
        }
    }

    public void writeBytes(int start, byte[] src) {
        writeBytes(start, src, 0, src.length);
    }

    private static void checkRange(int start, int length) {
        if (start < 0 || length < 0 || start + length > 0x10000) {
            throw new IllegalArgumentException(
                    String.format("range 0x%X+%d is outside the 64 KiB bus", start, length));
        }
    }

    /**
     * Raises IF bits as a device would (VBlank 0x01, STAT 0x02, timer 0x04, serial 0x08, joypad
     * 0x10).
     */
    public void requestInterrupt(int mask) {
        bus.requestInterrupt(mask);
    }

    // ---- snapshot ----

    /**
     * The complete machine state (CPU, memory, devices, time, serial output; not the hooks) as
     * bytes. {@code restore(snapshot())} followed by {@code snapshot()} gives the same bytes, and a
     * restored machine continues exactly as the original would have.
     */
    public byte[] snapshot() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(SNAPSHOT_MAGIC);
            out.writeUTF(cartridge.sha256());
            cpu.save(out);
            bus.save(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Restores a {@link #snapshot()} of a machine with the same cartridge.
     *
     * @throws IllegalArgumentException if the bytes are not a snapshot of this cartridge; a
     *     truncated or corrupt snapshot may leave the machine half-restored, so {@link #reset()} or
     *     restore a good snapshot before running it again
     */
    public void restore(byte[] snapshot) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
            if (in.readInt() != SNAPSHOT_MAGIC) {
                throw new IllegalArgumentException("not a PagerBoy machine snapshot");
            }
            String rom = in.readUTF();
            if (!rom.equals(cartridge.sha256())) {
                throw new IllegalArgumentException(
                        "snapshot is of ROM " + rom + ", this machine runs " + cartridge.sha256());
            }
            cpu.load(in);
            bus.load(in);
            if (in.read() != -1) {
                throw new IllegalArgumentException("snapshot has trailing bytes");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated or corrupt machine snapshot", e);
        }
    }
}
