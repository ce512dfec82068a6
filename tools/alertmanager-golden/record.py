#!/usr/bin/env python3
"""Records Alertmanager's behaviour on PagerBoy's golden inputs; run by
tools/record-alertmanager-golden.sh (see there for how to install Alertmanager).

Reads   <dir>/inputs/labelsets.json, <dir>/inputs/configs/*.yml, <dir>/inputs/acceptance/*.yml
Writes  <dir>/fingerprints.json  what POST /api/v2/alerts accepted, the labels it stored, the
                                 fingerprint GET /api/v2/alerts shows, or the 400 reason
        <dir>/receivers.json     `amtool config routes test` output per config and label set
        <dir>/groupkeys.json     (receiver, groupKey) of every webhook notification per alert
        <dir>/acceptance.json    `amtool check-config` verdict and message per file
Every Alertmanager started here listens on 127.0.0.1 only, has cluster gossip disabled, and is
stopped before the script exits."""
import datetime
import http.server
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

GOLDEN = sys.argv[1]
AM = os.environ.get("ALERTMANAGER", "prometheus-alertmanager")
AMTOOL = os.environ.get("AMTOOL", "amtool")
HOOK_PORT = 19095  # the port the committed configs' webhook URLs name


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Alertmanager:
    def __init__(self, config):
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="am-golden-")
        self.log = open(os.path.join(self.dir, "log"), "w")
        self.proc = subprocess.Popen(
            [AM, "--config.file=" + config, "--storage.path=" + self.dir,
             "--web.listen-address=127.0.0.1:%d" % self.port, "--cluster.listen-address=",
             "--log.level=warn"],
            stdout=self.log, stderr=subprocess.STDOUT)
        self.url = "http://127.0.0.1:%d" % self.port
        deadline = time.time() + 30
        while True:
            try:
                urllib.request.urlopen(self.url + "/-/ready", timeout=1).read()
                return
            except OSError:
                if self.proc.poll() is not None or time.time() > deadline:
                    self.log.flush()
                    with open(os.path.join(self.dir, "log")) as f:
                        log = f.read()
                    self.stop()
                    raise SystemExit("alertmanager did not start:\n" + log)
                time.sleep(0.1)

    def post(self, alerts):
        body = json.dumps(alerts).encode()
        req = urllib.request.Request(self.url + "/api/v2/alerts", data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
        try:
            urllib.request.urlopen(req, timeout=10).read()
            return None
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()

    def alerts(self):
        with urllib.request.urlopen(self.url + "/api/v2/alerts", timeout=10) as r:
            return json.loads(r.read())

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)


def alert(case, labels):
    now = datetime.datetime.now(datetime.timezone.utc)
    return {"labels": labels, "annotations": {"golden_case": case},
            "startsAt": now.isoformat().replace("+00:00", "Z"),
            "endsAt": (now + datetime.timedelta(hours=1)).isoformat().replace("+00:00", "Z")}


def record_fingerprints(cases):
    cfg = os.path.join(tempfile.mkdtemp(prefix="am-golden-cfg-"), "null.yml")
    with open(cfg, "w") as f:
        f.write("route: {receiver: blackhole}\nreceivers: [{name: blackhole}]\n")
    am = Alertmanager(cfg)
    out = []
    try:
        for c in cases:
            rejected = am.post([alert(c["id"], c["labels"])])
            if rejected:
                code, body = rejected
                out.append({"id": c["id"], "accepted": False, "status": code,
                            "reason": json.loads(body) if body.startswith('"') else body})
                continue
            mine = [a for a in am.alerts() if a["annotations"].get("golden_case") == c["id"]]
            if len(mine) != 1:
                raise SystemExit("case %s: %d alerts carry its annotation" % (c["id"], len(mine)))
            out.append({"id": c["id"], "accepted": True, "fingerprint": mine[0]["fingerprint"],
                        "labels": mine[0]["labels"]})
    finally:
        am.stop()
    return out


