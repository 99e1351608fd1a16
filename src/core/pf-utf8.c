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
