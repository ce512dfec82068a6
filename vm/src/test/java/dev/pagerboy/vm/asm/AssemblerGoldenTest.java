package dev.pagerboy.vm.asm;

import static dev.pagerboy.vm.asm.AsmTestSupport.build;
import static dev.pagerboy.vm.asm.AsmTestSupport.bytes;
import static dev.pagerboy.vm.asm.AsmTestSupport.code;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Golden tests: each syntax feature assembled, compared with bytes written by hand from the opcode
 * chart (hex in the comments).
 */
class AssemblerGoldenTest {

    @Test
    void loadsAndMemoryOperandSpellings() throws Exception {
        String src =
                """
                    ld a, b          ; 78
                    ld [hl], a       ; 77
                    ld a, [hli]      ; 2A
                    ld a, [hl+]      ; 2A
                    ld [hld], a      ; 32
                    ld [hl-], a      ; 32
                    ld a, [bc]       ; 0A
                    ld [de], a       ; 12
                    ld hl, $C000     ; 21 00 C0
                    ld [$C123], a    ; EA 23 C1
                    ld a, [$FF44]    ; FA 44 FF (ld never becomes ldh)
                    ld [hl], 7       ; 36 07
                    ld [$D000], sp   ; 08 00 D0
                    ld sp, hl        ; F9
                """;
        assertThat(code(src, 24))
                .isEqualTo(
                        bytes(
                                0x78, 0x77, 0x2A, 0x2A, 0x32, 0x32, 0x0A, 0x12, 0x21, 0x00, 0xC0,
                                0xEA, 0x23, 0xC1, 0xFA, 0x44, 0xFF, 0x36, 0x07, 0x08, 0x00, 0xD0,
                                0xF9, 0x00));
    }

    @Test
    void highPageLoads() throws Exception {
        String src =
                """
                    ldh [$FF40], a       ; E0 40
                    ldh a, [$FF44]       ; F0 44
                    ldh [c], a           ; E2
                    ld [c], a            ; E2
                    ld [$ff00+c], a      ; E2
                    ld a, [$FF00 + c]    ; F2
                    ldh a, [c]           ; F2
                    ldi a, [hl]          ; 2A
                    ldd [hl], a          ; 32
                """;
        assertThat(code(src, 11))
                .isEqualTo(bytes(0xE0, 0x40, 0xF0, 0x44, 0xE2, 0xE2, 0xE2, 0xF2, 0xF2, 0x2A, 0x32));
    }

    @Test
    void stackPointerForms() throws Exception {
        String src =
                """
                    ld hl, sp+5      ; F8 05
                    ld hl, sp - 2    ; F8 FE
                    add sp, -16      ; E8 F0
                    jp hl            ; E9
                    jp [hl]          ; E9 (old spelling)
                    stop             ; 10 00
                    halt             ; 76
                    push af          ; F5
                    pop bc           ; C1
                """;
        assertThat(code(src, 12))
                .isEqualTo(
                        bytes(
                                0xF8, 0x05, 0xF8, 0xFE, 0xE8, 0xF0, 0xE9, 0xE9, 0x10, 0x00, 0x76,
                                0xF5));
    }

    @Test
    void arithmeticWithAndWithoutExplicitA() throws Exception {
        String src =
                """
                    add a, b         ; 80
                    add b            ; 80
                    sub a, [hl]      ; 96
                    sub 3            ; D6 03
                    cp a, $10        ; FE 10
                    xor a            ; AF
                    add hl, de       ; 19
                    inc [hl]         ; 34
                    dec bc           ; 0B
                """;
        assertThat(code(src, 11))
                .isEqualTo(bytes(0x80, 0x80, 0x96, 0xD6, 0x03, 0xFE, 0x10, 0xAF, 0x19, 0x34, 0x0B));
    }

    @Test
    void prefixedAndRestartInstructions() throws Exception {
        String src =
                """
                    swap a           ; CB 37
                    bit 7, h         ; CB 7C
                    res 0, [hl]      ; CB 86
                    set 3 + 4, a     ; CB FF
                    rst $38          ; FF
                    rst 8            ; CF
                """;
        assertThat(code(src, 10))
                .isEqualTo(bytes(0xCB, 0x37, 0xCB, 0x7C, 0xCB, 0x86, 0xCB, 0xFF, 0xFF, 0xCF));
    }

