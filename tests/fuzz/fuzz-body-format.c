/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "fuzz-fail.h"

#include "pf-body-format.h"

/* The body formatter on any bytes, as JSON, XML, HTML and text: no crash, and what it shows
 * is valid UTF-8. */

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t size)
{
  static const char *const types[] = { "application/json", "application/xml", "text/html",
                                       "text/plain", "application/octet-stream" };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autofree char *note = NULL;
      g_autofree char *text =
          pf_body_format_display_text (types[i], (const char *) data, size, size, &note);

      if (text != NULL && !g_utf8_validate (text, -1, NULL))
        fuzz_fail ("the %s display of a body is not UTF-8", types[i]);
      if (g_utf8_validate ((const char *) data, size, NULL))
        {
          gsize shown = 0, line = 0;

          pf_body_format_live_length ((const char *) data, size, &shown, &line);
        }
    }
  return 0;
}
