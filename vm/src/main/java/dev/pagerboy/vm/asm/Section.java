package dev.pagerboy.vm.asm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A named block of code or data (or, in RAM, of reserved space). A fixed section has its address
 * (and bank) from the source; a floating one gets them from the {@link Linker}. Values that depend
 * on addresses not known while assembling are kept as {@link Patch}es.
 */
final class Section {

    final String name;
    final MemoryRegion region;
    final int fixedAddress; // -1 when floating
    final int fixedBank; // -1 when any bank will do
    final SourceLocation declared;
    private byte[] data = new byte[64];
    private int size;
    final List<Patch> patches = new ArrayList<>();

    int address = -1;
    int bank = -1;

    Section(
            String name,
            MemoryRegion region,
            int fixedAddress,
            int fixedBank,
            SourceLocation declared) {
        this.name = name;
        this.region = region;
        this.fixedAddress = fixedAddress;
        this.fixedBank = fixedBank;
        this.declared = declared;
        if (fixedAddress >= 0) {
            address = fixedAddress;
        }
        if (fixedBank >= 0) {
            bank = fixedBank;
        } else if (!region.banked) {
            bank = 0;
        }
    }

    int size() {
        return size;
    }

    void emit(int value) {
        if (size == data.length) {
            data = Arrays.copyOf(data, data.length * 2);
        }
        data[size++] = (byte) value;
    }

    void reserve(int count) {
        for (int i = 0; i < count; i++) {
            emit(0);
        }
    }

    void set(int offset, int value) {
        data[offset] = (byte) value;
    }

    byte[] bytes() {
        return Arrays.copyOf(data, size);
    }

    /** A value to fill in at link time. */
    record Patch(int offset, Kind kind, Expr expr, SourceLocation location) {
        enum Kind {
            BYTE, // n8: -128..255
            WORD, // n16: -32768..65535
            SIGNED_BYTE, // e8: -128..127
            RELATIVE, // jr target: offset from the next instruction, -128..127
            HIGH_PAGE // ldh operand: $FF00-$FFFF (or 0-$FF)
        }
    }
}
