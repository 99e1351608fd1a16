/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pf-sse-parser.h"

/* PfSseParser against the HTML standard's event-stream rules, each stream fed whole, byte by
 * byte and in many random splits: the events must not depend on where chunks end. */

typedef struct
{
  const char *name;
  const char *stream;
  gsize len;        /* 0: strlen (stream) */
  const char *events; /* "type|data|id" per event, joined by "\n"; data's LF shown as "⏎" */
  const char *retry;  /* the retry values seen, comma-joined */
} Case;

static const Case cases[] = {
  { "simple", "data: hello\n\n", 0, "message|hello|", "" },
  { "no-space", "data:hello\n\n", 0, "message|hello|", "" },
  { "one-space-only", "data:  two\n\n", 0, "message| two|", "" },
  { "multi-line", "data: a\ndata: b\n\n", 0, "message|a⏎b|", "" },
  { "empty-data-line", "data\n\n", 0, "message||", "" },
  { "empty-data-then-text", "data\ndata: x\n\n", 0, "message|⏎x|", "" },
  { "trailing-empty-data", "data: x\ndata:\n\n", 0, "message|x⏎|", "" },
  { "event-type", "event: tick\ndata: 1\n\n", 0, "tick|1|", "" },
  { "event-type-resets", "event: tick\ndata: 1\n\ndata: 2\n\n", 0, "tick|1|\nmessage|2|", "" },
  { "empty-event-type", "event:\ndata: 1\n\n", 0, "message|1|", "" },
  { "type-without-data", "event: a\n\ndata: b\n\n", 0, "message|b|", "" },
  { "id", "id: 7\ndata: x\n\n", 0, "message|x|7", "" },
  { "id-persists", "id: 7\ndata: x\n\ndata: y\n\n", 0, "message|x|7\nmessage|y|7", "" },
  { "empty-id-resets", "id: 7\ndata: x\n\nid\ndata: y\n\n", 0, "message|x|7\nmessage|y|", "" },
  { "id-with-nul-ignored", "id: 5\ndata: a\n\nid: 6\0x\ndata: b\n\n", 33,
    "message|a|5\nmessage|b|5", "" },
  { "id-without-data-still-sets", "id: 9\n\ndata: z\n\n", 0, "message|z|9", "" },
  { "retry", "retry: 1500\ndata: x\n\n", 0, "message|x|", "1500" },
  { "retry-not-digits", "retry: 15a\nretry: -1\nretry: 1.5\nretry:\nretry: 20\n\n", 0, "", "20" },
  { "retry-with-space", "retry:  30\n\n", 0, "", "" },
  { "comment", ": hello\ndata: x\n\n", 0, "message|x|", "" },
  { "unknown-field", "foo: bar\ndata: x\n\n", 0, "message|x|", "" },
  { "field-case", "Data: x\nDATA: y\ndata: z\n\n", 0, "message|z|", "" },
  { "crlf", "data: a\r\ndata: b\r\n\r\n", 0, "message|a⏎b|", "" },
  { "cr", "data: a\rdata: b\r\r", 0, "message|a⏎b|", "" },
  { "mixed-ends", "data: a\r\ndata: b\rdata: c\n\r\n", 0, "message|a⏎b⏎c|", "" },
  { "cr-cr-lf", "data: a\r\r\ndata: b\n\n", 0, "message|a|\nmessage|b|", "" },
  { "bom", "\xEF\xBB\xBF" "data: x\n\n", 0, "message|x|", "" },
  { "second-bom-kept", "\xEF\xBB\xBF\xEF\xBB\xBF" "data: x\n\n", 0, "", "" },
  { "bom-like-prefix", "\xEF\xBB" "data: x\n\n", 0, "", "" },
  { "unfinished-event-dropped", "data: x\n\ndata: y\n", 0, "message|x|", "" },
  { "unfinished-line-dropped", "data: x\n\ndata: y", 0, "message|x|", "" },
  { "invalid-utf8", "data: a\xFF" "b\n\n", 0, "message|a\xEF\xBF\xBD" "b|", "" },
  { "truncated-sequence", "data: \xE2\x82" "A\n\n", 0, "message|\xEF\xBF\xBD" "A|", "" },
  { "surrogate-bytes", "data: \xED\xA0\x80\n\n", 0,
    "message|\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD|", "" },
  { "overlong", "data: \xC0\xAF\n\n", 0, "message|\xEF\xBF\xBD\xEF\xBF\xBD|", "" },
  { "cut-before-line-end", "data: \xE2\x82\n\n", 0, "message|\xEF\xBF\xBD|", "" },
  { "utf8", "data: h\xC3\xA9llo \xF0\x9F\x98\x80\n\n", 0,
    "message|h\xC3\xA9llo \xF0\x9F\x98\x80|", "" },
  { "nul-in-data", "data: a\0b\n\n", 12, "message|a\\0b|", "" },
  { "colon-in-value", "data: a: b\n\n", 0, "message|a: b|", "" },
  { "only-colon-name", ":\n\n", 0, "", "" },
  { "many", "data: 1\n\ndata: 2\n\ndata: 3\n\n", 0, "message|1|\nmessage|2|\nmessage|3|", "" },
};

