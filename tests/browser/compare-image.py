#!/usr/bin/env python3
"""Headless Chromium loads each response of tests/data/image-ping.tsv as an image ping,
`new Image().src = URL`, from the same origin and from another one; the one event it fires
(load or error) must be the one the table says, which is the one Preflight's core decides
(tests/test-body-format.c reads the same table). Also checked: the request is a GET with the
Accept header Preflight sends for an image (PF_IMAGE_ACCEPT in src/core/pf-mime.h), and
carries the page's cookie.

    compare-image.py SRCDIR [--chromium PATH] [--only NAME]

Exit 0 when all match, 1 if one differs, 77 when Chromium is missing."""
import argparse
import http.server
import json
import os
import re
import shutil
import sys
import threading
import urllib.parse

import pf_browser

PAGE = """<!DOCTYPE html><meta charset="utf-8"><script>
document.cookie = "ping=1; SameSite=Lax";
const cases = %s;
function run(name, base) {
  return new Promise(resolve => {
    const image = new Image();
    image.onload = () => resolve("load");
    image.onerror = () => resolve("error");
    image.src = base + "img/" + name;
  });
}
(async () => {
  for (const c of cases) {
    const same = await run(c, "/");
    const cross = await run(c, "%s");
    console.log("PF-IMG " + JSON.stringify({ name: c, same: same, cross: cross }));
  }
  console.log("PF-IMG-DONE");
})();
</script>"""


def unescape(text):
    """The table's escapes: \\n \\r \\t \\\\ \\xHH."""
    out = bytearray()
    i = 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            c = text[i + 1]
            if c == "x":
                out.append(int(text[i + 2:i + 4], 16))
                i += 4
                continue
            out += {"n": b"\n", "r": b"\r", "t": b"\t", "\\": b"\\"}[c]
            i += 2
            continue
        out += text[i].encode()
        i += 1
    return bytes(out)


def load_cases(srcdir):
    cases = {}
    with open(os.path.join(srcdir, "data", "image-ping.tsv"), encoding="utf-8") as table:
        for line in table:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            name, status, content_type, body, event = line.split("\t")
            cases[name] = (int(status), content_type, unescape(body), event)
    return cases


def accept_header(srcdir):
    with open(os.path.join(srcdir, "..", "src", "core", "pf-mime.h"), encoding="utf-8") as header:
        return re.search(r'#define PF_IMAGE_ACCEPT\s+"([^"]*)"', header.read()).group(1)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def respond(self, status, content_type, body):
        self.send_response(status)
        if content_type != "-":
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/page.html":
            page = PAGE % (json.dumps(self.server.names), self.server.cross_base)
            self.respond(200, "text/html; charset=utf-8", page.encode())
            return
        name = urllib.parse.unquote(self.path[len("/img/"):])
        if not self.path.startswith("/img/") or name not in self.server.cases:
            self.respond(404, "text/plain", b"no such case\n")
            return
        self.server.requests.setdefault(name, []).append(
            {"method": self.command, "accept": self.headers.get("Accept"),
             "cookie": self.headers.get("Cookie"), "origin": self.headers.get("Origin")})
        status, content_type, body, _ = self.server.cases[name]
        self.respond(status, content_type, body)


def start_server(cases, names):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.cases = cases
    server.names = names
    server.requests = {}
    # The same server under another host name is another origin.
    server.cross_base = "http://localhost:%d/" % server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def check_requests(server, accept):
    """Every request a GET with the image Accept header and no Origin; same-origin ones with
    the page's cookie."""
    for name, requests in server.requests.items():
        for request in requests:
            if request["method"] != "GET" or request["accept"] != accept or request["origin"]:
                return "%s: %s" % (name, json.dumps(request))
        if not any(request["cookie"] == "ping=1" for request in requests):
            return "%s: no cookie in %s" % (name, json.dumps(requests))
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("srcdir")
    parser.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser"))
    parser.add_argument("--only")
    args = parser.parse_args()
    if not args.chromium or not os.path.exists(args.chromium):
        print("1..0 # SKIP Chromium is not installed")
        return 77
    cases = load_cases(args.srcdir)
    names = [n for n in cases if not args.only or n == args.only]
    server = start_server(cases, names)
    base = "http://127.0.0.1:%d/" % server.server_address[1]
    try:
        results = pf_browser.run_chromium(args.chromium, base + "page.html", "PF-IMG", "name")
        print("1..%d" % (len(names) + 1))
        failures = 0
        for number, name in enumerate(names, 1):
            want = cases[name][3]
            got = results.get(name)
            same = got is not None and got["same"] == want and got["cross"] == want
            failures += not same
            print("%s %d - %s" % ("ok" if same else "not ok", number, name))
            if not same or args.only:
                print("#  table: %s  chromium: %s" % (want, json.dumps(got)))
        wrong = check_requests(server, accept_header(args.srcdir))
        failures += wrong is not None
        print("%s %d - requests are GETs with the image Accept header and the cookie"
              % ("not ok" if wrong else "ok", len(names) + 1))
        if wrong:
            print("#  " + wrong)
        return 1 if failures else 0
    finally:
        server.shutdown()


if __name__ == "__main__":
    sys.exit(main())
