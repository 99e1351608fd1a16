"""What the browser comparisons share: the lab server from preflight-cli and a headless
Chromium that reports its results as console lines "MARKER {json}"."""
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time


def start_lab(cli):
    """Starts `preflight-cli lab`; returns the process and its base URL."""
    lab = subprocess.Popen([cli, "lab"], stdout=subprocess.PIPE, text=True)
    line = lab.stdout.readline()
    match = re.match(r"Lab server listening on (http://127\.0\.0\.1:(\d+)/)", line)
    if not match:
        lab.kill()
        sys.exit("could not start the lab server: %r" % line)
    return lab, match.group(1)


def run_chromium(chromium, url, marker, key, extra_args=(), timeout=90):
    """Opens @url in headless Chromium and collects the objects it logs as "MARKER {…}", by
    their @key, until it logs "MARKER-DONE" (or @timeout seconds pass)."""
    profile = tempfile.mkdtemp(prefix="pf-chromium-")
    args = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--enable-logging=stderr", "--v=0", "--user-data-dir=" + profile,
            # Not the Secret Service: with gnome-keyring installed (the keyring tests), the
            # session bus would start a locked one and Chromium would wait for it to unlock.
            "--password-store=basic"]
    args += list(extra_args) + [url]
    browser = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    pattern = re.compile(r'"%s (\{.*\})", source:' % re.escape(marker))
    results = {}
    deadline = time.monotonic() + timeout
    try:
        for line in browser.stderr:
            if marker + "-DONE" in line or time.monotonic() > deadline:
                break
            match = pattern.search(line)
            if match:
                result = json.loads(match.group(1))
                results[result[key]] = result
    finally:
        browser.kill()
        browser.wait()
        shutil.rmtree(profile, ignore_errors=True)
    return results


def tap(cases, browser):
    """Prints TAP for @cases, a list of (name, check (name, chromium_result) -> (same,
    detail)) pairs whose Chromium results are in @browser by name; returns the exit status
    (1 when a case differs or Chromium gave no result for it)."""
    failures = 0
    print("1..%d" % len(cases))
    for number, (name, check) in enumerate(cases, 1):
        if name not in browser:
            same, detail = False, "Chromium gave no result"
        else:
            same, detail = check(name, browser[name])
        failures += not same
        print("%s %d - %s" % ("ok" if same else "not ok", number, name))
        if not same:
            print("\n".join("#  " + line for line in detail.splitlines()))
    return 1 if failures else 0
