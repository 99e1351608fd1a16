/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-lab-server"

#include "config.h"

#include <string.h>

#include "pf-lab-endpoints.h"

/* The lab server's answers that take time or break the rules: delays and slow bodies (the
 * message is paused and fed from timers, never blocking the loop), large bodies fed as the
 * client reads them, and raw bytes on a stolen connection. A client that goes away stops
 * the timers through the message's "finished" signal. */

#define BYTES_CHUNK_SIZE (64 * 1024)
#define MAX_DELAY_MS 60000
#define MAX_BYTES (G_GUINT64_CONSTANT (2) << 30)

typedef PfLabFeed Feed;

/* The feed's timer runs on the main context the lab serves from, the thread-default one:
 * the lab's own thread when it has one (g_timeout_add would use the global default). */
void
pf_lab_feed_schedule (Feed       *feed,
                      guint       ms,
                      GSourceFunc callback)
{
  g_autoptr (GSource) source = g_timeout_source_new (ms);

  g_source_set_callback (source, callback, feed, NULL);
  feed->source_id = g_source_attach (source, g_main_context_get_thread_default ());
}

void
pf_lab_feed_unschedule (Feed *feed)
{
  GSource *source;

  if (feed->source_id == 0)
    return;
  source = g_main_context_find_source_by_id (g_main_context_get_thread_default (),
                                             feed->source_id);
  if (source != NULL)
    g_source_destroy (source);
  feed->source_id = 0;
}

static void
feed_free (Feed *feed)
{
  /* The feed is the message's data, so it does not own the message. */
  pf_lab_feed_unschedule (feed);
  g_free (feed->event);
  g_free (feed);
}

static void
finished_cb (SoupServerMessage *msg,
             Feed              *feed)
{
  feed->finished = TRUE;
  pf_lab_feed_unschedule (feed);
}

/* The feed lives as long as the message: freed with it, whatever ends it. */
PfLabFeed *
pf_lab_feed_new (SoupServerMessage *msg)
{
  Feed *feed = g_new0 (Feed, 1);

  feed->msg = msg;
  g_signal_connect (msg, "finished", G_CALLBACK (finished_cb), feed);
  g_object_set_data_full (G_OBJECT (msg), "pf-lab-feed", feed, (GDestroyNotify) feed_free);
  return feed;
}

static gboolean
delay_done_cb (gpointer user_data)
{
  Feed *feed = user_data;
  g_autofree char *json = g_strdup_printf ("{\"delayMs\": %" G_GUINT64_FORMAT "}\n", feed->sent);

  feed->source_id = 0;
  pf_lab_respond (feed->msg, SOUP_STATUS_OK, "application/json", json);
  soup_server_message_unpause (feed->msg);
  return G_SOURCE_REMOVE;
}

void
pf_lab_handle_delay (SoupServerMessage *msg,
                     const char        *rest,
                     GHashTable        *query)
{
  guint64 ms = 0;
  Feed *feed;

  if (!pf_lab_parse_uint (msg, "Delay", rest, MAX_DELAY_MS, &ms))
    return;
  feed = pf_lab_feed_new (msg);
  feed->sent = ms;
  soup_server_message_pause (msg);
  pf_lab_feed_schedule (feed, ms, delay_done_cb);
}

static const guint8 *
pattern (void)
{
  /* 26 spare bytes: a chunk can start at any letter and still be a whole chunk. */
  static guint8 bytes[BYTES_CHUNK_SIZE + 26];

  if (bytes[0] == 0)
    for (guint i = 0; i < sizeof bytes; i++)
      bytes[i] = 'a' + i % 26;
  return bytes;
}

static gboolean
drip_cb (gpointer user_data)
{
  Feed *feed = user_data;
  SoupMessageBody *body = soup_server_message_get_response_body (feed->msg);

  soup_message_body_append (body, SOUP_MEMORY_STATIC, "*", 1);
  if (--feed->remaining == 0)
    {
      soup_message_body_complete (body);
      feed->source_id = 0;
    }
  else
    pf_lab_feed_schedule (feed, feed->interval_ms, drip_cb);
  soup_server_message_unpause (feed->msg);
  return G_SOURCE_REMOVE;
}

static gboolean
drip_start_cb (gpointer user_data)
{
  Feed *feed = user_data;

  feed->source_id = 0;
  return drip_cb (feed);
}

