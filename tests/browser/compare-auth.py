#!/usr/bin/env python3
"""Headless Chromium and preflight-cli answer the same 401 challenges with XMLHttpRequest
open()'s user and password; the status the script sees must match.

    compare-auth.py PREFLIGHT_CLI [--chromium PATH]

Chromium runs each case from /cors-cases.html on http://page.lab.test:PORT with
xhr.open("GET", url, true, user, password); preflight-cli runs `fetch --user USER:PASSWORD
--origin ORIGIN`. Same-origin challenges are answered once (a wrong password ends as the
second 401; headless Chromium has no login prompt to fall back on); a cross-origin one is not
answered, and the lab's /auth answers carry no CORS headers, so it is blocked. A challenge with
no user at all is left out: Chromium then waits for its login prompt, which headless Chromium
never shows, and the request never ends (Preflight says so in the timeline and gives the page
the 401). Exit 0 when
every case matches, 1 otherwise, 77 when Chromium is missing."""
import argparse
import json
import os
import shutil
import subprocess
import sys
import urllib.parse

import pf_browser

ACCOUNT = "user=alice&password=s3cret"

# id -> (scheme, user, password, same origin)
CASES = {
    "basic-right": ("basic", "alice", "s3cret", True),
    "basic-wrong": ("basic", "alice", "wrong", True),
    "digest-right": ("digest", "alice", "s3cret", True),
    "digest-wrong": ("digest", "alice", "wrong", True),
    "basic-cross-origin": ("basic", "alice", "s3cret", False),
}


def url_for(case_id, host, port, tag):
    scheme = CASES[case_id][0]
    return "http://%s:%d/auth/%s?%s&case=%s-%s" % (host, port, scheme, ACCOUNT, tag, case_id)


def run_chromium(chromium, port):
    browser_cases = []
    for case_id, (scheme, user, password, same) in CASES.items():
        c = dict(id=case_id, method="GET", api="xhr", credentials="same-origin",
                 url=url_for(case_id, "page.lab.test" if same else "api.lab.test", port, "c"))
        if user is not None:
            c.update(user=user, password=password)
        browser_cases.append(c)
    fragment = urllib.parse.quote(json.dumps(browser_cases))
    return pf_browser.run_chromium(chromium, "http://page.lab.test:%d/cors-cases.html#%s"
                                   % (port, fragment), "PF-CORS", "id",
                                   ["--host-resolver-rules=MAP *.test 127.0.0.1"], timeout=90)


def run_preflight(cli, port, case_id):
    scheme, user, password, same = CASES[case_id]
    origin = "http://127.0.0.1:%d" % port if same else "http://page.lab.test:%d" % port
    args = [cli, "fetch", "--json", "--origin", origin]
    if user is not None:
        args += ["--user", "%s:%s" % (user, password)]
    args.append(url_for(case_id, "127.0.0.1", port, "p"))
    proc = subprocess.run(args, capture_output=True, text=True, timeout=60)
    lines = [json.loads(l) for l in proc.stdout.splitlines() if l.strip()]
    results = [l for l in lines if l.get("type") == "result"]
    if not results:
        return {"outcome": "no result: " + proc.stderr.strip(), "status": -1}
    return {"outcome": results[-1]["cors"]["outcome"], "status": results[-1]["status"]}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("cli")
    parser.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser"))
    args = parser.parse_args()
    if not args.chromium or not os.path.exists(args.chromium):
        print("1..0 # SKIP Chromium is not installed")
        return 77
    lab, base = pf_browser.start_lab(args.cli)
    port = int(base.rsplit(":", 1)[1].strip("/"))
    try:
        browser = run_chromium(args.chromium, port)
        print("1..%d" % len(CASES))
        failures = 0
        for number, case_id in enumerate(CASES, 1):
            ours = run_preflight(args.cli, port, case_id)
            theirs = browser.get(case_id)
            theirs = theirs and {"outcome": theirs["outcome"], "status": theirs["status"]}
            same = theirs == ours
            failures += not same
            print("%s %d - %s # %s %s" % ("ok" if same else "not ok", number, case_id,
                                         ours["outcome"], ours["status"]))
            if not same:
                print("#  chromium:  %s\n#  preflight: %s" % (json.dumps(theirs), json.dumps(ours)))
        return 1 if failures else 0
    finally:
        lab.terminate()
        lab.wait()


if __name__ == "__main__":
    sys.exit(main())
