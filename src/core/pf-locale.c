/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-locale"

#include "config.h"

#include "pf-locale.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

/* Where the compiled catalogues (<lang>/LC_MESSAGES/preflight.mo) are: the build tree's po/
 * when run through `meson devenv`, which sets PREFLIGHT_LOCALEDIR, so a translation shows
 * before it is installed; the install prefix's locale directory otherwise. */
const char *
pf_locale_get_dir (void)
{
  const char *dir = g_getenv ("PREFLIGHT_LOCALEDIR");

  return dir != NULL && *dir != '\0' ? dir : LOCALEDIR;
}

/* The user's locale, and Preflight's messages in its language, as UTF-8. */
void
pf_locale_init (void)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, pf_locale_get_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
