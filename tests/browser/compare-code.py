#!/usr/bin/env python3
"""The code `preflight-cli fetch --print-code fetch|xhr` prints, run by headless Chromium in a
page at the request's origin, must send what preflight-cli sends for the same options.

    compare-code.py PREFLIGHT_CLI [--chromium PATH] [--only ID]

Each case prints the code for http://api.lab.test:PORT/… (--host-resolver-rules maps *.test to
127.0.0.1) with --origin http://page.lab.test:PORT, runs it in the lab's /script-page/ served at
that origin, and runs preflight-cli with the same options against http://127.0.0.1:PORT/….
The lab's /echo JSON (what the server received) is compared: method, path and query, the
headers that matter, and the body (byte for byte; multipart, and fetch()'s URLSearchParams,
field by field since the browser picks the boundary and URLSearchParams writes a space as "+").
Timeout and overrideMimeType cases compare what the script sees. The XMLHttpRequest code's
event handlers must log the events preflight-cli's timeline shows, in its order. TAP on
stdout; exit 77 without Chromium."""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import xml.etree.ElementTree

import pf_browser

# Wraps fetch() and XMLHttpRequest to keep each response the code gets, collects its console
# output, runs the code RUNS times one after another, then logs "PF-CODE {report}".
HARNESS = r"""
const pfReport = { id: %(id)s, responses: [], events: [], logs: [] };
(() => {
  const log = console.log.bind(console);
  const record = (prefix) => (...args) => pfReport.logs.push(prefix + args.map(String).join(' '));
  console.log = record('');
  console.error = record('error: ');
  window.addEventListener('error', (e) => pfReport.logs.push('exception: ' + e.message));
  let waiting = null;
  const settle = () => { const w = waiting; waiting = null; if (w) setTimeout(w, 200); };
  const fetch0 = window.fetch;
  window.fetch = function (...args) {
    const promise = fetch0.apply(this, args);
    promise.then((r) => r.clone().text().then((text) =>
                   pfReport.responses.push({ status: r.status, text })),
                 (e) => pfReport.events.push(e.name)).finally(settle);
    return promise;
  };
  const send0 = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (...args) {
    for (const type of ['load', 'error', 'abort', 'timeout'])
      this.addEventListener(type, () => pfReport.events.push(type));
    this.addEventListener('loadend', () => {
      pfReport.responses.push({ status: this.status, text: this.responseText });
      settle();
    });
    return send0.apply(this, args);
  };
  window.pfRun = async (code, runs) => {
    for (let i = 0; i < runs; i++)
      await new Promise((resolve) => {
        waiting = resolve;
        setTimeout(resolve, 15000);
        try { new Function(code)(); } catch (e) { pfReport.logs.push('exception: ' + e); resolve(); }
      });
    log('PF-CODE ' + JSON.stringify(pfReport));
    log('PF-CODE' + '-DONE'); // not as one word: the page's URL holds this script
  };
})();
pfRun(%(code)s, %(runs)d);
"""

# Where Preflight itself departs from the standard: reported as TAP TODO, not failed.
PREFLIGHT_BUGS = {}

HEADERS = ["content-type", "x-custom", "authorization", "origin", "cookie"]


def case(id, path, options=(), kind="echo", runs=1, same_origin=False, expect=None):
    return dict(id=id, path=path, options=list(options), kind=kind, runs=runs,
                same_origin=same_origin, expect=expect or {})


