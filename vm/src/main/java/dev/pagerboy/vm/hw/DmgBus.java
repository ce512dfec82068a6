package dev.pagerboy.vm.hw;

import dev.pagerboy.vm.cpu.Bus;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The DMG memory map and the machine clock: the one place that reads like the hardware's table.
 *
 * <pre>
 * 0000-3FFF  ROM bank 0 (MBC1 mode 1: bank 0x20/0x40/0x60)   writes: MBC1 registers
 * 4000-7FFF  ROM bank 1..n                                   writes: MBC1 registers
 * 8000-9FFF  VRAM (plain memory)
 * A000-BFFF  cartridge RAM, 8 KiB banks (0xFF when disabled or absent)
 * C000-DFFF  WRAM
 * E000-FDFF  echo of C000-DDFF
 * FE00-FE9F  OAM (plain memory)          FEA0-FEFF  unusable, reads 0x00
 * FF00-FF7F  I/O registers               FF80-FFFE  HRAM          FFFF  IE
 * </pre>
 *
 * <p>Speed: the 4 KiB pages that are plain memory are looked up in a 16-entry table, so a ROM or
 * RAM access is an array load; everything else (I/O, HRAM, the MBC registers, disabled RAM, and all
 * of memory from an FF46 write until the OAM DMA it starts has ended) takes the slow path. Devices
 * are computed lazily: each is brought up to date when the CPU touches it or when the earliest
 * interrupt any of them can raise is due.
 *
 * <p>OAM DMA bus conflict (DMG): while a transfer owns its bus ({@link OamDma}), a CPU read of an
 * address on that same bus returns the byte the DMA reads in that M-cycle, a read of OAM returns
 * 0xFF, and CPU writes to either are lost; the other bus, the I/O registers, HRAM and IE work as
 * usual. This is the model of Gekkio's Game Boy: Complete Technical Reference and SameBoy, and what
 * the Mooneye {@code oam_dma} and BullyGB {@code dmabusconflict} tests observe.
 */
public final class DmgBus implements Bus {

    private static final int PAGE = 0x1000;

    // Read masks of the sound registers FF10-FF3F: bits that do not exist read as 1.
    private static final int[] SOUND_READ_MASK = {
        0x80, 0x3F, 0x00, 0xFF, 0xBF, 0xFF, 0x3F, 0x00, 0xFF, 0xBF, 0x7F, 0xFF, 0x9F, 0xFF, 0xBF,
                0xFF,
        0xFF, 0x00, 0x00, 0xBF, 0x00, 0x00, 0x70, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                0xFF,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
                0x00
    };
    // What the DMG boot ROM leaves in FF10-FF26.
    private static final int[] SOUND_POST_BOOT = {
        0x80, 0xBF, 0xF3, 0xFF, 0xBF, 0x00, 0x3F, 0x00, 0xFF, 0xBF, 0x7F, 0xFF, 0x9F, 0xFF, 0xBF,
        0x00, 0xFF, 0x00, 0x00, 0xBF, 0x77, 0xF3, 0xF1
    };

    private final byte[][] romPages;
    private final byte[][] vram = newPages(2);
    private final byte[][] wram = newPages(2);
    private final byte[][] cartRam;
    private final byte[] oam = new byte[0xA0];
    private final byte[] hram = new byte[0x7F];
    private final int[] io =
            new int[0x80]; // plain I/O registers (joypad select, sound, palettes...)

    private final Mbc1 mbc;
    private final Timer timer = new Timer();
    private final SerialPort serial = new SerialPort(timer);
    private final LcdTiming lcd = new LcdTiming();

    /** What the CPU sees now (all null while OAM DMA runs). */
    private final byte[][] readPage = new byte[16][];

    private final byte[][] writePage = new byte[16][];

    /** The banked mapping, also used by direct (debug) access during DMA. */
    private final byte[][] mappedPage = new byte[16][];

    private long now;
    private long nextEvent;
    private int ie;
    private int ifReg;
    private final OamDma dma = new OamDma();
    private WriteHook writeHook;