def record_invalid_utf8(cases):
    """Alerts whose JSON carries raw bytes that are not UTF-8 (JSON text cannot hold them, so the
    request body is put together byte by byte): Go's JSON decoder replaces each bad byte."""
    cfg = os.path.join(tempfile.mkdtemp(prefix="am-golden-cfg-"), "null.yml")
    with open(cfg, "w") as f:
        f.write("route: {receiver: blackhole}\nreceivers: [{name: blackhole}]\n")
    am = Alertmanager(cfg)
    out = []
    try:
        for c in cases:
            name = bytes.fromhex(c["name_hex"]) if "name_hex" in c else c["name"].encode()
            value = bytes.fromhex(c["value_hex"])
            now = datetime.datetime.now(datetime.timezone.utc)
            body = (b'[{"labels":{"alertname":"Utf8Case","' + name + b'":"' + value + b'"},'
                    b'"annotations":{"golden_case":"' + c["id"].encode() + b'"},"startsAt":"'
                    + now.isoformat().replace("+00:00", "Z").encode() + b'"}]')
            req = urllib.request.Request(am.url + "/api/v2/alerts", data=body, method="POST",
                                         headers={"Content-Type": "application/json"})
            try:
                urllib.request.urlopen(req, timeout=10).read()
            except urllib.error.HTTPError as e:
                text = e.read().decode()
                out.append({"id": c["id"], "accepted": False, "status": e.code,
                            "reason": json.loads(text) if text.startswith('"') else text})
                continue
            mine = [a for a in am.alerts() if a["annotations"].get("golden_case") == c["id"]]
            if len(mine) != 1:
                raise SystemExit("case %s: %d alerts carry its annotation" % (c["id"], len(mine)))
            out.append({"id": c["id"], "accepted": True, "fingerprint": mine[0]["fingerprint"],
                        "labels": mine[0]["labels"]})
    finally:
        am.stop()
    return out


def record_annotations(cases):
    """Alertmanager validates annotation names like label names (and keeps empty values)."""
    cfg = os.path.join(tempfile.mkdtemp(prefix="am-golden-cfg-"), "null.yml")
    with open(cfg, "w") as f:
        f.write("route: {receiver: blackhole}\nreceivers: [{name: blackhole}]\n")
    am = Alertmanager(cfg)
    out = []
    try:
        for c in cases:
            a = alert(c["id"], c["labels"])
            a["annotations"] = dict(c["annotations"])
            rejected = am.post([a])
            if rejected:
                code, body = rejected
                out.append({"id": c["id"], "accepted": False, "status": code,
                            "reason": json.loads(body) if body.startswith('"') else body})
            else:
                out.append({"id": c["id"], "accepted": True})
    finally:
        am.stop()
    return out


def quote_matcher_value(v):
    return '"' + v.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"') + '"'


def record_receivers(configs, accepted):
    out = {}
    for name, path in configs:
        per = {}
        for fp in accepted:
            if any("\x00" in v for v in fp["labels"].values()):
                per[fp["id"]] = None  # a command line cannot carry NUL; the group keys cover it
                continue
            args = ["%s=%s" % (k, quote_matcher_value(v)) for k, v in sorted(fp["labels"].items())]
            r = subprocess.run([AMTOOL, "config", "routes", "test", "--config.file=" + path, "--"] + args,
                               capture_output=True, text=True)
            if r.returncode != 0:
                raise SystemExit("amtool routes test %s %s failed: %s" % (name, fp["id"], r.stderr))
            per[fp["id"]] = r.stdout.rstrip("\n")
        out[name] = per
    return out


class Hooks(http.server.BaseHTTPRequestHandler):
    messages = []
    lock = threading.Lock()

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        with Hooks.lock:
            Hooks.messages.append(json.loads(body))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


class HookServer(http.server.ThreadingHTTPServer):
    # Alertmanager flushes hundreds of groups at once; the default backlog of 5 resets connections.
    request_queue_size = 1024


