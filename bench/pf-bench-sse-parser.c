/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <stdio.h>
#include <stdlib.h>

#include "pf-sse-parser.h"

/* PfSseParser's rate on a file of events, for bench/run to set beside eventsource-parser
 * (bench/peers/sse-parser.mjs does the same with the same chunks and prints the same line):
 *   pf-bench-sse-parser --file FILE --chunks 64k|random [--seed N] [--checksum]
 * The file is read first; one untimed pass warms up, a second pass with a new parser is
 * timed. Prints {"events":N,"sum":S,"checksum":"xxxxxxxx","seconds":T}, where sum adds the
 * lengths of each event's id and data and, with --checksum, checksum is FNV-1a 32 over each
 * event's id, 0xFF, data, 0xFF. Chunks are 65536 bytes, or 1 + (x % 65536) bytes with x from
 * xorshift32 seeded with N (42). */

typedef struct
{
  guint64 events;
  guint64 sum;
  guint32 hash;
  gboolean checksum;
} Totals;

static inline guint32
fnv1a (guint32     hash,
       const char *bytes,
       gsize       len)
{
  for (gsize i = 0; i < len; i++)
    hash = (hash ^ (guchar) bytes[i]) * 16777619u;
  return (hash ^ 0xFF) * 16777619u;
}

static void
event_cb (const char *type,
          const char *data,
          gsize       data_len,
          const char *last_event_id,
          gpointer    user_data)
{
  Totals *totals = user_data;
  gsize id_len = strlen (last_event_id);

  totals->events++;
  totals->sum += id_len + data_len;
  if (G_UNLIKELY (totals->checksum))
    totals->hash = fnv1a (fnv1a (totals->hash, last_event_id, id_len), data, data_len);
}

static inline guint32
xorshift32 (guint32 *state)
{
  guint32 x = *state;

  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  return *state = x;
}

static double
parse_all (const char *bytes,
           gsize       len,
           gboolean    random_chunks,
           guint32     seed,
           Totals     *totals)
{
  g_autoptr (PfSseParser) parser = pf_sse_parser_new (event_cb, NULL, totals);
  guint32 state = seed;
  gsize offset = 0;
  gint64 start = g_get_monotonic_time ();

  while (offset < len)
    {
      gsize size = random_chunks ? 1 + xorshift32 (&state) % 65536 : 65536;

      size = MIN (size, len - offset);
      pf_sse_parser_feed (parser, bytes + offset, size);
      offset += size;
    }
  pf_sse_parser_end (parser);
  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *file = NULL, *chunks = NULL, *contents = NULL;
  gint64 seed = 42;
  gboolean checksum = FALSE;
  const GOptionEntry entries[] = {
    { "file", 0, 0, G_OPTION_ARG_FILENAME, &file, "The event stream", "FILE" },
    { "chunks", 0, 0, G_OPTION_ARG_STRING, &chunks, "64k or random", "KIND" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Seed of the random chunk sizes", "N" },
    { "checksum", 0, 0, G_OPTION_ARG_NONE, &checksum, "Hash every id and data", NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  Totals warm = { 0 }, totals = { 0 };
  gboolean random_chunks;
  gsize len;
  double seconds;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || file == NULL
      || (g_strcmp0 (chunks, "64k") != 0 && g_strcmp0 (chunks, "random") != 0))
    {
      fprintf (stderr, "usage: pf-bench-sse-parser --file FILE --chunks 64k|random [--seed N] "
               "[--checksum]%s%s\n", error ? ": " : "", error ? error->message : "");
      return 2;
    }
  if (!g_file_get_contents (file, &contents, &len, &error))
    {
      fprintf (stderr, "pf-bench-sse-parser: %s\n", error->message);
      return 2;
    }
  random_chunks = g_str_equal (chunks, "random");
  warm.checksum = totals.checksum = checksum;
  parse_all (contents, len, random_chunks, (guint32) seed, &warm);
  totals.hash = 0x811c9dc5u;
  seconds = parse_all (contents, len, random_chunks, (guint32) seed, &totals);
  printf ("{\"events\":%" G_GUINT64_FORMAT ",\"sum\":%" G_GUINT64_FORMAT ",\"checksum\":\"%08x\","
          "\"seconds\":%.6f}\n", totals.events, totals.sum, checksum ? totals.hash : 0, seconds);
  return 0;
}
