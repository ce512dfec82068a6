package dev.pagerboy.vm.asm;

/** The section types of RGBDS and where each lives in the Game Boy's address space. */
enum MemoryRegion {
    ROM0(0x0000, 0x4000, false, true),
    ROMX(0x4000, 0x4000, true, true),
    VRAM(0x8000, 0x2000, true, false),
    SRAM(0xA000, 0x2000, true, false),
    WRAM0(0xC000, 0x1000, false, false),
    WRAMX(0xD000, 0x1000, true, false),
    OAM(0xFE00, 0x00A0, false, false),
    HRAM(0xFF80, 0x007F, false, false);

    final int start;
    final int size;
    final boolean banked;
    final boolean rom;

    MemoryRegion(int start, int size, boolean banked, boolean rom) {
        this.start = start;
        this.size = size;
        this.banked = banked;
        this.rom = rom;
    }

    int end() {
        return start + size;
    }

    int firstBank() {
        return this == ROMX || this == WRAMX ? 1 : 0;
    }

    /** The last bank rgblink allows by default (CGB VRAM, 16 SRAM banks, 7 WRAMX, 511 ROMX). */
    int lastBank() {
        return switch (this) {
            case ROMX -> 511;
            case VRAM -> 1;
            case SRAM -> 15;
            case WRAMX -> 7;
            default -> 0;
        };
    }
}
