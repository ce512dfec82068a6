package dev.pagerboy.vm.handler;

import java.util.Arrays;

/**
 * The 1 KiB input area as a plain array that {@link InputWriter} fills and the runtime then copies
 * into the machine in one go: writing an alert byte by byte through the machine's bus cost about a
 * tenth of a short handler's run. Remembers how far it was written, so that clearing it and copying
 * it out touch only that prefix.
 */
final class InputImage implements AbiMemory {

    private final byte[] bytes = new byte[HandlerAbi.INPUT_SIZE];
    private int length;

    @Override
    public int peek(int address) {
        return bytes[address - HandlerAbi.INPUT] & 0xFF;
    }

    @Override
    public void poke(int address, int value) {
        int offset = address - HandlerAbi.INPUT;
        bytes[offset] = (byte) value;
        if (offset >= length) {
            length = offset + 1;
        }
    }

    /** Back to all zeros. */
    void clear() {
        Arrays.fill(bytes, 0, length, (byte) 0);
        length = 0;
    }

    /** The image; only the first {@link #length()} bytes can be non-zero. */
    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }
}
