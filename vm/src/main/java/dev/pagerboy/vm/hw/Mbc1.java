package dev.pagerboy.vm.hw;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The MBC1 bank controller's registers and the bank numbers they select (also used, with banking
 * disabled, for cartridges without a controller).
 *
 * <p>0000-1FFF: RAM enable (0x0A in the low nibble); 2000-3FFF: the low 5 bits of the ROM bank for
 * 4000-7FFF (0 counts as 1); 4000-5FFF: two more bits, used as ROM bank bits 5-6 or as the RAM
 * bank; 6000-7FFF: mode. In mode 1 the two bits also select the bank at 0000-3FFF and the RAM bank.
 *
 * <p>MBC1M multicarts (Pan Docs "MBC1", MBC1M) wire the two bits to ROM bank bits 4-5 and leave bit
 * 4 of the five-bit register unconnected (it still counts for the 0-to-1 rule), so mode 1 selects
 * the 256 KiB game at banks $00, $10, $20 or $30.
 */
final class Mbc1 {

    private final boolean banking;
    private final int highShift; // 5, or 4 for an MBC1M multicart
    private final int lowMask; // 0x1F, or 0x0F for an MBC1M multicart
    private final int romBanks; // 16 KiB banks, a power of two
    private final int ramBanks; // 8 KiB banks
    private final boolean ramAlwaysEnabled;

    private boolean ramEnabled;
    private int low5;
    private int high2;
    private int mode;

    Mbc1(boolean banking, boolean multicart, int romSize, int ramSize) {
        this.banking = banking;
        this.highShift = multicart ? 4 : 5;
        this.lowMask = multicart ? 0x0F : 0x1F;
        this.romBanks = romSize / 0x4000;
        this.ramBanks = (ramSize + 0x1FFF) / 0x2000;
        this.ramAlwaysEnabled = !banking && ramSize > 0;
        reset();
    }

    void reset() {
        ramEnabled = false;
        low5 = 1;
        high2 = 0;
        mode = 0;
    }

    /** A write to 0000-7FFF. */
    void write(int address, int value) {
        if (!banking) {
            return;
        }
        switch (address >> 13) {
            case 0 -> ramEnabled = (value & 0x0F) == 0x0A;
            case 1 -> low5 = (value & 0x1F) == 0 ? 1 : value & 0x1F;
            case 2 -> high2 = value & 3;
            default -> mode = value & 1;
        }
    }

    int lowRomBank() {
        return banking && mode == 1 ? (high2 << highShift) & (romBanks - 1) : 0;
    }

    int highRomBank() {
        return banking ? ((high2 << highShift) | (low5 & lowMask)) & (romBanks - 1) : 1;
    }

    boolean ramAccessible() {
        return ramBanks > 0 && (ramEnabled || ramAlwaysEnabled);
    }

    int ramBank() {
        return banking && mode == 1 ? high2 & (ramBanks - 1) : 0;
    }

    int ramBanks() {
        return ramBanks;
    }

    void save(DataOutput out) throws IOException {
        out.writeBoolean(ramEnabled);
        out.writeInt(low5);
        out.writeInt(high2);
        out.writeInt(mode);
    }

    void load(DataInput in) throws IOException {
        ramEnabled = in.readBoolean();
        low5 = in.readInt();
        high2 = in.readInt();
        mode = in.readInt();
    }
}
