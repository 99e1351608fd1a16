#!/usr/bin/env python3
"""The headers a browser adds by itself: headless Chromium's XMLHttpRequest and `preflight-cli
fetch --origin PAGE` (which sends them by default) send the same requests to the lab's /echo;
the header sets and values the lab received must match, and the result line's `browserHeaders`
must name every header the case did not set itself.

    compare-browser-headers.py PREFLIGHT_CLI [--chromium PATH] [--only ID]

Chromium runs one page at http://127.0.0.1:PORT (same-origin cases) and one at
http://page.lab.test:PORT (cross-origin cases; --host-resolver-rules maps *.test to 127.0.0.1);
both call http://127.0.0.1:PORT, a loopback URL and so potentially trustworthy: Chromium sends it
Sec-Fetch-*, the sec-ch-ua client hints and br (to http://api.lab.test it sends none of them, and
Preflight's unit tests check that). preflight-cli gets the page's whole URL as --origin, so its
Referer can be the page's URL.

Normalised before comparing, as version- or build-specific: User-Agent's version numbers and
"HeadlessChrome" (a window's Chromium says "Chrome"); sec-ch-ua's version numbers and its GREASE
brand (which Chromium picks by major version); and ", zstd" at the end of Chromium's
Accept-Encoding (libsoup 3.2 cannot decode zstd, so Preflight does not offer it). Exit 0 when
every case matches, 1 otherwise, 77 when Chromium is missing."""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

import pf_browser

# id -> (page host, method, path, Content-Type set by the script, body, withCredentials)
CASES = {
    "same-origin-get": ("127.0.0.1", "GET", "echo?case=1", None, None, False),
    "same-origin-post": ("127.0.0.1", "POST", "echo", "text/plain", "hi", False),
    "cross-origin-get": ("page.lab.test", "GET", "cors/api?allow-origin=*", None, None, False),
    "cross-origin-post-json": ("page.lab.test", "POST",
                               "cors/api?allow-origin=*&allow-methods=POST&allow-headers=content-type",
                               "application/json", '{"a":1}', False),
    "cross-origin-credentials": ("page.lab.test", "GET",
                                 "cors/api?allow-origin=echo&allow-credentials=true",
                                 None, None, True),
}

SCRIPT = """
(async () => {
  for (const c of %s) {
    const r = await new Promise(resolve => {
      const x = new XMLHttpRequest();
      x.open(c.method, c.url);
      x.withCredentials = c.credentials;
      if (c.type) x.setRequestHeader("Content-Type", c.type);
      x.onloadend = () => resolve({ id: c.id, status: x.status, body: x.responseText });
      x.send(c.body);
    });
    console.log("PF-BH " + JSON.stringify(r));
  }
  // Not spelt out: the script is in the page's URL, which Chromium logs with each line.
  console.log(["PF-BH", "DONE"].join("-"));
})();
"""


def page_url(host, port, ids):
    cases = [{"id": i, "method": CASES[i][1], "url": "http://127.0.0.1:%d/%s" % (port, CASES[i][2]),
              "type": CASES[i][3], "body": CASES[i][4], "credentials": CASES[i][5]} for i in ids]
    return "http://%s:%d/script-page/headers?script=%s" % (
        host, port, urllib.parse.quote(SCRIPT % json.dumps(cases)))


def normalise(headers):
    out = {}
    for name, value in headers:
        name = name.lower()
        if name == "user-agent":
            value = re.sub(r"\d+(\.\d+)*", "N", value.replace("HeadlessChrome", "Chrome"))
        elif name == "sec-ch-ua":
            brands = [b.strip() for b in value.split(",")]
            value = ", ".join(re.sub(r'v="\d+"', 'v="N"', b) for b in brands if "Chromium" in b)
        elif name == "accept-encoding":
            value = re.sub(r", zstd$", "", value)
        out[name] = value
    return out


def run_chromium(chromium, port, ids):
    results = {}
    for host in ("127.0.0.1", "page.lab.test"):
        mine = [i for i in ids if CASES[i][0] == host]
        if not mine:
            continue
        found = pf_browser.run_chromium(chromium, page_url(host, port, mine), "PF-BH", "id",
                                        ["--host-resolver-rules=MAP *.test 127.0.0.1"])
        for i, result in found.items():
            result["headers"] = normalise(json.loads(result["body"])["headers"]) if result["body"] else None
            results[i] = result
    return results


def run_preflight(cli, port, ids, case_id):
    host, method, path, content_type, body, credentials = CASES[case_id]
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        args = [cli, "fetch", "--json", "-o", out.name, "--origin", page_url(host, port, ids),
                "-X", method]
        if content_type:
            args += ["-H", "Content-Type: " + content_type]
        if body is not None:
            args += ["-d", body]
        if credentials:
            args += ["--credentials", "include"]
        args.append("http://127.0.0.1:%d/%s" % (port, path))
        proc = subprocess.run(args, capture_output=True, text=True, timeout=60)
        lines = [json.loads(l) for l in proc.stdout.splitlines() if l.strip()]
        result = [l for l in lines if l.get("type") == "result"][-1]
        with open(out.name) as f:
            echoed = json.load(f)
    return {"status": result["status"], "headers": normalise(echoed["headers"]),
            "browserHeaders": sorted(n.lower() for n in result.get("browserHeaders") or [])}


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
            # Each page's cases share its URL, so run the CLI with the same page.
            page_ids = [i for i in ids if CASES[i][0] == CASES[case_id][0]]
            ours = run_preflight(args.cli, port, page_ids, case_id)
            theirs = browser.get(case_id)
            set_by_script = {"content-type"} if CASES[case_id][3] else set()
            expected_browser = sorted(n for n in ours["headers"] if n not in set_by_script)
            problems = []
            if theirs is None or theirs["headers"] is None:
                problems.append("no answer from Chromium")
            else:
                for name in sorted(set(ours["headers"]) | set(theirs["headers"])):
                    if ours["headers"].get(name) != theirs["headers"].get(name):
                        problems.append("%s: chromium %r, preflight %r" % (
                            name, theirs["headers"].get(name), ours["headers"].get(name)))
                if ours["status"] != theirs["status"]:
                    problems.append("status: chromium %r, preflight %r" % (theirs["status"], ours["status"]))
            if ours["browserHeaders"] != expected_browser:
                problems.append("browserHeaders %r, expected %r" % (ours["browserHeaders"], expected_browser))
            failures += bool(problems)
            print("%s %d - %s" % ("not ok" if problems else "ok", number, case_id))
            for problem in problems:
                print("#  " + problem)
            if args.only:
                print("#  chromium:  %s\n#  preflight: %s" % (json.dumps(theirs and theirs["headers"]),
                                                            json.dumps(ours["headers"])))
        return 1 if failures else 0
    finally:
        lab.terminate()
        lab.wait()


if __name__ == "__main__":
    sys.exit(main())
