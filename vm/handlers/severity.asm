; severity: normalises the alert's severity from its labels.
;
; Looks at the labels "severity", "level" and "priority", in that order, and maps the first one
; present through a table of the words monitoring systems use (case-insensitive) to info, warning,
; error or critical. A word it does not know becomes warning with the label
; severity_raw=<word>; an alert with none of the labels becomes warning with
; severity_source=missing. Nothing is ever silently dropped to info.

INCLUDE "abi.inc"
    HANDLER_HEADER

SECTION "severity handler", ROM0
HandlerMain::
    ld hl, KeySeverity
    call FindLabel
    jr c, .classify
    ld hl, KeyLevel
    call FindLabel
    jr c, .classify
    ld hl, KeyPriority
    call FindLabel
    jr c, .classify
    ld a, SEV_WARNING
    ld [ABI_OUT_SEVERITY], a
    ld hl, LabelSource
    ld de, ValueMissing
    jp AddLabel
.classify:                      ; de = the label's value
    ld hl, Synonyms
.next:
    ld a, [hli]                 ; an entry: severity code, then the word; code 0 ends the table
    and a
    jr z, .unknown
    ld c, a
    push hl
    push de
    call StringEqualNoCase
    pop de
    pop hl
    jr z, .match
    call SkipString
    jr .next
.match:
    ld a, c
    ld [ABI_OUT_SEVERITY], a
    ret
.unknown:
    ld a, SEV_WARNING
    ld [ABI_OUT_SEVERITY], a
    ld hl, LabelUnrecognised
    jp AddLabel                 ; de still holds the value: report it as it was

KeySeverity:        pstr "severity"
KeyLevel:           pstr "level"
KeyPriority:        pstr "priority"
LabelSource:        pstr "severity_source"
ValueMissing:       pstr "missing"
LabelUnrecognised:  pstr "severity_raw"

MACRO synonym       ; synonym CODE, "word"
    db \1
    pstr \2
ENDM

Synonyms:                       ; the words real rules use most come first: fewer compares
    synonym SEV_CRITICAL, "critical"
    synonym SEV_WARNING, "warning"
    synonym SEV_INFO, "info"
    synonym SEV_INFO, "none"
    synonym SEV_ERROR, "error"
    synonym SEV_CRITICAL, "crit"
    synonym SEV_CRITICAL, "page"
    synonym SEV_CRITICAL, "fatal"
    synonym SEV_CRITICAL, "emergency"
    synonym SEV_CRITICAL, "emerg"
    synonym SEV_CRITICAL, "alert"
    synonym SEV_CRITICAL, "disaster"
    synonym SEV_CRITICAL, "p1"
    synonym SEV_ERROR, "err"
    synonym SEV_ERROR, "high"
    synonym SEV_ERROR, "major"
    synonym SEV_ERROR, "p2"
    synonym SEV_WARNING, "warn"
    synonym SEV_WARNING, "medium"
    synonym SEV_WARNING, "average"
    synonym SEV_WARNING, "minor"
    synonym SEV_WARNING, "p3"
    synonym SEV_INFO, "informational"
    synonym SEV_INFO, "notice"
    synonym SEV_INFO, "low"
    synonym SEV_INFO, "p4"
    synonym SEV_INFO, "p5"
    db 0
