#!/bin/sh
# Installs the build into a scratch DESTDIR and checks that every file is where it belongs:
# binaries, desktop file, metainfo, icons, schema, D-Bus service, translations, man page.
#   check-install.sh BUILD_DIR APP_ID
set -eu
build=$1
app_id=$2
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
meson install -C "$build" --destdir "$dest" --no-rebuild --quiet >/dev/null
prefix=$(meson introspect "$build" --buildoptions | python3 -c '
import json, sys
print(next(o["value"] for o in json.load(sys.stdin) if o["name"] == "prefix"))')
root="$dest$prefix"
status=0
for path in \
  bin/preflight bin/preflight-cli \
  "share/applications/$app_id.desktop" \
  "share/metainfo/$app_id.metainfo.xml" \
  "share/icons/hicolor/scalable/apps/$app_id.svg" \
  "share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg" \
  "share/glib-2.0/schemas/$app_id.gschema.xml" \
  "share/dbus-1/services/$app_id.service" \
  share/locale/zh_CN/LC_MESSAGES/preflight.mo \
  share/man/man1/preflight-cli.1
do
  if [ ! -e "$root/$path" ]; then
    echo "check-install: missing $prefix/$path"
    status=1
  fi
done
[ -x "$root/bin/preflight-cli" ] || { echo "check-install: preflight-cli is not executable"; status=1; }
grep -q "^Exec=$prefix/bin/preflight --gapplication-service$" "$root/share/dbus-1/services/$app_id.service" \
  || { echo "check-install: the D-Bus service does not start the installed binary"; status=1; }
grep -q "^DBusActivatable=true$" "$root/share/applications/$app_id.desktop" \
  || { echo "check-install: the desktop file is not D-Bus activatable"; status=1; }
# The installed CLI runs and finds its translations' domain.
"$root/bin/preflight-cli" --version >/dev/null || { echo "check-install: preflight-cli does not run"; status=1; }
[ "$status" -eq 0 ] && echo "check-install: every file is in place under $prefix"
exit "$status"
