/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "pf-sse-parser.h"

/* PfSseParser's rate: a large event stream fed in random chunk sizes (1 byte to 64 KiB),
 * as a socket would deliver it. Prints events/s and MB/s for a few event shapes.
 *   pf-bench-sse-parser [EVENTS]   (default 2 000 000 per shape) */

static void
count_cb (const char *type,
          const char *data,
          gsize       data_len,
          const char *last_event_id,
          gpointer    user_data)
{
  (*(guint64 *) user_data)++;
}

static GString *
make_stream (const char *shape,
             guint64     events)
{
  GString *stream = g_string_sized_new (events * 64);

  for (guint64 i = 1; i <= events; i++)
    {
      if (g_str_equal (shape, "small"))
        g_string_append (stream, "data: x\n\n");
      else if (g_str_equal (shape, "typical"))
        g_string_append_printf (stream, "id: %" G_GUINT64_FORMAT "\nevent: tick\ndata: {\"n\": %"
                                G_GUINT64_FORMAT ", \"text\": \"event\"}\n\n", i, i);
      else
        g_string_append_printf (stream, "data: line one of %" G_GUINT64_FORMAT "\r\ndata: line two "
                                "é\r\n: comment\r\n\r\n", i);
    }
  return stream;
}

static void
run_shape (const char *shape,
           guint64     events,
           GRand      *rand)
{
  g_autoptr (GString) stream = make_stream (shape, events);
  guint64 seen = 0;
  g_autoptr (PfSseParser) parser = pf_sse_parser_new (count_cb, NULL, &seen);
  gsize offset = 0;
  gint64 start, end;
  double seconds;

  start = g_get_monotonic_time ();
  while (offset < stream->len)
    {
      gsize size = MIN ((gsize) g_rand_int_range (rand, 1, 65537), stream->len - offset);

      pf_sse_parser_feed (parser, stream->str + offset, size);
      offset += size;
    }
  end = g_get_monotonic_time ();
  seconds = (end - start) / 1e6;
  if (seen != events)
    {
      fprintf (stderr, "pf-bench-sse-parser: %s: %" G_GUINT64_FORMAT " events, expected %"
               G_GUINT64_FORMAT "\n", shape, seen, events);
      exit (1);
    }
  printf ("%-8s %9" G_GUINT64_FORMAT " events %8.1f MB  %7.3f s  %6.2f M events/s  %7.1f MB/s\n",
          shape, events, stream->len / 1e6, seconds, events / seconds / 1e6,
          stream->len / seconds / 1e6);
}

int
main (int   argc,
      char *argv[])
{
  guint64 events = argc > 1 ? g_ascii_strtoull (argv[1], NULL, 10) : 2000000;
  GRand *rand = g_rand_new_with_seed (42);

  run_shape ("small", events, rand);
  run_shape ("typical", events, rand);
  run_shape ("crlf", events, rand);
  g_rand_free (rand);
  return 0;
}
