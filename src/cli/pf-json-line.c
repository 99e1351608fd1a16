/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-json-line"

#include "config.h"

#include <string.h>

#include "pf-json-line.h"
#include "pf-utf8.h"

/* @text as valid UTF-8, U+0000 kept (GLib's validation stops at NUL bytes). */
static GString *
make_valid_keeping_nul (const char *text,
                        gsize len)
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

/* Appends straight into the string's spare room when it fits: every field of every line
 * comes through here. */
static inline void
append (GString *out,
        const char *bytes,
        gsize len)
{
  if (G_LIKELY (out->len + len < out->allocated_len))
    {
      memcpy (out->str + out->len, bytes, len);
      out->len += len;
      out->str[out->len] = '\0';
    }
  else
    g_string_append_len (out, bytes, len);
}

#define APPEND_LITERAL(out, literal) append ((out), (literal), sizeof (literal) - 1)

/* Sixteen bytes, compared all at once (GCC's vector extensions: SSE2 or NEON instructions). */
typedef guchar PfBytes16 __attribute__ ((vector_size (16)));

/* Where the first of sixteen bytes at @p is that needs a look of its own — a byte below 0x20,
 * '"' or '\\', or, unless the text is @checked as UTF-8 already, a byte that is not ASCII —
 * or 16 when none is. */
static inline guint
first_special (const guchar *p,
               gboolean checked)
{
  PfBytes16 bytes, special;
  guint64 low, high;

  memcpy (&bytes, p, sizeof bytes);
  special = (PfBytes16) (bytes < 0x20) | (PfBytes16) (bytes == '"') |
            (PfBytes16) (bytes == '\\');
  if (!checked)
    special |= (PfBytes16) (bytes >= 0x80);
  memcpy (&low, &special, sizeof low);
  memcpy (&high, (const guchar *) &special + 8, sizeof high);
  /* Byte order as in memory: the first byte is the lowest. */
  low = GUINT64_FROM_LE (low);
  high = GUINT64_FROM_LE (high);
  if (low != 0)
    return __builtin_ctzll (low) / 8;
  return high != 0 ? 8 + __builtin_ctzll (high) / 8 : 16;
}

static void
append_escape (GString *out,
               guchar c)
{
  char code[8];

  switch (c)
    {
    case '"':
      APPEND_LITERAL (out, "\\\"");
      break;
    case '\\':
      APPEND_LITERAL (out, "\\\\");
      break;
    case '\n':
      APPEND_LITERAL (out, "\\n");
      break;
    case '\r':
      APPEND_LITERAL (out, "\\r");
      break;
    case '\t':
      APPEND_LITERAL (out, "\\t");
      break;
    default:
      g_snprintf (code, sizeof code, "\\u%04x", c);
      append (out, code, 6);
    }
}

/* Escapes the bytes from @p to @end into @out, runs that need nothing copied whole; the next
 * byte to escape is found sixteen bytes at a time (the last few copied among bytes that need
 * nothing). Unless @checked (known to be UTF-8), stops at the first byte that is not ASCII,
 * all before it written, and returns where it stopped; else returns @end. */
static const guchar *
escape_run (GString *out,
            const guchar *p,
            const guchar *end,
            gboolean checked)
{
  const guchar *run = p;

  while (p < end)
    {
      guint at;

      if (end - p >= 16)
        at = first_special (p, checked);
      else
        {
          guchar tail[16];

          memset (tail, 'a', sizeof tail);
          memcpy (tail, p, end - p);
          at = first_special (tail, checked);
        }
      if (at >= (gsize) (end - p))
        break;
      if (at == 16)
        {
          p += 16;
          continue;
        }
      p += at;
      append (out, (const char *) run, p - run);
      if (*p >= 0x80)
        return p;
      append_escape (out, *p);
      run = ++p;
    }
  append (out, (const char *) run, end - run);
  return end;
}

/* RFC 8259: quotation mark, reverse solidus and control characters (U+0000 too) must be
 * escaped; the text must be UTF-8, so invalid bytes (a Latin-1 header value) become U+FFFD.
 * ASCII text is escaped in one pass; from its first byte that is not ASCII (a character
 * starts there), the rest is validated, made valid if need be, and escaped. */
