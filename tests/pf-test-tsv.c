/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "pf-test-tsv.h"

GPtrArray *
pf_test_tsv_load (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      g_ptr_array_add (rows, g_strsplit (lines[i], "\t", -1));
    }
  g_assert_cmpuint (rows->len, >, 0);
  return rows;
}
