/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-exchange"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pf-exchange-private.h"

/* How a response's framing went wrong, said in words a developer can act on, with the error a
 * browser (Chromium) gives for it. libsoup 3.2 reports some of these tersely ("Connection
 * terminated unexpectedly") and lets others pass in silence: a chunk size that is not
 * hexadecimal ends the body there as if it were 0, and a connection closed short of the
 * Content-Length of a "Connection: close" answer is taken as the body's end. Those are caught
 * here when the body ends, on the network context, where the response stream still is. */

/* libsoup reads no more of a response head than this (HEADER_SIZE_LIMIT in its HTTP/1 I/O);
 * Chromium reads 256 KiB. */
#define LIBSOUP_HEAD_MAX (64 * 1024)

/* A body decoded to more than this, and more than BOMB_RATIO times what came on the wire, is
 * a decompression bomb: no real content compresses that well at that size. */
#define BOMB_MIN (G_GUINT64_CONSTANT (64) << 20)
#define BOMB_RATIO 100

static GError *
framing_error (gint code,
               const char *message)
{
  return g_error_new_literal (G_IO_ERROR, code, message);
}

static guint64
head_bytes (SoupMessage *msg)
{
  SoupMessageMetrics *m = soup_message_get_metrics (msg);

  return m ? soup_message_metrics_get_response_header_bytes_received (m) : 0;
}

static guint64
wire_body_bytes (SoupMessage *msg)
{
  SoupMessageMetrics *m = soup_message_get_metrics (msg);

  return m ? soup_message_metrics_get_response_body_bytes_received (m) : 0;
}

/* Why the send of @msg failed, from its @error (libsoup's): the same domain and code, a
 * clearer message where libsoup's is terse. */
GError *
_pf_exchange_head_error (SoupMessage *msg,
                         const GError *error)
{
  if (g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_PARSING))
    return g_error_new (error->domain, error->code,
                        /* Translators: %s is libsoup's own message */
                        _ ("The response is not HTTP: its status line or one of its header "
                           "lines does not parse, or the connection closed in the middle of one "
                           "(libsoup: %s)"),
                        error->message);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) &&
      head_bytes (msg) > LIBSOUP_HEAD_MAX)
    return framing_error (G_IO_ERROR_PARTIAL_INPUT,
                          _ ("The response head is larger than 64 KiB, all that libsoup reads of "
                             "one (Chromium reads 256 KiB, then fails with "
                             "net::ERR_RESPONSE_HEADERS_TOO_BIG)"));
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) && head_bytes (msg) == 0)
    return framing_error (G_IO_ERROR_PARTIAL_INPUT,
                          _ ("The server closed the connection without sending a response "
                             "(Chromium: net::ERR_EMPTY_RESPONSE)"));
  return g_error_copy (error);
}

/* A response that has no body, whatever its headers say. */
static gboolean
has_no_body (SoupMessage *msg)
{
  guint status = soup_message_get_status (msg);

  return g_str_equal (soup_message_get_method (msg), "HEAD") || status < 200 || status == 204 ||
         status == 304;
}

static gboolean
is_encoded (SoupMessageHeaders *headers)
{
  const char *coding = soup_message_headers_get_one (headers, "Content-Encoding");

  return coding != NULL && g_ascii_strcasecmp (coding, "identity") != 0;
}

static GError *
length_mismatch (SoupMessageHeaders *headers,
                 guint64 received)
{
  g_autofree char *got = g_format_size_full (received, G_FORMAT_SIZE_LONG_FORMAT);
  g_autofree char *promised = g_format_size_full (
      soup_message_headers_get_content_length (headers), G_FORMAT_SIZE_LONG_FORMAT);

  return g_error_new (G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                      /* Translators: two sizes, “after 10 bytes of the 100 bytes that
                       * Content-Length announced” */
                      _ ("The connection closed after %s of the %s that Content-Length "
                         "announced (Chromium: net::ERR_CONTENT_LENGTH_MISMATCH)"),
                      got, promised);
}

/* Why reading the body failed, from libsoup's @error, said as a browser would. */
static GError *
body_error (SoupMessage *msg,
            guint64 received,
            const GError *error)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  SoupEncoding encoding = soup_message_headers_get_encoding (headers);
  g_autofree char *got = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) &&
      encoding == SOUP_ENCODING_CHUNKED)
    {
      got = g_format_size_full (received, G_FORMAT_SIZE_LONG_FORMAT);
      return g_error_new (G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT,
                          /* Translators: %s is a size, “after 10 bytes” */
                          _ ("The connection closed in the middle of a chunk of the chunked body, "
                             "after %s (Chromium: net::ERR_INCOMPLETE_CHUNKED_ENCODING)"),
                          got);
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) &&
      encoding == SOUP_ENCODING_CONTENT_LENGTH && !is_encoded (headers))
    return length_mismatch (headers, received);
  if (error->domain == G_IO_ERROR && error->code == G_IO_ERROR_INVALID_DATA && is_encoded (headers))
    return g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                        /* Translators: a Content-Encoding such as “gzip”, then why */
                        _ ("The body does not decode as its Content-Encoding “%s” says: %s "
                           "(Chromium: net::ERR_CONTENT_DECODING_FAILED)"),
                        soup_message_headers_get_one (headers, "Content-Encoding"),
                        error->message);
  return g_error_copy (error);
}

