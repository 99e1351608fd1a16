#!/bin/sh
# Run from the build tree through `meson devenv` (as build-aux/preflight-dev run starts the app),
# Preflight speaks the catalogues compiled there: preflight-cli's help in Simplified Chinese,
# word for word as the build tree's zh_CN catalogue has it.
# Run from meson: check-devenv.sh MESON BUILD_ROOT PREFLIGHT_CLI
set -eu
meson=${1:?usage: check-devenv.sh MESON BUILD_ROOT PREFLIGHT_CLI}
build=${2:?}
cli=${3:?}
english="Usage: preflight-cli COMMAND [OPTIONS…]"
# LANGUAGE is honoured under C.UTF-8, which every glibc system has; zh_CN need not be generated.
expected=$(env -u LC_ALL LANGUAGE=zh_CN LANG=C.UTF-8 TEXTDOMAINDIR="$build/po" \
  gettext -d preflight "$english")
if [ "$expected" = "$english" ]; then
  echo "the build tree has no zh_CN translation of “$english”"
  exit 1
fi
shown=$(env -u LC_ALL -u PREFLIGHT_LOCALEDIR LANGUAGE=zh_CN LANG=C.UTF-8 \
  "$meson" devenv -C "$build" "$cli" --help | head -n 1)
if [ "$shown" != "$expected" ]; then
  echo "meson devenv: preflight-cli --help begins “$shown”, not “$expected”"
  exit 1
fi
echo "meson devenv: preflight-cli --help begins “$shown”"
