/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "pf-event-source.h"
#include "pf-exchange.h"
#include "pf-long-poll.h"
#include "pf-test-lab.h"
#include "pf-web-socket.h"

/* Server push against the lab server over loopback: EventSource (open, messages, reconnect
 * with Last-Event-ID, failing), long polling (cycles, back-off), WebSocket (echo, close
 * codes, pongs) and HTTP streaming chunks. */

typedef PfTestLab Fixture;

/* Short names for what the cases use most. */
static char *
lab_url (Fixture    *fixture,
         const char *path)
{
  return pf_test_lab_url (fixture->lab, path);
}

/* A macro, so that a failure names the condition ("source_closed (source)"). */
#define iterate_until(done, data) PF_TEST_WAIT_UNTIL (done (data), 10000)

static gboolean
source_closed (gpointer data)
{
  return pf_event_source_get_ready_state (data) == PF_EVENT_SOURCE_CLOSED;
}

/* "open message:1:1 message:2:2 error:0 reconnect:50 open …": kind, then id and readyState. */
static char *
source_story (PfEventSource *source)
{
  GListModel *entries = pf_event_source_get_entries (source);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr (PfEventSourceEntry) entry = g_list_model_get_item (entries, i);

      if (out->len > 0)
        g_string_append_c (out, ' ');
      switch (pf_event_source_entry_get_kind (entry))
        {
        case PF_EVENT_SOURCE_ENTRY_OPEN:
          g_string_append_printf (out, "open%u", pf_event_source_entry_get_connection (entry));
          break;
        case PF_EVENT_SOURCE_ENTRY_MESSAGE:
          g_string_append_printf (out, "%s:%s", pf_event_source_entry_get_event_type (entry),
                                  pf_event_source_entry_get_last_event_id (entry));
          break;
        case PF_EVENT_SOURCE_ENTRY_ERROR:
          g_string_append_printf (out, "error:%d", pf_event_source_entry_get_ready_state (entry));
          break;
        case PF_EVENT_SOURCE_ENTRY_RECONNECT:
        default:
          g_string_append_printf (out, "reconnect:%" G_GUINT64_FORMAT,
                                  pf_event_source_entry_get_delay_ms (entry));
          break;
        }
    }
  return g_string_free (out, FALSE);
}

/* Closes the source at its second error, so a test sees one reconnect. */
static void
close_at_second_error_cb (PfEventSource      *source,
                          PfEventSourceEntry *entry,
                          guint              *errors)
{
  if (pf_event_source_entry_get_kind (entry) == PF_EVENT_SOURCE_ENTRY_ERROR && ++*errors == 2)
    pf_event_source_close (source);
}

static void
test_event_source_reconnects (Fixture      *fixture,
                              gconstpointer data)
{
  g_autofree char *url = lab_url (fixture, "events?interval=20&retry=150&drop-after=2&event=tick");
  g_autoptr (PfEventSource) source = pf_event_source_new (fixture->profile, url, NULL);
  g_autofree char *story = NULL;
  g_autoptr (PfEventSourceEntry) message = NULL;
  guint errors = 0;
  gsize len = 0;

  g_signal_connect (source, "entry-added", G_CALLBACK (close_at_second_error_cb), &errors);
  pf_event_source_connect (source);
  iterate_until (source_closed, source);
  story = source_story (source);
  /* The stream ends after two events; the source waits retry ms and resumes after id 2. */
  g_assert_cmpstr (story, ==, "open1 tick:1 tick:2 error:0 reconnect:150 open2 tick:3 tick:4 error:0");
  g_assert_cmpuint (pf_event_source_get_retry_ms (source), ==, 150);
  g_assert_cmpstr (pf_event_source_get_last_event_id (source), ==, "4");
  message = g_list_model_get_item (pf_event_source_get_entries (source), 1);
  g_assert_cmpstr (pf_event_source_entry_get_data (message, &len), ==, "{\"n\": 1, \"text\": \"event 1\"}");
  g_assert_cmpuint (len, ==, strlen ("{\"n\": 1, \"text\": \"event 1\"}"));
}

