package dev.pagerboy.vm.hw;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The screen's timing without pixels: LCDC, STAT, LY and LYC, and the VBlank and STAT interrupts.
 *
 * <p>While LCDC bit 7 is set a frame is 154 lines of 456 T-cycles; lines 0-143 spend 80 T-cycles in
 * mode 2, 172 in mode 3 and the rest in mode 0, lines 144-153 are mode 1 (VBlank, requested at the
 * start of line 144). With the LCD off LY reads 0 and the mode is 0. The position in the frame is
 * computed from the time the LCD was switched on, so nothing ticks; events are scheduled only for
 * the transitions an interrupt could depend on (two per frame unless STAT's mode-0, mode-2 or LYC
 * sources are enabled). The DMG's line-153 quirk and the variable length of mode 3 are not
 * modelled.
 */
public final class LcdTiming {

    static final int LINE_CYCLES = 456;
    static final int LINES = 154;
    static final int FRAME_CYCLES = LINE_CYCLES * LINES;
    static final int VBLANK_LINE = 144;
    private static final int MODE2_END = 80;
    private static final int MODE3_END = 80 + 172;
    private static final long NONE = Long.MAX_VALUE;

    private int lcdc;
    private int statEnables; // STAT bits 6-3
    private int lyc;
    private long onTime;
    private boolean statLine;
    private long nextEvent = NONE;
    private int raised;

    void reset(long now, int lcdc) {
        this.lcdc = lcdc;
        statEnables = 0;
        lyc = 0;
        onTime = now;
        raised = 0;
        statLine = statLineAt(now);
        nextEvent = nextTransitionAfter(now);
    }

    private boolean on() {
        return (lcdc & 0x80) != 0;
    }

    int ly(long now) {
        return on() ? (int) ((now - onTime) % FRAME_CYCLES / LINE_CYCLES) : 0;
    }

    int mode(long now) {
        if (!on()) {
            return 0;
        }
        long inFrame = (now - onTime) % FRAME_CYCLES;
        if (inFrame >= (long) VBLANK_LINE * LINE_CYCLES) {
            return 1;
        }
        long dot = inFrame % LINE_CYCLES;
        return dot < MODE2_END ? 2 : dot < MODE3_END ? 3 : 0;
    }

    private boolean statLineAt(long now) {
        if (!on()) {
            return false;
        }
        int mode = mode(now);
        return ((statEnables & 0x40) != 0 && ly(now) == lyc)
                || ((statEnables & 0x20) != 0 && mode == 2)
                || ((statEnables & 0x10) != 0 && mode == 1)
                || ((statEnables & 0x08) != 0 && mode == 0);
    }

    /** Raises the interrupts of every transition up to {@code now}; returns the IF bits raised. */
    int catchUp(long now) {
        while (nextEvent <= now) {
            long t = nextEvent;
            long inFrame = (t - onTime) % FRAME_CYCLES;
            if (inFrame == (long) VBLANK_LINE * LINE_CYCLES) {
                raised |= Interrupts.VBLANK;
            }
            updateStatLine(t);
            nextEvent = nextTransitionAfter(t);
        }
        int r = raised;
        raised = 0;
        return r;
    }

    private void updateStatLine(long t) {
        boolean line = statLineAt(t);
        if (line && !statLine) {
            raised |=
                    Interrupts
                            .STAT; // the STAT interrupt fires on a rising edge of the OR-ed sources
        }
        statLine = line;
    }

    private long nextTransitionAfter(long t) {
        if (!on()) {
            return NONE;
        }
        long frameStart = t - (t - onTime) % FRAME_CYCLES;
        long inFrame = t - frameStart;
        if ((statEnables & 0x68) == 0) {
            long vblank = (long) VBLANK_LINE * LINE_CYCLES;
            return inFrame < vblank ? frameStart + vblank : frameStart + FRAME_CYCLES;
        }
        long lineStart = frameStart + inFrame / LINE_CYCLES * LINE_CYCLES;
        long dot = inFrame % LINE_CYCLES;
        boolean visible = inFrame < (long) VBLANK_LINE * LINE_CYCLES;
        if (visible && dot < MODE2_END) {
            return lineStart + MODE2_END;
        }
        if (visible && dot < MODE3_END) {
            return lineStart + MODE3_END;
        }
        return lineStart + LINE_CYCLES;
    }

    long nextEventTime() {
        return nextEvent;
    }

    int readLcdc() {
        return lcdc;
    }

    int readStat(long now) {
        int coincidence = on() && ly(now) == lyc ? 0x04 : 0;
        return 0x80 | statEnables | coincidence | mode(now);
    }

    int readLyc() {
        return lyc;
    }

    /** Call after {@link #catchUp}(now). */
    void writeLcdc(long now, int value) {
        boolean wasOn = on();
        lcdc = value;
        if (!wasOn && on()) {
            onTime = now;
        }
        updateStatLine(now);
        nextEvent = nextTransitionAfter(now);
    }

    void writeStat(long now, int value) {
        statEnables = value & 0x78;
        updateStatLine(now);
        nextEvent = nextTransitionAfter(now);
    }

    void writeLyc(long now, int value) {
        lyc = value;
        updateStatLine(now);
    }

    void save(DataOutput out) throws IOException {
        out.writeInt(lcdc);
        out.writeInt(statEnables);
        out.writeInt(lyc);
        out.writeLong(onTime);
        out.writeBoolean(statLine);
        out.writeLong(nextEvent);
        out.writeInt(raised);
    }

    void load(DataInput in) throws IOException {
        lcdc = in.readInt();
        statEnables = in.readInt();
        lyc = in.readInt();
        onTime = in.readLong();
        statLine = in.readBoolean();
        nextEvent = in.readLong();
        raised = in.readInt();
    }
}
