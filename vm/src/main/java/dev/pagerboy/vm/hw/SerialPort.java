package dev.pagerboy.vm.hw;

import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * SB/SC with the internal clock and nothing plugged into the link port.
 *
 * <p>Writing SC with bits 7 and 0 set starts a transfer of SB. The shift clock is 8192 Hz, taken
 * from bit 8 of the timer's counter: each falling edge shifts one bit out and a 1 in (no partner),
 * so after 8 edges SB reads 0xFF, SC bit 7 clears and the serial interrupt is requested. Every byte
 * whose transfer starts is captured, in order, as the program's output.
 */
public final class SerialPort {

    private static final long NONE = Long.MAX_VALUE;
    private static final long SHIFT_PERIOD = 512; // falling edges of counter bit 8

    /** Receives each byte as its transfer starts. */
    public interface Listener {
        void onByte(int value);
    }

    private final Timer timer;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private Listener listener;

    private int sb;
    private int sc;
    private int bitsLeft;
    private long synced;
    private int raised;

    SerialPort(Timer timer) {
        this.timer = timer;
    }

    void reset(long now) {
        sb = 0;
        sc = 0;
        bitsLeft = 0;
        synced = now;
        raised = 0;
        output.reset();
    }

    void setListener(Listener listener) {
        this.listener = listener;
    }

    /** Shifts the bits whose clock edges passed; returns the IF bits raised (serial or 0). */
    int catchUp(long now) {
        if (bitsLeft > 0 && now > synced) {
            long edges =
                    Math.floorDiv(timer.counterAt(now), SHIFT_PERIOD)
                            - Math.floorDiv(timer.counterAt(synced), SHIFT_PERIOD);
            shift((int) Math.min(edges, bitsLeft));
        }
        synced = now;
        int r = raised;
        raised = 0;
        return r;
    }

    private void shift(int bits) {
        for (int i = 0; i < bits; i++) {
            sb = ((sb << 1) | 1) & 0xFF;
        }
        bitsLeft -= bits;
        if (bits > 0 && bitsLeft == 0) {
            sc &= 0x7F;
            raised |= Interrupts.SERIAL;
        }
    }

    long nextEventTime() {
        if (bitsLeft == 0) {
            return NONE;
        }
        long edge = Math.floorDiv(timer.counterAt(synced), SHIFT_PERIOD) + bitsLeft;
        return edge * SHIFT_PERIOD - timer.counterAt(0);
    }

    /** Before DIV is cleared at {@code now}: clearing can drop counter bit 8, which is an edge. */
    void beforeDivReset(long now) {
        if (bitsLeft > 0 && ((timer.counterAt(now) >> 8) & 1) != 0) {
            shift(1);
        }
    }

    int readSb() {
        return sb;
    }

    int readSc() {
        return 0x7E | sc;
    }

    void writeSb(int value) {
        sb = value;
    }

    void writeSc(long now, int value) {
        sc = value & 0x81;
        if ((value & 0x81) == 0x81) {
            bitsLeft = 8;
            synced = now;
            output.write(sb);
            if (listener != null) {
                listener.onByte(sb);
            }
        } else if ((value & 0x80) == 0) {
            bitsLeft = 0;
        }
    }

    /** Every byte sent since the last reset, in order. */
    byte[] output() {
        return output.toByteArray();
    }

    void clearOutput() {
        output.reset();
    }

    void save(DataOutput out) throws IOException {
        out.writeInt(sb);
        out.writeInt(sc);
        out.writeInt(bitsLeft);
        out.writeLong(synced);
        out.writeInt(raised);
        byte[] bytes = output.toByteArray();
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    void load(DataInput in) throws IOException {
        sb = in.readInt();
        sc = in.readInt();
        bitsLeft = in.readInt();
        synced = in.readLong();
        raised = in.readInt();
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        output.reset();
        output.write(bytes);
    }
}
