#!/usr/bin/env python3
"""Short and long polling of the lab's /news, as a page writes them and as
`preflight-cli poll` runs them: headless Chromium and Preflight against the same lab server.
What a browser decides is checked on both: a page that sends the last ETag back as
If-None-Match itself sees the 304 (status 304, an empty body: the HTTP cache does not turn it
into a 200), a 200 comes only with other news, and a request with Prefer: wait=S is held until
the next news and answered 200.

    compare-polling.py PREFLIGHT_CLI [--chromium PATH]

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

INTERVAL_MS = 150
CYCLES = 4

SCRIPT = r"""
const report = (o) => console.log('PF-POLL ' + JSON.stringify(o));
function get(headers) {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('GET', '/news');
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.onloadend = () => resolve({ status: xhr.status, text: xhr.responseText,
                                    etag: xhr.getResponseHeader('ETag') });
    xhr.send();
  });
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
(async () => {
  // Short polling: setInterval (poll, %(interval)d), the last ETag sent back.
  let etag = null;
  const short = [];
  for (let i = 0; i < %(cycles)d; i++) {
    const start = performance.now();
    const answer = await get(etag ? { 'If-None-Match': etag } : {});
    if (answer.status === 200) etag = answer.etag;
    short.push(answer);
    await sleep(Math.max(0, %(interval)d - (performance.now() - start)));
  }
  report({ name: 'short', cycles: short });
  // Long polling: the answer, then the next request at once, held until news.
  const first = await get({});
  const held = await get({ 'If-None-Match': first.etag, 'Prefer': 'wait=10' });
  report({ name: 'long', cycles: [first, held] });
  console.log('PF-POLL' + '-DONE');
})();
"""


def news_of(text):
    try:
        return json.loads(text).get("news")
    except ValueError:
        return None


def short_story(cycles):
    """'news' for the first answer, then per answer 'not-modified' (304, empty) or 'news'
    (200 with other news than the last); anything else is named as it is."""
    story, last = [], None
    for i, cycle in enumerate(cycles):
        status, text = cycle["status"], cycle["text"]
        if i == 0 and status == 200:
            story.append("news")
        elif status == 304 and text == "":
            story.append("not-modified")
        elif status == 200 and news_of(text) is not None and news_of(text) != last:
            story.append("news")
        else:
            story.append("unexpected %d %r" % (status, text))
        if status == 200:
            last = news_of(text)
    return story


def run_preflight(cli, base, options):
    proc = subprocess.run([cli, "poll", "--json"] + options + [base + "news"],
                          capture_output=True, text=True, timeout=60)
    return [json.loads(l) for l in proc.stdout.splitlines() if l.strip()], proc


def check_short(cli, base, chromium):
    lines, proc = run_preflight(cli, base, ["--cycles", str(CYCLES), "--interval",
                                            str(INTERVAL_MS)])
    ours = short_story(lines)
    theirs = short_story(chromium["cycles"])
    # The news falls where it falls: what must match is that each story is only news and
    # 304s, both start with news and both heard "nothing new".
    def sound(story):
        return (len(story) == CYCLES and story[0] == "news" and "not-modified" in story and
                all(s in ("news", "not-modified") for s in story))
    return sound(ours) and sound(theirs), "chromium:  %s\npreflight: %s %s" % (
        theirs, ours, proc.stderr.strip())


def check_long(cli, base, chromium):
    lines, proc = run_preflight(cli, base, ["--cycles", "2", "--wait", "10"])
    ours = [(l["status"], news_of(l["text"])) for l in lines]
    theirs = [(c["status"], news_of(c["text"])) for c in chromium["cycles"]]

    def sound(pairs):
        return (len(pairs) == 2 and pairs[0][0] == 200 and pairs[1][0] == 200 and
                pairs[1][1] == pairs[0][1] + 1)
    return sound(ours) and sound(theirs), "chromium:  %s\npreflight: %s %s" % (
        theirs, ours, proc.stderr.strip())


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
        script = SCRIPT % {"interval": INTERVAL_MS, "cycles": CYCLES}
        url = base + "script-page/poll?script=" + urllib.parse.quote(script)
        browser = pf_browser.run_chromium(args.chromium, url, "PF-POLL", "name", timeout=60)
        return pf_browser.tap([("short", lambda n, r: check_short(args.cli, base, r)),
                               ("long", lambda n, r: check_long(args.cli, base, r))], browser)
    finally:
        lab.terminate()
        lab.wait()


if __name__ == "__main__":
    sys.exit(main())