    /**
     * @param rom a validated ROM image (not copied, never written)
     * @param banking true for an MBC1 cartridge
     * @param multicart true for an MBC1M multicart (its two-bit register drives ROM bank bits 4-5)
     * @param ramSize cartridge RAM in bytes
     */
    public DmgBus(byte[] rom, boolean banking, boolean multicart, int ramSize) {
        romPages = new byte[rom.length / PAGE][];
        for (int i = 0; i < romPages.length; i++) {
            romPages[i] = Arrays.copyOfRange(rom, i * PAGE, (i + 1) * PAGE);
        }
        int ramBytes = ramSize == 0 ? 0 : Math.max(ramSize, 0x2000); // a 2 KiB chip fills a page
        cartRam = newPages(ramBytes / PAGE);
        mbc = new Mbc1(banking, multicart, rom.length, ramBytes);
        reset();
    }

    private static byte[][] newPages(int count) {
        byte[][] pages = new byte[count][];
        for (int i = 0; i < count; i++) {
            pages[i] = new byte[PAGE];
        }
        return pages;
    }

    /** Memory and devices as the DMG boot ROM leaves them at PC = 0x100; time restarts at 0. */
    public void reset() {
        clearPages(vram);
        clearPages(wram);
        clearPages(cartRam);
        Arrays.fill(oam, (byte) 0);
        Arrays.fill(hram, (byte) 0);
        resetDevices();
    }

    private static void clearPages(byte[][] pages) {
        for (byte[] page : pages) {
            Arrays.fill(page, (byte) 0);
        }
    }

    /**
     * Like {@link #reset()} but leaves VRAM, WRAM, OAM, HRAM and cartridge RAM untouched: I/O
     * registers, IE/IF, DMA, the MBC, the timer, the serial port and the screen timing go back to
     * the post-boot state and time restarts at 0. For an owner that knows which RAM bytes were
     * written since the last full reset and clears exactly those with {@link #clear}.
     */
    public void resetDevices() {
        now = 0;
        Arrays.fill(io, 0);
        for (int i = 0; i < SOUND_POST_BOOT.length; i++) {
            io[0x10 + i] = SOUND_POST_BOOT[i];
        }
        io[0x47] = 0xFC;
        io[0x48] = 0xFF;
        io[0x49] = 0xFF;
        ie = 0;
        ifReg = 0x01;
        dma.reset();
        mbc.reset();
        timer.reset(now);
        serial.reset(now);
        lcd.reset(now, 0x91);
        remap();
        updateNextEvent();
    }

    // ---- the CPU's side: one M-cycle per call ----

    @Override
    public int read(int address) {
        now += 4;
        byte[] page = readPage[address >>> 12];
        if (page != null) {
            return page[address & 0xFFF] & 0xFF;
        }
        return readSlow(address);
    }

    @Override
    public void write(int address, int value) {
        now += 4;
        WriteHook hook = writeHook;
        if (hook != null && !hook.onWrite(address, value)) {
            return;
        }
        byte[] page = writePage[address >>> 12];
        if (page != null) {
            page[address & 0xFFF] = (byte) value;
            return;
        }
        writeSlow(address, value);
    }

    @Override
    public void idle() {
        now += 4;
    }

    @Override
    public void idleUntilEvent(long cycleLimit) {
        long target = Math.min(nextEvent, cycleLimit);
        long step = Math.max(4, target - now);
        now += (step + 3) & ~3L;
    }

    @Override
    public long now() {
        return now;
    }

    @Override
    public int pendingInterrupts() {
        if (now >= nextEvent) {
            syncDevices();
        }
        return ie & ifReg & 0x1F;
    }

    @Override
    public void acknowledgeInterrupt(int mask) {
        ifReg &= ~mask;
    }

    @Override
    public void enterStopMode() {
        divWrite();
    }

    // ---- slow path ----

    private int readSlow(int address) {
        if (address >= 0xFF80) {
            return address == 0xFFFF ? ie : hram[address - 0xFF80] & 0xFF; // the stack lives here
        }
        if (dma.busy() && dmaOwnsBus()) {
            if (address >= 0xFF00) {
                return readHigh(address); // I/O: on the CPU's own bus
            }
            if (address >= 0xFE00) {
                return 0xFF; // OAM is being written by the DMA
            }
            if (OamDma.onVideoBus(address) == dma.onVideoBus()) {
                return read0(dma.currentSourceAddress(now)); // the byte the DMA drives
            }
        }
        return read0(address);
    }

