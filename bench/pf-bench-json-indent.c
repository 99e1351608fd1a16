/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pf-json-indenter.h"

/* PfJsonIndenter over a file, for bench/run to set beside jq .:
 *   pf-bench-json-indent IN OUT
 * Reads IN in blocks of BLOCK_SIZE, writes the text indented by 2 to OUT as it comes and
 * prints {"in":N,"out":M,"seconds":T}. */

#define BLOCK_SIZE (1 << 20)

static gboolean
indent_file (int in,
             FILE *out,
             guint64 *read_total,
             guint64 *written_total,
             GError **error)
{
  g_autoptr (PfJsonIndenter) indenter = pf_json_indenter_new (2);
  g_autoptr (GString) text = g_string_sized_new (4 * BLOCK_SIZE);
  g_autofree char *block = g_malloc (BLOCK_SIZE);

  for (;;)
    {
      ssize_t n = read (in, block, BLOCK_SIZE);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "read: %s",
                       g_strerror (errno));
          return FALSE;
        }
      if (n == 0)
        break;
      *read_total += n;
      if (!pf_json_indenter_feed (indenter, block, n, text, error))
        return FALSE;
      fwrite (text->str, 1, text->len, out);
      *written_total += text->len;
      g_string_truncate (text, 0);
    }
  if (!pf_json_indenter_finish (indenter, text, error))
    return FALSE;
  fwrite (text->str, 1, text->len, out);
  *written_total += text->len;
  return TRUE;
}

int
main (int argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  guint64 read_total = 0, written_total = 0;
  gint64 start;
  FILE *out;
  int in;

  if (argc != 3)
    {
      fprintf (stderr, "usage: pf-bench-json-indent IN OUT\n");
      return 2;
    }
  in = open (argv[1], O_RDONLY | O_CLOEXEC);
  out = fopen (argv[2], "we");
  if (in < 0 || out == NULL)
    {
      fprintf (stderr, "pf-bench-json-indent: %s\n", g_strerror (errno));
      return 1;
    }
  start = g_get_monotonic_time ();
  if (!indent_file (in, out, &read_total, &written_total, &error))
    {
      fprintf (stderr, "pf-bench-json-indent: %s\n", error->message);
      return 1;
    }
  if (fclose (out) != 0)
    {
      fprintf (stderr, "pf-bench-json-indent: %s\n", g_strerror (errno));
      return 1;
    }
  close (in);
  printf ("{\"in\":%" G_GUINT64_FORMAT ",\"out\":%" G_GUINT64_FORMAT ",\"seconds\":%.6f}\n",
          read_total, written_total, (g_get_monotonic_time () - start) / 1e6);
  return 0;
}