/* The stream over the connection that @stream (a response's) reads through: libsoup 3.2's
 * body streams are filters (its own, the content decoder's) down to the connection's buffered
 * stream (SoupFilterInputStream), the last filter above the socket. NULL when the body is read
 * otherwise (HTTP/2). */
static GPollableInputStream *
connection_stream (GInputStream *stream)
{
  /* Looked up by name once it exists (libsoup does not export it); a lookup took a lock. */
  static gsize buffered_type;
  GType buffered = (GType) g_atomic_pointer_get (&buffered_type);

  if (buffered == 0)
    {
      buffered = g_type_from_name ("SoupFilterInputStream");
      g_atomic_pointer_set (&buffered_type, buffered);
    }

  while (G_IS_FILTER_INPUT_STREAM (stream))
    {
      GInputStream *base = g_filter_input_stream_get_base_stream (G_FILTER_INPUT_STREAM (stream));

      if (!G_IS_FILTER_INPUT_STREAM (base))
        break;
      stream = base;
    }
  if (buffered == 0 || !g_type_is_a (G_OBJECT_TYPE (stream), buffered) ||
      !G_IS_POLLABLE_INPUT_STREAM (stream))
    return NULL;
  return G_POLLABLE_INPUT_STREAM (stream);
}

/* What the server sent past what libsoup took as the end of the body, already there: read
 * without waiting into @buffer, as libsoup itself looks at an idle connection. */
static gsize
read_leftover (GInputStream *stream,
               guint8 *buffer,
               gsize size)
{
  GPollableInputStream *connection = connection_stream (stream);
  gssize n;

  if (connection == NULL)
    return 0;
  n = g_pollable_input_stream_read_nonblocking (connection, buffer, size, NULL, NULL);
  return MAX (n, 0);
}

/* Whether @data is the rest of a chunked body's trailer section: field lines, then an empty
 * line, and nothing after. libsoup 3.2 ends the body after the first trailer line it reads. */
static gboolean
is_trailer_tail (const char *data,
                 gsize len)
{
  const char *p = data, *end = data + len;

  while (p < end)
    {
      const char *eol = memchr (p, '\n', end - p);
      gsize line = eol ? (gsize) (eol - p) : (gsize) (end - p);

      if (line > 0 && p[line - 1] == '\r')
        line--;
      if (eol == NULL)
        return FALSE;
      if (line == 0)
        return eol + 1 == end;
      if (memchr (p, ':', line) == NULL)
        return FALSE;
      p = eol + 1;
    }
  return FALSE;
}

/* The body of @msg, read from @stream, has ended, after @received bytes, with libsoup's @error
 * or without one. Returns the error to report, NULL when the body is whole; @warning says what
 * was wrong but did not fail it. Runs on the network context, before @stream is let go. */
GError *
_pf_exchange_body_end (SoupMessage *msg,
                       GInputStream *stream,
                       guint64 received,
                       const GError *error,
                       char **warning)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  SoupEncoding encoding = soup_message_headers_get_encoding (headers);
  guint8 leftover[4096];
  gsize extra;

  *warning = NULL;
  if (error != NULL)
    return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
               ? g_error_copy (error)
               : body_error (msg, received, error);
  if (has_no_body (msg))
    return NULL;
  /* A "Connection: close" answer may end short: libsoup takes the close as the end. */
  if (encoding == SOUP_ENCODING_CONTENT_LENGTH &&
      (is_encoded (headers) ? wire_body_bytes (msg) : received) <
          (guint64) soup_message_headers_get_content_length (headers))
    return length_mismatch (headers, received);
  extra = read_leftover (stream, leftover, sizeof leftover);
  if (extra > 0 && encoding == SOUP_ENCODING_CHUNKED &&
      !is_trailer_tail ((const char *) leftover, extra))
    return framing_error (G_IO_ERROR_INVALID_DATA,
                          _ ("The chunked encoding is invalid: a chunk size is not a hexadecimal "
                             "number, or bytes follow the last chunk (Chromium: "
                             "net::ERR_INVALID_CHUNKED_ENCODING)"));
  if (extra > 0 && encoding == SOUP_ENCODING_CONTENT_LENGTH)
    {
      g_autofree char *length = g_format_size_full (
          soup_message_headers_get_content_length (headers), G_FORMAT_SIZE_LONG_FORMAT);

      *warning = g_strdup_printf (
          /* Translators: %s is a size, “10 bytes” */
          _ ("The server sent more than the %s its Content-Length announced: the body is those "
             "bytes, and the rest is dropped, as a browser drops it"),
          length);
    }
  return NULL;
}

/* Whether a body decoded to @received bytes so far is a decompression bomb. */
gboolean
_pf_exchange_is_bomb (SoupMessage *msg,
                      guint64 received)
{
  guint64 wire;

  if (received <= BOMB_MIN || !is_encoded (soup_message_get_response_headers (msg)))
    return FALSE;
  wire = wire_body_bytes (msg);
  return received / BOMB_RATIO > wire;
}

GError *
_pf_exchange_bomb_error (SoupMessage *msg,
                         guint64 received)
{
  g_autofree char *decoded = g_format_size (received);
  g_autofree char *wire = g_format_size (wire_body_bytes (msg));

  return g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                      /* Translators: a Content-Encoding such as “gzip”, then two sizes */
                      _ ("The body is a decompression bomb: its Content-Encoding “%s” decoded "
                         "%s from %s on the wire, more than 100 times as much. Preflight stops "
                         "reading it (a browser goes on until memory runs out)"),
                      soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                    "Content-Encoding"),
                      decoded, wire);
}