static void
test_event_source_last_event_id (Fixture      *fixture,
                                 gconstpointer data)
{
  g_autofree char *url = lab_url (fixture, "events?interval=10&count=12");
  g_autoptr (PfEventSource) source = pf_event_source_new (fixture->profile, url, NULL);
  g_autofree char *story = NULL;

  pf_event_source_set_last_event_id (source, "10");
  pf_event_source_connect (source);
  iterate_until (source_closed, source);
  story = source_story (source);
  /* The lab resumes after 10; when everything was sent it answers 204, which fails the
   * connection: CLOSED, no retry. */
  g_assert_cmpstr (story, ==, "open1 message:11 message:12 error:0 reconnect:3000 error:2");
}

static void
test_event_source_fails (Fixture      *fixture,
                         gconstpointer data)
{
  const char *paths[] = { "status/404", "example.txt", "status/204" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *url = lab_url (fixture, paths[i]);
      g_autoptr (PfEventSource) source = pf_event_source_new (fixture->profile, url, NULL);
      g_autoptr (PfEventSourceEntry) error = NULL;

      pf_event_source_connect (source);
      iterate_until (source_closed, source);
      g_assert_cmpuint (g_list_model_get_n_items (pf_event_source_get_entries (source)), ==, 1);
      error = g_list_model_get_item (pf_event_source_get_entries (source), 0);
      g_assert_cmpint (pf_event_source_entry_get_kind (error), ==, PF_EVENT_SOURCE_ENTRY_ERROR);
      g_assert_cmpint (pf_event_source_entry_get_ready_state (error), ==, PF_EVENT_SOURCE_CLOSED);
      g_assert_nonnull (pf_event_source_entry_get_detail (error));
    }
}

static void
test_event_source_bad_url (Fixture      *fixture,
                           gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  g_assert_null (pf_event_source_new (fixture->profile, "ftp://x", &error));
  g_assert_nonnull (error);
}

static gboolean
has_entries (gpointer data)
{
  return pf_event_source_get_dropped (data) >= 5;
}

static void
test_event_source_bounded (Fixture      *fixture,
                           gconstpointer data)
{
  g_autofree char *url = lab_url (fixture, "events?interval=0");
  g_autoptr (PfEventSource) source = pf_event_source_new (fixture->profile, url, NULL);

  pf_event_source_set_max_entries (source, 3);
  pf_event_source_connect (source);
  iterate_until (has_entries, source);
  pf_event_source_close (source);
  g_assert_cmpuint (g_list_model_get_n_items (pf_event_source_get_entries (source)), ==, 3);
  g_assert_cmpint (pf_event_source_get_ready_state (source), ==, PF_EVENT_SOURCE_CLOSED);
}

static gboolean
hundred_entries (gpointer data)
{
  return g_list_model_get_n_items (pf_event_source_get_entries (data)) >= 100;
}

static gboolean
dropped_thousand (gpointer data)
{
  return pf_event_source_get_dropped (data) >= 1000;
}

static void
count_cb (PfEventSource      *source,
          PfEventSourceEntry *entry,
          guint              *count)
{
  (*count)++;
}

/* The lab's /events data for event @id. */
static char *
lab_data (const char *id)
{
  return g_strdup_printf ("{\"n\": %s, \"text\": \"event %s\"}", id, id);
}

/* Held (a paused view), the list holds still while the flood goes on, dropping the oldest
 * waiting entries past the maximum; let go, it shows the newest, whole and in order; each
 * entry handed out stays valid after the list lets go of it. */
