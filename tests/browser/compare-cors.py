#!/usr/bin/env python3
"""Headless Chromium and preflight-cli run the same CORS cases against the same lab server;
their verdicts must match.

    compare-cors.py PREFLIGHT_CLI [--chromium PATH] [--report FILE] [--only ID]

Chromium loads /cors-cases.html from http://page.lab.test:PORT and calls
http://api.lab.test:PORT (--host-resolver-rules maps *.test to 127.0.0.1): another origin.
preflight-cli runs with --origin http://page.lab.test:PORT against http://127.0.0.1:PORT, which
is just as cross-origin. For each case both clients are compared on: the verdict (allowed or
blocked) and the status the script sees; what reached the server (how many preflights and
requests, the preflight's Origin, Access-Control-Request-Method and -Headers, the actual
request's Origin, whether a cookie went with it); and, when allowed, which response headers the
script may read. Exit 0 when every case matches, 1 otherwise, 77 when Chromium is missing."""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import urllib.parse

import pf_browser

# Where Chromium departs from the Fetch standard, Preflight follows the standard; a case listed
# here is expected to differ in the named field and is reported, not failed.
CHROMIUM_DEPARTURES = {
    "authorization-star": {
        "fields": ["outcome", "status", "requests", "request.origin", "exposed"],
        "why": "Fetch: \"*\" in Access-Control-Allow-Headers never covers Authorization (a CORS "
               "non-wildcard request-header name); Chromium still lets it through and logs a "
               "deprecation warning"},
    "max-age-negative": {
        "fields": ["preflights"],
        "why": "Access-Control-Max-Age is delta-seconds; \"-5\" does not parse, so Fetch uses "
               "the default of 5 s and the second run is served from the cache; Chromium reads "
               "it as a negative age and does not cache"},
}

SECRET = ["cache-control", "content-language", "content-length", "content-type"]


def case(id, query, method="GET", headers=None, body=None, credentials="same-origin",
         api="fetch", upload=False, repeat=1, same_origin=False, path="cors/api"):
    return dict(id=id, query=query, method=method, headers=headers or [], body=body,
                credentials=credentials, api=api, uploadListeners=upload, repeat=repeat,
                sameOrigin=same_origin, path=path)


