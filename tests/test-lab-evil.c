/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pf-test-lab.h"

/* The lab's /evil/ endpoints, read byte by byte over a plain socket (no HTTP client between the
 * test and the server: most of these answers are not HTTP any client would take), and what
 * the server does with them when it stops. */

typedef struct
{
  PfLabServer *lab;
} Fixture;

static void
fixture_set_up (Fixture *fixture,
                gconstpointer data)
{
  fixture->lab = pf_test_lab_server_start ();
}

static void
fixture_tear_down (Fixture *fixture,
                   gconstpointer data)
{
  pf_test_lab_server_finalize (g_steal_pointer (&fixture->lab));
}

/* A GET of a lab path on a socket of its own, read as the bytes come. */
typedef struct
{
  GSocketConnection *connection;
  GCancellable *cancellable;
  GByteArray *bytes;
  guint8 buffer[64 * 1024];
  gsize limit;  /* reads stop past this many bytes */
  gboolean eof; /* the server closed the connection */
  gboolean reading;
  gint64 first_us;  /* when the first byte came */
  gint64 second_us; /* when the second byte had come */
} Raw;

static void read_more (Raw *raw);

static void
read_cb (GObject *object,
         GAsyncResult *result,
         gpointer user_data)
{
  Raw *raw = user_data;
  g_autoptr (GError) error = NULL;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);
  gint64 now = g_get_monotonic_time ();

  raw->reading = FALSE;
  if (n <= 0)
    {
      raw->eof = TRUE;
      return;
    }
  if (raw->bytes->len == 0)
    raw->first_us = now;
  g_byte_array_append (raw->bytes, raw->buffer, n);
  /* A NUL after the bytes (not counted), so the text so far is a string. */
  g_byte_array_append (raw->bytes, (const guint8 *) "", 1);
  g_byte_array_set_size (raw->bytes, raw->bytes->len - 1);
  if (raw->bytes->len >= 2 && raw->second_us == 0)
    raw->second_us = now;
  if (raw->bytes->len < raw->limit)
    read_more (raw);
}

static void
read_more (Raw *raw)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (raw->connection));

  raw->reading = TRUE;
  g_input_stream_read_async (in, raw->buffer, sizeof raw->buffer, G_PRIORITY_DEFAULT,
                             raw->cancellable, read_cb, raw);
}

/* Reads on until @marker has come (5 s at most). */
static void
read_until (Raw *raw,
            const char *marker)
{
  raw->limit = G_MAXSIZE;
  if (!raw->reading && !raw->eof)
    read_more (raw);
  PF_TEST_WAIT_UNTIL (g_strstr_len ((const char *) raw->bytes->data, raw->bytes->len, marker) !=
                          NULL,
                      5000);
}

/* Sends GET @path (asking the server to close the connection after its answer) and reads the
 * answer until the server closes the connection or @limit bytes have come (10 s at most). */
static void
raw_get (Fixture *fixture,
         const char *path,
         gsize limit,
         Raw *raw)
{
  g_autoptr (GSocketClient) client = g_socket_client_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *request = g_strdup_printf ("GET /%s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                              "Connection: close\r\n\r\n",
                                              path);
  GOutputStream *out;

  raw->bytes = g_byte_array_new ();
  g_byte_array_append (raw->bytes, (const guint8 *) "", 1);
  g_byte_array_set_size (raw->bytes, 0);
  raw->cancellable = g_cancellable_new ();
  raw->limit = limit;
  raw->connection = g_socket_client_connect_to_host (client, "127.0.0.1",
                                                     pf_lab_server_get_port (fixture->lab), NULL,
                                                     &error);
  g_assert_no_error (error);
  out = g_io_stream_get_output_stream (G_IO_STREAM (raw->connection));
  g_output_stream_write_all (out, request, strlen (request), NULL, NULL, &error);
  g_assert_no_error (error);
  read_more (raw);
  PF_TEST_WAIT_UNTIL (raw->eof || raw->bytes->len >= limit, 10000);
}

