/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pf-postman-import.h"

/* A Postman collection of any bytes: its files (never written here) and report, or an error
 * naming where; never a crash. */

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t size)
{
  g_autoptr (GBytes) json = g_bytes_new (data, size);
  g_autoptr (GFile) folder = g_file_new_for_path ("/nonexistent/preflight-fuzz");
  g_autoptr (GError) error = NULL;
  g_autoptr (PfPostmanImport) import = pf_postman_import_new (json, folder, &error);

  if (import == NULL)
    g_assert (error != NULL);
  return 0;
}