typedef struct
{
  GString *events;
  GString *retry;
} Seen;

static void
event_cb (const char *type,
          const char *data,
          gsize       data_len,
          const char *last_event_id,
          gpointer    user_data)
{
  Seen *seen = user_data;

  if (seen->events->len > 0)
    g_string_append_c (seen->events, '\n');
  g_string_append_printf (seen->events, "%s|", type);
  for (gsize i = 0; i < data_len; i++)
    {
      if (data[i] == '\n')
        g_string_append (seen->events, "⏎");
      else if (data[i] == '\0')
        g_string_append (seen->events, "\\0");
      else
        g_string_append_c (seen->events, data[i]);
    }
  g_assert_cmpint (data[data_len], ==, '\0');
  g_string_append_printf (seen->events, "|%s", last_event_id);
}

static void
retry_cb (guint64  retry_ms,
          gpointer user_data)
{
  Seen *seen = user_data;

  g_string_append_printf (seen->retry, "%s%" G_GUINT64_FORMAT, seen->retry->len ? "," : "",
                          retry_ms);
}

/* Feeds @c cut at the positions in @cuts (sorted, ending with len). */
static void
run_case (const Case  *c,
          const gsize *cuts,
          guint        n_cuts)
{
  Seen seen = { g_string_new (NULL), g_string_new (NULL) };
  g_autoptr (PfSseParser) parser = pf_sse_parser_new (event_cb, retry_cb, &seen);
  gsize start = 0;

  for (guint i = 0; i < n_cuts; i++)
    {
      pf_sse_parser_feed (parser, c->stream + start, cuts[i] - start);
      start = cuts[i];
    }
  pf_sse_parser_end (parser);
  g_assert_cmpstr (seen.events->str, ==, c->events);
  g_assert_cmpstr (seen.retry->str, ==, c->retry);
  g_string_free (seen.events, TRUE);
  g_string_free (seen.retry, TRUE);
}

static gsize
case_len (const Case *c)
{
  return c->len ? c->len : strlen (c->stream);
}

static void
test_whole (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize len = case_len (&cases[i]);

      g_test_message ("case %s", cases[i].name);
      run_case (&cases[i], &len, 1);
    }
}

static void
test_byte_by_byte (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize len = case_len (&cases[i]);
      g_autofree gsize *cuts = g_new (gsize, len);

      for (gsize j = 0; j < len; j++)
        cuts[j] = j + 1;
      g_test_message ("case %s", cases[i].name);
      run_case (&cases[i], cuts, len);
    }
}

/* Every way to cut each stream in two, and a thousand random cuttings of each. */
static void
test_random_splits (void)
{
  GRand *rand = g_rand_new_with_seed (20261125);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize len = case_len (&cases[i]);
      g_autofree gsize *cuts = g_new (gsize, len + 1);

      g_test_message ("case %s", cases[i].name);
      for (gsize j = 0; j <= len; j++)
        {
          gsize two[2] = { j, len };
          run_case (&cases[i], two, 2);
        }
      for (guint round = 0; round < 1000; round++)
        {
          guint n = 0;

          for (gsize j = 1; j < len; j++)
            if (g_rand_int_range (rand, 0, 4) == 0)
              cuts[n++] = j;
          cuts[n++] = len;
          run_case (&cases[i], cuts, n);
        }
    }
  g_rand_free (rand);
}

static void
count_cb (const char *type,
          const char *data,
          gsize       data_len,
          const char *last_event_id,
          gpointer    user_data)
{
  (*(guint *) user_data)++;
}

