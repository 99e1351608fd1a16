/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-json-line"

#include "config.h"

#include <string.h>

#include "pf-json-line.h"

/* @text as valid UTF-8, U+0000 kept (GLib's validation stops at NUL bytes). */
static GString *
make_valid_keeping_nul (const char *text,
                        gsize       len)
{
  GString *valid = g_string_sized_new (len + 16);
  const char *end = text + len;

  while (text <= end)
    {
      const char *nul = memchr (text, '\0', end - text);
      gsize segment = (nul ? nul : end) - text;
      g_autofree char *fixed = g_utf8_make_valid (text, segment);

      g_string_append (valid, fixed);
      if (nul == NULL)
        break;
      g_string_append_c (valid, '\0');
      text = nul + 1;
    }
  return valid;
}

static gboolean
is_valid_utf8 (const char *text,
               gsize       len)
{
  const char *stop = NULL;

  while (!g_utf8_validate_len (text, len, &stop))
    {
      if (*stop != '\0' || stop == text + len)
        return FALSE;
      len -= stop + 1 - text;
      text = stop + 1;
    }
  return TRUE;
}

/* RFC 8259: quotation mark, reverse solidus and control characters (U+0000 too) must be
 * escaped; the text must be UTF-8, so invalid bytes (a Latin-1 header value) become U+FFFD. */
void
pf_json_append_escaped_len (GString    *out,
                            const char *text,
                            gsize       len)
{
  g_autoptr (GString) valid = NULL;
  const guchar *p, *end;

  if (!is_valid_utf8 (text, len))
    {
      valid = make_valid_keeping_nul (text, len);
      text = valid->str;
      len = valid->len;
    }
  g_string_append_c (out, '"');
  for (p = (const guchar *) text, end = p + len; p < end; p++)
    {
      switch (*p)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
}

void
pf_json_append_escaped (GString    *out,
                        const char *text)
{
  pf_json_append_escaped_len (out, text, strlen (text));
}

static void
member (GString    *out,
        const char *name)
{
  if (out->len > 0 && out->str[out->len - 1] != '{')
    g_string_append_c (out, ',');
  g_string_append_printf (out, "\"%s\":", name);
}

void
pf_json_line_begin (GString *out)
{
  g_string_append_c (out, '{');
}

void
pf_json_line_end (GString *out)
{
  g_string_append (out, "}\n");
}

void
pf_json_line_string (GString    *out,
                     const char *name,
                     const char *value)
{
  member (out, name);
  if (value == NULL)
    g_string_append (out, "null");
  else
    pf_json_append_escaped (out, value);
}

void
pf_json_line_string_len (GString    *out,
                         const char *name,
                         const char *value,
                         gsize       len)
{
  member (out, name);
  if (value == NULL)
    g_string_append (out, "null");
  else
    pf_json_append_escaped_len (out, value, len);
}

void
pf_json_line_uint (GString    *out,
                   const char *name,
                   guint64     value)
{
  member (out, name);
  g_string_append_printf (out, "%" G_GUINT64_FORMAT, value);
}

/* Milliseconds with microsecond precision, always with a "." whatever the locale. */
void
pf_json_line_ms (GString    *out,
                 const char *name,
                 gint64      microseconds)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  member (out, name);
  g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.3f", microseconds / 1000.0));
}

void
pf_json_line_bool (GString    *out,
                   const char *name,
                   gboolean    value)
{
  member (out, name);
  g_string_append (out, value ? "true" : "false");
}

void
pf_json_line_null (GString    *out,
                   const char *name)
{
  member (out, name);
  g_string_append (out, "null");
}

void
pf_json_line_raw (GString    *out,
                  const char *name,
                  const char *json)
{
  member (out, name);
  g_string_append (out, json);
}
