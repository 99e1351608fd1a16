#!/usr/bin/env python3
"""Headless Chromium and preflight-cli run the same XMLHttpRequest scenarios against the same
lab server; their event orders must match.

    compare-xhr-order.py PREFLIGHT_CLI [--chromium PATH] [--report FILE]

Repeated "readystatechange 3 + progress" pairs collapse to one, as the WPT event-order tests
allow (how many arrive depends on how the body is split into packets). Exit 0 when every
scenario matches, 1 when one differs, 77 (skipped) when Chromium is not installed."""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys

import pf_browser

# Where Chromium departs from the XHR standard, Preflight follows the standard; these are
# the departures seen, each removed from Chromium's sequence before comparing and reported.
CHROMIUM_UPLOAD_WITHOUT_BODY = (
    "Chromium fires upload error/abort/timeout and upload loadend for a request without a "
    "body; the XHR standard sets the upload complete flag when the body is null, so no upload "
    "event fires")

# name -> preflight-cli options; the same scenarios as the lab's /xhr-events.html
SCENARIOS = {
    "success": ["example.txt"],
    "empty": ["bytes/0"],
    "head": ["-X", "HEAD", "example.txt"],
    "no-content": ["status/204"],
    "not-found": ["status/404"],
    "upload": ["-X", "POST", "-d", "hello world!", "echo"],
    "chunked": ["bytes/100000?chunked=1"],
    "redirect": ["redirect/2"],
    "abort-loading": ["--abort-after", "300", "drip?numbytes=10&duration=1000"],
    "network-error": ["garbage"],
    "cut": ["cut"],
    "timeout": ["--timeout", "200", "delay/3000"],
    "override-mime": ["--override-mime", "text/xml", "xml-as-text"],
}


# Scenarios whose numbers differ by client or by timing, compared on their events alone: the
# echo lists the client's own headers; how much of a drip arrived before abort () depends on
# how busy the machine is.
CLIENT_DEPENDENT_BODY = {"upload", "abort-loading"}


def compact(events, numbers=True):
    out = []
    for e in events:
        if "target" not in e or e.get("type") == "phase":
            continue
        prefix = "upload." if e["target"] == "upload" else ""
        if e["type"] == "readystatechange":
            out.append("rs%d" % e["readyState"])
        elif numbers or prefix:
            out.append("%s%s(%d,%d)" % (prefix, e["type"], e["loaded"], e["total"]))
        else:
            out.append(e["type"])
    text = " ".join(out)
    # How many rs3 + progress arrive depends on how the body is split into packets: a run of
    # them reads as one "rs3 progress" with the last values.
    text = re.sub(r"rs3 (?:(?:rs3|progress(?:\([^)]*\))?) )*(progress(?:\([^)]*\))?)", r"rs3 \1", text)
    text = re.sub(r"(upload\.progress\([^)]*\) )+(?=upload\.progress)", "", text)
    return text


def without_bodiless_upload_events(events, has_body):
    if has_body:
        return events, False
    kept = [e for e in events if e.get("target") != "upload"]
    return kept, len(kept) != len(events)


def run_chromium(chromium, base):
    return pf_browser.run_chromium(chromium, base + "xhr-events.html", "PF-XHR", "name", timeout=60)


def run_preflight(cli, base, options):
    *flags, path = options
    proc = subprocess.run([cli, "fetch", "--json"] + flags + [base + path],
                          capture_output=True, text=True, timeout=30)
    lines = [json.loads(l) for l in proc.stdout.splitlines() if l.strip()]
    return lines[:-1], lines[-1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("cli")
    parser.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser"))
    parser.add_argument("--report")
    args = parser.parse_args()
    if not args.chromium or not os.path.exists(args.chromium):
        print("1..0 # SKIP Chromium is not installed")
        return 77
    lab, base = pf_browser.start_lab(args.cli)
    try:
        browser = run_chromium(args.chromium, base)
        report, failures = [], 0
        print("1..%d" % len(SCENARIOS))
        for number, (name, options) in enumerate(SCENARIOS.items(), 1):
            events, result = run_preflight(args.cli, base, options)
            numbers = name not in CLIENT_DEPENDENT_BODY
            ours = compact(events, numbers)
            theirs, deviation = "(no result)", False
            if name in browser:
                chromium_events, deviation = without_bodiless_upload_events(
                    browser[name]["events"], "-d" in options)
                theirs = compact(chromium_events, numbers)
            same = ours == theirs and (name not in browser or
                                       browser[name]["status"] == result["status"])
            failures += not same
            print("%s %d - %s" % ("ok" if same else "not ok", number, name))
            if deviation:
                print("#  " + CHROMIUM_UPLOAD_WITHOUT_BODY)
            if not same:
                print("#  chromium:  %s\n#  preflight: %s" % (theirs, ours))
            note = " (Chromium also fires upload events here; see below)" if deviation else ""
            report.append("| %s | `%s`%s | %s |" % (name, theirs, note,
                                                   "same" if same else "`" + ours + "`"))
        if args.report:
            with open(args.report, "w") as out:
                out.write("| scenario | Chromium | Preflight |\n| --- | --- | --- |\n")
                out.write("\n".join(report) + "\n\n" + CHROMIUM_UPLOAD_WITHOUT_BODY + ".\n")
        return 1 if failures else 0
    finally:
        lab.terminate()
        lab.wait()


if __name__ == "__main__":
    sys.exit(main())