void
pf_json_append_escaped_len (GString *out,
                            const char *text,
                            gsize len)
{
  const guchar *end = (const guchar *) text + len;
  const guchar *p;

  APPEND_LITERAL (out, "\"");
  p = escape_run (out, (const guchar *) text, end, FALSE);
  if (p < end && pf_utf8_validate_with_nul ((const char *) p, end - p))
    escape_run (out, p, end, TRUE);
  else if (p < end)
    {
      g_autoptr (GString) valid = make_valid_keeping_nul ((const char *) p, end - p);

      escape_run (out, (const guchar *) valid->str, (const guchar *) valid->str + valid->len,
                  TRUE);
    }
  APPEND_LITERAL (out, "\"");
}

void
pf_json_append_escaped (GString *out,
                        const char *text)
{
  pf_json_append_escaped_len (out, text, strlen (text));
}

static void
member (GString *out,
        const char *name)
{
  if (out->len > 0 && out->str[out->len - 1] != '{')
    APPEND_LITERAL (out, ",");
  APPEND_LITERAL (out, "\"");
  append (out, name, strlen (name));
  APPEND_LITERAL (out, "\":");
}

/* @value in decimal, written from the right. */
static void
append_uint (GString *out,
             guint64 value)
{
  char digits[24];
  char *p = digits + sizeof digits;

  do
    {
      *--p = '0' + value % 10;
      value /= 10;
    }
  while (value > 0);
  append (out, p, digits + sizeof digits - p);
}

void
pf_json_line_begin (GString *out)
{
  APPEND_LITERAL (out, "{");
}

void
pf_json_line_end (GString *out)
{
  APPEND_LITERAL (out, "}\n");
}

void
pf_json_line_string (GString *out,
                     const char *name,
                     const char *value)
{
  member (out, name);
  if (value == NULL)
    APPEND_LITERAL (out, "null");
  else
    pf_json_append_escaped (out, value);
}

void
pf_json_line_string_len (GString *out,
                         const char *name,
                         const char *value,
                         gsize len)
{
  member (out, name);
  if (value == NULL)
    APPEND_LITERAL (out, "null");
  else
    pf_json_append_escaped_len (out, value, len);
}

void
pf_json_line_uint (GString *out,
                   const char *name,
                   guint64 value)
{
  member (out, name);
  append_uint (out, value);
}

/* Milliseconds with microsecond precision, always with a "." whatever the locale. */
void
pf_json_line_ms (GString *out,
                 const char *name,
                 gint64 microseconds)
{
  member (out, name);
  pf_json_append_ms (out, microseconds);
}

/* A value alone, for a line whose member names the caller writes itself: @microseconds as
 * pf_json_line_ms () writes them. */
void
pf_json_append_ms (GString *out,
                   gint64 microseconds)
{
  guint64 magnitude = microseconds < 0 ? -(guint64) microseconds : (guint64) microseconds;
  guint fraction = magnitude % 1000;
  char decimals[4] = { '.', '0' + fraction / 100, '0' + fraction / 10 % 10, '0' + fraction % 10 };

  if (microseconds < 0)
    APPEND_LITERAL (out, "-");
  append_uint (out, magnitude / 1000);
  append (out, decimals, sizeof decimals);
}

void
pf_json_line_bool (GString *out,
                   const char *name,
                   gboolean value)
{
  member (out, name);
  if (value)
    APPEND_LITERAL (out, "true");
  else
    APPEND_LITERAL (out, "false");
}

void
pf_json_line_null (GString *out,
                   const char *name)
{
  member (out, name);
  APPEND_LITERAL (out, "null");
}

void
pf_json_line_raw (GString *out,
                  const char *name,
                  const char *json)
{
  member (out, name);
  append (out, json, strlen (json));
}

/* The member's name and colon: its value is the JSON the caller appends next (an array
 * built in place rather than in a string of its own). */
void
pf_json_line_member (GString *out,
                     const char *name)
{
  member (out, name);
}

/* @value in decimal, as pf_json_line_uint () writes it. */
void
pf_json_append_uint (GString *out,
                     guint64 value)
{
  append_uint (out, value);
}

/* @len bytes of JSON the caller vouches for (a line's fixed part: punctuation and member
 * names), as they are. */
void
pf_json_append_raw (GString *out,
                    const char *json,
                    gsize len)
{
  append (out, json, len);
}
