/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-utf8"

#include "config.h"

#include <string.h>

#include "pf-utf8.h"

/* GLib's validator stops at U+0000, which is a character like any other in an event stream
 * or a JSON string: validates past each NUL. */
static gboolean
validate_slow (const char *text,
               gsize       len)
{
  const char *stop = NULL;

  while (!g_utf8_validate_len (text, len, &stop))
    {
      if (stop == text + len || *stop != '\0')
        return FALSE;
      len -= stop + 1 - text;
      text = stop + 1;
    }
  return TRUE;
}

/* Whether @len bytes are UTF-8 (U+0000 allowed). Text is mostly ASCII: eight bytes are tested
 * at a time, and the full validator runs from the first byte that is not ASCII. */
gboolean
pf_utf8_validate_with_nul (const char *text,
                           gsize       len)
{
  gsize i = 0;

  for (; i + 8 <= len; i += 8)
    {
      guint64 word;

      memcpy (&word, text + i, 8);
      if (word & G_GUINT64_CONSTANT (0x8080808080808080))
        return validate_slow (text + i, len - i);
    }
  for (; i < len; i++)
    if ((guchar) text[i] >= 0x80)
      return validate_slow (text + i, len - i);
  return TRUE;
}

/* Whether @len bytes are UTF-8 without U+0000: what g_utf8_validate_len () answers, at the
 * speed of pf_utf8_validate_with_nul () (a NUL is looked for first, by memchr ()). */
gboolean
pf_utf8_validate_without_nul (const char *text,
                              gsize       len)
{
  return memchr (text, '\0', len) == NULL && pf_utf8_validate_with_nul (text, len);
}

/* Encoding standard, UTF-8 decode: @len bytes of @text into @out (emptied first), each maximal
 * subpart of an invalid sequence becoming one U+FFFD, as responseText and an event stream
 * decode them. Returns how many U+FFFD were made. */
guint
pf_utf8_decode_replacing (GString *out,
                          const char *text,
                          gsize len)
{
  static const char replacement[] = "\xEF\xBF\xBD";
  const guchar *p = (const guchar *) text;
  guint replaced = 0;
  gsize i = 0;

  g_string_truncate (out, 0);
  while (i < len)
    {
      guchar c = p[i];
      guint need = 0;
      guchar lower = 0x80, upper = 0xBF;
      gsize start = i;

      if (c < 0x80)
        {
          g_string_append_c (out, c);
          i++;
          continue;
        }
      if (c >= 0xC2 && c <= 0xDF)
        need = 1;
      else if (c >= 0xE0 && c <= 0xEF)
        {
          need = 2;
          lower = c == 0xE0 ? 0xA0 : 0x80;
          upper = c == 0xED ? 0x9F : 0xBF;
        }
      else if (c >= 0xF0 && c <= 0xF4)
        {
          need = 3;
          lower = c == 0xF0 ? 0x90 : 0x80;
          upper = c == 0xF4 ? 0x8F : 0xBF;
        }
      i++;
      /* A byte that breaks the sequence is not part of it: it is read again on its own. */
      for (guint seen = 0; need > 0 && seen < need; seen++, i++)
        {
          if (i >= len || p[i] < lower || p[i] > upper)
            {
              need = 0;
              break;
            }
          lower = 0x80;
          upper = 0xBF;
        }
      if (need > 0)
        g_string_append_len (out, (const char *) p + start, i - start);
      else
        {
          g_string_append_len (out, replacement, 3);
          replaced++;
        }
    }
  return replaced;
}

/* Where the first byte of @text that does not begin valid UTF-8 is (U+0000 counts as valid),
 * or -1 when all of it is UTF-8. */
gssize
pf_utf8_find_invalid (const char *text,
                      gsize len)
{
  const char *start = text, *stop = NULL;

  while (!g_utf8_validate_len (text, len, &stop))
    {
      if (stop == text + len || *stop != '\0')
        return stop - start;
      len -= stop + 1 - text;
      text = stop + 1;
    }
  return -1;
}
