package dev.pagerboy.vm.cpu;

/**
 * A flat 64 KiB bus that records every M-cycle, the model the SingleStepTests vectors use: no
 * memory map, no devices, no interrupts.
 */
final class RecordingBus implements Bus {

    static final char READ = 'r';
    static final char WRITE = 'w';
    static final char IDLE = '-';

    final byte[] memory = new byte[0x10000];
    final int[] cycleAddress = new int[64];
    final int[] cycleValue = new int[64];
    final char[] cycleKind = new char[64];
    int cycleCount;
    private long now;

    private final int[] touched = new int[128];
    private int touchedCount;

    /** Clears the cycle record and every byte written since the last reset. */
    void resetCase() {
        for (int i = 0; i < touchedCount; i++) {
            memory[touched[i]] = 0;
        }
        touchedCount = 0;
        cycleCount = 0;
    }

    void load(int address, int value) {
        touch(address);
        memory[address] = (byte) value;
    }

    private void touch(int address) {
        if (touchedCount < touched.length) {
            touched[touchedCount++] = address;
        }
    }

    private void record(int address, int value, char kind) {
        if (cycleCount < cycleKind.length) {
            cycleAddress[cycleCount] = address;
            cycleValue[cycleCount] = value;
            cycleKind[cycleCount] = kind;
        }
        cycleCount++;
        now += 4;
    }

    @Override
    public int read(int address) {
        int value = memory[address] & 0xFF;
        record(address, value, READ);
        return value;
    }

    @Override
    public void write(int address, int value) {
        touch(address);
        memory[address] = (byte) value;
        record(address, value, WRITE);
    }

    @Override
    public void idle() {
        record(-1, -1, IDLE);
    }

    @Override
    public void idleUntilEvent(long cycleLimit) {
        idle();
    }

    @Override
    public long now() {
        return now;
    }

    @Override
    public int pendingInterrupts() {
        return 0;
    }

    @Override
    public void acknowledgeInterrupt(int mask) {}

    @Override
    public void enterStopMode() {}
}
