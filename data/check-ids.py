#!/usr/bin/env python3
"""One application ID everywhere, every named file present, a Flatpak manifest that asks
only for what the app needs.   check-ids.py SOURCE_ROOT APP_ID"""
import json
import os
import re
import sys

ALLOWED_FINISH_ARGS = {"--share=network", "--share=ipc", "--socket=fallback-x11",
                       "--socket=wayland", "--device=dri"}


def fail(message):
    print("check-ids: " + message)
    sys.exit(1)


def main(root, app_id):
    data = os.path.join(root, "data")
    expected = [
        os.path.join(data, app_id + ".desktop.in.in"),
        os.path.join(data, app_id + ".metainfo.xml.in.in"),
        os.path.join(data, app_id + ".gschema.xml"),
        os.path.join(data, "icons/hicolor/scalable/apps", app_id + ".svg"),
        os.path.join(data, "icons/hicolor/symbolic/apps", app_id + "-symbolic.svg"),
        os.path.join(root, "flatpak", app_id + ".json"),
    ]
    for path in expected:
        if not os.path.isfile(path):
            fail("missing " + os.path.relpath(path, root))
    desktop = open(expected[0], encoding="utf-8").read()
    if not re.search(r"^Icon=@APP_ID@$", desktop, re.M):
        fail("the desktop file's Icon is not the app ID")
    metainfo = open(expected[1], encoding="utf-8").read()
    if "<id>@APP_ID@</id>" not in metainfo or "@APP_ID@.desktop</launchable>" not in metainfo:
        fail("the metainfo id or launchable is not the app ID")
    schema = open(expected[2], encoding="utf-8").read()
    if 'id="%s"' % app_id not in schema:
        fail("the schema id is not the app ID")
    # Every screenshot the metainfo names is in the repository, where its URL points.
    shots = re.findall(r"<image>https://raw\.githubusercontent\.com/[^/]+/[^/]+/main/([^<]+)</image>", metainfo)
    if not shots:
        fail("the metainfo names no screenshot of the window")
    for shot in shots:
        if not os.path.isfile(os.path.join(root, shot)):
            fail("the metainfo names a screenshot that is not in the repository: " + shot)
    if not os.path.isfile(os.path.join(data, app_id + ".service.in")) or \
            "DBusActivatable=true" not in desktop:
        fail("D-Bus activation is incomplete (service file or DBusActivatable)")
    manifest = json.load(open(expected[5], encoding="utf-8"))
    if manifest.get("id") != app_id:
        fail("the manifest's id is %r, not %r" % (manifest.get("id"), app_id))
    extra = set(manifest.get("finish-args", [])) - ALLOWED_FINISH_ARGS
    if extra:
        fail("the manifest asks for more than the app needs: " + ", ".join(sorted(extra)))
    if manifest.get("runtime") != "org.gnome.Platform":
        fail("the manifest is not on the GNOME runtime")
    # The README's install line fetches the runtime and SDK the manifest builds with.
    version = manifest.get("runtime-version")
    readme = open(os.path.join(root, "README.md"), encoding="utf-8").read()
    if "org.gnome.Platform//%s org.gnome.Sdk//%s" % (version, version) not in readme:
        fail("README.md does not install runtime %s, which the manifest names" % version)
    print("check-ids: %s is consistent across desktop, metainfo, schema, icons and manifest" % app_id)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
