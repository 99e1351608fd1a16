/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pf-body-search.h"

/* PfBodySearch over a file, for bench/run to set beside grep -F -c:
 *   pf-bench-body-search FILE PATTERN [--ignore-case] [--whole-word] [--regex]
 * Searches the whole file on PfBodySearch's worker thread, the main loop waiting as a
 * window's would, and prints {"count":N,"first_match_ms":F,"progresses":P,"seconds":T}. */

typedef struct
{
  GMainLoop *loop;
  gint64 start;
  gint64 first;
  guint progresses;
  GError *error;
} Run;

static void
first_match_cb (PfBodySearch *search,
                guint64 offset,
                guint64 length,
                Run *run)
{
  run->first = g_get_monotonic_time ();
}

static void
progress_cb (PfBodySearch *search,
             guint64 scanned,
             guint64 count,
             Run *run)
{
  run->progresses++;
}

static void
done_cb (PfBodySearch *search,
         const GError *error,
         Run *run)
{
  run->error = error ? g_error_copy (error) : NULL;
  g_main_loop_quit (run->loop);
}

static PfBodySearchFlags
parse_flags (int argc,
             char **argv)
{
  PfBodySearchFlags flags = PF_BODY_SEARCH_LITERAL;

  for (int i = 3; i < argc; i++)
    {
      if (strcmp (argv[i], "--ignore-case") == 0)
        flags |= PF_BODY_SEARCH_IGNORE_CASE;
      else if (strcmp (argv[i], "--whole-word") == 0)
        flags |= PF_BODY_SEARCH_WHOLE_WORD;
      else if (strcmp (argv[i], "--regex") == 0)
        flags |= PF_BODY_SEARCH_REGEX;
      else
        {
          fprintf (stderr, "pf-bench-body-search: unknown option %s\n", argv[i]);
          exit (2);
        }
    }
  return flags;
}

int
main (int argc,
      char *argv[])
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (PfBodySearch) search = NULL;
  g_autoptr (GError) error = NULL;
  Run run = { 0 };

  if (argc < 3)
    {
      fprintf (stderr, "usage: pf-bench-body-search FILE PATTERN [--ignore-case] "
                       "[--whole-word] [--regex]\n");
      return 2;
    }
  file = g_file_new_for_commandline_arg (argv[1]);
  search = pf_body_search_new_for_file (file, argv[2], parse_flags (argc, argv), &error);
  if (search == NULL)
    {
      fprintf (stderr, "pf-bench-body-search: %s\n", error->message);
      return 1;
    }
  run.loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (search, "first-match", G_CALLBACK (first_match_cb), &run);
  g_signal_connect (search, "progress", G_CALLBACK (progress_cb), &run);
  g_signal_connect (search, "done", G_CALLBACK (done_cb), &run);
  run.start = g_get_monotonic_time ();
  pf_body_search_start (search);
  g_main_loop_run (run.loop);
  g_main_loop_unref (run.loop);
  if (run.error != NULL)
    {
      fprintf (stderr, "pf-bench-body-search: %s\n", run.error->message);
      g_error_free (run.error);
      return 1;
    }
  printf ("{\"count\":%" G_GUINT64_FORMAT ",\"first_match_ms\":%.3f,\"progresses\":%u,"
          "\"seconds\":%.6f}\n",
          pf_body_search_get_count (search),
          run.first ? (run.first - run.start) / 1000.0 : -1.0, run.progresses,
          (g_get_monotonic_time () - run.start) / 1e6);
  return 0;
}
