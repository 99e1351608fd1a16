#!/usr/bin/env python3
"""EventSource under CORS: headless Chromium and `preflight-cli events --origin` open the same
cross-origin streams of the lab; whether each opens, its events, the readyState of the error
that ends it (2: the connection failed, no reconnect; 0: it would reconnect) and the Origin the
lab received must match.

    compare-sse-cors.py PREFLIGHT_CLI [--chromium PATH] [--only ID]

Chromium runs the page at http://page.lab.test:PORT (--host-resolver-rules maps *.test to
127.0.0.1) and opens http://api.lab.test:PORT/events: another origin of the same site.
preflight-cli runs with --origin http://page.lab.test:PORT against http://127.0.0.1:PORT, just
as cross-origin. Cookies are not compared here (each preflight-cli run starts with an empty
jar); tests/test-push.c checks which requests carry them. Exit 0 when every case matches, 1
otherwise, 77 when Chromium is missing."""
import argparse
import json
import os
import shutil
import subprocess
import sys
import urllib.parse
import urllib.request

import pf_browser

# id -> (query of /events, withCredentials, same origin)
CASES = {
    "same-origin": ("", False, True),
    "allowed-star": ("allow-origin=*", False, False),
    "allowed-echo": ("allow-origin=echo", False, False),
    "no-acao": ("", False, False),
    "other-origin": ("allow-origin=http%3A%2F%2Fother.test", False, False),
    "two-origins": ("allow-origin=PAGE%2C%20http%3A%2F%2Fother.test", False, False),
    "star-acac-without-credentials": ("allow-origin=*&allow-credentials=true", False, False),
    "credentials-star": ("allow-origin=*&allow-credentials=true", True, False),
    "credentials-allowed": ("allow-origin=echo&allow-credentials=true", True, False),
    "credentials-no-acac": ("allow-origin=echo", True, False),
    "credentials-acac-upper": ("allow-origin=echo&allow-credentials=TRUE", True, False),
}

SCRIPT = """
(async () => {
  for (const c of %s) {
    const r = await new Promise(resolve => {
      const result = { id: c.id, opened: false, events: [], errorState: null };
      const es = new EventSource(c.url, { withCredentials: c.withCredentials });
      es.onopen = () => { result.opened = true; };
      es.onmessage = e => result.events.push({ data: e.data, lastEventId: e.lastEventId });
      es.onerror = () => { result.errorState = es.readyState; es.close(); resolve(result); };
    });
    console.log("PF-SSE-CORS " + JSON.stringify(r));
  }
  // Not spelt out: the script is in the page's URL, which Chromium logs with each line.
  console.log(["PF-SSE-CORS", "DONE"].join("-"));
})();
"""


def url_for(case_id, host, port, page, tag):
    query, _, _ = CASES[case_id]
    query = query.replace("PAGE", urllib.parse.quote(page, safe=""))
    sep = "&" if query else ""
    return "http://%s:%d/events?interval=0&count=2&%s%scase=%s-%s" % (host, port, query, sep,
                                                                      tag, case_id)


def lab_origin(port, case_id, page):
    with urllib.request.urlopen("http://127.0.0.1:%d/cors-log?case=%s" % (port, case_id)) as r:
        request = json.load(r).get("request") or []
    values = [v for n, v in request if n.lower() == "origin"]
    return "<page>" if values == [page] else (values[0] if values else None)


def run_chromium(chromium, port, ids):
    page = "http://page.lab.test:%d" % port
    cases = [{"id": i, "withCredentials": CASES[i][1],
              "url": url_for(i, "page.lab.test" if CASES[i][2] else "api.lab.test", port, page, "c")}
             for i in ids]
    script = urllib.parse.quote(SCRIPT % json.dumps(cases))
    results = pf_browser.run_chromium(chromium, page + "/script-page/sse?script=" + script,
                                      "PF-SSE-CORS", "id",
                                      ["--host-resolver-rules=MAP *.test 127.0.0.1"])
    for i, result in results.items():
        result["origin"] = lab_origin(port, "c-" + i, page)
    return results


def run_preflight(cli, port, case_id):
    _, credentials, same_origin = CASES[case_id]
    page = "http://page.lab.test:%d" % port
    origin = "http://127.0.0.1:%d" % port if same_origin else page
    args = [cli, "events", "--json", "--origin", origin]
    if credentials:
        args.append("--with-credentials")
    args.append(url_for(case_id, "127.0.0.1", port, page, "p"))
    proc = subprocess.run(args, capture_output=True, text=True, timeout=30)
    result = {"id": case_id, "opened": False, "events": [], "errorState": None}
    for line in proc.stdout.splitlines():
        entry = json.loads(line)
        if entry["type"] == "open":
            result["opened"] = True
        elif entry["type"] == "message":
            result["events"].append({"data": entry["data"], "lastEventId": entry["lastEventId"]})
        elif entry["type"] == "error" and result["errorState"] is None:
            result["errorState"] = entry["readyState"]
            result["cors"] = entry.get("cors")
    result["origin"] = lab_origin(port, "p-" + case_id, origin)
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
    lab, base = pf_browser.start_lab(args.cli)
    port = int(base.rsplit(":", 1)[1].strip("/"))
    try:
        ids = [i for i in CASES if not args.only or i == args.only]
        browser = run_chromium(args.chromium, port, ids)
        print("1..%d" % len(ids))
        failures = 0
        for number, case_id in enumerate(ids, 1):
            ours = run_preflight(args.cli, port, case_id)
            theirs = browser.get(case_id)
            keys = ("opened", "events", "errorState", "origin")
            same = theirs is not None and all(ours[k] == theirs[k] for k in keys)
            failures += not same
            print("%s %d - %s" % ("ok" if same else "not ok", number, case_id))
            if not same or args.only:
                print("#  chromium:  %s\n#  preflight: %s" % (json.dumps(theirs), json.dumps(ours)))
        return 1 if failures else 0
    finally:
        lab.terminate()
        lab.wait()


if __name__ == "__main__":
    sys.exit(main())
