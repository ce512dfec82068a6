; route-by-label: picks the team (route) and escalation policy from a table of label matches.
;
; The table is grouped by label key, in priority order: the first key whose label is present and
; whose value is listed decides. Nothing matched: the default route 1 with policy 1. Each group
; starts with the address of the next one, so a key the alert lacks costs one lookup, not a walk.
; The teams are those of the shipped datasets (the rule collections' groups): route ids 10
; databases and data engineering, 20 orchestrators and kubernetes, 30 runtimes and proxies, 40 cloud
; providers, 50 observability, 60 CI/CD, 70 message brokers, 80 network and security; 1 is the
; default (on-call generalists). Policy ids: 1 standard, 2 fast escalation (stateful systems), 3
; business hours only. A team name longer than the ABI's 31-byte value slot arrives cut (and the
; decision flagged truncated), so such a team is routed by its service instead.

INCLUDE "abi.inc"
    HANDLER_HEADER

DEF DEFAULT_ROUTE  EQU 1
DEF DEFAULT_POLICY EQU 1

SECTION "route-by-label handler", ROM0
HandlerMain::
    ld hl, Routes
.group:
    ld a, [hli]                 ; a group: the address of the next group (0 ends the table) ...
    ld [wNextGroup], a
    ld b, a
    ld a, [hli]
    ld [wNextGroup + 1], a
    or b
    jr z, .default
    call FindLabel              ; ... its key; hl = the group's first value, de = the label's
    jr nc, .nextGroup
.value:
    ld a, [hl]                  ; a table value; an empty one ends the group
    and a
    jr z, .nextGroup
    ld b, a
    ld a, [de]
    cp b                        ; lengths first: most values differ there
    jr z, .sameLength
.skipValue:
    ld a, b
    add 3                       ; length byte, route, policy
    add l
    ld l, a
    jr nc, .value
    inc h
    jr .value
.sameLength:
    push hl
    push de
    call StringEqual
    pop de
    pop hl
    jr z, .matched
    ld b, [hl]
    jr .skipValue
.nextGroup:
    ld a, [wNextGroup]
    ld l, a
    ld a, [wNextGroup + 1]
    ld h, a
    jr .group
.matched:
    call SkipString
    ld a, [hli]
    ld [ABI_OUT_ROUTE], a
    ld a, [hl]
    ld [ABI_OUT_ESCALATION], a
    ret
.default:
    ld a, DEFAULT_ROUTE
    ld [ABI_OUT_ROUTE], a
    ld a, DEFAULT_POLICY
    ld [ABI_OUT_ESCALATION], a
    ret

MACRO route         ; route "value", ROUTE, POLICY
    pstr \1
    db \2, \3
ENDM

Routes:
.team:
    dw .service
    pstr "team"
    route "databases", 10, 2
    route "data-engineering", 10, 2
    route "orchestrators", 20, 1
    route "kubernetes", 20, 1
    route "runtimes", 30, 1
    route "cloud-providers", 40, 1
    route "observability", 50, 3
    route "ci-cd", 60, 3
    route "message-brokers", 70, 2
    route "network-and-security", 80, 2
    db 0
.service:
    dw .namespace
    pstr "service"
    route "postgres", 10, 2
    route "mysql", 10, 2
    route "redis", 10, 2
    route "haproxy", 30, 1
    route "nginx", 30, 1
    route "traefik", 30, 1
    route "envoy", 30, 1
    db 0
.namespace:
    dw .job
    pstr "namespace"
    route "kube-system", 20, 1
    route "monitoring", 50, 3
    route "database", 10, 2
    db 0
.job:
    dw .end
    pstr "job"
    route "node-exporter", 20, 1
    route "kubelet", 20, 1
    route "apiserver", 20, 1
    route "prometheus", 50, 3
    route "alertmanager", 50, 3
    route "postgres-exporter", 10, 2
    route "mysqld-exporter", 10, 2
    route "redis-exporter", 10, 2
    db 0
.end:
    dw 0

SECTION "route-by-label work", WRAM0
wNextGroup: ds 2
