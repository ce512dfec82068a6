; storm-throttle: suppresses non-critical repeats during a flood.
;
; The first STORM_FREE_REPEATS notifications of a firing alert page as usual. After that, repeats
; of a non-critical alert are suppressed, except every 16th, which passes as a reminder carrying
; the labels storm=throttled and suppressed=<how many were suppressed since the last one>.
; Critical alerts and resolved notifications are never suppressed.
;
; State layout (ABI_STATE):

INCLUDE "abi.inc"
    HANDLER_HEADER
DEF STATE_SUPPRESSED EQU ABI_STATE + 0  ; u16 repeats suppressed since the last reminder

DEF STORM_FREE_REPEATS EQU 3


SECTION "storm-throttle handler", ROM0
HandlerMain::
    ld a, [ABI_IN_STATUS]
    cp STATUS_FIRING
    ret nz
    ld hl, SeverityCritical
    ld de, ABI_IN_SEVERITY
    call StringEqualNoCase
    ret z
    ld a, [ABI_IN_REPEAT + 1]
    and a
    jr nz, .storm
    ld a, [ABI_IN_REPEAT]
    cp STORM_FREE_REPEATS
    ret c
.storm:
    ld a, [ABI_IN_REPEAT]
    and $0F
    jr z, .reminder
    ld a, FLAG_SUPPRESS
    ld [ABI_OUT_FLAGS], a
    ld hl, STATE_SUPPRESSED
    inc [hl]
    ret nz
    inc hl
    inc [hl]
    ret
.reminder:
    ld hl, LabelStorm
    ld de, ValueThrottled
    call AddLabel
    ld a, [STATE_SUPPRESSED]
    ld l, a
    ld a, [STATE_SUPPRESSED + 1]
    ld h, a
    ld de, wNumber
    call FormatDecimal
    ld hl, LabelSuppressed
    ld de, wNumber
    call AddLabel
    xor a
    ld [STATE_SUPPRESSED], a
    ld [STATE_SUPPRESSED + 1], a
    ret

SeverityCritical:   pstr "critical"
LabelStorm:         pstr "storm"
ValueThrottled:     pstr "throttled"
LabelSuppressed:    pstr "suppressed"
