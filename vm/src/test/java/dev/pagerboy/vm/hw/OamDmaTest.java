package dev.pagerboy.vm.hw;

import dev.pagerboy.vm.AsmTestRom;
import org.junit.jupiter.api.Test;

/**
 * OAM DMA as the CPU sees it, as assembled test ROMs. M0 is the M-cycle of the FF46 write.
 *
 * <p>Sources: Mooneye test suite {@code acceptance/oam_dma_start.s} (M1 untouched, OAM reads $FF
 * from M2; a restarted transfer keeps the old one running through M1), {@code
 * acceptance/oam_dma_restart.s} and {@code oam_dma_timing.s} (160 M-cycles, first free read in
 * M162), {@code acceptance/oam_dma/sources-GS.s} and Pan Docs "OAM DMA Transfer" (sources
 * $E000-$FFFF read WRAM), Pan Docs "OAM DMA Transfer" / BullyGB "DMA Bus Conflicts" (DMG: the CPU
 * reads the DMA's byte from the bus the DMA uses, its writes there are lost).
 */
class OamDmaTest {

    /** VRAM $8000-$8001 = $04 (INC B), then a first DMA puts it in OAM. */
    private static final String OAM_HOLDS_INC_B =
            """
                ld a, $04
                ld [$8000], a
                ld [$8001], a
                ld a, $80
                ldh [$46], a
                wait_dma
                ld a, $D7
                ld [$8000], a
                ld [$8001], a
            """;

    @Test
    void oamStaysReachableInTheMCycleAfterTheWriteAndReadsFfFromTheNext() {
        // $FDFF: ld [hl], a (writes FF46 in M0); $FE00: inc b, fetched in M1 from OAM;
        // $FE01 is fetched in M2 while the DMA owns OAM: $FF = rst $38, which pushes $FE02.
        AsmTestRom.assertPasses(
                OAM_HOLDS_INC_B
                        + """
                            ld a, $77
                            ld [$DDFF], a
                            ld b, 0
                            ld hl, $FF46
                            ld a, $80
                            jp $FDFF
                        SECTION "rst38", ROM0[$38]
                        Rst38:
                            wait_dma
                            pop de
                            expect b, 1
                            expect d, $FE
                            expect e, $02
                            ld a, [$FE00]
                            cp $D7
                            jp nz, Fail
                            quit_ok
                        """);
    }

    @Test
    void aRestartKeepsTheRunningTransferUntilTheNewOneStarts() {
        // $FDFE, $FDFF: ld [hl], a twice. The first transfer owns OAM from the second write's
        // M-cycle on, so the fetch of $FE00 right after it already reads $FF (rst $38 pushes
        // $FE01).
        AsmTestRom.assertPasses(
                OAM_HOLDS_INC_B
                        + """
                            ld a, $77
                            ld [$DDFE], a
                            ld [$DDFF], a
                            ld b, 0
                            ld hl, $FF46
                            ld a, $80
                            jp $FDFE
                        SECTION "rst38", ROM0[$38]
                        Rst38:
                            wait_dma
                            pop de
                            expect b, 0
                            expect d, $FE
                            expect e, $01
                            ld a, [$FE00]
                            cp $D7
                            jp nz, Fail
                            quit_ok
                        """);
    }

    @Test
    void theTransferOwnsOamFor160MCyclesFromM2() {
        // ldh [$46], a = M0; ld a, 39 = M1-M2; the loop = M3-M157; then NOPs; the read of
        // ld a, [hl] lands in M159 + NOPs: M161 with two (last DMA cycle), M162 with three.
        AsmTestRom.assertPasses(
                """
                    ld a, $5A
                    ld [$8000], a
                    to_hram Round1, Round1End
                    ld hl, $FE00
                    ld a, $80
                    jp $FF80
                Round1:
                    ldh [$46], a
                    ld a, 39
                .wait
                    dec a
                    jr nz, .wait
                    nop
                    nop
                    ld a, [hl]
                    jp Round1Done
                Round1End:
                Round1Done:
                    ld b, a
                    wait_dma
                    push bc
                    to_hram Round2, Round2End
                    pop bc
                    ld hl, $FE00
                    ld a, $80
                    jp $FF80
                Round2:
                    ldh [$46], a
                    ld a, 39
                .wait
                    dec a
                    jr nz, .wait
                    nop
                    nop
                    nop
                    ld a, [hl]
                    jp Round2Done
                Round2End:
                Round2Done:
                    ld c, a
                    expect b, $FF
                    expect c, $5A
                    quit_ok
                """);
    }

    @Test
    void theCpuReadsTheDmaByteFromTheDmaBusAndReachesTheOtherBus() {
        // Source $C100 (main bus): byte i = $A0 + i. In M2 the DMA reads byte 0, in M5 byte 3;
        // ROM is on the same bus, so reading it gives those bytes. VRAM (the video bus) and I/O
        // stay reachable; OAM reads $FF; the write to WRAM (main bus) is lost, the one to VRAM
        // is not. The routine waits in HRAM for the end, as ROM is on the DMA's bus.
        AsmTestRom.assertPasses(
                """
                    ld hl, $C100
                    ld b, $A0
                .fill
                    ld a, b
                    ld [hl+], a
                    inc b
                    ld a, l
                    cp $A0
                    jr nz, .fill
                    ld a, $5C
                    ld [$8000], a
                    xor a
                    ld [$C000], a
                    to_hram Conflict, ConflictEnd
                    ld hl, $0150
                    ld de, $8000
                    ld a, $C1
                    jp $FF80
                Conflict:
                    ldh [$46], a
                    ld a, [hl]
                    ld b, a
                    ld a, [hl]
                    ld c, a
                    ld a, [de]
                    ld d, a
                    ld a, [$FE00]
                    ld e, a
                    ld a, $77
                    ld [$C000], a
                    ld [$8001], a
                    ldh a, [$46]
                    ld h, a
                    ld a, 40
                .wait
                    dec a
                    jr nz, .wait
                    jp ConflictDone
                ConflictEnd:
                ConflictDone:
                    wait_dma
                    expect b, $A0
                    expect c, $A3
                    expect d, $5C
                    expect e, $FF
                    expect h, $C1
                    ld a, [$C000]
                    cp 0
                    jp nz, Fail
                    ld a, [$8001]
                    cp $77
                    jp nz, Fail
                    ld a, [$FE9F]
                    cp LOW($A0 + $9F)
                    jp nz, Fail
                    quit_ok
                """);
    }

    @Test
    void sourcesE0ToFfReadWorkRam() {
        // Pages $E0-$FF are not echo RAM up to $FDFF only: the DMA reads WRAM for all of them,
        // so $FE and $FF copy $DE00 and $DF00.
        AsmTestRom.assertPasses(
                """
                    ld a, $11
                    ld [$C100], a
                    ld a, $22
                    ld [$DE00], a
                    ld a, $33
                    ld [$DF9F], a
                    to_hram Dma, DmaEnd
                    ld a, $E1
                    call $FF80
                    ld a, [$FE00]
                    ld b, a
                    ld a, $FE
                    call $FF80
                    ld a, [$FE00]
                    ld c, a
                    ld a, $FF
                    call $FF80
                    ld a, [$FE9F]
                    ld d, a
                    expect b, $11
                    expect c, $22
                    expect d, $33
                    quit_ok
                Dma:
                    ldh [$46], a
                    ld a, 42
                .wait
                    dec a
                    jr nz, .wait
                    ret
                DmaEnd:
                """);
    }
}
