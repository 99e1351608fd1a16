/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pf-http-file.h"

/* A .http file of any bytes: parsed or refused with an error, never a crash; a file that parses
 * formats each of its requests again. */

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t size)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);
  g_autoptr (GError) error = NULL;
  g_autoptr (PfHttpFile) file = pf_http_file_new_from_bytes (bytes, NULL, &error);

  if (file == NULL)
    {
      g_assert (error != NULL);
      return 0;
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (file)); i++)
    {
      PfHttpFileEntry *entry = pf_http_file_get_entry (file, i);
      g_autofree char *text = pf_http_file_format_request (
          file, pf_http_file_entry_get_request (entry), pf_http_file_entry_get_name (entry));

      (void) text;
    }
  return 0;
}