    @Test
    void jumpsLabelsAndLocalLabels() throws Exception {
        String src =
                """
                Main:                ; $0150
                    jr .skip         ; 18 01
                    nop              ; 00
                .skip:               ; $0153
                    jr nz, Main      ; 20 FB   ($0150 - $0155 = -5)
                    jp Far           ; C3 5B 01
                    call z, Main.skip ; CC 53 01
                Far::                ; $015B
                    ret nc           ; D0
                """;
        AssembledRom rom = build("SECTION \"t\", ROM0[$0150]\n" + src);
        assertThat(Arrays.copyOfRange(rom.rom(), 0x150, 0x15C))
                .isEqualTo(
                        bytes(
                                0x18, 0x01, 0x00, 0x20, 0xFB, 0xC3, 0x5B, 0x01, 0xCC, 0x53, 0x01,
                                0xD0));
        assertThat(rom.address("Main.skip")).isEqualTo(0x153);
        assertThat(rom.labels())
                .filteredOn(l -> l.name().equals("Far"))
                .singleElement()
                .matches(AssembledRom.Label::exported);
    }

    @Test
    void numberFormatsAndSeparators() throws Exception {
        String src =
                """
                    db $1F, 0x1F, %0001_1111, 0b11111, &37, 0o37, 31, 1_0
                """;
        assertThat(code(src, 8)).isEqualTo(bytes(0x1F, 0x1F, 0x1F, 0x1F, 0x1F, 0x1F, 0x1F, 10));
    }

    @Test
    void expressionsAndOperatorPrecedence() throws Exception {
        String src =
                """
                DEF BASE EQU $C000
                DEF COUNT = 3
                DEF COUNT = COUNT + 1
                    db 1 + 2 * 3          ; 07
                    db (1 + 2) * 3        ; 09
                    db 2 ** 3 ** 2 >> 6   ; 2^9 = 512 >> 6 = 8
                    db 1 + 6 & 3          ; & binds tighter: 1 + 2 = 3
                    db 7 % 4, 1 << 4, -1  ; 03 10 FF
                    db HIGH(BASE + $123), LOW(BASE + $123) ; C1 23
                    db COUNT, 3 == 3, 2 > 3 || 1, !0, ~0 & $F ; 04 01 01 01 0F
                    dw BASE, @            ; 00 C0, then @ = $0160: the first word is already out
                """;
        assertThat(code(src, 18))
                .isEqualTo(
                        bytes(
                                0x07, 0x09, 0x08, 0x03, 0x03, 0x10, 0xFF, 0xC1, 0x23, 0x04, 0x01,
                                0x01, 0x01, 0x0F, 0x00, 0xC0, 0x60, 0x01));
    }

    @Test
    void dataDirectivesAndStrings() throws Exception {
        String src =
                """
                    db "Hi", 0         ; 48 69 00
                    dw $1234, "A"      ; 34 12 41 00
                    ds 3, $AA          ; AA AA AA
                    ds 2               ; 00 00
                    ds 4, 1, 2         ; 01 02 01 02
                    db "é"             ; UTF-8: C3 A9
                """;
        assertThat(code(src, 18))
                .isEqualTo(
                        bytes(
                                0x48, 0x69, 0x00, 0x34, 0x12, 0x41, 0x00, 0xAA, 0xAA, 0xAA, 0, 0, 1,
                                2, 1, 2, 0xC3, 0xA9));
    }

    @Test
    void equsSubstitutesText() throws Exception {
        String src =
                """
                DEF REG EQUS "hl"
                DEF VALUE EQUS "$10 + 2"
                    ld REG, VALUE      ; 21 12 00
                """;
        assertThat(code(src, 3)).isEqualTo(bytes(0x21, 0x12, 0x00));
    }

    @Test
    void macrosWithArgumentsAndUniqueLabels() throws Exception {
        String src =
                """
                MACRO store          ; store VALUE, ADDRESS
                    ld a, \\1
                    ld [\\2], a
                .done\\@:
                ENDM
                Start:
                    store 5, $C000   ; 3E 05 EA 00 C0
                    store 6, $C001   ; 3E 06 EA 01 C0
                    db _NARG_TEST
                """;
        String withNarg = "DEF _NARG_TEST EQU 9\n" + src;
        assertThat(code(withNarg, 11))
                .isEqualTo(bytes(0x3E, 0x05, 0xEA, 0x00, 0xC0, 0x3E, 0x06, 0xEA, 0x01, 0xC0, 0x09));
    }

