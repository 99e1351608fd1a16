/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-lab-server"

#include "config.h"

#include <string.h>

#include "pf-lab-endpoints.h"

/* Server push, as the classic examples do it: /events (Server-Sent Events), /stream (a
 * line per interval, like a PHP flush () loop), /poll (long polling: the answer waits
 * until the next message exists). Bodies are fed from timers while the message is paused,
 * so the loop never blocks; /ws (WebSocket echo) is set up in pf-lab-server.c. */

#define MAX_INTERVAL_MS 60000
#define MAX_HOLD_MS     60000

static guint64 poll_messages;

static gboolean
parse_optional (SoupServerMessage *msg,
                GHashTable        *query,
                const char        *name,
                guint64            max,
                guint64            fallback,
                guint64           *value)
{
  const char *text = pf_lab_query (query, name);

  *value = fallback;
  return text == NULL || pf_lab_parse_uint (msg, name, text, max, value);
}

static void
append_text (PfLabFeed  *feed,
             const char *text)
{
  soup_message_body_append (soup_server_message_get_response_body (feed->msg), SOUP_MEMORY_COPY,
                            text, strlen (text));
}

static void
append_event (PfLabFeed *feed,
              GString   *out)
{
  guint64 id = feed->next_id++;

  g_string_append_printf (out, "id: %" G_GUINT64_FORMAT "\n%s%s%s"
                               "data: {\"n\": %" G_GUINT64_FORMAT ", \"text\": "
                               "\"event %" G_GUINT64_FORMAT "\"}\n\n",
                          id, feed->event ? "event: " : "", feed->event ? feed->event : "",
                          feed->event ? "\n" : "", id, id);
  feed->sent++;
}

static gboolean
all_sent (PfLabFeed *feed)
{
  return feed->remaining > 0 && feed->sent >= feed->remaining;
}

/* One event per interval. With interval 0, a burst of events in one chunk, and the next
 * burst each time a chunk has been written: as fast as the client reads, a few chunks ahead
 * at most (the app's own window, reading in the same process, gets its turn). */
static gboolean
event_cb (gpointer user_data)
{
  PfLabFeed *feed = user_data;
  guint burst = feed->interval_ms == 0 ? 256 : 1;
  g_autoptr (GString) out = g_string_new (NULL);

  feed->source_id = 0;
  if (feed->finished || all_sent (feed))
    return G_SOURCE_REMOVE;
  for (guint i = 0; i < burst && !all_sent (feed); i++)
    append_event (feed, out);
  append_text (feed, out->str);
  if (all_sent (feed))
    soup_message_body_complete (soup_server_message_get_response_body (feed->msg));
  else if (feed->interval_ms > 0)
    pf_lab_feed_schedule (feed, feed->interval_ms, event_cb);
  soup_server_message_unpause (feed->msg);
  return G_SOURCE_REMOVE;
}

static void
chunk_written_cb (SoupServerMessage *msg,
                  PfLabFeed         *feed)
{
  event_cb (feed);
}

