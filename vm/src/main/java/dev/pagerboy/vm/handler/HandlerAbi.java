package dev.pagerboy.vm.handler;

/**
 * Handler ABI version 1: every address the runtime and a handler ROM agree on. {@code vm/ABI.md}
 * explains each one; {@code vm/handlers/abi.inc} gives the same numbers to assembly sources (a test
 * checks that the two agree).
 *
 * <pre>
 * $0150-$0155  ROM   ABI marker: "PBABI" and the ABI version byte
 * $0156        ROM   RUN: call HandlerMain, then write DONE (put there by the HANDLER_HEADER macro)
 * $C000-$C3FF  WRAM  INPUT: the alert, read-only
 * $C400-$C5FF  WRAM  DECISION: written by the handler; DONE at $C5FF
 * $C600-$C63F  WRAM  STATE: 64 bytes kept per fingerprint between alerts
 * $C640-$C6FF  WRAM  reserved (writes fault)
 * $C700-$DFFF  WRAM  WORK: scratch memory and the stack (SP starts at $E000)
 * $FF80-$FFFE  HRAM  WORK as well
 * </pre>
 */
public final class HandlerAbi {

    public static final int VERSION = 1;

    // ROM
    public static final int MARKER = 0x0150;
    public static final byte[] MAGIC = {'P', 'B', 'A', 'B', 'I'};
    public static final int VERSION_BYTE = 0x0155;
    public static final int RUN = 0x0156;

    // Areas
    public static final int INPUT = 0xC000;
    public static final int INPUT_SIZE = 0x400;
    public static final int DECISION = 0xC400;
    public static final int DECISION_SIZE = 0x200;
    public static final int DONE = 0xC5FF;
    public static final int STATE = 0xC600;
    public static final int STATE_SIZE = 64;
    public static final int WORK = 0xC700;
    public static final int WORK_END = 0xE000;
    public static final int STACK_TOP = 0xE000;
    public static final int HRAM = 0xFF80;
    public static final int HRAM_END = 0xFFFF;

    // Input fields
    public static final int IN_STATUS = 0xC000; // 0 firing, 1 resolved, 2 anything else
    public static final int IN_FLAGS = 0xC001; // truncation bits, see TRUNC_*
    public static final int IN_REPEAT = 0xC002; // u16 LE, saturating
    public static final int IN_STARTS_AT = 0xC004; // u32 LE seconds since 1970 UTC
    public static final int IN_WEEKDAY = 0xC008; // UTC, 0 = Monday .. 6 = Sunday
    public static final int IN_HOUR = 0xC009; // UTC 0-23
    public static final int IN_MINUTE = 0xC00A; // 0-59
    public static final int IN_LABEL_COUNT = 0xC00B; // 0-16
    public static final int IN_FINGERPRINT = 0xC010; // 8 bytes, big-endian
    public static final int IN_ALERTNAME = 0xC018; // string slot, 32 bytes
    public static final int IN_SEVERITY = 0xC038; // string slot, 16 bytes
    public static final int IN_SUMMARY = 0xC048; // string slot, 128 bytes
    public static final int IN_LABELS = 0xC100; // 16 entries of LABEL_SIZE bytes

    public static final int ALERTNAME_SLOT = 32;
    public static final int SEVERITY_SLOT = 16;
    public static final int SUMMARY_SLOT = 128;
    public static final int MAX_INPUT_LABELS = 16;
    public static final int LABEL_KEY_SLOT = 16; // key at +0
    public static final int LABEL_VALUE_SLOT = 32; // value at +16
    public static final int LABEL_SIZE = LABEL_KEY_SLOT + LABEL_VALUE_SLOT;

    public static final int STATUS_FIRING = 0;
    public static final int STATUS_RESOLVED = 1;
    public static final int STATUS_OTHER = 2;

    public static final int TRUNC_ALERTNAME = 0x01;
    public static final int TRUNC_SEVERITY = 0x02;
    public static final int TRUNC_SUMMARY = 0x04;
    public static final int TRUNC_LABEL_TEXT = 0x08;
    public static final int TRUNC_LABEL_COUNT = 0x10;
    public static final int TRUNC_FINGERPRINT = 0x20;

    // Decision fields
    public static final int OUT_SEVERITY = 0xC400; // 0 keep, 1 info, 2 warning, 3 error, 4 critical
    public static final int OUT_FLAGS = 0xC401; // bit 0: suppress
    public static final int OUT_ROUTE = 0xC402; // u16 LE
    public static final int OUT_ESCALATION = 0xC404; // u16 LE
    public static final int OUT_LABEL_COUNT = 0xC406; // 0-4
    public static final int OUT_SUMMARY = 0xC410; // string slot, 64 bytes; empty = keep
    public static final int OUT_LABELS = 0xC450; // 4 entries of LABEL_SIZE bytes

    public static final int OUT_SUMMARY_SLOT = 64;
    public static final int MAX_OUTPUT_LABELS = 4;
    public static final int FLAG_SUPPRESS = 0x01;

    /** Severity names by decision code; code 0 keeps the alert's own severity. */
    public static final String[] SEVERITIES = {null, "info", "warning", "error", "critical"};

    /** Default cycle budget: 200,000 T-cycles, about 48 ms of a real Game Boy's time. */
    public static final long DEFAULT_CYCLE_BUDGET = 200_000;

    private HandlerAbi() {}

    /** Whether a handler may write {@code address}. */
    public static boolean writable(int address) {
        return (address >= DECISION && address < STATE + STATE_SIZE)
                || (address >= WORK && address < WORK_END)
                || (address >= HRAM && address < HRAM_END);
    }
}
