#!/usr/bin/env python3
"""xhr.responseType: headless Chromium and `preflight-cli fetch --response-type TYPE` read the
same lab responses; what `response` is (the text, the parsed JSON or null, a Document, an
ArrayBuffer, a Blob) and which of `responseText` / `responseXML` throw, with the message, must
match.

    compare-xhr-response.py PREFLIGHT_CLI [--chromium PATH]

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

# name -> (path, responseType)
CASES = {
    "default-text": ("/example.txt", ""),
    "default-xml": ("/xml", ""),
    "text": ("/example.txt", "text"),
    "text-of-xml": ("/xml", "text"),
    "json-valid": ("/echo?name=value", "json"),
    "json-invalid": ("/example.txt", "json"),
    "json-empty": ("/bytes/0", "json"),
    "json-of-xml": ("/xml", "json"),
    "document-html": ("/xhr-events.html", "document"),
    "document-xml": ("/xml", "document"),
    "document-text": ("/example.txt", "document"),
    "document-xml-as-text": ("/xml-as-text", "document"),
    "arraybuffer": ("/bytes/16", "arraybuffer"),
    "arraybuffer-gif": ("/ping.gif", "arraybuffer"),
    "blob-binary": ("/bytes/16", "blob"),
    "blob-text": ("/example.txt", "blob"),
    "network-error-json": ("/garbage", "json"),
    "network-error-text": ("/garbage", "text"),
}

# The echo lists the client's own headers: only what the request decided is compared.
ECHO_KEYS = ("method", "query")

CHROMIUM_BLOB_TYPE = (
    "Chromium gives a Blob the essence of the final MIME type (\"text/plain\"); the XHR standard "
    "gives it the whole serialized type (\"text/plain;charset=utf-8\"), as Preflight does: "
    "Blob types are compared by essence")

SCRIPT = r"""
const cases = %(cases)s;
function describe(v) {
  if (v === null) return null;
  if (v instanceof ArrayBuffer) return { class: 'ArrayBuffer', byteLength: v.byteLength };
  if (v instanceof Blob) return { class: 'Blob', size: v.size, type: v.type };
  if (v instanceof Document)
    return { class: 'Document', documentElement: v.documentElement.nodeName,
             contentType: v.contentType };
  return v;
}
function thrown(xhr, property) {
  try { xhr[property]; return null; } catch (e) { return e.name + ': ' + e.message; }
}
let left = Object.keys(cases).length;
for (const [name, [path, type]] of Object.entries(cases)) {
  const xhr = new XMLHttpRequest();
  xhr.open('GET', path);
  xhr.responseType = type;
  xhr.onloadend = () => {
    const throws = {};
    for (const p of ['responseText', 'responseXML']) {
      const e = thrown(xhr, p);
      if (e !== null) throws[p] = e;
    }
    console.log('PF-RESPONSE ' + JSON.stringify({ name, response: describe(xhr.response), throws }));
    if (--left === 0) console.log('PF-RESPONSE' + '-DONE');
  };
  xhr.send();
}
"""


def essence(mime):
    return mime.split(";")[0].strip().lower()


def normalise(name, path, response, deviations):
    if path.startswith("/echo") and isinstance(response, dict):
        return {k: response.get(k) for k in ECHO_KEYS}
    if isinstance(response, dict) and response.get("class") == "Blob":
        response = dict(response)
        if response["type"] != essence(response["type"]):
            deviations.add(name)
        response["type"] = essence(response["type"])
    return response


def run_preflight(cli, base, path, type):
    proc = subprocess.run([cli, "fetch", "--json", "--response-type", type,
                           base + path.lstrip("/")], capture_output=True, text=True, timeout=30)
    lines = [json.loads(l) for l in proc.stdout.splitlines() if l.strip()]
    return lines[-1] if lines else None


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
        url = base + "script-page/response?script=" + urllib.parse.quote(
            SCRIPT % {"cases": json.dumps(CASES)})
        browser = pf_browser.run_chromium(args.chromium, url, "PF-RESPONSE", "name", timeout=60)
        failures = 0
        print("1..%d" % len(CASES))
        for number, (name, (path, type)) in enumerate(CASES.items(), 1):
            result = run_preflight(args.cli, base, path, type)
            deviations = set()
            ours = theirs = None
            if result is not None:
                ours = {"response": normalise(name, path, result["response"], deviations),
                        "throws": result["throws"]}
            if name in browser:
                theirs = {"response": normalise(name, path, browser[name]["response"], deviations),
                          "throws": browser[name]["throws"]}
            same = ours is not None and ours == theirs
            failures += not same
            print("%s %d - %s" % ("ok" if same else "not ok", number, name))
            if deviations:
                print("#  " + CHROMIUM_BLOB_TYPE)
            if not same:
                print("#  chromium:  %s\n#  preflight: %s" % (json.dumps(theirs)[:600],
                                                              json.dumps(ours)[:600]))
        return 1 if failures else 0
    finally:
        lab.terminate()
        lab.wait()


if __name__ == "__main__":
    sys.exit(main())