static void
test_event_source_hold_and_clear (Fixture      *fixture,
                                  gconstpointer data)
{
  g_autofree char *url = lab_url (fixture, "events?interval=0");
  g_autoptr (PfEventSource) source = pf_event_source_new (fixture->profile, url, NULL);
  GListModel *entries = pf_event_source_get_entries (source);
  g_autoptr (PfEventSourceEntry) first = NULL;
  g_autofree char *first_data = NULL;
  guint opens = 0, held, last = 0;

  g_signal_connect (source, "entry-added::open", G_CALLBACK (count_cb), &opens);
  pf_event_source_set_max_entries (source, 500);
  pf_event_source_connect (source);
  iterate_until (hundred_entries, source);
  first = g_list_model_get_item (entries, 1);
  first_data = lab_data (pf_event_source_entry_get_last_event_id (first));
  pf_event_source_hold_entries (source, TRUE);
  held = g_list_model_get_n_items (entries);
  iterate_until (dropped_thousand, source);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, held);
  pf_event_source_hold_entries (source, FALSE);
  pf_event_source_close (source);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 500);
  for (guint i = 0; i < 500; i++)
    {
      g_autoptr (PfEventSourceEntry) entry = g_list_model_get_item (entries, i);
      const char *id = pf_event_source_entry_get_last_event_id (entry);
      g_autofree char *expected = lab_data (id);
      guint n = (guint) g_ascii_strtoull (id, NULL, 10);

      g_assert_cmpint (pf_event_source_entry_get_kind (entry), ==, PF_EVENT_SOURCE_ENTRY_MESSAGE);
      g_assert_cmpstr (pf_event_source_entry_get_event_type (entry), ==, "message");
      g_assert_cmpstr (pf_event_source_entry_get_data (entry, NULL), ==, expected);
      g_assert_true (last == 0 || n == last + 1);
      last = n;
    }
  /* Only the open came to the "open" handler, no message. */
  g_assert_cmpuint (opens, ==, 1);
  pf_event_source_clear_entries (source);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 0);
  g_assert_cmpstr (pf_event_source_entry_get_data (first, NULL), ==, first_data);
}

static gboolean
three_cycles (gpointer data)
{
  return g_list_model_get_n_items (pf_long_poll_get_cycles (data)) >= 3;
}

static void
test_long_poll_cycles (Fixture      *fixture,
                       gconstpointer data)
{
  g_autofree char *url = lab_url (fixture, "poll?hold=100");
  g_autoptr (PfLongPoll) poll = pf_long_poll_new (fixture->profile, url, NULL);
  GListModel *cycles = pf_long_poll_get_cycles (poll);

  pf_long_poll_start (poll);
  iterate_until (three_cycles, poll);
  pf_long_poll_stop (poll);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (PfLongPollCycle) cycle = g_list_model_get_item (cycles, i);

      g_assert_cmpuint (pf_long_poll_cycle_get_number (cycle), ==, i + 1);
      g_assert_cmpuint (pf_long_poll_cycle_get_status (cycle), ==, 200);
      /* The server held each request about 100 ms, and the next one left at once. */
      g_assert_cmpint (pf_long_poll_cycle_get_held_us (cycle), >=, 90000);
      g_assert_cmpuint (pf_long_poll_cycle_get_next_delay_ms (cycle), ==, 0);
      g_assert_nonnull (strstr (pf_long_poll_cycle_get_text (cycle), "\"heldMs\": 100"));
    }
  g_assert_false (pf_long_poll_get_running (poll));
}

static gboolean
two_cycles (gpointer data)
{
  return g_list_model_get_n_items (pf_long_poll_get_cycles (data)) >= 2;
}

static void
test_long_poll_backs_off (Fixture      *fixture,
                          gconstpointer data)
{
  g_autofree char *url = lab_url (fixture, "status/503");
  g_autoptr (PfLongPoll) poll = pf_long_poll_new (fixture->profile, url, NULL);
  g_autoptr (PfLongPollCycle) first = NULL;
  g_autoptr (PfLongPollCycle) second = NULL;

  pf_long_poll_start (poll);
  iterate_until (two_cycles, poll);
  pf_long_poll_stop (poll);
  first = g_list_model_get_item (pf_long_poll_get_cycles (poll), 0);
  second = g_list_model_get_item (pf_long_poll_get_cycles (poll), 1);
  g_assert_nonnull (pf_long_poll_cycle_get_error (first));
  g_assert_cmpuint (pf_long_poll_cycle_get_next_delay_ms (first), ==, 1000);
  g_assert_cmpuint (pf_long_poll_cycle_get_next_delay_ms (second), ==, 2000);
  g_assert_cmpint (pf_long_poll_cycle_get_start_us (second) - pf_long_poll_cycle_get_start_us (first), >=,
                   1000 * 1000);
}

