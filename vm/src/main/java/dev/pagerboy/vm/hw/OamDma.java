package dev.pagerboy.vm.hw;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * OAM DMA (FF46), the DMG's only bus master besides the CPU: when it runs, and which source byte it
 * drives onto its bus in a given M-cycle.
 *
 * <p>Timing, after the Mooneye test-suite notes in {@code acceptance/oam_dma_start.s} and {@code
 * oam_dma_restart.s}: the M-cycle that writes FF46 is M0; in M1 nothing changes yet (a transfer
 * already running keeps running, OAM stays reachable otherwise); from M2 the new transfer owns its
 * bus for 160 M-cycles, copying byte {@code i} in M{@code 2+i}; the CPU regains the bus in M162.
 * Writing FF46 while a transfer runs starts the new one the same way, and the old one is cut off
 * when the new one starts.
 *
 * <p>Buses (Pan Docs "OAM DMA Transfer", Gekkio's Game Boy: Complete Technical Reference, "OAM
 * DMA"): the DMG has a video bus (8000-9FFF) and a main bus (ROM, cartridge RAM, WRAM and its
 * echo). A source page 80-9F uses the video bus, every other one the main bus; pages E0-FF read
 * WRAM (C000-DFFF) as the echo does. The bus conflict itself is modelled by {@link DmgBus}.
 *
 * <p>Times are absolute T-cycles of the M-cycle in which an access happens (the bus clock after it
 * has advanced for that access).
 */
final class OamDma {

    private static final long NONE = Long.MAX_VALUE;

    /** From the FF46 write to the first M-cycle the transfer owns the bus. */
    static final int START_DELAY = 2 * 4;

    /** 160 bytes, one per M-cycle. */
    static final int LENGTH = 160 * 4;

    private int register = 0xFF;

    /** The running transfer: first and first-free M-cycle, and its source address. */
    private long start = NONE;

    private long end = NONE;
    private int source;

    /** A transfer requested by a FF46 write that has not started yet. */
    private long nextStart = NONE;

    private int nextSource;

    void reset() {
        register = 0xFF;
        start = NONE;
        end = NONE;
        source = 0;
        nextStart = NONE;
        nextSource = 0;
    }

    /** A CPU write of {@code value} to FF46 in the M-cycle at {@code now}. */
    void request(long now, int value) {
        register = value;
        nextStart = now + START_DELAY;
        nextSource = sourceAddress(value);
    }

    /** Where a transfer from page {@code value} reads: pages E0-FF are WRAM, as the echo. */
    static int sourceAddress(int value) {
        return (value >= 0xE0 ? value - 0x20 : value) << 8;
    }

    int register() {
        return register;
    }

    /**
     * Brings the state to the M-cycle at {@code now}; returns true if a transfer started since the
     * last call (the caller then copies its source, see {@link #source()}).
     */
    boolean advance(long now) {
        boolean started = false;
        if (nextStart <= now) {
            start = nextStart;
            end = start + LENGTH;
            source = nextSource;
            nextStart = NONE;
            started = true;
        }
        if (end <= now) {
            start = NONE;
            end = NONE;
        }
        return started;
    }

    /** True if, as of the last {@link #advance}, a transfer owns its bus at {@code now}. */
    boolean owns(long now) {
        return start <= now && now < end;
    }

    /** True while a transfer runs or is about to start: the CPU's fast path is off. */
    boolean busy() {
        return end != NONE || nextStart != NONE;
    }

    /** The source address of the running transfer (or of the last one). */
    int source() {
        return source;
    }

    /** The source byte address the running transfer reads in the M-cycle at {@code now}. */
    int currentSourceAddress(long now) {
        return source + (int) ((now - start) >> 2);
    }

    /** True if the running transfer reads the video bus (source 8000-9FFF). */
    boolean onVideoBus() {
        return onVideoBus(source);
    }

    /** True for 8000-9FFF, the video bus; every other address below FE00 is the main bus. */
    static boolean onVideoBus(int address) {
        return (address & 0xE000) == 0x8000;
    }

    /** The next time the state changes by itself: a start or an end. */
    long nextChange() {
        return Math.min(nextStart, end);
    }

    void save(DataOutput out) throws IOException {
        out.writeInt(register);
        out.writeLong(start);
        out.writeLong(end);
        out.writeInt(source);
        out.writeLong(nextStart);
        out.writeInt(nextSource);
    }

    void load(DataInput in) throws IOException {
        register = in.readInt();
        start = in.readLong();
        end = in.readLong();
        source = in.readInt();
        nextStart = in.readLong();
        nextSource = in.readInt();
    }
}