/* /events: an event stream resuming after Last-Event-ID. */
void
pf_lab_handle_events (SoupServerMessage *msg,
                      const char        *rest,
                      GHashTable        *query)
{
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  const char *last = soup_message_headers_get_one (request, "Last-Event-ID");
  guint64 interval, drop_after, retry, count, first = 1;
  PfLabFeed *feed;

  if (!parse_optional (msg, query, "interval", MAX_INTERVAL_MS, 1000, &interval) ||
      !parse_optional (msg, query, "drop-after", G_MAXUINT32, 0, &drop_after) ||
      !parse_optional (msg, query, "count", G_MAXUINT32, 0, &count) ||
      !parse_optional (msg, query, "retry", G_MAXUINT32, 0, &retry))
    return;
  if (last != NULL && g_ascii_string_to_unsigned (last, 10, 0, G_MAXUINT32, &first, NULL))
    first++;
  else
    first = 1;
  pf_lab_cors_answer (msg, query);
  if (count > 0 && first > count)
    {
      /* Everything was sent: 204 tells an EventSource to stop reconnecting. */
      soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (headers, "text/event-stream", NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  feed = pf_lab_feed_new (msg);
  /* An endless feed: what was sent is not kept. */
  soup_message_body_set_accumulate (soup_server_message_get_response_body (msg), FALSE);
  feed->interval_ms = interval;
  feed->next_id = first;
  feed->event = g_strdup (pf_lab_query (query, "event"));
  feed->remaining = drop_after;
  if (count > 0 && (drop_after == 0 || count - first + 1 < drop_after))
    feed->remaining = count - first + 1;
  if (retry > 0)
    {
      g_autofree char *line = g_strdup_printf ("retry: %" G_GUINT64_FORMAT "\n\n", retry);
      append_text (feed, line);
    }
  append_text (feed, ": Preflight lab event stream\n\n");
  soup_server_message_pause (msg);
  if (interval > 0)
    {
      pf_lab_feed_schedule (feed, interval, event_cb);
      return;
    }
  g_signal_connect (msg, "wrote-chunk", G_CALLBACK (chunk_written_cb), feed);
  event_cb (feed);
}

#define SPLIT_PAUSE_MS 20

static gboolean
line_cb (gpointer user_data)
{
  PfLabFeed *feed = user_data;
  SoupMessageBody *body = soup_server_message_get_response_body (feed->msg);
  g_autofree char *line = g_strdup_printf ("%s %" G_GUINT64_FORMAT "\n",
                                           feed->event ? feed->event : "line", feed->sent + 1);
  gsize split = MIN (feed->next_id, strlen (line));

  feed->source_id = 0;
  /* ?split=N: the first N bytes of the line, then the rest a moment later as its own chunk,
   * even when the cut falls inside a character. */
  if (split > 0 && !feed->finished_half)
    {
      soup_message_body_append (body, SOUP_MEMORY_COPY, line, split);
      feed->finished_half = TRUE;
      pf_lab_feed_schedule (feed, SPLIT_PAUSE_MS, line_cb);
      soup_server_message_unpause (feed->msg);
      return G_SOURCE_REMOVE;
    }
  feed->finished_half = FALSE;
  soup_message_body_append (body, SOUP_MEMORY_COPY, line + split, strlen (line) - split);
  if (++feed->sent >= feed->remaining)
    soup_message_body_complete (body);
  else
    pf_lab_feed_schedule (feed, feed->interval_ms, line_cb);
  soup_server_message_unpause (feed->msg);
  return G_SOURCE_REMOVE;
}

/* /stream?lines=N&interval=MS[&text=T][&split=N]: chunked text/plain, one line "T k" per
 * interval. */
void
pf_lab_handle_stream (SoupServerMessage *msg,
                      const char        *rest,
                      GHashTable        *query)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  guint64 lines, interval;
  PfLabFeed *feed;

  guint64 split;

  if (!parse_optional (msg, query, "lines", 100000, 5, &lines) ||
      !parse_optional (msg, query, "interval", MAX_INTERVAL_MS, 500, &interval) ||
      !parse_optional (msg, query, "split", 1024, 0, &split))
    return;
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (headers, "text/plain; charset=utf-8", NULL);
  soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
  if (lines == 0)
    {
      soup_message_body_complete (soup_server_message_get_response_body (msg));
      return;
    }
  feed = pf_lab_feed_new (msg);
  soup_message_body_set_accumulate (soup_server_message_get_response_body (msg), FALSE);
  feed->remaining = lines;
  feed->interval_ms = interval;
  feed->next_id = split;
  feed->event = g_strdup (pf_lab_query (query, "text"));
  soup_server_message_pause (msg);
  pf_lab_feed_schedule (feed, interval, line_cb);
}

static gboolean
poll_answer_cb (gpointer user_data)
{
  PfLabFeed *feed = user_data;
  guint64 n = ++poll_messages;
  g_autofree char *json = g_strdup_printf ("{\"message\": %" G_GUINT64_FORMAT ", \"text\": "
                                           "\"message %" G_GUINT64_FORMAT "\", \"heldMs\": %u}\n",
                                           n, n, feed->interval_ms);

  feed->source_id = 0;
  pf_lab_respond (feed->msg, SOUP_STATUS_OK, "application/json", json);
  soup_server_message_unpause (feed->msg);
  return G_SOURCE_REMOVE;
}

/* /poll?hold=MS: holds the request until the next message exists, MS later. */
void
pf_lab_handle_poll (SoupServerMessage *msg,
                    const char        *rest,
                    GHashTable        *query)
{
  guint64 hold;
  PfLabFeed *feed;

  if (!parse_optional (msg, query, "hold", MAX_HOLD_MS, 2000, &hold))
    return;
  feed = pf_lab_feed_new (msg);
  feed->interval_ms = hold;
  soup_server_message_pause (msg);
  pf_lab_feed_schedule (feed, hold, poll_answer_cb);
}

static void
ws_message_cb (SoupWebsocketConnection *connection,
               SoupWebsocketDataType    type,
               GBytes                  *message,
               gpointer                 user_data)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (message, &size);

  /* "close" asks the server to close, to show a close code and reason. */
  if (type == SOUP_WEBSOCKET_DATA_TEXT && size == 5 && memcmp (data, "close", 5) == 0)
    {
      soup_websocket_connection_close (connection, 4000, "closed on request");
      return;
    }
  soup_websocket_connection_send_message (connection, type, message);
}

static void
ws_closed_cb (SoupWebsocketConnection *connection,
              gpointer                 user_data)
{
  g_object_unref (connection);
}

const char *const pf_lab_ws_checked_protocols[] = { "chat", "echo", NULL };

/* /ws (and /ws/checked): a WebSocket that echoes every text and binary message; "close" closes
 * with 4000. */
void
pf_lab_websocket_cb (SoupServer              *server,
                     SoupServerMessage       *msg,
                     const char              *path,
                     SoupWebsocketConnection *connection,
                     gpointer                 user_data)
{
  g_object_ref (connection);
  g_signal_connect (connection, "message", G_CALLBACK (ws_message_cb), NULL);
  g_signal_connect (connection, "closed", G_CALLBACK (ws_closed_cb), NULL);
}
