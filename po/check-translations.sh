#!/bin/sh
# Fails when a translatable string in the tree is missing, untranslated or fuzzy in a
# catalogue, or when a catalogue does not compile. Run from meson: check-translations.sh SRCDIR
set -eu
src=${1:?usage: check-translations.sh SOURCE_ROOT}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$src"
# The same keywords as meson's i18n.gettext (preset: 'glib').
xgettext --from-code=UTF-8 --add-comments --files-from=po/POTFILES.in --output="$work/preflight.pot" \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 --keyword=g_dcgettext:2 \
  --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format \
  --flag=g_print:1:c-format --flag=g_printerr:1:c-format --flag=g_printf:1:c-format \
  --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format
status=0
for lang in $(grep -v '^#' po/LINGUAS); do
  msgfmt --check -o /dev/null "po/$lang.po" || status=1
  msgmerge --quiet --no-fuzzy-matching "po/$lang.po" "$work/preflight.pot" -o "$work/$lang.po"
  missing=$(msgattrib --untranslated --no-obsolete "$work/$lang.po" | grep -c '^msgid ' || true)
  fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$work/$lang.po" | grep -c '^msgid ' || true)
  # msgattrib prints the header entry too when anything is left.
  [ "$missing" -gt 0 ] && missing=$((missing - 1))
  [ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
  if [ "$missing" -ne 0 ] || [ "$fuzzy" -ne 0 ]; then
    echo "po/$lang.po: $missing untranslated, $fuzzy fuzzy:"
    msgattrib --untranslated --only-fuzzy --no-obsolete "$work/$lang.po" | grep '^msgid ' || true
    msgattrib --untranslated --no-obsolete "$work/$lang.po" | grep '^msgid ' | tail -n +2 || true
    status=1
  else
    echo "po/$lang.po: complete ($(grep -c '^msgid ' "$work/preflight.pot") strings)"
  fi
done
exit $status