CASES = [
    case("get-query", "cors/api?allow-origin=*&q=a%20b&n=%C3%A9"),
    case("post-json-custom-header",
         "cors/api?allow-origin=*&allow-headers=content-type,x-custom,authorization",
         ["-H", "Content-Type: application/json", "-H", "X-Custom: it's \"q\" \\ é 中",
          "--bearer", "t0ken", "-d", '{"a": "é\\n", "b": [1, 2]}\n']),
    case("urlencoded", "cors/api?allow-origin=*",
         ["--urlencode", "name=a b&c", "--urlencode", "é=ü+'*", "--urlencode", "empty="]),
    case("multipart-text", "cors/api?allow-origin=*",
         ["-F", "title=two words", "-F", "note=é ü", "-F", "title=again"]),
    case("multipart-newline", "cors/api?allow-origin=*", ["-F", "note=two\nlines"]),
    case("credentials-include",
         "cors/api?allow-origin=echo&allow-credentials=true&set-cookie=pfcode%3D1",
         ["--credentials", "include"], runs=2, expect={"cookie": "pfcode=1"}),
    case("timeout", "delay/3000", ["--timeout", "400"], kind="timeout", same_origin=True),
    case("override-mime", "xml-as-text", ["--override-mime", "text/xml"], kind="xml",
         same_origin=True),
]


def xhr_event(kind, ready_state):
    return "%s %d" % (kind, ready_state) if kind == "readystatechange" else kind


def xhr_events_logged(logs):
    """The events the generated XMLHttpRequest handlers logged, in order, a repeat once."""
    out = []
    for line in logs:
        words = line.split(" ")
        if words[0] == "readystatechange" and len(words) > 1:
            event = xhr_event(words[0], int(words[1]))
        elif words[0] in ("loadstart", "progress", "load", "error", "abort", "timeout", "loadend"):
            event = words[0]
        else:
            continue
        if not out or out[-1] != event:
            out.append(event)
    return out


def collapsed(events):
    out = []
    for event in events:
        if not out or out[-1] != event:
            out.append(event)
    return out


def header(pairs, name):
    values = [v for n, v in pairs if n.lower() == name]
    return ", ".join(values) if values else None


def essence(value):
    return value.split(";")[0].strip().lower() if value else value


def echo_summary(echo, c, api):
    """What must match between the two clients, from the /echo JSON."""
    url = urllib.parse.urlsplit(echo["url"])
    multipart = any(o == "-F" for o in c["options"])
    loose_form = multipart or (api == "fetch" and "--urlencode" in c["options"])
    out = {"method": echo["method"], "path": url.path, "query": url.query}
    for name in HEADERS:
        value = header(echo["headers"], name)
        out[name] = essence(value) if name == "content-type" and loose_form else value
    if loose_form:
        out["form"] = echo["form"]
    else:
        out["body"] = echo["body"]
    return out


def cli_run(cli, c, port, page_origin):
    base = "http://127.0.0.1:%d/" % port
    origin = base.rstrip("/") if c["same_origin"] else page_origin
    with tempfile.NamedTemporaryFile(suffix=".json") as body:
        # -o only for /echo: with it the body is not kept, so there is no responseXML.
        output = ["-o", body.name] if c["kind"] == "echo" else []
        args = [cli, "fetch", "--json", "--origin", origin, "--repeat", str(c["runs"])] + \
            output + c["options"] + [base + c["path"]]
        done = subprocess.run(args, capture_output=True, text=True, timeout=60)
        lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
        results = [line for line in lines if line.get("type") == "result"]
        # The XHR events the timeline shows (every run's), as the generated handlers log them.
        events = [xhr_event(line["type"], line.get("readyState")) for line in lines
                  if line.get("target") == "xhr"]
        if results:
            results[-1]["events"] = events
        text = open(body.name, encoding="utf-8", errors="replace").read()
    bodies = []
    decoder = json.JSONDecoder()
    while c["kind"] == "echo" and text.strip():
        obj, end = decoder.raw_decode(text.strip())
        bodies.append(obj)
        text = text.strip()[end:]
    return results, bodies, text


def print_code(cli, c, api, port):
    page = "http://%s.lab.test:%d" % ("api" if c["same_origin"] else "page", port)
    url = "http://api.lab.test:%d/%s" % (port, c["path"])
    args = [cli, "fetch", "--print-code", api, "--origin", page] + c["options"] + [url]
    return page, subprocess.run(args, capture_output=True, text=True, check=True).stdout


