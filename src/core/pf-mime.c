/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-mime"

#include "config.h"

#include <string.h>

#include "pf-http-syntax.h"
#include "pf-mime.h"

/* MIME Sniffing standard, "parse a MIME type", reduced to what Preflight decides with:
 * the essence (type "/" subtype, ASCII lower-case) or NULL when the text is no MIME type. */
char *
pf_mime_essence (const char *mime_type)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *type = NULL;
  g_autofree char *subtype = NULL;
  g_autofree char *joined = NULL;
  const char *slash;
  const char *end;

  if (mime_type == NULL)
    return NULL;
  trimmed = pf_http_normalize_value (mime_type);
  slash = strchr (trimmed, '/');
  if (slash == NULL)
    return NULL;
  type = g_strndup (trimmed, slash - trimmed);
  end = strchr (slash + 1, ';');
  subtype = end ? g_strndup (slash + 1, end - slash - 1) : g_strdup (slash + 1);
  g_strchomp (subtype);
  if (!pf_http_is_token (type) || !pf_http_is_token (subtype))
    return NULL;
  joined = g_strconcat (type, "/", subtype, NULL);
  return g_ascii_strdown (joined, -1);
}

/* MIME Sniffing: an XML MIME type is text/xml, application/xml or any subtype ending
 * in "+xml". */
gboolean
pf_mime_is_xml (const char *essence)
{
  if (essence == NULL)
    return FALSE;
  return g_str_equal (essence, "text/xml") || g_str_equal (essence, "application/xml") ||
         g_str_has_suffix (essence, "+xml");
}

gboolean
pf_mime_is_html (const char *essence)
{
  return g_strcmp0 (essence, "text/html") == 0;
}

/* MIME Sniffing: a JSON MIME type is application/json, text/json or any subtype ending in
 * "+json". */
gboolean
pf_mime_is_json (const char *essence)
{
  if (essence == NULL)
    return FALSE;
  return g_str_equal (essence, "application/json") || g_str_equal (essence, "text/json") ||
         g_str_has_suffix (essence, "+json");
}

/* MIME Sniffing: a JavaScript MIME type has one of these essences. */
gboolean
pf_mime_is_javascript (const char *essence)
{
  static const char *const essences[] = {
    "application/ecmascript", "application/javascript", "application/x-ecmascript",
    "application/x-javascript", "text/ecmascript", "text/javascript", "text/javascript1.0",
    "text/javascript1.1", "text/javascript1.2", "text/javascript1.3", "text/javascript1.4",
    "text/javascript1.5", "text/jscript", "text/livescript", "text/x-ecmascript",
    "text/x-javascript", NULL
  };

  return essence != NULL && g_strv_contains (essences, essence);
}
