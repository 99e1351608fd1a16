/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pf-har-entry.h"

/* A HAR file of any bytes: its entries, or an error naming where; never a crash. */

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) entries =
      pf_har_entry_list_new_from_data ((const char *) data, size, &error);

  if (entries == NULL)
    {
      g_assert (error != NULL);
      return 0;
    }
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr (PfHarEntry) entry = g_list_model_get_item (entries, i);
      g_autofree char *outcome = pf_har_entry_dup_outcome (entry);

      (void) outcome;
    }
  return 0;
}