def cases(page_origin):
    long_value = "a" * 129
    return [
        case("simple-get-star", "allow-origin=*"),
        case("simple-get-no-acao", ""),
        case("simple-get-other-origin", "allow-origin=http://other.test"),
        case("simple-get-echo", "allow-origin=echo"),
        case("acao-two-values", "allow-origin=" + urllib.parse.quote(page_origin + ", http://other.test")),
        case("acao-trailing-slash", "allow-origin=" + urllib.parse.quote(page_origin + "/")),
        case("acao-null", "allow-origin=null"),
        case("put-allowed", "allow-origin=*&allow-methods=PUT", method="PUT"),
        case("put-not-listed", "allow-origin=*&allow-methods=DELETE", method="PUT"),
        case("put-lowercase-allowed", "allow-origin=*&allow-methods=put", method="PUT"),
        case("patch-lowercase-method", "allow-origin=*&allow-methods=PATCH", method="patch"),
        case("delete-star", "allow-origin=*&allow-methods=*", method="DELETE"),
        case("delete-star-credentials", "allow-origin=echo&allow-credentials=true&allow-methods=*",
             method="DELETE", credentials="include"),
        case("methods-not-tokens", "allow-origin=*&allow-methods=" + urllib.parse.quote("PUT DELETE"),
             method="PUT"),
        case("header-listed", "allow-origin=*&allow-headers=x-token", headers=[["X-Token", "1"]]),
        case("header-other-case", "allow-origin=*&allow-headers=X-TOKEN", headers=[["x-token", "1"]]),
        case("header-not-listed", "allow-origin=*&allow-headers=x-other", headers=[["X-Token", "1"]]),
        case("header-star", "allow-origin=*&allow-headers=*", headers=[["X-Token", "1"]]),
        case("header-star-credentials", "allow-origin=echo&allow-credentials=true&allow-headers=*",
             headers=[["X-Token", "1"]], credentials="include"),
        case("authorization-star", "allow-origin=*&allow-headers=*",
             headers=[["Authorization", "Bearer x"]]),
        case("authorization-listed", "allow-origin=*&allow-headers=authorization",
             headers=[["Authorization", "Bearer x"]]),
        case("two-headers-sorted", "allow-origin=*&allow-headers=x-b,x-a",
             headers=[["X-B", "1"], ["X-A", "2"]]),
        case("json-post", "allow-origin=*&allow-headers=content-type", method="POST",
             headers=[["Content-Type", "application/json"]], body="{}"),
        case("json-post-not-allowed", "allow-origin=*", method="POST",
             headers=[["Content-Type", "application/json"]], body="{}"),
        case("text-plain-post", "allow-origin=*", method="POST",
             headers=[["Content-Type", "text/plain;charset=utf-8"]], body="hi"),
        case("form-post", "allow-origin=*", method="POST",
             headers=[["Content-Type", "application/x-www-form-urlencoded"]], body="a=1"),
        case("content-type-quoted", "allow-origin=*", method="POST",
             headers=[["Content-Type", 'text/plain; charset="utf-8"']], body="hi"),
        case("content-type-not-mime", "allow-origin=*", method="POST",
             headers=[["Content-Type", "text"]], body="hi"),
        case("accept-json", "allow-origin=*", headers=[["Accept", "application/json"]]),
        case("accept-unsafe-byte", "allow-origin=*", headers=[["Accept", "text/(x)"]]),
        case("accept-too-long", "allow-origin=*", headers=[["Accept", long_value]]),
        case("accept-language", "allow-origin=*", headers=[["Accept-Language", "en-US,en;q=0.9"]]),
        case("accept-language-underscore", "allow-origin=*", headers=[["Accept-Language", "en_US"]]),
        case("content-language", "allow-origin=*", headers=[["Content-Language", "de-DE"]]),
        case("range-simple", "allow-origin=*", headers=[["Range", "bytes=0-10"]]),
        case("range-suffix", "allow-origin=*", headers=[["Range", "bytes=-10"]]),
        case("range-two", "allow-origin=*", headers=[["Range", "bytes=0-1,3-4"]]),
        case("preflight-404", "allow-origin=*&allow-methods=PUT&preflight-status=404", method="PUT"),
        case("preflight-200", "allow-origin=*&allow-methods=PUT&preflight-status=200", method="PUT"),
        case("preflight-no-acao", "allow-methods=PUT&actual-allow-origin=*", method="PUT"),
        case("actual-no-acao", "allow-origin=*&allow-methods=PUT&actual-allow-origin=http://other.test",
             method="PUT"),
        case("max-age-60", "allow-origin=*&allow-methods=PUT&max-age=60", method="PUT", repeat=2),
        case("max-age-0", "allow-origin=*&allow-methods=PUT&max-age=0", method="PUT", repeat=2),
        case("max-age-missing", "allow-origin=*&allow-methods=PUT", method="PUT", repeat=2),
        case("max-age-junk", "allow-origin=*&allow-methods=PUT&max-age=abc", method="PUT", repeat=2),
        case("max-age-negative", "allow-origin=*&allow-methods=PUT&max-age=-5", method="PUT", repeat=2),
        case("max-age-fraction", "allow-origin=*&allow-methods=PUT&max-age=1.5", method="PUT", repeat=2),
        case("cache-other-header", "allow-origin=*&allow-headers=x-a,x-b&max-age=60",
             headers=[["X-A", "1"]], repeat=2),
        case("credentials-ok", "allow-origin=echo&allow-credentials=true", credentials="include"),
        case("credentials-star", "allow-origin=*&allow-credentials=true", credentials="include"),
        case("credentials-no-acac", "allow-origin=echo", credentials="include"),
        case("credentials-acac-upper", "allow-origin=echo&allow-credentials=TRUE", credentials="include"),
        case("credentials-preflight", "allow-origin=echo&allow-credentials=true&allow-methods=PUT",
             method="PUT", credentials="include"),
        case("cookie-include", "allow-origin=echo&allow-credentials=true&set-cookie=COOKIE",
             credentials="include", repeat=2),
        case("cookie-same-origin-mode", "allow-origin=echo&allow-credentials=true&set-cookie=COOKIE",
             credentials="same-origin", repeat=2),
        case("cookie-omit", "allow-origin=echo&allow-credentials=true&set-cookie=COOKIE",
             credentials="omit", repeat=2),
        case("expose-one", "allow-origin=*&expose-headers=X-Lab-Secret"),
        case("expose-star", "allow-origin=*&expose-headers=*"),
        case("expose-star-credentials", "allow-origin=echo&allow-credentials=true&expose-headers=*",
             credentials="include"),
        case("same-origin-put", "", method="PUT", same_origin=True),
        case("same-origin-custom-header", "", headers=[["X-Token", "1"]], same_origin=True),
        case("redirect-allowed", "allow-origin=*&redirect=" + urllib.parse.quote("/cors/b?allow-origin=*")),
        case("redirect-no-acao", "redirect=" + urllib.parse.quote("/cors/b?allow-origin=*")),
        case("redirect-cross-origin-star", "allow-origin=*&redirect=" + urllib.parse.quote(
            "http://OTHER/cors/b?allow-origin=*&case=CASEID")),
        case("redirect-cross-origin-echo", "allow-origin=*&redirect=" + urllib.parse.quote(
            "http://OTHER/cors/b?allow-origin=echo&case=CASEID")),
        case("redirect-cross-origin-page-acao", "allow-origin=*&redirect=" + urllib.parse.quote(
            "http://OTHER/cors/b?allow-origin=" + urllib.parse.quote(page_origin) + "&case=CASEID")),
        case("xhr-upload-listeners", "allow-origin=*&allow-methods=POST", method="POST",
             headers=[["Content-Type", "text/plain"]], body="hi", api="xhr", upload=True),
        case("xhr-no-upload-listeners", "allow-origin=*", method="POST",
             headers=[["Content-Type", "text/plain"]], body="hi", api="xhr"),
        case("forbidden-header-dropped", "allow-origin=*", headers=[["X-Token", "1"], ["Sec-Custom", "x"]]),
    ]