static void
raw_clear (Raw *raw)
{
  /* A read still under way ends, cancelled, before the buffer goes. */
  g_cancellable_cancel (raw->cancellable);
  PF_TEST_WAIT_UNTIL (!raw->reading, 5000);
  if (raw->connection != NULL)
    g_io_stream_close (G_IO_STREAM (raw->connection), NULL, NULL);
  g_clear_object (&raw->connection);
  g_clear_object (&raw->cancellable);
  g_clear_pointer (&raw->bytes, g_byte_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Raw, raw_clear)

#define ALL G_MAXSIZE

static char *
text_of (Raw *raw)
{
  return g_strndup ((const char *) raw->bytes->data, raw->bytes->len);
}

/* The head, up to the empty line (or all of it when there is none). */
static char *
head_of (Raw *raw)
{
  g_autofree char *text = text_of (raw);
  const char *end = strstr (text, "\r\n\r\n");

  return g_strndup (text, end ? (gsize) (end - text) : strlen (text));
}

/* Whether the head holds @text. */
static gboolean
head_has (Raw *raw,
          const char *text)
{
  g_autofree char *head = head_of (raw);

  return strstr (head, text) != NULL;
}

static const char *
body_of (Raw *raw)
{
  const char *end = g_strstr_len ((const char *) raw->bytes->data, raw->bytes->len, "\r\n\r\n");

  g_assert_nonnull (end);
  return end + 4;
}

static gsize
body_length (Raw *raw)
{
  return raw->bytes->len - (body_of (raw) - (const char *) raw->bytes->data);
}

static void
test_status_line (Fixture *fixture,
                  gconstpointer data)
{
  g_auto (Raw) raw = { 0 };

  raw_get (fixture, "evil/status-line", ALL, &raw);
  g_assert_true (raw.eof);
  g_assert_true (g_str_has_prefix ((const char *) raw.bytes->data, "HTTP/1.1 2OO OK\r\n"));
}

static void
test_huge_header (Fixture *fixture,
                  gconstpointer data)
{
  g_auto (Raw) raw = { 0 };
  g_autofree char *head = NULL;
  const char *value;

  raw_get (fixture, "evil/huge-header", ALL, &raw);
  g_assert_true (raw.eof);
  head = head_of (&raw);
  value = strstr (head, "\r\nX-Evil-Huge: ");
  g_assert_nonnull (value);
  value += strlen ("\r\nX-Evil-Huge: ");
  g_assert_cmpuint (strcspn (value, "\r"), ==, 1024 * 1024);
  g_assert_cmpstr (body_of (&raw), ==, "ok\n");
}

static void
test_many_headers (Fixture *fixture,
                   gconstpointer data)
{
  g_auto (Raw) raw = { 0 };
  g_autofree char *head = NULL;
  guint n = 0;

  raw_get (fixture, "evil/many-headers", ALL, &raw);
  head = head_of (&raw);
  for (const char *p = strstr (head, "\r\nX-Evil-"); p != NULL; p = strstr (p + 1, "\r\nX-Evil-"))
    n++;
  g_assert_cmpuint (n, ==, 100000);
  g_assert_nonnull (strstr (head, "\r\nX-Evil-100000: 100000\r\n"));
}

static void
test_bad_chunk (Fixture *fixture,
                gconstpointer data)
{
  g_auto (Raw) raw = { 0 };
  g_autofree char *head = NULL;

  raw_get (fixture, "evil/bad-chunk", ALL, &raw);
  head = head_of (&raw);
  g_assert_nonnull (strstr (head, "\r\nTransfer-Encoding: chunked"));
  g_assert_cmpstr (body_of (&raw), ==, "zz\r\nhello, world\r\n0\r\n\r\n");
}

static void
test_long_body (Fixture *fixture,
                gconstpointer data)
{
  g_auto (Raw) raw = { 0 };
  g_autofree char *head = NULL;

  raw_get (fixture, "evil/long-body", ALL, &raw);
  head = head_of (&raw);
  g_assert_nonnull (strstr (head, "\r\nContent-Length: 10"));
  g_assert_cmpuint (body_length (&raw), ==, 42);
}

static void
test_short_body (Fixture *fixture,
                 gconstpointer data)
{
  g_auto (Raw) raw = { 0 };
  g_autofree char *head = NULL;

  raw_get (fixture, "evil/short-body", ALL, &raw);
  g_assert_true (raw.eof);
  head = head_of (&raw);
  g_assert_nonnull (strstr (head, "\r\nContent-Length: 100"));
  g_assert_nonnull (strstr (head, "\r\nConnection: close"));
  g_assert_cmpuint (body_length (&raw), ==, 10);
}

static void
test_cut_body (Fixture *fixture,
               gconstpointer data)
{
  g_auto (Raw) raw = { 0 };

  raw_get (fixture, "evil/cut-body", ALL, &raw);
  g_assert_true (raw.eof);
  g_assert_cmpstr (body_of (&raw), ==, "64\r\n0123456789");
}

static void
test_cut_headers (Fixture *fixture,
                  gconstpointer data)
{
  g_auto (Raw) raw = { 0 };
  g_autofree char *text = NULL;

  raw_get (fixture, "evil/cut-headers", ALL, &raw);
  g_assert_true (raw.eof);
  text = text_of (&raw);
  g_assert_null (strstr (text, "\r\n\r\n"));
  g_assert_true (g_str_has_suffix (text, "\r\nX-Evil: the connection is cut in the mid"));
}

/* The whole answer at one byte a second: the second byte a second after the first. */
static void
test_slowloris (Fixture *fixture,
                gconstpointer data)
{
  g_auto (Raw) raw = { 0 };

  raw_get (fixture, "evil/slowloris", 2, &raw);
  g_assert_false (raw.eof);
  g_assert_cmpuint (raw.bytes->len, ==, 2);
  g_assert_cmpmem (raw.bytes->data, 2, "HT", 2);
  g_assert_cmpint (raw.second_us - raw.first_us, >=, 900 * 1000);
}

/* 8 MiB of the endless body: lines of its text, and the connection still open. */
static void
test_endless (Fixture *fixture,
              gconstpointer data)
{
  g_auto (Raw) raw = { 0 };
  const char *line = "This body never ends: the server writes it as you read it.    \n";

  raw_get (fixture, "evil/endless", 8 * 1024 * 1024, &raw);
  g_assert_false (raw.eof);
  g_assert_cmpuint (raw.bytes->len, >=, 8 * 1024 * 1024);
  g_assert_true (head_has (&raw, "\r\nConnection: close"));
  g_assert_true (g_str_has_prefix (body_of (&raw), line));
  g_assert_true (strncmp (body_of (&raw) + 1000 * strlen (line), line, strlen (line)) == 0);
}

/* ?gib=1: a gzip stream whose Content-Length is right, that decodes, CRC-32 and size checked,
 * to 1 GiB of the letter A. */
static void
test_gzip_bomb (Fixture *fixture,
                gconstpointer data)
{
  g_auto (Raw) raw = { 0 };
  g_autoptr (GZlibDecompressor) decompressor = g_zlib_decompressor_new (
      G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autofree guint8 *out = g_malloc (1024 * 1024);
  g_autofree char *length = NULL;
  const guint8 *in;
  gsize left, decoded = 0;
  GConverterResult result;

  raw_get (fixture, "evil/gzip-bomb?gib=1", ALL, &raw);
  g_assert_true (raw.eof);
  length = g_strdup_printf ("\r\nContent-Length: %" G_GSIZE_FORMAT, body_length (&raw));
  g_assert_true (head_has (&raw, "\r\nContent-Encoding: gzip"));
  g_assert_true (head_has (&raw, length));
  g_assert_cmpuint (body_length (&raw), <, 2 * 1024 * 1024);
  in = (const guint8 *) body_of (&raw);
  left = body_length (&raw);
  do
    {
      g_autoptr (GError) error = NULL;
      gsize read = 0, written = 0;

      result = g_converter_convert (G_CONVERTER (decompressor), in, left, out, 1024 * 1024,
                                    G_CONVERTER_INPUT_AT_END, &read, &written, &error);
      g_assert_no_error (error);
      for (gsize i = 0; i < written; i += 4096)
        g_assert_cmpint (out[i], ==, 'A');
      in += read;
      left -= read;
      decoded += written;
    }
  while (result != G_CONVERTER_FINISHED);
  g_assert_cmpuint (decoded, ==, G_GUINT64_CONSTANT (1) << 30);
}

static void
test_bad_utf8 (Fixture *fixture,
               gconstpointer data)
{
  g_auto (Raw) raw = { 0 };
  const char *body;

  raw_get (fixture, "evil/bad-utf8", ALL, &raw);
  g_assert_true (head_has (&raw, "\r\nContent-Type: text/plain; charset=utf-8"));
  body = body_of (&raw);
  g_assert_false (g_utf8_validate_len (body, body_length (&raw), NULL));
  g_assert_nonnull (strstr (body, "caf\xE9 au lait"));
  g_assert_nonnull (strstr (body, "\xFF\xFE"));
}

/* Stays open: after the events, nothing for a while, and no close. */
static void
test_bad_utf8_events (Fixture *fixture,
                      gconstpointer data)
{
  g_auto (Raw) raw = { 0 };
  const char *events = "retry: 60000\n\ndata: caf\xE9 au lait (Latin-1, not UTF-8)\n\n"
                       "data: \xFF\xFE (never in UTF-8)\n\n";
  gsize head_len;

  raw_get (fixture, "evil/bad-utf8-events", 1, &raw);
  read_until (&raw, "(never in UTF-8)\n\n");
  head_len = body_of (&raw) - (const char *) raw.bytes->data;
  g_assert_true (head_has (&raw, "\r\nContent-Type: text/event-stream"));
  g_assert_cmpmem (body_of (&raw), raw.bytes->len - head_len, events, strlen (events));
  for (gint64 until = g_get_monotonic_time () + 300 * 1000; g_get_monotonic_time () < until;)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (raw.eof);
}

/* "data: " and then 4 MiB of x, no line break anywhere. */
static void
test_endless_line (Fixture *fixture,
                   gconstpointer data)
{
  g_auto (Raw) raw = { 0 };
  const char *body;

  raw_get (fixture, "evil/endless-line", 4 * 1024 * 1024, &raw);
  g_assert_false (raw.eof);
  g_assert_true (head_has (&raw, "\r\nContent-Type: text/event-stream"));
  body = body_of (&raw);
  g_assert_true (g_str_has_prefix (body, "data: xxxx"));
  g_assert_null (memchr (body, '\n', body_length (&raw)));
  g_assert_null (memchr (body, '\r', body_length (&raw)));
}

/* Stopped, the server ends the raw answers it is still writing: their clients see the end. */
static void
test_stop_ends_raw_answers (Fixture *fixture,
                            gconstpointer data)
{
  g_auto (Raw) slow = { 0 };
  g_auto (Raw) endless = { 0 };

  raw_get (fixture, "evil/slowloris", 1, &slow);
  raw_get (fixture, "evil/endless", 1024 * 1024, &endless);
  g_assert_false (slow.eof || endless.eof);
  pf_lab_server_stop (fixture->lab);
  /* What the endless answer had written before the stop is still read, then the end. */
  endless.limit = slow.limit = G_MAXSIZE;
  if (!endless.reading && !endless.eof)
    read_more (&endless);
  if (!slow.reading && !slow.eof)
    read_more (&slow);
  PF_TEST_WAIT_UNTIL (slow.eof && endless.eof, 10000);
  g_assert_true (slow.eof && endless.eof);
}

/* Each is on the lab's page. */
static void
test_listed (Fixture *fixture,
             gconstpointer data)
{
  g_auto (Raw) raw = { 0 };
  const char *paths[] = { "/evil/status-line", "/evil/huge-header", "/evil/many-headers",
                          "/evil/bad-chunk", "/evil/long-body", "/evil/short-body",
                          "/evil/cut-body", "/evil/cut-headers", "/evil/slowloris",
                          "/evil/endless", "/evil/gzip-bomb", "/evil/bad-utf8",
                          "/evil/bad-utf8-events", "/evil/endless-line" };
  g_autofree char *page = NULL;

  raw_get (fixture, "", ALL, &raw);
  page = text_of (&raw);
  g_assert_nonnull (strstr (page, "</html>"));
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *link = g_strdup_printf ("<code>%s</code>", paths[i]);

      g_assert_nonnull (strstr (page, link));
    }
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD ("/lab/evil/listed-on-the-page", test_listed);
  ADD ("/lab/evil/status-line-is-not-http", test_status_line);
  ADD ("/lab/evil/huge-header-is-1-mib", test_huge_header);
  ADD ("/lab/evil/many-headers-are-100000", test_many_headers);
  ADD ("/lab/evil/bad-chunk-size-is-zz", test_bad_chunk);
  ADD ("/lab/evil/long-body-passes-content-length", test_long_body);
  ADD ("/lab/evil/short-body-then-close", test_short_body);
  ADD ("/lab/evil/cut-body-mid-chunk", test_cut_body);
  ADD ("/lab/evil/cut-headers-mid-line", test_cut_headers);
  ADD ("/lab/evil/slowloris-a-byte-a-second", test_slowloris);
  ADD ("/lab/evil/endless-body", test_endless);
  ADD ("/lab/evil/gzip-bomb-decodes-to-1-gib", test_gzip_bomb);
  ADD ("/lab/evil/bad-utf8-text", test_bad_utf8);
  ADD ("/lab/evil/bad-utf8-events-stay-open", test_bad_utf8_events);
  ADD ("/lab/evil/endless-line-never-breaks", test_endless_line);
  ADD ("/lab/evil/stop-ends-raw-answers", test_stop_ends_raw_answers);

  return g_test_run ();
}