static gboolean
socket_closed (gpointer data)
{
  return pf_web_socket_get_state (data) == PF_WEB_SOCKET_CLOSED;
}

static gboolean
socket_open (gpointer data)
{
  return pf_web_socket_get_state (data) != PF_WEB_SOCKET_CONNECTING;
}

static guint
count_frames (PfWebSocket         *socket,
              PfWebSocketFrameKind kind,
              gboolean             sent)
{
  GListModel *frames = pf_web_socket_get_frames (socket);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (frames); i++)
    {
      g_autoptr (PfWebSocketFrame) frame = g_list_model_get_item (frames, i);
      n += pf_web_socket_frame_get_kind (frame) == kind && pf_web_socket_frame_get_sent (frame) == sent;
    }
  return n;
}

static gboolean
echoed (gpointer data)
{
  return count_frames (data, PF_WEB_SOCKET_FRAME_TEXT, FALSE) == 1 &&
         count_frames (data, PF_WEB_SOCKET_FRAME_BINARY, FALSE) == 1;
}

static void
test_web_socket_echo (Fixture      *fixture,
                      gconstpointer data)
{
  g_autofree char *base = lab_url (fixture, "ws");
  g_autofree char *url = g_strconcat ("ws", base + 4, NULL);
  g_autoptr (PfWebSocket) socket = pf_web_socket_new (fixture->profile, url, NULL);
  g_autoptr (GBytes) binary = g_bytes_new_static ("\0\1\2", 3);
  g_autoptr (PfWebSocketFrame) last = NULL;
  GListModel *frames = pf_web_socket_get_frames (socket);

  pf_web_socket_connect (socket);
  iterate_until (socket_open, socket);
  g_assert_true (pf_web_socket_send_text (socket, "héllo"));
  g_assert_true (pf_web_socket_send_binary (socket, binary));
  iterate_until (echoed, socket);
  pf_web_socket_close (socket, 1000, "bye");
  iterate_until (socket_closed, socket);
  last = g_list_model_get_item (frames, g_list_model_get_n_items (frames) - 1);
  g_assert_cmpint (pf_web_socket_frame_get_kind (last), ==, PF_WEB_SOCKET_FRAME_CLOSE);
  g_assert_cmpuint (pf_web_socket_frame_get_code (last), ==, 1000);
  g_assert_cmpuint (count_frames (socket, PF_WEB_SOCKET_FRAME_CLOSE, TRUE), ==, 1);
  g_assert_false (pf_web_socket_send_text (socket, "too late"));
}

static void
test_web_socket_server_close (Fixture      *fixture,
                              gconstpointer data)
{
  g_autofree char *url = lab_url (fixture, "ws");
  g_autoptr (PfWebSocket) socket = pf_web_socket_new (fixture->profile, url, NULL);
  g_autoptr (PfWebSocketFrame) last = NULL;
  GListModel *frames = pf_web_socket_get_frames (socket);

  pf_web_socket_connect (socket);
  iterate_until (socket_open, socket);
  pf_web_socket_send_text (socket, "close");
  iterate_until (socket_closed, socket);
  last = g_list_model_get_item (frames, g_list_model_get_n_items (frames) - 1);
  g_assert_cmpuint (pf_web_socket_frame_get_code (last), ==, 4000);
  g_assert_cmpstr (pf_web_socket_frame_get_text (last), ==, "closed on request");
}

static gboolean
ponged (gpointer data)
{
  return count_frames (data, PF_WEB_SOCKET_FRAME_PONG, FALSE) >= 1;
}

static void
test_web_socket_ping_pong (Fixture      *fixture,
                           gconstpointer data)
{
  g_autofree char *url = lab_url (fixture, "ws");
  g_autoptr (PfWebSocket) socket = pf_web_socket_new (fixture->profile, url, NULL);

  pf_web_socket_set_ping_interval (socket, 1);
  pf_web_socket_connect (socket);
  iterate_until (ponged, socket);
  pf_web_socket_close (socket, 1000, NULL);
  iterate_until (socket_closed, socket);
}

