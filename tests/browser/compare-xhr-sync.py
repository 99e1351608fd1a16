#!/usr/bin/env python3
"""Synchronous XMLHttpRequest, open(method, url, false): headless Chromium and
`preflight-cli fetch --sync` run the same requests against the same lab server; the events the
page sees, the exception send() throws and the refusals of a timeout and a responseType must
match.

    compare-xhr-sync.py PREFLIGHT_CLI [--chromium PATH]

TAP on stdout; exit 0 when every case matches, 1 when one differs, 77 (skipped) without
Chromium."""
import argparse
import json
import os
import shutil
import subprocess
import sys
import urllib.parse

import pf_browser

# name -> (method, path, body, preflight-cli options)
REQUESTS = {
    "success": ("GET", "/example.txt", None, []),
    "upload": ("POST", "/echo", "hello world!", ["-d", "hello world!"]),
    "not-found": ("GET", "/status/404", None, []),
    "redirect": ("GET", "/redirect/2", None, []),
    "network-error": ("GET", "/garbage", None, []),
    "cut": ("GET", "/cut", None, []),
}

# The echo lists the client's own headers: its length differs by client.
CLIENT_DEPENDENT_BODY = {"upload"}

# name -> (the property the page sets after open(), its value, preflight-cli options)
REFUSALS = {
    "timeout": ("timeout", 200, ["--timeout", "200"]),
    "response-type-json": ("responseType", "json", ["--response-type", "json"]),
    "response-type-text": ("responseType", "text", ["--response-type", "text"]),
}

SCRIPT = r"""
const report = (o) => console.log('PF-SYNC ' + JSON.stringify(o));
const requests = %(requests)s;
const refusals = %(refusals)s;
for (const [name, [method, path, body]] of Object.entries(requests)) {
  const xhr = new XMLHttpRequest();
  const events = [];
  const record = (prefix) => (e) => events.push(prefix + e.type + '(' + e.loaded + ',' + e.total + ')');
  xhr.onreadystatechange = () => events.push('rs' + xhr.readyState);
  for (const t of ['loadstart', 'progress', 'load', 'error', 'abort', 'timeout', 'loadend']) {
    xhr.addEventListener(t, record(''));
    xhr.upload.addEventListener(t, record('upload.'));
  }
  let exception = null;
  try {
    xhr.open(method, path, false);
    xhr.send(body);
  } catch (e) { exception = e.name + ': ' + e.message; }
  report({ name, events, exception, status: xhr.status, readyState: xhr.readyState });
}
for (const [name, [property, value]] of Object.entries(refusals)) {
  const xhr = new XMLHttpRequest();
  let exception = null;
  xhr.open('GET', '/example.txt', false);
  try { xhr[property] = value; } catch (e) { exception = e.name + ': ' + e.message; }
  report({ name, exception });
}
console.log('PF-SYNC' + '-DONE');
"""


def without_numbers(events):
    return [e.split("(")[0] for e in events]


def compact(events):
    out = []
    for e in events:
        if "target" not in e:
            continue
        prefix = "upload." if e["target"] == "upload" else ""
        if e["type"] == "readystatechange":
            out.append("rs%d" % e["readyState"])
        else:
            out.append("%s%s(%d,%d)" % (prefix, e["type"], e["loaded"], e["total"]))
    return out


def run_preflight(cli, base, options, path):
    proc = subprocess.run([cli, "fetch", "--json", "--sync"] + options + [base + path.lstrip("/")],
                          capture_output=True, text=True, timeout=30)
    lines = [json.loads(l) for l in proc.stdout.splitlines() if l.strip()]
    return proc, lines


def check_request(cli, base, name, chromium):
    method, path, body, options = REQUESTS[name]
    proc, lines = run_preflight(cli, base, options, path)
    if not lines:
        return False, "preflight-cli printed nothing: " + proc.stderr
    result = lines[-1]
    ours = {"events": compact(lines[:-1]), "exception": result.get("exception"),
            "status": result["status"]}
    theirs = {k: chromium[k] for k in ("events", "exception", "status")}
    if name in CLIENT_DEPENDENT_BODY:
        ours["events"], theirs["events"] = (without_numbers(ours["events"]),
                                            without_numbers(theirs["events"]))
    # Chromium names the URL it was given, relative to the page: the same lab URL.
    return ours == theirs, "chromium:  %s\npreflight: %s" % (theirs, ours)


def check_refusal(cli, base, name, chromium):
    options = REFUSALS[name][2]
    proc, _ = run_preflight(cli, base, options, "/example.txt")
    same = proc.returncode == 2 and chromium["exception"] is not None and \
        ("“%s”" % chromium["exception"]) in proc.stderr
    return same, "chromium:  %s\npreflight: exit %d, %s" % (chromium["exception"],
                                                             proc.returncode, proc.stderr.strip())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("cli")
    parser.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser"))
    args = parser.parse_args()
    if not args.chromium or not os.path.exists(args.chromium):
        print("1..0 # SKIP Chromium is not installed")
        return 77
    lab, base = pf_browser.start_lab(args.cli)
    try:
        script = SCRIPT % {
            "requests": json.dumps({k: v[:3] for k, v in REQUESTS.items()}),
            "refusals": json.dumps({k: v[:2] for k, v in REFUSALS.items()}),
        }
        url = base + "script-page/sync?script=" + urllib.parse.quote(script)
        browser = pf_browser.run_chromium(args.chromium, url, "PF-SYNC", "name", timeout=60)
        cases = [(n, check_request) for n in REQUESTS] + [(n, check_refusal) for n in REFUSALS]
        return pf_browser.tap([(name, lambda n, r, check=check: check(args.cli, base, n, r))
                               for name, check in cases], browser)
    finally:
        lab.terminate()
        lab.wait()


if __name__ == "__main__":
    sys.exit(main())