def record_group_keys(configs, accepted):
    server = HookServer(("127.0.0.1", HOOK_PORT), Hooks)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    by_fp = {}
    for fp in accepted:
        by_fp.setdefault(fp["fingerprint"], []).append(fp["id"])
    unique = {fp["fingerprint"]: fp for fp in accepted}
    out = {}
    try:
        for name, path in configs:
            Hooks.messages = []
            am = Alertmanager(path)
            try:
                rejected = am.post([alert(fp["id"], fp["labels"]) for fp in unique.values()])
                if rejected:
                    raise SystemExit("%s: alerts rejected: %s" % (name, rejected))
                # Every group flushes once after its group_wait (at most 1s in these configs) and
                # not again within group_interval (5m): wait until no message came for 5s.
                last, count = time.time(), 0
                while time.time() - last < 5:
                    time.sleep(0.5)
                    if len(Hooks.messages) != count:
                        count, last = len(Hooks.messages), time.time()
            finally:
                am.log.flush()
                with open(os.path.join(am.dir, "log")) as f:
                    log = f.read()
                am.stop()
            per = {}
            for msg in Hooks.messages:
                for a in msg["alerts"]:
                    for case in by_fp[a["fingerprint"]]:
                        per.setdefault(case, []).append({"receiver": msg["receiver"], "groupKey": msg["groupKey"]})
            for v in per.values():
                v.sort(key=lambda e: (e["receiver"], e["groupKey"]))
            missing = [fp["id"] for fp in accepted if fp["id"] not in per]
            if missing:
                raise SystemExit("%s: no notification for %s\n%s" % (name, missing, log[-3000:]))
            out[name] = dict(sorted(per.items()))
    finally:
        server.shutdown()
        server.server_close()
    return out


def record_acceptance(files):
    out = {}
    for name, path in files:
        r = subprocess.run([AMTOOL, "check-config", path], capture_output=True, text=True)
        text = (r.stdout + r.stderr).replace(os.path.dirname(path) + "/", "")
        out[name] = {"valid": r.returncode == 0, "output": text.strip()}
    return out


def write(name, data):
    with open(os.path.join(GOLDEN, name), "w", encoding="utf-8") as f:
        json.dump(data, f, indent=1, ensure_ascii=True, sort_keys=False)
        f.write("\n")


def listing(sub):
    d = os.path.join(GOLDEN, "inputs", sub)
    return [(f[:-4], os.path.join(d, f)) for f in sorted(os.listdir(d)) if f.endswith(".yml")]


def version():
    return subprocess.run([AM, "--version"], capture_output=True, text=True).stdout.split("\n")[0] \
        or subprocess.run([AM, "--version"], capture_output=True, text=True).stderr.split("\n")[0]


def main():
    # Stopped from outside, still stop every Alertmanager started here (the finally blocks).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("record: terminated"))
    with open(os.path.join(GOLDEN, "inputs", "labelsets.json"), encoding="utf-8") as f:
        cases = json.load(f)
    configs, acceptance = listing("configs"), listing("acceptance")
    print("recording with %s" % version(), file=sys.stderr)
    fps = record_fingerprints(cases)
    write("fingerprints.json", {"alertmanager": version(), "cases": fps})
    print("fingerprints: %d cases, %d accepted" % (len(fps), sum(f["accepted"] for f in fps)), file=sys.stderr)
    accepted = [f for f in fps if f["accepted"]]
    with open(os.path.join(GOLDEN, "inputs", "invalid-utf8.json"), encoding="utf-8") as f:
        raw = record_invalid_utf8(json.load(f))
    write("invalid-utf8.json", {"alertmanager": version(), "cases": raw})
    print("invalid UTF-8: %d cases" % len(raw), file=sys.stderr)
    with open(os.path.join(GOLDEN, "inputs", "annotations.json"), encoding="utf-8") as f:
        ann = record_annotations(json.load(f))
    write("annotations.json", {"alertmanager": version(), "cases": ann})
    print("annotations: %d cases" % len(ann), file=sys.stderr)
    write("acceptance.json", {"alertmanager": version(), "files": record_acceptance(acceptance)})
    print("acceptance: %d files" % len(acceptance), file=sys.stderr)
    write("receivers.json", {"alertmanager": version(), "configs": record_receivers(configs, accepted)})
    print("receivers: %d configs x %d label sets" % (len(configs), len(accepted)), file=sys.stderr)
    write("groupkeys.json", {"alertmanager": version(), "configs": record_group_keys(configs, accepted)})
    print("group keys: %d configs" % len(configs), file=sys.stderr)


if __name__ == "__main__":
    main()