static void
test_web_socket_refused (Fixture      *fixture,
                         gconstpointer data)
{
  g_autofree char *url = lab_url (fixture, "example.txt");
  g_autoptr (PfWebSocket) socket = pf_web_socket_new (fixture->profile, url, NULL);
  g_autoptr (GError) error = NULL;

  pf_web_socket_connect (socket);
  iterate_until (socket_closed, socket);
  g_assert_cmpuint (count_frames (socket, PF_WEB_SOCKET_FRAME_ERROR, FALSE), ==, 1);
  g_assert_null (pf_web_socket_new (fixture->profile, "mailto:x@y", &error));
  g_assert_nonnull (error);
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(gboolean *) user_data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

/* The chunk texts of @path, joined by "|". */
static char *
chunk_texts (Fixture    *fixture,
             const char *path)
{
  g_autofree char *url = lab_url (fixture, path);
  g_autoptr (PfRequest) request = pf_request_new ();
  g_autoptr (PfExchange) exchange = NULL;
  GString *out = g_string_new (NULL);
  gboolean done = FALSE;
  GListModel *timeline;

  pf_request_set_url (request, url);
  exchange = pf_exchange_new (fixture->profile, request);
  pf_exchange_send_async (exchange, NULL, sent_cb, &done);
  iterate_until (is_true, &done);
  timeline = pf_exchange_get_timeline (exchange);
  for (guint i = 0; i < g_list_model_get_n_items (timeline); i++)
    {
      g_autoptr (PfTimelineEntry) entry = g_list_model_get_item (timeline, i);

      if (pf_timeline_entry_get_kind (entry) == PF_TIMELINE_CHUNK)
        g_string_append_printf (out, "%s%s", out->len ? "|" : "", pf_timeline_entry_get_detail (entry));
    }
  return g_string_free (out, FALSE);
}

static void
test_streaming_chunks (Fixture      *fixture,
                       gconstpointer data)
{
  g_autofree char *lines = chunk_texts (fixture, "stream?lines=3&interval=30");
  char *split;

  g_assert_cmpstr (lines, ==, "line 1\n|line 2\n|line 3\n");
  /* "é" is two bytes. Cut after its first byte, the chunk shows nothing and the next chunk
   * brings the whole character (the first line may arrive in one read with the headers). */
  split = chunk_texts (fixture, "stream?lines=2&interval=30&text=%C3%A9t%C3%A9&split=1");
  g_assert_true (g_str_has_suffix (split, "été 1\n||été 2\n"));
  g_free (split);
  /* Cut after "é": the whole character comes with the first part. */
  split = chunk_texts (fixture, "stream?lines=2&interval=30&text=%C3%A9t%C3%A9&split=2");
  g_assert_true (g_str_has_suffix (split, "té 1\n|é|té 2\n"));
  g_free (split);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, pf_test_lab_set_up, func, pf_test_lab_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD ("/push/event-source/reconnects-with-last-event-id", test_event_source_reconnects);
  ADD ("/push/event-source/starts-after-last-event-id", test_event_source_last_event_id);
  ADD ("/push/event-source/fails-on-status-and-type", test_event_source_fails);
  ADD ("/push/event-source/bad-url", test_event_source_bad_url);
  ADD ("/push/event-source/bounded", test_event_source_bounded);
  ADD ("/push/event-source/hold-and-clear", test_event_source_hold_and_clear);
  ADD ("/push/long-poll/cycles", test_long_poll_cycles);
  ADD ("/push/long-poll/backs-off", test_long_poll_backs_off);
  ADD ("/push/web-socket/echo", test_web_socket_echo);
  ADD ("/push/web-socket/server-close", test_web_socket_server_close);
  ADD ("/push/web-socket/ping-pong", test_web_socket_ping_pong);
  ADD ("/push/web-socket/refused", test_web_socket_refused);
  ADD ("/push/streaming/chunks", test_streaming_chunks);

  return g_test_run ();
}