    /**
     * Brings the DMA to now; true if a transfer owns its bus in this M-cycle. Once the last one has
     * ended, the fast path is back.
     */
    private boolean dmaOwnsBus() {
        if (dma.advance(now)) {
            copyDmaSource();
        }
        if (dma.owns(now)) {
            return true;
        }
        if (!dma.busy()) {
            remap();
        }
        return false;
    }

    /** A read without spending a cycle, through the current mapping. */
    private int read0(int address) {
        byte[] page = mappedPage[address >>> 12];
        if (page != null) {
            return page[address & 0xFFF] & 0xFF;
        }
        if (address < 0xC000) {
            return 0xFF; // A000-BFFF with cartridge RAM disabled or absent
        }
        return readHigh(address);
    }

    /** F000-FFFF. */
    private int readHigh(int address) {
        if (address < 0xFE00) {
            return wram[1][address & 0xFFF] & 0xFF;
        }
        if (address < 0xFEA0) {
            return oam[address - 0xFE00] & 0xFF;
        }
        if (address < 0xFF00) {
            return 0x00;
        }
        if (address < 0xFF80) {
            return readIo(address & 0x7F);
        }
        if (address < 0xFFFF) {
            return hram[address - 0xFF80] & 0xFF;
        }
        return ie;
    }

    private void writeSlow(int address, int value) {
        if (address >= 0xFF80) {
            if (address == 0xFFFF) {
                ie = value;
            } else {
                hram[address - 0xFF80] = (byte) value;
            }
            return;
        }
        if (dma.busy() && dmaOwnsBus() && address < 0xFF00) {
            if (address >= 0xFE00 || OamDma.onVideoBus(address) == dma.onVideoBus()) {
                return; // OAM, or the bus the DMA drives: the write is lost
            }
        }
        write0(address, value);
    }

    private void write0(int address, int value) {
        if (address < 0x8000) {
            mbc.write(address, value);
            remap();
            return;
        }
        byte[] page = mappedPage[address >>> 12];
        if (page != null) {
            page[address & 0xFFF] = (byte) value;
            return;
        }
        if (address >= 0xF000) {
            writeHigh(address, value);
        }
        // A000-BFFF with cartridge RAM disabled or absent: ignored
    }

    private void writeHigh(int address, int value) {
        if (address < 0xFE00) {
            wram[1][address & 0xFFF] = (byte) value;
        } else if (address < 0xFEA0) {
            oam[address - 0xFE00] = (byte) value;
        } else if (address < 0xFF00) {
            return; // unusable
        } else if (address < 0xFF80) {
            writeIo(address & 0x7F, value);
        } else if (address < 0xFFFF) {
            hram[address - 0xFF80] = (byte) value;
        } else {
            ie = value;
        }
    }

    // ---- I/O registers ----

    private int readIo(int reg) {
        return switch (reg) {
            case 0x00 -> 0xC0 | io[0x00] | 0x0F; // P1: no button is ever pressed
            case 0x01 -> {
                syncDevices();
                yield serial.readSb();
            }
            case 0x02 -> {
                syncDevices();
                yield serial.readSc();
            }
            case 0x04 -> timer.readDiv(now);
            case 0x05 -> {
                syncDevices();
                yield timer.readTima(now);
            }
            case 0x06 -> timer.readTma();
            case 0x07 -> timer.readTac();
            case 0x0F -> {
                syncDevices();
                yield 0xE0 | ifReg;
            }
            case 0x40 -> lcd.readLcdc();
            case 0x41 -> lcd.readStat(now);
            case 0x44 -> lcd.ly(now);
            case 0x45 -> lcd.readLyc();
            case 0x46 -> dma.register();
            case 0x42, 0x43, 0x47, 0x48, 0x49, 0x4A, 0x4B -> io[reg];
            default -> reg >= 0x10 && reg < 0x40 ? io[reg] | SOUND_READ_MASK[reg - 0x10] : 0xFF;
        };
    }

