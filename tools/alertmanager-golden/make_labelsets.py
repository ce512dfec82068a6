#!/usr/bin/env python3
"""Writes the label sets that tools/record-alertmanager-golden.sh sends to Alertmanager.

Each case has an id whose prefix names the part of issue 21 it covers:
  normal-*  label sets like the shipped sample's (teams, severities, services, clusters)
  esc-*     1: values that tell `\\d`, `\\.` and other kept escapes apart
  re2-*     2: values on which Go's RE2 and java.util.regex disagree
  clean-*   4: label cleaning at ingest (empty values, bad names, lone surrogates)
  key-*     5: group-key formatting (Go %q, byte order of names and values)
The output is deterministic: run it again and the file does not change.
"""
import json
import sys

cases = []


def add(prefix, labels):
    cases.append({"id": "%s-%03d" % (prefix, sum(1 for c in cases if c["id"].startswith(prefix + "-")) + 1),
                  "labels": labels})


# Normal label sets: the sample config's vocabulary, crossed.
alertnames = ["HostDown", "DiskFull", "HighLatency", "ReplicationLag", "CertExpiry"]
severities = ["critical", "warning", "info"]
teams = ["db", "web", "ops", "payments"]
services = ["postgres", "mysql", "redis", "nginx"]
clusters = ["eu-1", "us-2"]
n = 0
for a in alertnames:
    for s in severities:
        for t in teams:
            for cl in clusters:
                svc = services[n % len(services)]
                labels = {"alertname": a, "severity": s, "team": t, "cluster": cl,
                          "instance": "host-%02d:9100" % (n % 17)}
                if n % 3 == 0:
                    labels["service"] = svc
                if n % 5 == 0:
                    labels["env"] = ["prod", "staging", "dev"][n % 3]
                add("normal", labels)
                n += 1
for i in range(40):
    add("normal", {"alertname": alertnames[i % 5], "team": teams[i % 4], "severity": severities[i % 3],
                   "env": ["prod", "staging", "dev"][i % 3], "job": "node", "instance": "10.1.%d.%d:9100" % (i // 8, i)})
for svc in services + ["Postgres", "postgresql", "my-sql", ""]:
    add("normal", {"alertname": "DbDown", "team": "db", "service": svc, "cluster": "eu-1"})

# 1. Escapes kept by Alertmanager's matcher parser: host=~"db\d+", host=~"a\.b", tabs, backslashes.
for host in ["db42", "db1", "dbddd", "db", "dbd+", "a.b", "aXb", "a\\.b", "a\\b", "a\\\\b",
             "x\ty", "x\\ty", "x\ny", "x\\ny", "quote\"d", "quote\\\"d", "path\\to", "$HOME", "a,b", "{a}"]:
    add("esc", {"alertname": "EscapeCase", "host": host})
for v in ["10.0.0.1", "10a0b0c1", "v1.2", "v1x2", "C:\\temp", "C:temp", "tab\there", "100%", "a b", " lead", "trail "]:
    add("esc", {"alertname": "EscapeCase", "path": v})

# 2. Regex dialect: dot and line terminators, POSIX classes, \s and VT, (?i) folding, && in classes.
for v in ["a\rb", "a\u2028b", "a\u0085b", "a\nb", "a\u2029b", "axb", "a\x0bb", "a b", "a\tb", "a\u00a0b",
          "7", "42", "\u0664\u0662", "x7", "\u00e9t\u00e9", "\u00c9T\u00c9", "ETE", "\u212a", "k", "K", "\u017f", "s", "S",
          "a", "b", "&", "c", "ab", "aa", "n", "\U0001F600", "\uFF5E", "\u00b2", "_", "\u0130", "i", "I", "\u0131",
          "\u00df", "SS", "\u1e9e"]:
    add("re2", {"alertname": "DialectCase", "v": v})

# 4. Label cleaning: empty values dropped, invalid names rejected, empty alertname rejected,
# lone UTF-16 surrogates stored as U+FFFD (and "?" is a different value).
add("clean", {"alertname": "X", "empty": ""})
add("clean", {"alertname": "X"})
add("clean", {"alertname": "X", "a": "", "b": "", "c": "1"})
add("clean", {"alertname": "X", "c": "1"})
add("clean", {"alertname": ""})
add("clean", {"alertname": "", "team": "db"})
add("clean", {"team": "db"})
add("clean", {"team": "db", "severity": ""})
add("clean", {})
add("clean", {"only_empty": ""})
for name in ["a-b", "a.b", "0a", "a b", "\u00e9t\u00e9", "a:b", "", "_", "__name__", "A", "a0", "_0", "\u0430", "a\nb", "Ab_9"]:
    add("clean", {"alertname": "NameCase", name: "v"})
for v in ["\ud800", "x\udfffy", "\ud83d", "?", "\ufffd", "\ud83d\ude00", "a\udc00\ud800b"]:
    add("clean", {"alertname": "SurrogateCase", "v": v})
add("clean", {"alertname": "\ud800"})
add("clean", {"alertname": "SurrogateCase", "v": "\ud800", "w": ""})

# 5. Group keys: Go %q escaping and byte order.
for v in ["\x01", "\x7f", "\u2028", "\u00a0", "\u200b", "\ufeff", "tab\tx", "nl\nx", "cr\rx", "\x1b[0m", "quo\"te", "back\\slash",
          "\u00e9", "\U0001F600", "\uFF5E", "\U0001F600\uFF5E", "\uE000", "\U000E0001", "\u0300", "a\u0301", " ", "  two", "\x00x",
          "\u00ad", "\u3000", "\u0085", "\x08\x0c\x0b\x07", "\U0010FFFF", "\uFFFF"]:
    add("key", {"alertname": "KeyCase", "v": v, "a": "1", "a1": "2", "a_b": "3", "A": "4", "b": "5"})
for pair in [("\uFF5E", "\U0001F600"), ("\U0001F600", "\uFF5E"), ("\uE000", "\U00010000"), ("Z", "a"), ("a", "a\x00")]:
    add("key", {"alertname": "OrderCase", "x": pair[0], "y": pair[1]})
for names in [["a", "a1"], ["a", "a_"], ["a", "A"], ["ab", "a_b"], ["a1", "a_"], ["x", "x0", "x_"]]:
    add("key", dict({"alertname": "NameOrderCase"}, **{nm: "v" + nm for nm in names}))

json.dump(cases, sys.stdout, indent=1, ensure_ascii=True, sort_keys=False)
sys.stdout.write("\n")
print("%d label sets" % len(cases), file=sys.stderr)