/* A new connection: the last event ID stays, the unfinished event does not. */
static void
test_restart_keeps_last_event_id (void)
{
  guint count = 0;
  g_autoptr (PfSseParser) parser = pf_sse_parser_new (count_cb, NULL, &count);
  const char *first = "id: 41\ndata: a\n\ndata: cut";
  const char *second = "\xEF\xBB\xBF" "data: b\n\n";

  pf_sse_parser_feed (parser, first, strlen (first));
  pf_sse_parser_restart (parser);
  g_assert_cmpstr (pf_sse_parser_get_last_event_id (parser), ==, "41");
  pf_sse_parser_feed (parser, second, strlen (second));
  g_assert_cmpuint (count, ==, 2);
  g_assert_cmpstr (pf_sse_parser_get_last_event_id (parser), ==, "41");
  pf_sse_parser_set_last_event_id (parser, "100");
  g_assert_cmpstr (pf_sse_parser_get_last_event_id (parser), ==, "100");
}

/* A long stream of random fields, line ends, multibyte, invalid and NUL bytes. */
static GString *
random_stream (GRand *rand,
               guint  lines)
{
  static const char *const fields[] = { "data: ", "data:", "data", "id: ", "event: ", "retry: ",
                                        ": ", "Data: ", "x: " };
  static const char *const values[] = { "a", "h\xC3\xA9", "\xF0\x9F\x98\x80", "\xFF", "\xE2\x82",
                                        "12", "", "a: b", " two", "\xED\xA0\x80" };
  static const char *const ends[] = { "\n", "\r", "\r\n" };
  GString *stream = g_string_new (NULL);

  for (guint i = 0; i < lines; i++)
    {
      if (g_rand_int_range (rand, 0, 4) > 0)
        {
          g_string_append (stream, fields[g_rand_int_range (rand, 0, G_N_ELEMENTS (fields))]);
          for (gint n = g_rand_int_range (rand, 0, 4); n > 0; n--)
            g_string_append (stream, values[g_rand_int_range (rand, 0, G_N_ELEMENTS (values))]);
          if (g_rand_int_range (rand, 0, 50) == 0)
            g_string_append_c (stream, '\0');
        }
      g_string_append (stream, ends[g_rand_int_range (rand, 0, G_N_ELEMENTS (ends))]);
    }
  return stream;
}

static char *
parse_in_chunks (const GString *stream,
                 GRand         *rand,
                 gsize          max_chunk)
{
  Seen seen = { g_string_new (NULL), g_string_new (NULL) };
  g_autoptr (PfSseParser) parser = pf_sse_parser_new (event_cb, retry_cb, &seen);

  for (gsize offset = 0; offset < stream->len;)
    {
      gsize size = g_rand_int_range (rand, 1, max_chunk + 1);

      size = MIN (size, stream->len - offset);

      pf_sse_parser_feed (parser, stream->str + offset, size);
      offset += size;
    }
  pf_sse_parser_end (parser);
  g_string_append_printf (seen.events, "\nretry %s", seen.retry->str);
  g_string_free (seen.retry, TRUE);
  return g_string_free (seen.events, FALSE);
}

/* Fed byte by byte every line goes through the cut-line path; fed in large chunks most lines
 * are parsed in place after one UTF-8 check: both must see the same events. */
static void
test_paths_agree (void)
{
  GRand *rand = g_rand_new_with_seed (20261127);

  for (guint round = 0; round < 20; round++)
    {
      g_autoptr (GString) stream = random_stream (rand, 3000);
      g_autofree char *by_byte = parse_in_chunks (stream, rand, 1);
      g_autofree char *whole = parse_in_chunks (stream, rand, G_MAXINT - 1);
      g_autofree char *chunked = parse_in_chunks (stream, rand, 4096);

      g_assert_cmpuint (strlen (by_byte), >, 100);
      g_assert_cmpstr (whole, ==, by_byte);
      g_assert_cmpstr (chunked, ==, by_byte);
    }
  g_rand_free (rand);
}

/* A read of nothing between a CR and its LF: still one line end. */
static void
test_empty_read (void)
{
  const Case c = { "empty-read", "data: a\r\ndata: b\r\n\r\n", 0, "message|a⏎b|", "" };
  const gsize cuts[] = { 8, 8, 9, 17, 17, 18, 20, 20 };

  run_case (&c, cuts, G_N_ELEMENTS (cuts));
}

/* Feeds @stream in chunks of @chunk bytes; returns the events seen and in @stop where the
 * parser stopped. */
static char *
feed_limited (const GString *stream,
              gsize chunk,
              PfSseParserStop *stop)
{
  Seen seen = { g_string_new (NULL), g_string_new (NULL) };
  g_autoptr (PfSseParser) parser = pf_sse_parser_new (event_cb, retry_cb, &seen);

  for (gsize offset = 0; offset < stream->len; offset += chunk)
    pf_sse_parser_feed (parser, stream->str + offset, MIN (chunk, stream->len - offset));
  *stop = pf_sse_parser_get_stop (parser);
  g_string_free (seen.retry, TRUE);
  return g_string_free (seen.events, FALSE);
}