    private void writeIo(int reg, int value) {
        syncDevices();
        switch (reg) {
            case 0x00 -> io[0x00] = value & 0x30;
            case 0x01 -> serial.writeSb(value);
            case 0x02 -> serial.writeSc(now, value);
            case 0x04 -> divWrite();
            case 0x05 -> timer.writeTima(now, value);
            case 0x06 -> timer.writeTma(now, value);
            case 0x07 -> timer.writeTac(now, value);
            case 0x0F -> ifReg = value & 0x1F;
            case 0x40 -> lcd.writeLcdc(now, value);
            case 0x41 -> lcd.writeStat(now, value);
            case 0x44 -> {} // LY is read-only
            case 0x45 -> lcd.writeLyc(now, value);
            case 0x46 -> startDma(value);
            case 0x42, 0x43, 0x47, 0x48, 0x49, 0x4A, 0x4B -> io[reg] = value;
            default -> {
                if (reg >= 0x10 && reg < 0x40) {
                    io[reg] = value;
                }
            }
        }
        syncDevices(); // collect what the write raised and reschedule
    }

    private void divWrite() {
        syncDevices();
        serial.beforeDivReset(now);
        timer.writeDiv(now);
        syncDevices();
    }

    private void syncDevices() {
        ifReg |= timer.catchUp(now) | serial.catchUp(now) | lcd.catchUp(now);
        if (dma.busy()) {
            dmaOwnsBus();
        }
        updateNextEvent();
    }

    private void updateNextEvent() {
        nextEvent =
                Math.min(
                        Math.min(timer.nextEventTime(), serial.nextEventTime()),
                        Math.min(lcd.nextEventTime(), dma.nextChange()));
    }

    // ---- OAM DMA ----

    /** An FF46 write: the transfer starts two M-cycles later; until it ends, no fast path. */
    private void startDma(int value) {
        dma.request(now, value);
        Arrays.fill(readPage, null);
        Arrays.fill(writePage, null);
    }

    /**
     * Copies the whole source into OAM when a transfer starts. Equivalent to a byte per M-cycle:
     * until the transfer ends the CPU reads OAM as 0xFF and cannot write the source's bus, and a
     * restart copies all 160 bytes again.
     */
    private void copyDmaSource() {
        int source = dma.source();
        for (int i = 0; i < oam.length; i++) {
            oam[i] = (byte) read0(source + i);
        }
    }

    private void remap() {
        int low = mbc.lowRomBank() * 4;
        int high = mbc.highRomBank() * 4;
        for (int i = 0; i < 4; i++) {
            mappedPage[i] = romPages[low + i];
            mappedPage[4 + i] = romPages[high + i];
        }
        mappedPage[0x8] = vram[0];
        mappedPage[0x9] = vram[1];
        if (mbc.ramAccessible()) {
            int bank = mbc.ramBank() * 2;
            mappedPage[0xA] = cartRam[bank];
            mappedPage[0xB] = cartRam[bank + 1];
        } else {
            mappedPage[0xA] = null;
            mappedPage[0xB] = null;
        }
        mappedPage[0xC] = wram[0];
        mappedPage[0xD] = wram[1];
        mappedPage[0xE] = wram[0]; // echo RAM
        mappedPage[0xF] = null;
        if (!dma.busy()) {
            System.arraycopy(mappedPage, 0, readPage, 0, 16);
            System.arraycopy(mappedPage, 0, writePage, 0, 16);
            Arrays.fill(writePage, 0, 8, null); // ROM writes go to the MBC
        }
    }

    // ---- direct access for the machine's owner: no cycles, no hooks ----

    /** Reads a byte as the CPU would see it now (ignoring DMA), without spending time. */
    public int peek(int address) {
        return read0(address & 0xFFFF);
    }

    /**
     * Writes a byte without spending time and without the write hook. Cartridge RAM is written in
     * its selected bank even while disabled; I/O registers take the write as from the CPU.
     *
     * @throws IllegalArgumentException for 0000-7FFF (ROM and MBC registers)
     */
    public void poke(int address, int value) {
        address &= 0xFFFF;
        if (address < 0x8000) {
            throw new IllegalArgumentException(
                    String.format("0x%04X is ROM; direct writes go to RAM or I/O only", address));
        }
        if (address >= 0xA000 && address < 0xC000) {
            if (cartRam.length == 0) {
                throw new IllegalArgumentException("this cartridge has no RAM at 0xA000-0xBFFF");
            }
            cartRam[mbc.ramBank() * 2 + ((address >> 12) & 1)][address & 0xFFF] = (byte) value;
            return;
        }
        write0(address, value & 0xFF);
    }

