package dev.pagerboy.vm.hw;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * DIV, TIMA, TMA and TAC, exact to the M-cycle and computed lazily.
 *
 * <p>The hardware has one free-running 16-bit counter that advances every T-cycle; DIV is its high
 * byte. TIMA increments on each falling edge of one counter bit (bit 9, 3, 5 or 7 for TAC = 0..3)
 * ANDed with the TAC enable bit, so writing DIV (which clears the counter) or TAC can itself make
 * an edge. When TIMA overflows it reads 0x00 for one M-cycle, then TMA is loaded and the timer
 * interrupt is requested; a TIMA write in that M-cycle cancels the reload, a TIMA write in the
 * reload M-cycle is ignored, and a TMA write in the reload M-cycle also lands in TIMA.
 *
 * <p>Instead of ticking, the counter is {@code base + now}; TIMA is brought up to date only when it
 * is read or written, when the timer's configuration changes, or when the machine needs the next
 * event ({@link #nextEventTime()}). Edges between two times are counted arithmetically.
 */
public final class Timer {

    /**
     * The counter when the CPU starts fetching at PC = 0x100 after the DMG (revisions A, B, C) and
     * MGB boot ROM: DIV reads 0xAB (Pan Docs "Power Up Sequence") and increments 14 M-cycles after
     * the start, the phase Mooneye's {@code acceptance/boot_div-dmgABCmgb.s} measures. Emulators
     * that count the opcode fetch at 0x100 as part of the boot ROM's last instruction write this as
     * 0xABCC; here that fetch is the first M-cycle of the run, so it is 4 T-cycles less.
     */
    static final int POST_BOOT_COUNTER = 0xABC8;

    private static final long NONE = Long.MAX_VALUE;
    private static final int[] TAC_BIT = {9, 3, 5, 7};

    private long base;
    private long synced;
    private int tima;
    private int tma;
    private int tac;

    /** Time at which a pending overflow reloads TMA, or NONE. */
    private long reloadAt = NONE;

    /** Time of the M-cycle in which the last reload happened (writes there behave specially). */
    private long reloadedAt = -1;

    private int raised;

    void reset(long now) {
        base = POST_BOOT_COUNTER - now;
        synced = now;
        tima = 0;
        tma = 0;
        tac = 0;
        reloadAt = NONE;
        reloadedAt = -1;
        raised = 0;
    }

    /** The internal 16-bit counter (as an unbounded long) at time {@code t}. */
    long counterAt(long t) {
        return base + t;
    }

    /**
     * Brings TIMA up to {@code now}; returns the IF bits raised since the last call (bit 2 or 0).
     */
    int catchUp(long now) {
        while (synced < now) {
            if (reloadAt != NONE) {
                if (reloadAt > now) {
                    synced = now; // TIMA stays 0x00 until the reload; no edge fits in between
                    break;
                }
                tima = tma;
                raised |= Interrupts.TIMER;
                reloadedAt = reloadAt;
                synced = reloadAt;
                reloadAt = NONE;
                continue;
            }
            if ((tac & 4) == 0) {
                synced = now;
                break;
            }
            long period = 1L << (TAC_BIT[tac & 3] + 1);
            long edgesBefore = Math.floorDiv(counterAt(synced), period);
            long edges = Math.floorDiv(counterAt(now), period) - edgesBefore;
            if (tima + edges <= 0xFF) {
                tima += (int) edges;
                synced = now;
                break;
            }
            long overflowAt = (edgesBefore + (0x100 - tima)) * period - base;
            tima = 0;
            reloadAt = overflowAt + 4;
            synced = overflowAt;
        }
        int r = raised;
        raised = 0;
        return r;
    }

    /** The next time the timer will request an interrupt, if nothing is written before. */
    long nextEventTime() {
        if (reloadAt != NONE) {
            return reloadAt;
        }
        if ((tac & 4) == 0) {
            return NONE;
        }
        long period = 1L << (TAC_BIT[tac & 3] + 1);
        long overflowEdge = Math.floorDiv(counterAt(synced), period) + (0x100 - tima);
        return overflowEdge * period - base + 4;
    }

    private boolean signal(long now) {
        return (tac & 4) != 0 && ((counterAt(now) >> TAC_BIT[tac & 3]) & 1) != 0;
    }

    /** A falling edge caused by a DIV or TAC write rather than by counting. */
    private void extraTick(long now) {
        if (tima == 0xFF) {
            tima = 0;
            reloadAt = now + 4;
        } else {
            tima++;
        }
    }

    int readDiv(long now) {
        return (int) (counterAt(now) >> 8) & 0xFF;
    }

    int readTima(long now) {
        return tima;
    }

    int readTma() {
        return tma;
    }

    int readTac() {
        return 0xF8 | tac;
    }

    /**
     * Call after {@link #catchUp}(now). Clearing the counter can make the falling edge TIMA counts.
     */
    void writeDiv(long now) {
        boolean before = signal(now);
        base = -now;
        if (before) {
            extraTick(now);
        }
    }

    void writeTima(long now, int value) {
        if (reloadedAt == now) {
            return; // the reload M-cycle: TMA wins
        }
        if (reloadAt == now + 4) {
            reloadAt =
                    NONE; // written during the 0x00 M-cycle: the reload and interrupt are cancelled
        }
        tima = value;
    }

    void writeTma(long now, int value) {
        tma = value;
        if (reloadedAt == now) {
            tima = value;
        }
    }

    void writeTac(long now, int value) {
        boolean before = signal(now);
        tac = value & 7;
        if (before && !signal(now)) {
            extraTick(now); // DMG: disabling or switching the source on a high bit ticks TIMA
        }
    }

    void save(DataOutput out) throws IOException {
        out.writeLong(base);
        out.writeLong(synced);
        out.writeInt(tima);
        out.writeInt(tma);
        out.writeInt(tac);
        out.writeLong(reloadAt);
        out.writeLong(reloadedAt);
        out.writeInt(raised);
    }

    void load(DataInput in) throws IOException {
        base = in.readLong();
        synced = in.readLong();
        tima = in.readInt();
        tma = in.readInt();
        tac = in.readInt();
        reloadAt = in.readLong();
        reloadedAt = in.readLong();
        raised = in.readInt();
    }
}
