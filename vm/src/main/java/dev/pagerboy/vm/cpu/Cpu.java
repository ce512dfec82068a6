package dev.pagerboy.vm.cpu;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The Sharp SM83 core: registers, the instruction set, IME and interrupt dispatch, HALT and STOP.
 *
 * <p>Every memory access goes through the {@link Bus} and costs its M-cycle at the moment the
 * hardware performs it; internal cycles are {@link Bus#idle()} calls. The opcode switch follows the
 * 16x16 opcode chart row by row so that a reader with the chart open finds every opcode. Register
 * operands are written out per case (rather than decoded at run time from {@code op & 7}) so that
 * the JIT compiles each case to a few instructions; the CB table, which is perfectly regular and
 * rarely hot, is decoded from its bit fields.
 *
 * <p>Model: the opcode is fetched at the start of the instruction (the vectors' model, too), so an
 * instruction's M-cycles are "fetch, then its own accesses". A run stops at an instruction
 * boundary.
 */
public final class Cpu {

    public static final int FLAG_Z = 0x80;
    public static final int FLAG_N = 0x40;
    public static final int FLAG_H = 0x20;
    public static final int FLAG_C = 0x10;

    // Operand fields of the CB table and of conditions, as encoded in the opcode bits.
    private static final int HL_INDIRECT = 6;
    private static final int NZ = 0;
    private static final int Z = 1;
    private static final int NC = 2;
    private static final int C = 3;

    private final Bus bus;

    private int a;
    private int f;
    private int b;
    private int c;
    private int d;
    private int e;
    private int h;
    private int l;
    private int sp;
    private int pc;

    private boolean ime;
    private boolean eiPending;
    private boolean halted;
    private boolean haltBug;

    /**
     * True while executing the instruction right after EI: IME is already set for the next
     * boundary, but that instruction itself (HALT, for the HALT bug) still sees IME = 0.
     */
    private boolean eiTookEffect;

    private boolean stopped;
    private boolean locked;

    /** ime || halted || eiPending || haltBug || trace != null: the fast path's only test. */
    private boolean attention;

    private int lockedOpcode;
    private int lockedPc;

    private long instructions;
    private boolean breakpointEnabled;
    private TraceHook trace;

    /** Non-null ends the current {@link #run} after the current instruction. */
    private StopReason stopSignal;

    public Cpu(Bus bus) {
        this.bus = bus;
    }

    /**
     * Executes instructions until {@code bus.now() >= cycleLimit} (an absolute T-cycle time) or
     * until something stops the run earlier. An instruction that starts before the limit runs to
     * completion, so the run can overshoot the limit by at most one instruction (or interrupt
     * dispatch).
     */
    public StopReason run(long cycleLimit) {
        if (locked) {
            return StopReason.ILLEGAL_OPCODE;
        }
        if (stopped) {
            return StopReason.STOP_INSTRUCTION;
        }
        stopSignal = null;
        final Bus bus = this.bus;
        while (bus.now() < cycleLimit) {
            step(cycleLimit);
            if (stopSignal != null) {
                return stopSignal;
            }
        }
        return StopReason.CYCLE_LIMIT;
    }

    /** Ends the current run after the instruction in progress (callable from hooks). */
    public void requestStop() {
        stopSignal = StopReason.STOP_REQUESTED;
    }

    /**
     * One instruction, interrupt dispatch or stretch of HALT. The common case (IME off, not halted,
     * no EI pending, no HALT bug, no trace hook) tests a single flag, then fetches and executes;
     * everything else, the HALT bug's PC handling included, is in {@link #stepWithAttention}.
     */
    private void step(long cycleLimit) {
        if (attention) {
            stepWithAttention(cycleLimit);
            return;
        }
        int op = bus.read(pc);
        pc = (pc + 1) & 0xFFFF;
        instructions++;
        execute(op);
    }

    /** {@link #step} when IME, HALT, EI, the HALT bug or a trace hook needs looking at. */
    private void stepWithAttention(long cycleLimit) {
        if (handledBeforeFetch(cycleLimit)) {
            return;
        }
        int op = bus.read(pc);
        if (haltBug) {
            haltBug = false; // the HALT bug: PC fails to advance past this opcode
            updateAttention();
        } else {
            pc = (pc + 1) & 0xFFFF;
        }
        instructions++;
        execute(op);
    }

    /** Interrupts, HALT, the EI delay and tracing; true when this step is over without a fetch. */
    private boolean handledBeforeFetch(long cycleLimit) {
        if (ime || halted) {
            int pending = bus.pendingInterrupts();
            if (pending != 0) {
                if (halted) {
                    // DMG: HALT ends with the same timing as a run of NOPs would (Mooneye
                    // acceptance/halt_ime0_nointr_timing.s, halt_ime1_timing2-GS.s).
                    halted = false;
                    updateAttention();
                }
                if (ime) {
                    dispatchInterrupt();
                    return true;
                }
            } else if (halted) {
                bus.idleUntilEvent(cycleLimit);
                return true;
            }
        }
        eiTookEffect = false;
        if (eiPending) {
            // EI takes effect after the instruction that follows it.
            eiPending = false;
            ime = true;
            eiTookEffect = true;
        }
        TraceHook t = trace;
        if (t != null) {
            t.beforeInstruction(this, bus.now());
        }
        return false;
    }

    /** Recomputes the one flag the fast path tests; call after changing any of its inputs. */
    private void updateAttention() {
        attention = ime || halted || eiPending || haltBug || trace != null;
    }

    /** IME was set and IE & IF != 0: 5 M-cycles, two idle, two pushes, one to load PC. */
    private void dispatchInterrupt() {
        ime = false;
        if (haltBug) {
            // EI; HALT with an interrupt pending: the HALT bug kept PC on the byte after HALT,
            // and the dispatch steps it back, so the handler returns to the HALT (Pan Docs,
            // "halt bug").
            haltBug = false;
            pc = (pc - 1) & 0xFFFF;
        }
        updateAttention();
        bus.idle();
        bus.idle();
        sp = (sp - 1) & 0xFFFF;
        bus.write(sp, pc >> 8);
        // The high-byte push can land on IE (SP = 0x0000) and cancel the interrupt: then PC = 0.
        int pending = bus.pendingInterrupts();
        sp = (sp - 1) & 0xFFFF;
        bus.write(sp, pc & 0xFF);
        if (pending == 0) {
            pc = 0;
        } else {
            int bit = Integer.lowestOneBit(pending); // bit 0 (VBlank) has the highest priority
            bus.acknowledgeInterrupt(bit);
            pc = 0x40 + 8 * Integer.numberOfTrailingZeros(bit);
        }
        bus.idle();
    }

    /**
     * Dispatches on the opcode chart's four quadrants (bits 7-6), each its own method: the JIT
     * inlines the helpers of each quadrant within its own size budget, where one 256-way method ran
     * out of budget once programs used many different opcodes.
     */
    private void execute(int op) {
        switch (op >> 6) {
            case 0 -> executeRows0To3(op);
            case 1 -> executeLoads(op);
            case 2 -> executeAlu(op);
            default -> executeRowsCToF(op);
        }
    }

    /** Rows 0x-3x: 16-bit loads, INC/DEC, immediate loads, rotates of A, relative jumps. */
    private void executeRows0To3(int op) {
        switch (op) {
            // Row 0x
            case 0x00 -> {} // NOP
            case 0x01 -> setBc(imm16()); // LD BC,nn
            case 0x02 -> write(bc(), a); // LD (BC),A
            case 0x03 -> setBc(inc16(bc())); // INC BC
            case 0x04 -> b = inc(b); // INC B
            case 0x05 -> b = dec(b); // DEC B
            case 0x06 -> b = imm8(); // LD B,n
            case 0x07 -> rlca(); // RLCA
            case 0x08 -> ldNnSp(); // LD (nn),SP
            case 0x09 -> addHl(bc()); // ADD HL,BC
            case 0x0A -> a = read(bc()); // LD A,(BC)
            case 0x0B -> setBc(dec16(bc())); // DEC BC
            case 0x0C -> c = inc(c); // INC C
            case 0x0D -> c = dec(c); // DEC C
            case 0x0E -> c = imm8(); // LD C,n
            case 0x0F -> rrca(); // RRCA
            // Row 1x
            case 0x10 -> stop(); // STOP
            case 0x11 -> setDe(imm16()); // LD DE,nn
            case 0x12 -> write(de(), a); // LD (DE),A
            case 0x13 -> setDe(inc16(de())); // INC DE
            case 0x14 -> d = inc(d); // INC D
            case 0x15 -> d = dec(d); // DEC D
            case 0x16 -> d = imm8(); // LD D,n
            case 0x17 -> rla(); // RLA
            case 0x18 -> jr(true); // JR e
            case 0x19 -> addHl(de()); // ADD HL,DE
            case 0x1A -> a = read(de()); // LD A,(DE)
            case 0x1B -> setDe(dec16(de())); // DEC DE
            case 0x1C -> e = inc(e); // INC E
            case 0x1D -> e = dec(e); // DEC E
            case 0x1E -> e = imm8(); // LD E,n
            case 0x1F -> rra(); // RRA
            // Row 2x
            case 0x20 -> jr(condition(NZ)); // JR NZ,e
            case 0x21 -> setHl(imm16()); // LD HL,nn
            case 0x22 -> ldHliA(+1); // LD (HL+),A
            case 0x23 -> setHl(inc16(hl())); // INC HL
            case 0x24 -> h = inc(h); // INC H
            case 0x25 -> h = dec(h); // DEC H
            case 0x26 -> h = imm8(); // LD H,n
            case 0x27 -> daa(); // DAA
            case 0x28 -> jr(condition(Z)); // JR Z,e
            case 0x29 -> addHl(hl()); // ADD HL,HL
            case 0x2A -> ldAHli(+1); // LD A,(HL+)
            case 0x2B -> setHl(dec16(hl())); // DEC HL
            case 0x2C -> l = inc(l); // INC L
            case 0x2D -> l = dec(l); // DEC L
            case 0x2E -> l = imm8(); // LD L,n
            case 0x2F -> cpl(); // CPL
            // Row 3x
            case 0x30 -> jr(condition(NC)); // JR NC,e
            case 0x31 -> sp = imm16(); // LD SP,nn
            case 0x32 -> ldHliA(-1); // LD (HL-),A
            case 0x33 -> sp = inc16(sp); // INC SP
            case 0x34 -> incHlIndirect(); // INC (HL)
            case 0x35 -> decHlIndirect(); // DEC (HL)
            case 0x36 -> write(hl(), imm8()); // LD (HL),n
            case 0x37 -> f = (f & FLAG_Z) | FLAG_C; // SCF
            case 0x38 -> jr(condition(C)); // JR C,e
            case 0x39 -> addHl(sp); // ADD HL,SP
            case 0x3A -> ldAHli(-1); // LD A,(HL-)
            case 0x3B -> sp = dec16(sp); // DEC SP
            case 0x3C -> a = inc(a); // INC A
            case 0x3D -> a = dec(a); // DEC A
            case 0x3E -> a = imm8(); // LD A,n
            case 0x3F -> f = (f & FLAG_Z) | ((f & FLAG_C) ^ FLAG_C); // CCF
            default -> throw new IllegalStateException("not in rows 0-3: " + op);
        }
    }

    /** Rows 4x-7x: LD r,r' (0x76, where LD (HL),(HL) would be, is HALT). */
    private void executeLoads(int op) {
        switch (op) {
            case 0x40 -> breakpoint(); // LD B,B: software breakpoint
            case 0x41 -> b = c; // LD B,C
            case 0x42 -> b = d; // LD B,D
            case 0x43 -> b = e; // LD B,E
            case 0x44 -> b = h; // LD B,H
            case 0x45 -> b = l; // LD B,L
            case 0x46 -> b = read(hl()); // LD B,(HL)
            case 0x47 -> b = a; // LD B,A
            case 0x48 -> c = b; // LD C,B
            case 0x49 -> {} // LD C,C
            case 0x4A -> c = d; // LD C,D
            case 0x4B -> c = e; // LD C,E
            case 0x4C -> c = h; // LD C,H
            case 0x4D -> c = l; // LD C,L
            case 0x4E -> c = read(hl()); // LD C,(HL)
            case 0x4F -> c = a; // LD C,A
            case 0x50 -> d = b; // LD D,B
            case 0x51 -> d = c; // LD D,C
            case 0x52 -> {} // LD D,D
            case 0x53 -> d = e; // LD D,E
            case 0x54 -> d = h; // LD D,H
            case 0x55 -> d = l; // LD D,L
            case 0x56 -> d = read(hl()); // LD D,(HL)
            case 0x57 -> d = a; // LD D,A
            case 0x58 -> e = b; // LD E,B
            case 0x59 -> e = c; // LD E,C
            case 0x5A -> e = d; // LD E,D
            case 0x5B -> {} // LD E,E
            case 0x5C -> e = h; // LD E,H
            case 0x5D -> e = l; // LD E,L
            case 0x5E -> e = read(hl()); // LD E,(HL)
            case 0x5F -> e = a; // LD E,A
            case 0x60 -> h = b; // LD H,B
            case 0x61 -> h = c; // LD H,C
            case 0x62 -> h = d; // LD H,D
            case 0x63 -> h = e; // LD H,E
            case 0x64 -> {} // LD H,H
            case 0x65 -> h = l; // LD H,L
            case 0x66 -> h = read(hl()); // LD H,(HL)
            case 0x67 -> h = a; // LD H,A
            case 0x68 -> l = b; // LD L,B
            case 0x69 -> l = c; // LD L,C
            case 0x6A -> l = d; // LD L,D
            case 0x6B -> l = e; // LD L,E
            case 0x6C -> l = h; // LD L,H
            case 0x6D -> {} // LD L,L
            case 0x6E -> l = read(hl()); // LD L,(HL)
            case 0x6F -> l = a; // LD L,A
            case 0x70 -> write(hl(), b); // LD (HL),B
            case 0x71 -> write(hl(), c); // LD (HL),C
            case 0x72 -> write(hl(), d); // LD (HL),D
            case 0x73 -> write(hl(), e); // LD (HL),E
            case 0x74 -> write(hl(), h); // LD (HL),H
            case 0x75 -> write(hl(), l); // LD (HL),L
            case 0x76 -> halt(); // HALT
            case 0x77 -> write(hl(), a); // LD (HL),A
            case 0x78 -> a = b; // LD A,B
            case 0x79 -> a = c; // LD A,C
            case 0x7A -> a = d; // LD A,D
            case 0x7B -> a = e; // LD A,E
            case 0x7C -> a = h; // LD A,H
            case 0x7D -> a = l; // LD A,L
            case 0x7E -> a = read(hl()); // LD A,(HL)
            case 0x7F -> {} // LD A,A
            default -> throw new IllegalStateException("not in rows 4-7: " + op);
        }
    }

    /** Rows 8x-Bx: ADD ADC SUB SBC AND XOR OR CP of A with r. */
    private void executeAlu(int op) {
        switch (op) {
            case 0x80 -> add(b); // ADD A,B
            case 0x81 -> add(c); // ADD A,C
            case 0x82 -> add(d); // ADD A,D
            case 0x83 -> add(e); // ADD A,E
            case 0x84 -> add(h); // ADD A,H
            case 0x85 -> add(l); // ADD A,L
            case 0x86 -> add(read(hl())); // ADD A,(HL)
            case 0x87 -> add(a); // ADD A,A
            case 0x88 -> adc(b); // ADC A,B
            case 0x89 -> adc(c); // ADC A,C
            case 0x8A -> adc(d); // ADC A,D
            case 0x8B -> adc(e); // ADC A,E
            case 0x8C -> adc(h); // ADC A,H
            case 0x8D -> adc(l); // ADC A,L
            case 0x8E -> adc(read(hl())); // ADC A,(HL)
            case 0x8F -> adc(a); // ADC A,A
            case 0x90 -> sub(b); // SUB B
            case 0x91 -> sub(c); // SUB C
            case 0x92 -> sub(d); // SUB D
            case 0x93 -> sub(e); // SUB E
            case 0x94 -> sub(h); // SUB H
            case 0x95 -> sub(l); // SUB L
            case 0x96 -> sub(read(hl())); // SUB (HL)
            case 0x97 -> sub(a); // SUB A
            case 0x98 -> sbc(b); // SBC A,B
            case 0x99 -> sbc(c); // SBC A,C
            case 0x9A -> sbc(d); // SBC A,D
            case 0x9B -> sbc(e); // SBC A,E
            case 0x9C -> sbc(h); // SBC A,H
            case 0x9D -> sbc(l); // SBC A,L
            case 0x9E -> sbc(read(hl())); // SBC A,(HL)
            case 0x9F -> sbc(a); // SBC A,A
            case 0xA0 -> and(b); // AND B
            case 0xA1 -> and(c); // AND C
            case 0xA2 -> and(d); // AND D
            case 0xA3 -> and(e); // AND E
            case 0xA4 -> and(h); // AND H
            case 0xA5 -> and(l); // AND L
            case 0xA6 -> and(read(hl())); // AND (HL)
            case 0xA7 -> and(a); // AND A
            case 0xA8 -> xor(b); // XOR B
            case 0xA9 -> xor(c); // XOR C
            case 0xAA -> xor(d); // XOR D
            case 0xAB -> xor(e); // XOR E
            case 0xAC -> xor(h); // XOR H
            case 0xAD -> xor(l); // XOR L
            case 0xAE -> xor(read(hl())); // XOR (HL)
            case 0xAF -> xor(a); // XOR A
            case 0xB0 -> or(b); // OR B
            case 0xB1 -> or(c); // OR C
            case 0xB2 -> or(d); // OR D
            case 0xB3 -> or(e); // OR E
            case 0xB4 -> or(h); // OR H
            case 0xB5 -> or(l); // OR L
            case 0xB6 -> or(read(hl())); // OR (HL)
            case 0xB7 -> or(a); // OR A
            case 0xB8 -> cp(b); // CP B
            case 0xB9 -> cp(c); // CP C
            case 0xBA -> cp(d); // CP D
            case 0xBB -> cp(e); // CP E
            case 0xBC -> cp(h); // CP H
            case 0xBD -> cp(l); // CP L
            case 0xBE -> cp(read(hl())); // CP (HL)
            case 0xBF -> cp(a); // CP A

            default -> throw new IllegalStateException("not in rows 8-B: " + op);
        }
    }

    /** Rows Cx-Fx: stack, calls and returns, immediates, I/O loads, CB prefix, illegal opcodes. */
    private void executeRowsCToF(int op) {
        switch (op) {
            // Row Cx
            case 0xC0 -> retIf(condition(NZ)); // RET NZ
            case 0xC1 -> setBc(pop()); // POP BC
            case 0xC2 -> jp(condition(NZ)); // JP NZ,nn
            case 0xC3 -> jp(true); // JP nn
            case 0xC4 -> call(condition(NZ)); // CALL NZ,nn
            case 0xC5 -> push(bc()); // PUSH BC
            case 0xC6 -> add(imm8()); // ADD A,n
            case 0xC7 -> rst(0x00); // RST 00h
            case 0xC8 -> retIf(condition(Z)); // RET Z
            case 0xC9 -> ret(); // RET
            case 0xCA -> jp(condition(Z)); // JP Z,nn
            case 0xCB -> executeCb(imm8()); // PREFIX CB
            case 0xCC -> call(condition(Z)); // CALL Z,nn
            case 0xCD -> call(true); // CALL nn
            case 0xCE -> adc(imm8()); // ADC A,n
            case 0xCF -> rst(0x08); // RST 08h
            // Row Dx
            case 0xD0 -> retIf(condition(NC)); // RET NC
            case 0xD1 -> setDe(pop()); // POP DE
            case 0xD2 -> jp(condition(NC)); // JP NC,nn
            case 0xD4 -> call(condition(NC)); // CALL NC,nn
            case 0xD5 -> push(de()); // PUSH DE
            case 0xD6 -> sub(imm8()); // SUB n
            case 0xD7 -> rst(0x10); // RST 10h
            case 0xD8 -> retIf(condition(C)); // RET C
            case 0xD9 -> reti(); // RETI
            case 0xDA -> jp(condition(C)); // JP C,nn
            case 0xDC -> call(condition(C)); // CALL C,nn
            case 0xDE -> sbc(imm8()); // SBC A,n
            case 0xDF -> rst(0x18); // RST 18h
            // Row Ex
            case 0xE0 -> write(0xFF00 | imm8(), a); // LDH (n),A
            case 0xE1 -> setHl(pop()); // POP HL
            case 0xE2 -> write(0xFF00 | c, a); // LD (C),A
            case 0xE5 -> push(hl()); // PUSH HL
            case 0xE6 -> and(imm8()); // AND n
            case 0xE7 -> rst(0x20); // RST 20h
            case 0xE8 -> addSpE8(); // ADD SP,e
            case 0xE9 -> pc = hl(); // JP HL
            case 0xEA -> write(imm16(), a); // LD (nn),A
            case 0xEE -> xor(imm8()); // XOR n
            case 0xEF -> rst(0x28); // RST 28h
            // Row Fx
            case 0xF0 -> a = read(0xFF00 | imm8()); // LDH A,(n)
            case 0xF1 -> setAf(pop()); // POP AF
            case 0xF2 -> a = read(0xFF00 | c); // LD A,(C)
            case 0xF3 -> di(); // DI
            case 0xF5 -> push(af()); // PUSH AF
            case 0xF6 -> or(imm8()); // OR n
            case 0xF7 -> rst(0x30); // RST 30h
            case 0xF8 -> ldHlSpE8(); // LD HL,SP+e
            case 0xF9 -> ldSpHl(); // LD SP,HL
            case 0xFA -> a = read(imm16()); // LD A,(nn)
            case 0xFB -> ei(); // EI
            case 0xFE -> cp(imm8()); // CP n
            case 0xFF -> rst(0x38); // RST 38h
            // D3 DB DD E3 E4 EB EC ED F4 FC FD
            default -> lockUp(op);
        }
    }

    /**
     * CB table: bits 7-6 pick the group, bits 5-3 the operation or bit number, bits 2-0 the
     * register.
     */
    private void executeCb(int op) {
        int reg = op & 7;
        int n = (op >> 3) & 7;
        int v = r8(reg); // (HL) costs its read M-cycle here
        switch (op >> 6) {
            case 0 -> setR8(reg, shiftOrRotate(n, v)); // RLC RRC RL RR SLA SRA SWAP SRL
            case 1 -> f = (f & FLAG_C) | FLAG_H | (((v >> n) & 1) == 0 ? FLAG_Z : 0); // BIT n
            case 2 -> setR8(reg, v & ~(1 << n)); // RES n
            default -> setR8(reg, v | (1 << n)); // SET n
        }
    }

    private int shiftOrRotate(int kind, int v) {
        int carryIn = (f >> 4) & 1;
        int r;
        int carryOut;
        switch (kind) {
            case 0 -> { // RLC
                carryOut = v >> 7;
                r = ((v << 1) | carryOut) & 0xFF;
            }
            case 1 -> { // RRC
                carryOut = v & 1;
                r = (v >> 1) | (carryOut << 7);
            }
            case 2 -> { // RL
                carryOut = v >> 7;
                r = ((v << 1) | carryIn) & 0xFF;
            }
            case 3 -> { // RR
                carryOut = v & 1;
                r = (v >> 1) | (carryIn << 7);
            }
            case 4 -> { // SLA
                carryOut = v >> 7;
                r = (v << 1) & 0xFF;
            }
            case 5 -> { // SRA
                carryOut = v & 1;
                r = (v >> 1) | (v & 0x80);
            }
            case 6 -> { // SWAP
                carryOut = 0;
                r = ((v << 4) | (v >> 4)) & 0xFF;
            }
            default -> { // SRL
                carryOut = v & 1;
                r = v >> 1;
            }
        }
        f = (r == 0 ? FLAG_Z : 0) | (carryOut << 4);
        return r;
    }

    private int r8(int index) {
        return switch (index) {
            case 0 -> b;
            case 1 -> c;
            case 2 -> d;
            case 3 -> e;
            case 4 -> h;
            case 5 -> l;
            case HL_INDIRECT -> read(hl());
            default -> a;
        };
    }

    private void setR8(int index, int v) {
        switch (index) {
            case 0 -> b = v;
            case 1 -> c = v;
            case 2 -> d = v;
            case 3 -> e = v;
            case 4 -> h = v;
            case 5 -> l = v;
            case HL_INDIRECT -> write(hl(), v);
            default -> a = v;
        }
    }

    /** The one place conditions are evaluated: cc = bits 4-3 of JR/JP/CALL/RET cc. */
    private boolean condition(int cc) {
        return switch (cc) {
            case NZ -> (f & FLAG_Z) == 0;
            case Z -> (f & FLAG_Z) != 0;
            case NC -> (f & FLAG_C) == 0;
            default -> (f & FLAG_C) != 0;
        };
    }

    // ---- memory access: one M-cycle each ----

    private int read(int address) {
        return bus.read(address);
    }

    private void write(int address, int value) {
        bus.write(address, value);
    }

    private int imm8() {
        int v = bus.read(pc);
        pc = (pc + 1) & 0xFFFF;
        return v;
    }

    private int imm16() {
        int lo = imm8();
        return (imm8() << 8) | lo;
    }

    private void push(int value) {
        bus.idle();
        sp = (sp - 1) & 0xFFFF;
        bus.write(sp, value >> 8);
        sp = (sp - 1) & 0xFFFF;
        bus.write(sp, value & 0xFF);
    }

    private int pop() {
        int lo = bus.read(sp);
        sp = (sp + 1) & 0xFFFF;
        int hi = bus.read(sp);
        sp = (sp + 1) & 0xFFFF;
        return (hi << 8) | lo;
    }

    // ---- control flow ----

    private void jr(boolean taken) {
        int offset = (byte) imm8();
        if (taken) {
            bus.idle();
            pc = (pc + offset) & 0xFFFF;
        }
    }

    private void jp(boolean taken) {
        int target = imm16();
        if (taken) {
            bus.idle();
            pc = target;
        }
    }

    private void call(boolean taken) {
        int target = imm16();
        if (taken) {
            push(pc);
            pc = target;
        }
    }

    private void ret() {
        pc = pop();
        bus.idle();
    }

    private void retIf(boolean taken) {
        bus.idle();
        if (taken) {
            ret();
        }
    }

    private void reti() {
        ret();
        ime = true;
        attention = true;
    }

    private void rst(int vector) {
        push(pc);
        pc = vector;
    }

    private void di() {
        ime = false;
        eiPending = false;
        updateAttention();
    }

    private void ei() {
        eiPending = true;
        attention = true;
    }

    private void halt() {
        boolean imeAtHalt = ime && !eiTookEffect;
        if (!imeAtHalt && bus.pendingInterrupts() != 0) {
            haltBug = true; // HALT does not halt, and the next opcode byte is read twice
        } else {
            halted = true;
        }
        attention = true;
    }

    /**
     * STOP on a DMG: resets DIV and stops the clock until a joypad line goes low. This machine has
     * no joypad, so nothing resumes it; the byte after STOP is skipped as on hardware.
     */
    private void stop() {
        pc = (pc + 1) & 0xFFFF;
        bus.enterStopMode();
        stopped = true;
        stopSignal = StopReason.STOP_INSTRUCTION;
    }

    private void breakpoint() {
        if (breakpointEnabled) {
            stopSignal = StopReason.BREAKPOINT;
        }
    }

    private void lockUp(int op) {
        locked = true;
        lockedOpcode = op;
        lockedPc = (pc - 1) & 0xFFFF;
        stopSignal = StopReason.ILLEGAL_OPCODE;
    }

    // ---- 8-bit arithmetic and logic ----

    private void add(int v) {
        int r = a + v;
        f =
                ((r & 0xFF) == 0 ? FLAG_Z : 0)
                        | ((a & 0xF) + (v & 0xF) > 0xF ? FLAG_H : 0)
                        | (r > 0xFF ? FLAG_C : 0);
        a = r & 0xFF;
    }

    private void adc(int v) {
        int carry = (f >> 4) & 1;
        int r = a + v + carry;
        f =
                ((r & 0xFF) == 0 ? FLAG_Z : 0)
                        | ((a & 0xF) + (v & 0xF) + carry > 0xF ? FLAG_H : 0)
                        | (r > 0xFF ? FLAG_C : 0);
        a = r & 0xFF;
    }

    private void sub(int v) {
        a = compare(v);
    }

    private void sbc(int v) {
        int carry = (f >> 4) & 1;
        int r = a - v - carry;
        f =
                ((r & 0xFF) == 0 ? FLAG_Z : 0)
                        | FLAG_N
                        | ((a & 0xF) - (v & 0xF) - carry < 0 ? FLAG_H : 0)
                        | (r < 0 ? FLAG_C : 0);
        a = r & 0xFF;
    }

    private void and(int v) {
        a &= v;
        f = (a == 0 ? FLAG_Z : 0) | FLAG_H;
    }

    private void xor(int v) {
        a ^= v;
        f = a == 0 ? FLAG_Z : 0;
    }

    private void or(int v) {
        a |= v;
        f = a == 0 ? FLAG_Z : 0;
    }

    private void cp(int v) {
        compare(v);
    }

    /** A - v with the flags of SUB/CP; returns the 8-bit difference. */
    private int compare(int v) {
        int r = a - v;
        f =
                ((r & 0xFF) == 0 ? FLAG_Z : 0)
                        | FLAG_N
                        | ((a & 0xF) < (v & 0xF) ? FLAG_H : 0)
                        | (r < 0 ? FLAG_C : 0);
        return r & 0xFF;
    }

    private int inc(int v) {
        int r = (v + 1) & 0xFF;
        f = (f & FLAG_C) | (r == 0 ? FLAG_Z : 0) | ((r & 0xF) == 0 ? FLAG_H : 0);
        return r;
    }

    private int dec(int v) {
        int r = (v - 1) & 0xFF;
        f = (f & FLAG_C) | FLAG_N | (r == 0 ? FLAG_Z : 0) | ((r & 0xF) == 0xF ? FLAG_H : 0);
        return r;
    }

    private void incHlIndirect() {
        int address = hl();
        write(address, inc(read(address)));
    }

    private void decHlIndirect() {
        int address = hl();
        write(address, dec(read(address)));
    }

    private void ldHliA(int step) {
        int address = hl();
        write(address, a);
        setHl((address + step) & 0xFFFF);
    }

    private void ldAHli(int step) {
        int address = hl();
        a = read(address);
        setHl((address + step) & 0xFFFF);
    }

    private void rlca() {
        int carry = a >> 7;
        a = ((a << 1) | carry) & 0xFF;
        f = carry << 4;
    }

    private void rrca() {
        int carry = a & 1;
        a = (a >> 1) | (carry << 7);
        f = carry << 4;
    }

    private void rla() {
        int carry = a >> 7;
        a = ((a << 1) | ((f >> 4) & 1)) & 0xFF;
        f = carry << 4;
    }

    private void rra() {
        int carry = a & 1;
        a = (a >> 1) | (((f >> 4) & 1) << 7);
        f = carry << 4;
    }

    private void daa() {
        int adjust = 0;
        boolean carry = (f & FLAG_C) != 0;
        if ((f & FLAG_N) == 0) {
            if ((f & FLAG_H) != 0 || (a & 0xF) > 9) {
                adjust |= 0x06;
            }
            if (carry || a > 0x99) {
                adjust |= 0x60;
                carry = true;
            }
            a = (a + adjust) & 0xFF;
        } else {
            if ((f & FLAG_H) != 0) {
                adjust |= 0x06;
            }
            if (carry) {
                adjust |= 0x60;
            }
            a = (a - adjust) & 0xFF;
        }
        f = (a == 0 ? FLAG_Z : 0) | (f & FLAG_N) | (carry ? FLAG_C : 0);
    }

    private void cpl() {
        a ^= 0xFF;
        f |= FLAG_N | FLAG_H;
    }

    // ---- 16-bit arithmetic ----

    private int inc16(int v) {
        bus.idle();
        return (v + 1) & 0xFFFF;
    }

    private int dec16(int v) {
        bus.idle();
        return (v - 1) & 0xFFFF;
    }

    private void addHl(int v) {
        bus.idle();
        int hl = hl();
        int r = hl + v;
        f =
                (f & FLAG_Z)
                        | ((hl & 0xFFF) + (v & 0xFFF) > 0xFFF ? FLAG_H : 0)
                        | (r > 0xFFFF ? FLAG_C : 0);
        setHl(r & 0xFFFF);
    }

    /** SP + signed e with the flags of ADD SP,e / LD HL,SP+e (carries out of bits 3 and 7). */
    private int spPlusE8(int offset) {
        f =
                ((sp & 0xF) + (offset & 0xF) > 0xF ? FLAG_H : 0)
                        | ((sp & 0xFF) + (offset & 0xFF) > 0xFF ? FLAG_C : 0);
        return (sp + (byte) offset) & 0xFFFF;
    }

    private void addSpE8() {
        int offset = imm8();
        bus.idle();
        bus.idle();
        sp = spPlusE8(offset);
    }

    private void ldHlSpE8() {
        int offset = imm8();
        bus.idle();
        setHl(spPlusE8(offset));
    }

    private void ldSpHl() {
        bus.idle();
        sp = hl();
    }

    private void ldNnSp() {
        int address = imm16();
        write(address, sp & 0xFF);
        write((address + 1) & 0xFFFF, sp >> 8);
    }

    // ---- register pairs ----

    private int bc() {
        return (b << 8) | c;
    }

    private int de() {
        return (d << 8) | e;
    }

    private int hl() {
        return (h << 8) | l;
    }

    private int af() {
        return (a << 8) | f;
    }

    private void setBc(int v) {
        b = v >> 8;
        c = v & 0xFF;
    }

    private void setDe(int v) {
        d = v >> 8;
        e = v & 0xFF;
    }

    private void setHl(int v) {
        h = v >> 8;
        l = v & 0xFF;
    }

    private void setAf(int v) {
        a = v >> 8;
        f = v & 0xF0; // the low nibble of F does not exist
    }

    // ---- public view of the core state ----

    public int a() {
        return a;
    }

    public int f() {
        return f;
    }

    public int b() {
        return b;
    }

    public int c() {
        return c;
    }

    public int d() {
        return d;
    }

    public int e() {
        return e;
    }

    public int h() {
        return h;
    }

    public int l() {
        return l;
    }

    public int sp() {
        return sp;
    }

    public int pc() {
        return pc;
    }

    public int bcPair() {
        return bc();
    }

    public int dePair() {
        return de();
    }

    public int hlPair() {
        return hl();
    }

    public boolean ime() {
        return ime;
    }

    /** True between EI and the end of the instruction after it. */
    public boolean eiPending() {
        return eiPending;
    }

    public boolean halted() {
        return halted;
    }

    /** True after STOP: without a joypad the DMG never leaves STOP mode. */
    public boolean stopped() {
        return stopped;
    }

    /** True after an illegal opcode: the CPU no longer executes anything. */
    public boolean locked() {
        return locked;
    }

    /** The illegal opcode that locked the CPU (valid when {@link #locked()}). */
    public int lockedOpcode() {
        return lockedOpcode;
    }

    /** The address of the illegal opcode that locked the CPU (valid when {@link #locked()}). */
    public int lockedPc() {
        return lockedPc;
    }

    /** Instructions executed since the last reset (a CB-prefixed instruction counts once). */
    public long instructions() {
        return instructions;
    }

    /**
     * Sets all registers (8-bit values 0..0xFF, SP and PC 0..0xFFFF). The low nibble of F is
     * dropped, as on hardware.
     */
    public void setRegisters(
            int a, int f, int b, int c, int d, int e, int h, int l, int sp, int pc) {
        this.a = a & 0xFF;
        this.f = f & 0xF0;
        this.b = b & 0xFF;
        this.c = c & 0xFF;
        this.d = d & 0xFF;
        this.e = e & 0xFF;
        this.h = h & 0xFF;
        this.l = l & 0xFF;
        this.sp = sp & 0xFFFF;
        this.pc = pc & 0xFFFF;
    }

    public void setPc(int pc) {
        this.pc = pc & 0xFFFF;
    }

    public void setSp(int sp) {
        this.sp = sp & 0xFFFF;
    }

    public void setIme(boolean ime) {
        this.ime = ime;
        updateAttention();
    }

    /** Enables or disables the LD B,B (0x40) software breakpoint; disabled it is a plain NOP. */
    public void setBreakpointEnabled(boolean enabled) {
        this.breakpointEnabled = enabled;
    }

    public boolean breakpointEnabled() {
        return breakpointEnabled;
    }

    /** Installs (or with null removes) the per-instruction trace hook. */
    public void setTraceHook(TraceHook hook) {
        this.trace = hook;
        updateAttention();
    }

    /**
     * Back to a power-on core with the given registers cleared; hooks and breakpoint setting stay.
     */
    public void reset() {
        setRegisters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        ime = false;
        eiPending = false;
        halted = false;
        haltBug = false;
        stopped = false;
        locked = false;
        lockedOpcode = 0;
        lockedPc = 0;
        instructions = 0;
        stopSignal = null;
        updateAttention();
    }

    /** Writes the complete core state (not the hooks) for a machine snapshot. */
    public void save(DataOutput out) throws IOException {
        for (int r : new int[] {a, f, b, c, d, e, h, l, sp, pc, lockedOpcode, lockedPc}) {
            out.writeInt(r);
        }
        for (boolean flag : new boolean[] {ime, eiPending, halted, haltBug, stopped, locked}) {
            out.writeBoolean(flag);
        }
        out.writeLong(instructions);
    }

    /** Reads what {@link #save} wrote. */
    public void load(DataInput in) throws IOException {
        a = in.readInt();
        f = in.readInt();
        b = in.readInt();
        c = in.readInt();
        d = in.readInt();
        e = in.readInt();
        h = in.readInt();
        l = in.readInt();
        sp = in.readInt();
        pc = in.readInt();
        lockedOpcode = in.readInt();
        lockedPc = in.readInt();
        ime = in.readBoolean();
        eiPending = in.readBoolean();
        halted = in.readBoolean();
        haltBug = in.readBoolean();
        stopped = in.readBoolean();
        locked = in.readBoolean();
        instructions = in.readLong();
        stopSignal = null;
        updateAttention();
    }
}
