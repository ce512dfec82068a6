; flap-detector: marks an alert as flapping when it started firing FLAP_EPISODES times within
; FLAP_WINDOW seconds, using the persistent state of its fingerprint.
;
; A new firing episode is a firing alert whose startsAt differs from the last one recorded (repeats
; of one episode share their startsAt). The state keeps the start times of the last three episodes
; in a ring. A flapping alert (firing or resolved) gets the label flapping=true and escalation
; policy 3 (business hours): a check that keeps flipping needs fixing, not waking someone up.
;
; State layout (ABI_STATE, 64 bytes, all zero for a fingerprint never seen):

INCLUDE "abi.inc"
    HANDLER_HEADER
DEF STATE_COUNT  EQU ABI_STATE + 0      ; episodes recorded, 0-3
DEF STATE_INDEX  EQU ABI_STATE + 1      ; ring slot written next, 0-2
DEF STATE_RING   EQU ABI_STATE + 4      ; 3 x u32 episode start times
DEF STATE_LAST   EQU ABI_STATE + 16     ; u32 start time of the latest episode

DEF FLAP_EPISODES EQU 3
DEF FLAP_WINDOW   EQU 3600              ; seconds


SECTION "flap-detector handler", ROM0
HandlerMain::
    ld a, [ABI_IN_STATUS]
    cp STATUS_FIRING
    jr nz, .check
    ld hl, ABI_IN_STARTS_AT
    ld de, STATE_LAST
    call Equal32
    jr z, .check                ; a repeat of the episode we know
    ld hl, ABI_IN_STARTS_AT
    ld de, STATE_LAST
    call Copy32
    call RingSlot               ; de = the slot written next
    ld hl, ABI_IN_STARTS_AT
    call Copy32
    ld a, [STATE_INDEX]
    inc a
    cp FLAP_EPISODES
    jr c, .storeIndex
    xor a
.storeIndex:
    ld [STATE_INDEX], a
    ld a, [STATE_COUNT]
    cp FLAP_EPISODES
    jr nc, .check
    inc a
    ld [STATE_COUNT], a
.check:
    ld a, [STATE_COUNT]
    cp FLAP_EPISODES
    ret c
    call RingSlot               ; the slot written next holds the oldest of the last three
    ld hl, ABI_IN_STARTS_AT     ; wAge = startsAt - oldest (32 bits)
    ld a, [de]
    ld b, a
    ld a, [hli]
    sub b
    ld [wAge], a
    inc de
    ld a, [de]
    ld b, a
    ld a, [hli]
    sbc b
    ld [wAge + 1], a
    inc de
    ld a, [de]
    ld b, a
    ld a, [hli]
    sbc b
    ld [wAge + 2], a
    inc de
    ld a, [de]
    ld b, a
    ld a, [hl]
    sbc b
    ret c                       ; older than the oldest: out of order, not flapping
    ld b, a
    ld a, [wAge + 2]
    or b
    ret nz                      ; 65536 s or more
    ld a, [wAge + 1]
    cp HIGH(FLAP_WINDOW)
    jr c, .flapping
    ret nz
    ld a, [wAge]
    cp LOW(FLAP_WINDOW) + 1
    ret nc
.flapping:
    ld a, 3
    ld [ABI_OUT_ESCALATION], a
    ld hl, LabelFlapping
    ld de, ValueTrue
    jp AddLabel

; de = the ring slot at STATE_INDEX. Clobbers a.
RingSlot:
    ld a, [STATE_INDEX]
    add a
    add a
    add LOW(STATE_RING)
    ld e, a
    ld d, HIGH(STATE_RING)
    ret

; z if the u32 at hl equals the u32 at de. Clobbers a, b, de, hl.
Equal32:
    ld b, 4
.loop:
    ld a, [de]
    cp [hl]
    ret nz
    inc de
    inc hl
    dec b
    jr nz, .loop
    ret

; Copies the u32 at hl to de. Clobbers a, b, de, hl.
Copy32:
    ld b, 4
.loop:
    ld a, [hli]
    ld [de], a
    inc de
    dec b
    jr nz, .loop
    ret

LabelFlapping:  pstr "flapping"
ValueTrue:      pstr "true"

SECTION "flap-detector work", WRAM0
wAge: ds 4
