#!/usr/bin/env python3
"""Writes the small configs whose acceptance tools/record-alertmanager-golden.sh records with
`amtool check-config`. The file name's prefix names the part of issue 21 it covers:
re-* regex dialect (2), matcher-* matcher syntax (1, 6), groupby-* group_by rules (3, 6),
route-* other route rules (normal cases)."""
import os
import sys

out = sys.argv[1]
HEAD = "# Written by tools/alertmanager-golden/make_acceptance.py: %s\n"
RECEIVERS = """receivers:
  - name: default
  - name: other
"""


def matcher_case(name, matcher, note):
    # The matcher goes into a YAML single-quoted string: backslashes are literal there.
    route = "route:\n  receiver: default\n  routes:\n    - matchers: ['%s']\n      receiver: other\n" % matcher.replace("'", "''")
    write(name, note, route)


def route_case(name, route, note):
    write(name, note, route)


def write(name, note, route):
    with open(os.path.join(out, name + ".yml"), "w", encoding="utf-8") as f:
        f.write(HEAD % note + route + RECEIVERS)


matcher_case("re-lookahead", 'a=~"(?=x)x"', "lookahead is not RE2")
matcher_case("re-lookbehind", 'a=~"(?<=x)y"', "lookbehind is not RE2")
matcher_case("re-backreference", 'a=~"(x)\\1"', "backreferences are not RE2")
matcher_case("re-possessive", 'a=~"x*+"', "possessive quantifiers are not RE2")
matcher_case("re-atomic-group", 'a=~"(?>x)"', "atomic groups are not RE2")
matcher_case("re-repeat-1001", 'a=~"x{1001}"', "RE2 caps repetition counts at 1000")
matcher_case("re-repeat-1000", 'a=~"x{1000}"', "1000 is still allowed")
matcher_case("re-named-group-p", 'a=~"(?P<n>x)"', "Go's (?P<name>...) syntax")
matcher_case("re-named-group-angle", 'a=~"(?<n>x)"', "Java's (?<name>...) syntax, not in Go 1.19")
matcher_case("re-unicode-escape-u", 'a=~"\\u00e9"', "\\u is not an RE2 escape")
matcher_case("re-hex-escape-braces", 'a=~"\\x{e9}"', "RE2's \\x{...}")
matcher_case("re-escape-h", 'a=~"\\h"', "\\h is not an RE2 escape")
matcher_case("re-escape-Z", 'a=~"x\\Z"', "\\Z is not RE2")
matcher_case("re-escape-z", 'a=~"x\\z"', "\\z is RE2")
matcher_case("re-posix-digit", 'a=~"[[:digit:]]"', "POSIX class")
matcher_case("re-posix-unknown", 'a=~"[[:foo:]]"', "unknown POSIX class")
matcher_case("re-property-isgreek", 'a=~"\\p{IsGreek}"', "Java-only property name")
matcher_case("re-property-greek", 'a=~"\\p{Greek}"', "RE2 script name")
matcher_case("re-class-intersection", 'a=~"[a-z&&[^b]]"', "&& is not special in RE2")
matcher_case("re-unbalanced", 'a=~"(x"', "missing )")
matcher_case("re-bad-range", 'a=~"x{2,1}"', "bad repetition range")
matcher_case("re-flag-u", 'a=~"(?U)x+"', "RE2's ungreedy flag")
matcher_case("re-flag-x", 'a=~"(?x)x y"', "Java's comments flag is not RE2")
matcher_case("re-quote", 'a=~"\\Q.*\\E"', "\\Q...\\E literal text")
matcher_case("re-empty-alternative", 'a=~"x|"', "empty alternative")
matcher_case("re-nested-repeat", 'a=~"x**"', "RE2 rejects nested repetition")
matcher_case("re-curly-literal", 'a=~"x{"', "a lone { is a literal in RE2")
matcher_case("matcher-colon-name", 'a:b="x"', "a colon is allowed in matcher names")
matcher_case("matcher-unclosed-brace", '{a="b"', "the braces are trimmed independently")
matcher_case("matcher-closing-brace-only", 'a="b"}', "the braces are trimmed independently")
matcher_case("matcher-double-comma", 'a="b",,c="d"', "an empty matcher between commas")
matcher_case("matcher-trailing-comma", 'a="b",', "one trailing comma is trimmed")
matcher_case("matcher-only-comma", ',', "an empty matcher")
matcher_case("matcher-empty-string", '', "no matchers at all")
matcher_case("matcher-empty-braces", '{}', "no matchers at all")
matcher_case("matcher-unquoted", 'a=b', "unquoted value")
matcher_case("matcher-unquoted-stray-quote", 'a=b"', "unescaped quote at the end")
matcher_case("matcher-unterminated", 'a="b', "no closing quote")
matcher_case("matcher-escaped-closing-quote", 'a="b\\"', "the closing quote is escaped")
matcher_case("matcher-trailing-backslash", 'a=b\\', "a trailing backslash is literal")
matcher_case("matcher-inner-quote", 'a="b"c"', "unescaped quote inside")
matcher_case("matcher-space-separated", 'a="b" c="d"', "two matchers without a comma")
matcher_case("matcher-spaces", ' a  =~  "b" ', "spaces around tokens")
matcher_case("matcher-double-equals", 'a=="b"', "== is = followed by a value starting with =")
matcher_case("matcher-bad-name-dash", 'a-b="c"', "a dash is not allowed in names")
matcher_case("matcher-bad-name-digit", '0a="c"', "a name cannot start with a digit")
matcher_case("matcher-bad-name-unicode", 'été="c"', "non-ASCII names")
matcher_case("matcher-no-operator", 'a', "no operator")
matcher_case("matcher-bad-operator", 'a=!b', "=! is = with value !b")
matcher_case("matcher-tilde-only", 'a~"b"', "~ alone is no operator")
matcher_case("matcher-unknown-escape", 'a="\\d\\.\\q"', "unknown escapes keep their backslash")
matcher_case("matcher-unicode-value", 'a="☃ é 😀"', "non-ASCII values")
matcher_case("matcher-regex-escape-bad-after-unescape", 'a=~"\\\\"', "\\\\ unescapes to a lone backslash: a bad regex")
matcher_case("matcher-regex-escaped-quote", 'a=~"x\\"y"', "\\\" unescapes to a quote")
route_case("groupby-empty-child", "route:\n  receiver: default\n  group_by: [a]\n  routes:\n    - {receiver: other, group_by: []}\n", "group_by: [] on a child")
route_case("groupby-double-wildcard", "route:\n  receiver: default\n  group_by: ['...', '...']\n", "the wildcard twice")
route_case("groupby-wildcard-and-label", "route:\n  receiver: default\n  group_by: ['...', a]\n", "the wildcard with a label")
route_case("groupby-duplicate", "route:\n  receiver: default\n  group_by: [a, a]\n", "a duplicated label")
route_case("groupby-invalid-name", "route:\n  receiver: default\n  group_by: [a-b]\n", "an invalid label name")
route_case("groupby-colon-name", "route:\n  receiver: default\n  group_by: ['a:b']\n", "a colon in a group_by name")
route_case("groupby-empty-root", "route:\n  receiver: default\n  group_by: []\n", "group_by: [] at the root")
route_case("route-root-matchers", "route:\n  receiver: default\n  matchers: ['a=\"b\"']\n", "the root may not have matchers")
route_case("route-root-continue", "route:\n  receiver: default\n  continue: true\n", "the root may not continue")
route_case("route-undefined-receiver", "route:\n  receiver: default\n  routes:\n    - {receiver: nobody}\n", "an undefined receiver")
route_case("route-root-no-receiver", "route:\n  group_by: [a]\n", "the root needs a receiver")
route_case("route-zero-group-interval", "route:\n  receiver: default\n  group_interval: 0s\n", "group_interval 0")
route_case("route-zero-repeat-interval", "route:\n  receiver: default\n  repeat_interval: 0s\n", "repeat_interval 0")
route_case("route-zero-group-wait", "route:\n  receiver: default\n  group_wait: 0s\n", "group_wait 0 is fine")
route_case("route-match-bad-name", "route:\n  receiver: default\n  routes:\n    - {receiver: other, match: {a-b: c}}\n", "invalid name in match")
route_case("route-match-re-bad", "route:\n  receiver: default\n  routes:\n    - {receiver: other, match_re: {a: '(x'}}\n", "bad regex in match_re")
route_case("route-match-re-lookahead", "route:\n  receiver: default\n  routes:\n    - {receiver: other, match_re: {a: '(?=x)x'}}\n", "lookahead in match_re")
route_case("route-match-re-named-group", "route:\n  receiver: default\n  routes:\n    - {receiver: other, match_re: {a: '(?P<n>x)'}}\n", "(?P<n>) in match_re")
route_case("route-normal", "route:\n  receiver: default\n  group_by: [alertname, cluster]\n  group_wait: 30s\n  routes:\n    - matchers: ['team=\"db\"', 'severity=~\"critical|page\"']\n      receiver: other\n      continue: true\n    - {match: {team: web}, match_re: {service: 'api|www'}, receiver: other}\n", "an ordinary tree")