/* A line as long as the limit is parsed; one byte more stops the parser (whether the line came
 * whole or in pieces), which then reads nothing more, and a restart (a new connection) reads
 * again. */
static void
test_line_limit (void)
{
  g_autoptr (GString) fits = g_string_new ("data: a\n\ndata: ");
  g_autoptr (GString) longer = NULL;
  PfSseParserStop stop;
  const gsize chunks[] = { G_MAXSIZE / 2, 65536, 1000003 };

  while (fits->len < strlen ("data: a\n\n") + PF_SSE_PARSER_MAX_SIZE)
    g_string_append_c (fits, 'x');
  longer = g_string_new_len (fits->str, fits->len);
  g_string_append (fits, "\n\ndata: b\n\n");
  g_string_append (longer, "x\n\ndata: b\n\n");
  for (guint i = 0; i < G_N_ELEMENTS (chunks); i++)
    {
      g_autofree char *all = feed_limited (fits, chunks[i], &stop);
      g_autofree char *cut = feed_limited (longer, chunks[i], &stop);

      g_assert_cmpuint (strlen (all), ==,
                        strlen ("message|a|\nmessage|") + PF_SSE_PARSER_MAX_SIZE -
                            strlen ("data: ") + strlen ("|\nmessage|b|"));
      g_assert_cmpstr (cut, ==, "message|a|");
      g_assert_cmpint (stop, ==, PF_SSE_PARSER_LINE_TOO_LONG);
    }
}

/* The data of one event is bounded too, however many lines bring it. */
static void
test_event_limit (void)
{
  Seen seen = { g_string_new (NULL), g_string_new (NULL) };
  g_autoptr (PfSseParser) parser = pf_sse_parser_new (event_cb, retry_cb, &seen);
  g_autofree char *line = g_strdup_printf ("data: %0*d\n", 1000, 0);

  /* Each line adds its value and a LF to the data. */
  for (gsize data = 0; data <= PF_SSE_PARSER_MAX_SIZE; data += 1001)
    pf_sse_parser_feed (parser, line, strlen (line));
  g_assert_cmpint (pf_sse_parser_get_stop (parser), ==, PF_SSE_PARSER_EVENT_TOO_LONG);
  pf_sse_parser_feed (parser, "\n", 1);
  g_assert_cmpstr (seen.events->str, ==, "");
  pf_sse_parser_restart (parser);
  g_assert_cmpint (pf_sse_parser_get_stop (parser), ==, PF_SSE_PARSER_READING);
  pf_sse_parser_feed (parser, "data: c\n\n", strlen ("data: c\n\n"));
  g_assert_cmpstr (seen.events->str, ==, "message|c|");
  g_string_free (seen.events, TRUE);
  g_string_free (seen.retry, TRUE);
}

/* Whether bytes were not UTF-8 is remembered until the next stream, even in a comment. */
static void
test_replaced (void)
{
  Seen seen = { g_string_new (NULL), g_string_new (NULL) };
  g_autoptr (PfSseParser) parser = pf_sse_parser_new (event_cb, retry_cb, &seen);

  pf_sse_parser_feed (parser, "data: caf\xC3\xA9\n\n", 13);
  g_assert_false (pf_sse_parser_get_replaced (parser));
  pf_sse_parser_feed (parser, ": \xFF\n", 4);
  g_assert_true (pf_sse_parser_get_replaced (parser));
  pf_sse_parser_restart (parser);
  g_assert_false (pf_sse_parser_get_replaced (parser));
  g_string_free (seen.events, TRUE);
  g_string_free (seen.retry, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sse-parser/whole", test_whole);
  g_test_add_func ("/sse-parser/byte-by-byte", test_byte_by_byte);
  g_test_add_func ("/sse-parser/random-splits", test_random_splits);
  g_test_add_func ("/sse-parser/restart-keeps-last-event-id", test_restart_keeps_last_event_id);
  g_test_add_func ("/sse-parser/paths-agree", test_paths_agree);
  g_test_add_func ("/sse-parser/empty-read", test_empty_read);
  g_test_add_func ("/sse-parser/limit/line", test_line_limit);
  g_test_add_func ("/sse-parser/limit/event-data", test_event_limit);
  g_test_add_func ("/sse-parser/not-utf8-remembered", test_replaced);

  return g_test_run ();
}
