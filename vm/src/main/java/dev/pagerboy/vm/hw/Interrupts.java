package dev.pagerboy.vm.hw;

/** The five interrupt request bits of IF and IE, in priority order (VBlank highest). */
public final class Interrupts {
    public static final int VBLANK = 0x01;
    public static final int STAT = 0x02;
    public static final int TIMER = 0x04;
    public static final int SERIAL = 0x08;
    public static final int JOYPAD = 0x10;

    private Interrupts() {}
}