/* numbytes bytes of "*" spread over duration ms after delay ms, with Content-Length. */
void
pf_lab_handle_drip (SoupServerMessage *msg,
                    const char        *rest,
                    GHashTable        *query)
{
  const char *numbytes = pf_lab_query (query, "numbytes");
  const char *duration = pf_lab_query (query, "duration");
  const char *delay = pf_lab_query (query, "delay");
  const char *code = pf_lab_query (query, "code");
  guint64 n = 10, duration_ms = 2000, delay_ms = 0, status = 200;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  Feed *feed;

  if ((numbytes && !pf_lab_parse_uint (msg, "numbytes", numbytes, 10000, &n)) ||
      (duration && !pf_lab_parse_uint (msg, "duration", duration, MAX_DELAY_MS, &duration_ms)) ||
      (delay && !pf_lab_parse_uint (msg, "delay", delay, MAX_DELAY_MS, &delay_ms)) ||
      (code && !pf_lab_parse_uint (msg, "code", code, 599, &status)))
    return;
  soup_server_message_set_status (msg, status < 200 ? 200 : status, NULL);
  soup_message_headers_set_content_type (headers, "application/octet-stream", NULL);
  soup_message_headers_set_content_length (headers, n);
  soup_message_body_set_accumulate (soup_server_message_get_response_body (msg), FALSE);
  if (n == 0)
    return;
  feed = pf_lab_feed_new (msg);
  feed->remaining = n;
  feed->interval_ms = duration_ms / n;
  soup_server_message_pause (msg);
  pf_lab_feed_schedule (feed, delay_ms, drip_start_cb);
}

/* Keeps one chunk queued ahead of the one being written, so the connection never idles. */
static void
queue_chunk (Feed *feed)
{
  SoupMessageBody *body = soup_server_message_get_response_body (feed->msg);
  gsize len = MIN (feed->remaining, BYTES_CHUNK_SIZE);

  if (feed->remaining == 0)
    {
      soup_message_body_complete (body);
      return;
    }
  /* Each chunk continues the pattern where the last one stopped: byte i is 'a' + i % 26. */
  soup_message_body_append (body, SOUP_MEMORY_STATIC, pattern () + feed->sent % 26, len);
  feed->sent += len;
  feed->remaining -= len;
}

static void
wrote_chunk_cb (SoupServerMessage *msg,
                Feed              *feed)
{
  if (!feed->finished)
    queue_chunk (feed);
}

void
pf_lab_handle_bytes (SoupServerMessage *msg,
                     const char        *rest,
                     GHashTable        *query)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  guint64 n = 0;
  Feed *feed;

  if (!pf_lab_parse_uint (msg, "Byte count", rest, MAX_BYTES, &n))
    return;
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (headers, "application/octet-stream", NULL);
  if (g_strcmp0 (pf_lab_query (query, "chunked"), "1") == 0)
    soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  else
    soup_message_headers_set_content_length (headers, n);
  soup_message_body_set_accumulate (soup_server_message_get_response_body (msg), FALSE);
  feed = pf_lab_feed_new (msg);
  feed->remaining = n;
  g_signal_connect (msg, "wrote-chunk", G_CALLBACK (wrote_chunk_cb), feed);
  queue_chunk (feed);
  queue_chunk (feed);
}

static void
raw_written_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (GIOStream) stream = user_data;

  g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, NULL);
  g_io_stream_close_async (stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
}

/* Takes the connection away from libsoup and writes @text as it is, then closes. */
static void
answer_raw (SoupServerMessage *msg,
            const char        *text)
{
  GIOStream *stream = soup_server_message_steal_connection (msg);

  g_output_stream_write_all_async (g_io_stream_get_output_stream (stream), text, strlen (text),
                                   G_PRIORITY_DEFAULT, NULL, raw_written_cb, stream);
}

void
pf_lab_handle_cut (SoupServerMessage *msg,
                   const char        *rest,
                   GHashTable        *query)
{
  answer_raw (msg, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n"
                   "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n\r\n0123456789");
}

void
pf_lab_handle_garbage (SoupServerMessage *msg,
                       const char        *rest,
                       GHashTable        *query)
{
  answer_raw (msg, "this is not HTTP\r\n\r\n");
}