def browser_run(chromium, cli, c, api, port):
    page, code = print_code(cli, c, api, port)
    script = HARNESS % {"id": json.dumps(c["id"] + "/" + api), "code": json.dumps(code),
                        "runs": c["runs"]}
    url = page + "/script-page/code/%s?script=%s" % (c["id"], urllib.parse.quote(script))
    results = pf_browser.run_chromium(chromium, url, "PF-CODE", "id",
                                      ["--host-resolver-rules=MAP *.test 127.0.0.1"], timeout=60)
    return results.get(c["id"] + "/" + api)


def compare(c, api, browser, cli_results, cli_bodies):
    """The differences, as strings; none when both clients did the same."""
    if browser is None:
        return ["Chromium reported nothing"]
    problems = [line for line in browser["logs"] if line.startswith("exception")]
    if c["kind"] == "timeout":
        seen = "TimeoutError" in browser["events"] or "timeout" in browser["events"]
        if not seen or [r.get("error") for r in cli_results] != ["timeout"]:
            problems.append("timeout: Chromium %s, preflight-cli %s" %
                            (browser["events"], [r.get("error") for r in cli_results]))
        return problems
    if len(browser["responses"]) != c["runs"] or len(cli_results) != c["runs"]:
        return problems + ["runs: Chromium %d, preflight-cli %d" %
                           (len(browser["responses"]), len(cli_results))]
    text = browser["responses"][-1]["text"]
    if c["kind"] == "xml":
        root = xml.etree.ElementTree.fromstring(text).tag
        if root not in browser["logs"] or not cli_results[-1]["responseXML"]:
            problems.append("XML root %s: Chromium logged %s, preflight-cli responseXML %s" %
                            (root, browser["logs"], cli_results[-1]["responseXML"]))
        return problems
    status_line = ("load " if api == "xhr" else "") + "200 OK"
    if status_line not in browser["logs"]:
        problems.append("the code did not log %r: %s" % (status_line, browser["logs"]))
    if api == "xhr":
        logged = xhr_events_logged(browser["logs"])
        shown = collapsed(cli_results[-1].get("events", []))
        if logged != shown:
            problems.append("events: the handlers logged %s, Preflight's timeline shows %s" %
                            (logged, shown))
    ours = echo_summary(cli_bodies[-1], c, api)
    theirs = echo_summary(json.loads(text), c, api)
    for key, value in c["expect"].items():
        if ours[key] != value:
            problems.append("%s: expected %r, both sent %r" % (key, value, ours[key]))
    for key in ours:
        if ours[key] != theirs[key]:
            problems.append("%s: Preflight %r, Chromium %r" % (key, ours[key], theirs[key]))
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("cli")
    parser.add_argument("--chromium",
                        default=shutil.which("chromium") or shutil.which("chromium-browser"))
    parser.add_argument("--only")
    args = parser.parse_args()
    if not args.chromium or not os.path.exists(args.chromium):
        print("1..0 # SKIP Chromium is not installed")
        return 77
    cases = [c for c in CASES if args.only in (None, c["id"])]
    lab, base = pf_browser.start_lab(args.cli)
    port = int(base.rstrip("/").rsplit(":", 1)[1])
    failures = 0
    try:
        print("1..%d" % (2 * len(cases)), flush=True)
        n = 0
        for c in cases:
            cli_results, cli_bodies, _ = cli_run(args.cli, c, port, "http://page.lab.test:%d" % port)
            for api in ("fetch", "xhr"):
                n += 1
                browser = browser_run(args.chromium, args.cli, c, api, port)
                problems = compare(c, api, browser, cli_results, cli_bodies)
                todo = PREFLIGHT_BUGS.get(c["id"])
                failures += bool(problems) and not todo
                print("%s %d - %s/%s%s" % ("not ok" if problems else "ok", n, c["id"], api,
                                          " # TODO " + todo if todo else ""))
                for problem in problems:
                    print("# " + problem)
                sys.stdout.flush()
        return 1 if failures else 0
    finally:
        lab.terminate()
        lab.wait()


if __name__ == "__main__":
    sys.exit(main())
