/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-json-line"

#include "config.h"

#include "pf-json-line.h"

/* RFC 8259: quotation mark, reverse solidus and control characters must be escaped; the
 * text must be UTF-8, so invalid bytes (a Latin-1 header value) become U+FFFD. */
void
pf_json_append_escaped (GString    *out,
                        const char *text)
{
  g_autofree char *valid = NULL;

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) text; *p; p++)
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