def header(pairs, name):
    if pairs is None:
        return None
    values = [v for n, v in pairs if n.lower() == name.lower()]
    return ", ".join(values) if values else None


def cookie_of(c, tag):
    """Each case and client sets its own cookie, so one case's cookie never counts in another."""
    return "pf_%s_%s=1" % (tag, re.sub(r"\W", "_", c["id"]))


def summary(result, c, tag, page_origin):
    log = result.get("log") or {}
    preflight = log.get("preflight")
    request = log.get("request")
    cookie = header(request, "Cookie") or ""

    def origin(value):
        return "<page>" if value == page_origin else value
    return {
        "outcome": result["outcome"],
        "status": result["status"],
        "preflights": log.get("preflights", 0),
        "requests": log.get("requests", 0),
        "preflight.origin": origin(header(preflight, "Origin")),
        "preflight.method": header(preflight, "Access-Control-Request-Method"),
        "preflight.headers": header(preflight, "Access-Control-Request-Headers"),
        "request.origin": origin(header(request, "Origin")),
        "request.cookie": cookie_of(c, tag) in cookie.split("; "),
        "request.sec-custom": header(request, "Sec-Custom"),
        "exposed": sorted(result["exposed"]) if result["outcome"] == "allowed" else [],
    }


# A third origin for redirects: another name for the same lab server.
OTHER_HOST = {"c": "api2.lab.test", "p": "localhost"}


def url_for(c, host, port, tag):
    query = c["query"].replace("COOKIE", urllib.parse.quote(cookie_of(c, tag)))
    query = query.replace("OTHER", "%s%%3A%d" % (OTHER_HOST[tag], port))
    query = query.replace("CASEID", "%s-%s" % (tag, c["id"]))
    sep = "&" if query else ""
    return "http://%s:%d/%s?%s%scase=%s-%s" % (host, port, c["path"], query, sep, tag, c["id"])


