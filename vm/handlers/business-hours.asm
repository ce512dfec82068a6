; business-hours: downgrades non-critical alerts that start outside business hours to info.
;
; Business hours are Monday to Friday, OPEN_HOUR:00 to CLOSE_HOUR:00 in UTC+TZ_OFFSET_HOURS, judged
; by the alert's own startsAt (event time, never the wall clock, so replay decides the same). A
; downgraded alert gets business_hours=outside and escalation policy 3 (next business day).
; Critical alerts and resolved notifications are left alone.

INCLUDE "abi.inc"
    HANDLER_HEADER

DEF TZ_OFFSET_HOURS EQU 1               ; e.g. 1 for CET, -5 for EST; -12..14
DEF OPEN_HOUR       EQU 9
DEF CLOSE_HOUR      EQU 18


SECTION "business-hours handler", ROM0
HandlerMain::
    ld a, [ABI_IN_STATUS]
    cp STATUS_FIRING
    ret nz
    ld hl, SeverityCritical
    ld de, ABI_IN_SEVERITY
    call StringEqualNoCase
    ret z
    ld a, [ABI_IN_WEEKDAY]
    add 7 - 1                   ; the day before, kept positive
    ld c, a
    ld a, [ABI_IN_HOUR]
    add 24 + TZ_OFFSET_HOURS    ; local hour + 24: 12..61
.day:
    cp 24
    jr c, .localHour
    sub 24
    inc c
    jr .day
.localHour:
    ld b, a                     ; b = local hour
    ld a, c
.weekday:
    cp 7
    jr c, .localDay
    sub 7
    jr .weekday
.localDay:
    cp 5                        ; 5 Saturday, 6 Sunday
    jr nc, .outside
    ld a, b
    cp OPEN_HOUR
    jr c, .outside
    cp CLOSE_HOUR
    ret c
.outside:
    ld a, SEV_INFO
    ld [ABI_OUT_SEVERITY], a
    ld a, 3
    ld [ABI_OUT_ESCALATION], a
    ld hl, LabelBusinessHours
    ld de, ValueOutside
    jp AddLabel

SeverityCritical:   pstr "critical"
LabelBusinessHours: pstr "business_hours"
ValueOutside:       pstr "outside"