    /**
     * Zeroes {@code length} bytes of WRAM (C000-DFFF) or HRAM (FF80-FFFE) from {@code start}
     * without spending time and without the write hook. The range must lie inside one of the two.
     *
     * @throws IllegalArgumentException for any other range
     */
    public void clear(int start, int length) {
        int end = start + length;
        if (start >= 0xC000 && end <= 0xE000 && length >= 0) {
            while (start < end) {
                byte[] page = wram[(start >> 12) & 1];
                int stop = Math.min(end, (start | 0xFFF) + 1);
                Arrays.fill(page, start & 0xFFF, ((stop - 1) & 0xFFF) + 1, (byte) 0);
                start = stop;
            }
        } else if (start >= 0xFF80 && end <= 0xFFFF && length >= 0) {
            Arrays.fill(hram, start - 0xFF80, end - 0xFF80, (byte) 0);
        } else {
            throw new IllegalArgumentException(
                    String.format("0x%X+%d is not inside WRAM or HRAM", start, length));
        }
    }

    /**
     * Copies {@code length} bytes of {@code src} into WRAM at {@code start} (C000-DFFF), without
     * spending time and without the write hook: what {@link #poke} does byte by byte, in one copy
     * per 4 KiB page.
     *
     * @throws IllegalArgumentException if the range is not inside WRAM
     */
    public void writeWram(int start, byte[] src, int offset, int length) {
        int end = start + length;
        if (start < 0xC000 || end > 0xE000 || length < 0) {
            throw new IllegalArgumentException(
                    String.format("0x%X+%d is not inside WRAM", start, length));
        }
        while (start < end) {
            int stop = Math.min(end, (start | 0xFFF) + 1);
            System.arraycopy(src, offset, wram[(start >> 12) & 1], start & 0xFFF, stop - start);
            offset += stop - start;
            start = stop;
        }
    }

    /** Raises IF bits as if a device had requested them (for tests and the handler runtime). */
    public void requestInterrupt(int mask) {
        ifReg |= mask & 0x1F;
    }

    public void setWriteHook(WriteHook hook) {
        this.writeHook = hook;
    }

    public void setSerialListener(SerialPort.Listener listener) {
        serial.setListener(listener);
    }

    /** Every byte sent over the serial port since the last reset or clear. */
    public byte[] serialOutput() {
        return serial.output();
    }

    public void clearSerialOutput() {
        serial.clearOutput();
    }

    /** Brings every device up to the present (done at the end of each run). */
    public void sync() {
        syncDevices();
    }

    /** The MBC1's current bank for 4000-7FFF (for tests and traces). */
    public int romBank() {
        return mbc.highRomBank();
    }

    // ---- snapshot ----

    public void save(DataOutput out) throws IOException {
        out.writeLong(now);
        out.writeInt(ie);
        out.writeInt(ifReg);
        for (int v : io) {
            out.writeInt(v);
        }
        for (byte[][] pages : new byte[][][] {vram, wram, cartRam}) {
            for (byte[] page : pages) {
                out.write(page);
            }
        }
        out.write(oam);
        out.write(hram);
        mbc.save(out);
        timer.save(out);
        serial.save(out);
        lcd.save(out);
        dma.save(out);
    }

    public void load(DataInput in) throws IOException {
        now = in.readLong();
        ie = in.readInt();
        ifReg = in.readInt();
        for (int i = 0; i < io.length; i++) {
            io[i] = in.readInt();
        }
        for (byte[][] pages : new byte[][][] {vram, wram, cartRam}) {
            for (byte[] page : pages) {
                in.readFully(page);
            }
        }
        in.readFully(oam);
        in.readFully(hram);
        mbc.load(in);
        timer.load(in);
        serial.load(in);
        lcd.load(in);
        dma.load(in);
        Arrays.fill(readPage, null);
        Arrays.fill(writePage, null);
        remap();
        updateNextEvent();
    }
}
