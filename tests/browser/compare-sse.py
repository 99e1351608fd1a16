#!/usr/bin/env python3
"""Headless Chromium's EventSource and `preflight-cli events` read the same byte streams; the
events they see must match.

    compare-sse.py PREFLIGHT_CLI [--chromium PATH] [--only NAME]

A small server on 127.0.0.1 serves each stream exactly as given (status, Content-Type, the bytes
written in the given pieces, a short pause between pieces so they arrive as separate chunks),
then ends the response. Compared per stream: whether the connection opened, each event's type,
data and lastEventId, and the readyState of the error that ends the first connection (0 when
the browser would reconnect, 2 when it failed the connection). Exit 0 when all match, 1 if one
differs, 77 when Chromium is missing."""
import argparse
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.parse

import pf_browser

SSE = "text/event-stream"

# name -> (status, content type, pieces of the body, event types to listen for)
STREAMS = {
    "simple": (200, SSE, [b"data: hello\n\n"], []),
    "no-space-and-two-spaces": (200, SSE, [b"data:a\n\ndata:  b\n\n"], []),
    "multi-line": (200, SSE, [b"data: a\ndata: b\n\n"], []),
    "empty-data": (200, SSE, [b"data\n\ndata\ndata\n\n"], []),
    "no-data": (200, SSE, [b"event: x\n\nid: 3\n\n: comment\n\ndata: after\n\n"], ["x"]),
    "event-types": (200, SSE, [b"event: tick\ndata: 1\n\ndata: 2\n\nevent:\ndata: 3\n\n"], ["tick"]),
    "ids": (200, SSE, [b"id: 1\ndata: a\n\ndata: b\n\nid\ndata: c\n\nid: 7\n\ndata: d\n\n"], []),
    "id-with-nul": (200, SSE, [b"id: 5\ndata: a\n\nid: 6\x00x\ndata: b\n\n"], []),
    "retry-lines": (200, SSE, [b"retry: 15a\nretry: 1000\ndata: x\n\n"], []),
    "unknown-and-case": (200, SSE, [b"foo: bar\nData: no\ndata: yes\n\n"], []),
    "crlf": (200, SSE, [b"data: a\r\ndata: b\r\n\r\n"], []),
    "cr": (200, SSE, [b"data: a\rdata: b\r\rdata: c\r\r"], []),
    "crlf-split": (200, SSE, [b"data: a\r", b"\ndata: b\r", b"\n\r", b"\n"], []),
    "cr-cr-lf": (200, SSE, [b"data: a\r\r\ndata: b\n\n"], []),
    "bom": (200, SSE, [b"\xef\xbb\xbfdata: x\n\n"], []),
    "bom-split": (200, SSE, [b"\xef", b"\xbb", b"\xbfdata: x\n\n"], []),
    "two-boms": (200, SSE, [b"\xef\xbb\xbf\xef\xbb\xbfdata: x\n\ndata: y\n\n"], []),
    "invalid-utf8": (200, SSE, [b"data: a\xffb\n\ndata: \xe2\x82A\n\ndata: \xed\xa0\x80\n\n"], []),
    "utf8-split": (200, SSE, [b"data: h\xc3", b"\xa9llo \xf0\x9f", b"\x98\x80\n\n"], []),
    "nul-in-data": (200, SSE, [b"data: a\x00b\n\n"], []),
    "unfinished-event": (200, SSE, [b"data: x\n\ndata: y\n"], []),
    "unfinished-line": (200, SSE, [b"data: x\n\ndata: y"], []),
    "colon-value": (200, SSE, [b"data: a: b\n\n:\n\n"], []),
    "byte-pieces": (200, SSE, [bytes([b]) for b in b"id: 9\nevent: tick\ndata: p\n\n"], ["tick"]),
    "charset-utf8": (200, SSE + "; charset=utf-8", [b"data: x\n\n"], []),
    "charset-latin1": (200, SSE + "; charset=iso-8859-1", [b"data: x\n\n"], []),
    "upper-case-type": (200, "Text/Event-Stream", [b"data: x\n\n"], []),
    "text-plain": (200, "text/plain", [b"data: x\n\n"], []),
    "status-204": (204, SSE, [], []),
    "status-500": (500, SSE, [b"data: x\n\n"], []),
}

PAGE = """<!DOCTYPE html><meta charset="utf-8"><script>
const cases = %s;
function run(c) {
  return new Promise(resolve => {
    const result = { name: c.name, opened: false, events: [], errorState: null };
    const es = new EventSource("/s/" + c.name);
    const listen = type => es.addEventListener(type, e => result.events.push(
      { type: e.type, data: e.data, lastEventId: e.lastEventId }));
    ["message"].concat(c.types).forEach(listen);
    es.onopen = () => { result.opened = true; };
    es.onerror = () => { result.errorState = es.readyState; es.close(); resolve(result); };
  });
}
(async () => {
  for (const c of cases)
    console.log("PF-SSE " + JSON.stringify(await run(c)));
  console.log("PF-SSE-DONE");
})();
</script>"""


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/page.html":
            cases = [{"name": n, "types": s[3]} for n, s in STREAMS.items() if n in self.server.names]
            body = (PAGE % json.dumps(cases)).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        name = urllib.parse.unquote(self.path[len("/s/"):])
        if not self.path.startswith("/s/") or name not in STREAMS:
            self.send_error(404)
            return
        status, content_type, pieces, _ = STREAMS[name]
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.flush()
        for piece in pieces:
            self.wfile.write(piece)
            self.wfile.flush()
            time.sleep(0.02)
        self.close_connection = True


def start_server(names):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.names = names
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def run_chromium(chromium, base):
    return pf_browser.run_chromium(chromium, base + "page.html", "PF-SSE", "name")


def run_preflight(cli, base, name):
    proc = subprocess.run([cli, "events", "--json", base + "s/" + urllib.parse.quote(name)],
                          capture_output=True, text=True, timeout=30)
    result = {"name": name, "opened": False, "events": [], "errorState": None}
    for line in proc.stdout.splitlines():
        entry = json.loads(line)
        if entry["type"] == "open":
            result["opened"] = True
        elif entry["type"] == "message":
            result["events"].append({"type": entry["event"], "data": entry["data"],
                                     "lastEventId": entry["lastEventId"]})
        elif entry["type"] == "error" and result["errorState"] is None:
            result["errorState"] = entry["readyState"]
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("cli")
    parser.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser"))
    parser.add_argument("--only")
    args = parser.parse_args()
    if not args.chromium or not os.path.exists(args.chromium):
        print("1..0 # SKIP Chromium is not installed")
        return 77
    names = [n for n in STREAMS if not args.only or n == args.only]
    server = start_server(set(names))
    base = "http://127.0.0.1:%d/" % server.server_address[1]
    try:
        browser = run_chromium(args.chromium, base)
        print("1..%d" % len(names))
        failures = 0
        for number, name in enumerate(names, 1):
            ours = run_preflight(args.cli, base, name)
            theirs = browser.get(name)
            same = theirs is not None and all(ours[k] == theirs[k] for k in ("opened", "events", "errorState"))
            failures += not same
            print("%s %d - %s" % ("ok" if same else "not ok", number, name))
            if not same or args.only:
                print("#  chromium:  %s\n#  preflight: %s" % (json.dumps(theirs), json.dumps(ours)))
        return 1 if failures else 0
    finally:
        server.shutdown()


if __name__ == "__main__":
    sys.exit(main())