    @Test
    void macroArgumentCountAndShift() throws Exception {
        String src =
                """
                MACRO bytes
                    REPT _NARG
                        db \\1
                        SHIFT
                    ENDR
                ENDM
                    bytes 1, 2, 3
                """;
        assertThat(code(src, 4)).isEqualTo(bytes(1, 2, 3, 0));
    }

    @Test
    void repeatBlocks() throws Exception {
        String src =
                """
                DEF N = 0
                REPT 4
                    db N * 2
                DEF N = N + 1
                ENDR
                """;
        assertThat(code(src, 5)).isEqualTo(bytes(0, 2, 4, 6, 0));
    }

    @Test
    void conditionalsPickOneBranch() throws Exception {
        String src =
                """
                DEF MODE EQU 2
                IF MODE == 1
                    db 1
                ELIF MODE == 2
                    db 2
                    IF DEF(MISSING)
                        db $EE
                    ELSE
                        db 3
                    ENDC
                ELSE
                    db 4
                ENDC
                """;
        assertThat(code(src, 3)).isEqualTo(bytes(2, 3, 0));
    }

    @Test
    void floatingSectionsArePlacedByTheLinker() throws Exception {
        String src =
                """
                SECTION "entry", ROM0[$0100]
                    nop
                    jp Main            ; C3 lo hi
                SECTION "fixed", ROM0[$0000]
                    ds 8, $11
                SECTION "main", ROM0
                Main:
                    jp Bank1Code
                SECTION "far", ROMX, BANK[2]
                Bank1Code:
                    db BANK(Bank1Code)
                SECTION "vars", WRAM0
                wCounter: ds 2
                wOther: ds 1
                """;
        AssembledRom rom = build(src);
        int main = rom.address("Main");
        // First free space in ROM0 after "fixed" ($0000-$0007).
        assertThat(main).isEqualTo(0x0008);
        assertThat(Arrays.copyOfRange(rom.rom(), 0x100, 0x104))
                .isEqualTo(bytes(0x00, 0xC3, 0x08, 0x00));
        assertThat(rom.rom()).hasSize(0x10000); // bank 2 needs a 64 KiB image
        assertThat(rom.rom()[2 * 0x4000]).isEqualTo((byte) 2);
        assertThat(rom.address("wCounter")).isEqualTo(0xC000);
        assertThat(rom.address("wOther")).isEqualTo(0xC002);
        assertThat(rom.symFile())
                .contains("00:0008 Main")
                .contains("02:4000 Bank1Code")
                .contains("00:c002 wOther");
    }

    @Test
    void headerIsFixedLikeRgbfix() throws Exception {
        byte[] rom = build("SECTION \"entry\", ROM0[$0100]\n nop\n jp $0150\n").rom();
        assertThat(Arrays.copyOfRange(rom, 0x104, 0x134)).isEqualTo(RomHeader.NINTENDO_LOGO);
        assertThat(RomHeader.problem(rom)).isNull();
        assertThat(rom[0x148]).isEqualTo((byte) 0);
        // Header checksum by hand: 25 zero bytes from $0134 to $014C give -25 = $E7.
        assertThat(rom[0x14D] & 0xFF).isEqualTo(0xE7);
    }

    @Test
    void includeAndIncbinReadFilesNextToTheSource(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("consts.inc"), "DEF ANSWER EQU 42\n");
        java.nio.file.Files.write(dir.resolve("blob.bin"), bytes(9, 8, 7, 6));
        java.nio.file.Path main = dir.resolve("main.asm");
        java.nio.file.Files.writeString(
                main,
                "INCLUDE \"consts.inc\"\nSECTION \"t\", ROM0[$0150]\n db ANSWER\n INCBIN \"blob.bin\", 1, 2\n");
        byte[] rom = Rgbds.build(java.util.List.of(main), AsmOptions.defaults()).rom();
        assertThat(Arrays.copyOfRange(rom, 0x150, 0x154)).isEqualTo(bytes(42, 8, 7, 0));
    }
}
