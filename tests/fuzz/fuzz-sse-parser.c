/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "fuzz-fail.h"

#include <string.h>

#include "pf-sse-parser.h"

/* The SSE parser as a differential oracle: the same bytes fed in one piece, and cut into
 * chunks at places the input itself chooses, give the same events, ids and retries. */

static void
event_cb (const char *type,
          const char *data,
          gsize data_len,
          const char *last_event_id,
          gpointer user_data)
{
  GString *out = user_data;

  g_string_append_printf (out, "E[%s][%s]", type ? type : "", last_event_id ? last_event_id : "");
  g_string_append_len (out, data, data_len);
  g_string_append_c (out, '\n');
}

static void
retry_cb (guint64 retry_ms,
          gpointer user_data)
{
  g_string_append_printf (user_data, "R%" G_GUINT64_FORMAT "\n", retry_ms);
}

static char *
parse (const guint8 *data,
       size_t size,
       size_t step)
{
  GString *out = g_string_new (NULL);
  g_autoptr (PfSseParser) parser = pf_sse_parser_new (event_cb, retry_cb, out);

  for (size_t at = 0; at < size; at += step)
    pf_sse_parser_feed (parser, (const char *) data + at, MIN (step, size - at));
  pf_sse_parser_end (parser);
  return g_string_free (out, FALSE);
}

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t size)
{
  g_autofree char *whole = NULL;
  g_autofree char *chunked = NULL;
  g_autofree char *bytewise = NULL;
  size_t step;

  if (size < 1)
    return 0;
  /* The first byte chooses the chunk size; the rest is the stream. */
  step = 1 + data[0] % 17;
  whole = parse (data + 1, size - 1, size);
  chunked = parse (data + 1, size - 1, step);
  bytewise = parse (data + 1, size - 1, 1);
  if (strcmp (whole, chunked) != 0 || strcmp (whole, bytewise) != 0)
    fuzz_fail ("chunking changed the events:\n%s\n---\n%s\n---\n%s", whole, chunked, bytewise);
  return 0;
}