def run_chromium(chromium, port, all_cases):
    page = "http://page.lab.test:%d" % port
    browser_cases = []
    for c in all_cases:
        host = "page.lab.test" if c["sameOrigin"] else "api.lab.test"
        browser_cases.append(dict(c, url=url_for(c, host, port, "c")))
    fragment = urllib.parse.quote(json.dumps(browser_cases))
    return pf_browser.run_chromium(chromium, page + "/cors-cases.html#" + fragment, "PF-CORS", "id",
                                   ["--host-resolver-rules=MAP *.test 127.0.0.1"], timeout=120)


def lab_log(port, case_id):
    import urllib.request
    with urllib.request.urlopen("http://127.0.0.1:%d/cors-log?case=%s" % (port, case_id)) as r:
        return json.load(r)


def run_preflight(cli, port, c):
    origin = "http://127.0.0.1:%d" % port if c["sameOrigin"] else "http://page.lab.test:%d" % port
    args = [cli, "fetch", "--json", "--origin", origin, "-X", c["method"],
            "--credentials", c["credentials"], "--repeat", str(c["repeat"])]
    for name, value in c["headers"]:
        args += ["-H", "%s: %s" % (name, value)]
    if c["body"] is not None:
        args += ["-d", c["body"]]
    if c["uploadListeners"]:
        args.append("--upload-listeners")
    args.append(url_for(c, "127.0.0.1", port, "p"))
    proc = subprocess.run(args, capture_output=True, text=True, timeout=60)
    lines = [json.loads(l) for l in proc.stdout.splitlines() if l.strip()]
    results = [l for l in lines if l.get("type") == "result"]
    if not results:
        return {"outcome": "no result: " + proc.stderr.strip(), "status": -1, "exposed": [], "log": None}
    last = results[-1]
    outcome = last["cors"]["outcome"]
    return {"outcome": outcome, "status": last["status"], "exposed": last["cors"]["exposedHeaders"],
            "log": lab_log(port, "p-" + c["id"])}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("cli")
    parser.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser"))
    parser.add_argument("--report")
    parser.add_argument("--only")
    args = parser.parse_args()
    if not args.chromium or not os.path.exists(args.chromium):
        print("1..0 # SKIP Chromium is not installed")
        return 77
    lab, base = pf_browser.start_lab(args.cli)
    port = int(base.rsplit(":", 1)[1].strip("/"))
    try:
        all_cases = [c for c in cases("http://page.lab.test:%d" % port)
                     if not args.only or c["id"] == args.only]
        browser = run_chromium(args.chromium, port, all_cases)
        print("1..%d" % len(all_cases))
        failures, rows = 0, []
        for number, c in enumerate(all_cases, 1):
            page = "http://page.lab.test:%d" % port
            ours = summary(run_preflight(args.cli, port, c), c, "p",
                           "http://127.0.0.1:%d" % port if c["sameOrigin"] else page)
            theirs = summary(browser[c["id"]], c, "c", page) if c["id"] in browser else None
            differing = [k for k in ours if theirs is None or ours[k] != theirs[k]]
            expected = CHROMIUM_DEPARTURES.get(c["id"])
            same = not differing or (expected and set(differing) <= set(expected["fields"]))
            failures += not same
            print("%s %d - %s" % ("ok" if same else "not ok", number, c["id"]))
            if args.only:
                print("#  chromium:  %s\n#  preflight: %s" % (json.dumps(theirs), json.dumps(ours)))
            if differing:
                for k in differing:
                    print("#  %s: chromium %r, preflight %r" % (k, theirs and theirs[k], ours[k]))
                if expected:
                    print("#  known Chromium departure: " + expected["why"])
            verdict = "%s %d, %d preflight(s)" % (ours["outcome"], ours["status"], ours["preflights"])
            rows.append("| %s | %s | %s |" % (c["id"], verdict, "same" if not differing else
                                              "differs: " + ", ".join(differing)))
        if args.report:
            with open(args.report, "w") as out:
                out.write("| case | Preflight | Chromium |\n| --- | --- | --- |\n" + "\n".join(rows) + "\n")
        return 1 if failures else 0
    finally:
        lab.terminate()
        lab.wait()


if __name__ == "__main__":
    sys.exit(main())
