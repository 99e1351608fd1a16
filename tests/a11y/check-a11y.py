#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The window through its accessibility tree, as a screen reader meets it: launches the real
app on its own AT-SPI bus, checks that every visible interactive control has a name, presses
Send through AT-SPI, waits for the status line and checks the result views the same way.
Also fails on names GTK falls back to (a type name) and on GTK 4.8's mnemonic names
(“_Send Send”). Skipped (77) without pyatspi, the AT-SPI bus launcher or a display.
  check-a11y.py PREFLIGHT_BINARY      (run under a display, inside a D-Bus session)"""

import os
import re
import signal
import subprocess
import tempfile
import sys
import tempfile
import time

try:
    import pyatspi
except ImportError:
    print("1..0 # SKIP python3-pyatspi is not installed")
    sys.exit(77)

LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
INTERACTIVE = {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON, pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY, pyatspi.ROLE_COMBO_BOX,
    pyatspi.ROLE_SPIN_BUTTON, pyatspi.ROLE_PAGE_TAB, pyatspi.ROLE_SLIDER, pyatspi.ROLE_LINK,
}


def find_app(timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for app in pyatspi.Registry.getDesktop(0):
            if app is not None and (app.name or "").lower() == "preflight" and app.childCount:
                return app
        time.sleep(0.3)
    return None


def visible_nodes(node, out):
    """Every node GTK reports visible (GTK 4.8 does not report SHOWING reliably)."""
    try:
        visible = node.getState().contains(pyatspi.STATE_VISIBLE)
    except Exception:
        return out
    if visible or node.getRole() in (pyatspi.ROLE_APPLICATION, pyatspi.ROLE_FRAME):
        out.append(node)
    for i in range(node.childCount):
        child = node.getChildAtIndex(i)
        if child is not None:
            visible_nodes(child, out)
    return out


def inside(node, name):
    while node is not None and node.getRole() != pyatspi.ROLE_APPLICATION:
        if node.name == name:
            return True
        node = node.parent
    return False


def badly_named(node):
    """No name, or a type's name GTK falls back to. libadwaita 1.2's own tab close button is
    named so (its description says “Close Tab”): not ours to name."""
    name = (node.name or "").strip()
    if name and "_" not in name and not re.fullmatch(r"(Gtk|Adw)[A-Z]\w+", name):
        return False
    return not inside(node, "AdwTabBar")


def unnamed_controls(app):
    nodes = visible_nodes(app, [])
    controls = [n for n in nodes if n.getRole() in INTERACTIVE]
    unnamed = [f"{n.getRoleName()} “{n.name or ''}” in {n.parent.getRoleName()} “{n.parent.name}”"
               for n in controls if badly_named(n)]
    return controls, unnamed


def find_named(app, role, name):
    for node in visible_nodes(app, []):
        if node.getRole() == role and node.name == name:
            return node
    return None


def wait_for_label(app, predicate, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for node in visible_nodes(app, []):
            if node.getRole() == pyatspi.ROLE_LABEL and predicate(node.name or ""):
                return node.name
        time.sleep(0.3)
    return None


def check(number, what, ok, detail=""):
    print(f"{'ok' if ok else 'not ok'} {number} {what}{' # ' + detail if detail else ''}")
    return ok


def main():
    if len(sys.argv) != 2:
        print("usage: check-a11y.py PREFLIGHT_BINARY", file=sys.stderr)
        return 2
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        print("1..0 # SKIP no display (the test command runs it under Xvfb)")
        return 77
    if not os.access(LAUNCHER, os.X_OK):
        print("1..0 # SKIP at-spi2-core (the AT-SPI bus launcher) is not installed")
        return 77
    if os.environ.get("PF_A11Y_OWN_BUS") != "1":
        # A session bus of its own: another test's window holding the application ID would
        # otherwise take the launch, and this app would hand over and exit.
        os.environ["PF_A11Y_OWN_BUS"] = "1"
        os.execvp("dbus-run-session", ["dbus-run-session", "--", sys.executable] + sys.argv)
    env = dict(os.environ)
    # A state folder of its own: the app restores and saves its tabs there (the session).
    state = tempfile.TemporaryDirectory(prefix="preflight-a11y-")
    env["XDG_STATE_HOME"] = state.name
    env.pop("GTK_A11Y", None)
    env.pop("NO_AT_BRIDGE", None)
    # The app records what it sends: into a data folder of the test's own, never the user's.
    data_home = tempfile.TemporaryDirectory(prefix="pf-a11y-")
    env["XDG_DATA_HOME"] = data_home.name
    # The bus launcher starts the bus and the registry: a group of their own, killed at the
    # end, and nothing of theirs on stdout (it is TAP).
    bus = subprocess.Popen([LAUNCHER, "--launch-immediately"], env=env, start_new_session=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    app_proc = None
    try:
        time.sleep(1)
        app_proc = subprocess.Popen([sys.argv[1]], env=env, stdout=sys.stderr)
        print("1..4")
        app = find_app()
        if not check(1, "the window is on the accessibility bus", app is not None):
            return 1
        time.sleep(1)
        controls, unnamed = unnamed_controls(app)
        ok = check(2, f"all {len(controls)} visible controls of the first lesson have a name",
                   len(controls) > 10 and not unnamed, "; ".join(unnamed))
        send = find_named(app, pyatspi.ROLE_PUSH_BUTTON, "Send")
        if send is not None:
            send.queryAction().doAction(0)
        # The status line ("200 OK", whatever status the lesson asks for) and the summary below
        # it: "3 ms · HTTP/1.1 · 127.0.0.1:PORT · …".
        status = wait_for_label(app, lambda text: re.match(r"^\d{3} \S", text)) if send else None
        if status is not None:
            summary = wait_for_label(app, lambda text: re.match(r"^\d+ ms · HTTP/1\.1 · ", text))
            status = f"{status} / {summary}" if summary else None
        ok = check(3, "Send pressed through AT-SPI shows the status line", status is not None,
                   status or ("no status line" if send else "no Send button")) and ok
        controls, unnamed = unnamed_controls(app)
        ok = check(4, f"all {len(controls)} visible controls with a result have a name",
                   not unnamed, "; ".join(unnamed)) and ok
        return 0 if ok else 1
    finally:
        stop(app_proc)
        try:
            os.killpg(bus.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        stop(bus)


def stop(proc):
    if proc is None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


if __name__ == "__main__":
    sys.exit(main())
