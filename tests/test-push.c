/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "pf-event-source.h"
#include "pf-exchange.h"
#include "pf-feed-list.h"
#include "pf-feed.h"
#include "pf-long-poll.h"
#include "pf-poll-comparison.h"
#include "pf-request-error.h"
#include "pf-stream-feed.h"
#include "pf-test-lab.h"
#include "pf-web-socket.h"

/* Server push against the lab server over loopback: EventSource (open, messages, reconnect
 * with Last-Event-ID, failing), long polling (cycles, back-off), WebSocket (echo, close
 * codes, pongs) and HTTP streaming chunks; each of them through PfFeed, as a feed tab drives
 * it; the names core gives their states and kinds. */

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
        case PF_EVENT_SOURCE_ENTRY_NOTE:
          g_string_append (out, "note");
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
  g_assert_cmpstr (story, ==,
                   "open1 tick:1 tick:2 error:0 reconnect:150 open2 tick:3 tick:4 error:0");
  g_assert_cmpuint (pf_event_source_get_retry_ms (source), ==, 150);
  g_assert_cmpstr (pf_event_source_get_last_event_id (source), ==, "4");
  message = g_list_model_get_item (pf_event_source_get_entries (source), 1);
  g_assert_cmpstr (pf_event_source_entry_get_data (message, &len), ==,
                   "{\"n\": 1, \"text\": \"event 1\"}");
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

/* An event stream that never breaks its line: the connection fails (CLOSED, no retry: the
 * same stream would come again) once the line passes 16 MiB, and says why. */
static void
test_event_source_endless_line (Fixture *fixture,
                                gconstpointer data)
{
  g_autofree char *url = lab_url (fixture, "evil/endless-line");
  g_autoptr (PfEventSource) source = pf_event_source_new (fixture->profile, url, NULL);
  g_autoptr (PfEventSourceEntry) error = NULL;
  g_autofree char *story = NULL;

  pf_event_source_connect (source);
  iterate_until (source_closed, source);
  story = source_story (source);
  g_assert_cmpstr (story, ==, "open1 error:2");
  error = g_list_model_get_item (pf_event_source_get_entries (source), 1);
  g_assert_cmpstr (pf_event_source_entry_get_detail (error), ==,
                   "The stream sent a line longer than 16 MiB without a line break: Preflight "
                   "closes the connection rather than hold the line in memory (a browser keeps "
                   "reading until memory runs out)");
}

static void
close_at_second_message_cb (PfEventSource *source,
                            PfEventSourceEntry *entry,
                            guint *messages)
{
  if (++*messages == 2)
    pf_event_source_close (source);
}

/* Bytes that are not UTF-8 become U+FFFD, and a note says so once, before the first message
 * that holds them: no event fires for it in a browser. */
static void
test_event_source_not_utf8 (Fixture *fixture,
                            gconstpointer data)
{
  g_autofree char *url = lab_url (fixture, "evil/bad-utf8-events");
  g_autoptr (PfEventSource) source = pf_event_source_new (fixture->profile, url, NULL);
  GListModel *entries = pf_event_source_get_entries (source);
  g_autoptr (PfEventSourceEntry) note = NULL;
  g_autoptr (PfEventSourceEntry) first = NULL;
  g_autoptr (PfEventSourceEntry) second = NULL;
  g_autofree char *story = NULL;
  guint messages = 0;

  g_signal_connect (source, "entry-added::message", G_CALLBACK (close_at_second_message_cb),
                    &messages);
  pf_event_source_connect (source);
  iterate_until (source_closed, source);
  story = source_story (source);
  g_assert_cmpstr (story, ==, "open1 note message: message:");
  note = g_list_model_get_item (entries, 1);
  g_assert_cmpstr (pf_event_source_entry_get_detail (note), ==,
                   "The stream holds bytes that are not UTF-8: each invalid sequence became "
                   "U+FFFD (\xef\xbf\xbd), as a browser decodes it, and no event says so");
  first = g_list_model_get_item (entries, 2);
  second = g_list_model_get_item (entries, 3);
  g_assert_cmpstr (pf_event_source_entry_get_data (first, NULL), ==,
                   "caf\xef\xbf\xbd au lait (Latin-1, not UTF-8)");
  g_assert_cmpstr (pf_event_source_entry_get_data (second, NULL), ==,
                   "\xef\xbf\xbd\xef\xbf\xbd (never in UTF-8)");
  g_assert_cmpstr (pf_event_source_entry_kind_get_name (PF_EVENT_SOURCE_ENTRY_NOTE), ==, "note");
}

static void
test_event_source_bad_url (Fixture      *fixture,
                           gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  g_assert_null (pf_event_source_new (fixture->profile, "ftp://x", &error));
  g_assert_nonnull (error);
}

/* The request headers /cors-log holds for case @id, as one "Name: value\n" text. */
static char *
logged_request (Fixture    *fixture,
                const char *id)
{
  g_autofree char *path = g_strconcat ("cors-log?case=", id, NULL);
  g_autofree char *url = lab_url (fixture, path);
  g_autoptr (PfRequest) request = pf_request_new ();
  g_autoptr (PfExchange) exchange = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  GString *out = g_string_new (NULL);
  JsonArray *headers;

  pf_request_set_url (request, url);
  exchange = pf_exchange_new (fixture->profile, request);
  g_assert_true (pf_test_lab_run_exchange (exchange, NULL));
  body = pf_exchange_dup_body_bytes (exchange);
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                             g_bytes_get_size (body), NULL));
  headers = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                          "request");
  for (guint i = 0; i < json_array_get_length (headers); i++)
    {
      JsonArray *pair = json_array_get_array_element (headers, i);

      g_string_append_printf (out, "%s: %s\n", json_array_get_string_element (pair, 0),
                              json_array_get_string_element (pair, 1));
    }
  return g_string_free (out, FALSE);
}

static void
close_at_first_error_cb (PfEventSource      *source,
                         PfEventSourceEntry *entry,
                         gpointer            data)
{
  if (pf_event_source_entry_get_kind (entry) == PF_EVENT_SOURCE_ENTRY_ERROR)
    pf_event_source_close (source);
}

/* Runs /events?interval=0&count=2&QUERY&case=ID as a page at @origin would, with a cookie in
 * the jar; returns the story and sets what the lab received. */
static char *
run_cors_source (Fixture    *fixture,
                 const char *origin,
                 gboolean    with_credentials,
                 const char *query,
                 const char *id,
                 char      **received,
                 char      **rule)
{
  g_autofree char *path = g_strdup_printf ("events?interval=0&count=2&%s&case=%s", query, id);
  g_autofree char *url = lab_url (fixture, path);
  g_autoptr (PfEventSource) source = pf_event_source_new (fixture->profile, url, NULL);
  GListModel *entries = pf_event_source_get_entries (source);
  g_autoptr (PfEventSourceEntry) last = NULL;

  soup_cookie_jar_add_cookie (pf_profile_get_cookie_jar (fixture->profile),
                              soup_cookie_new ("pf_es", "1", "127.0.0.1", "/", -1));
  g_assert_true (pf_event_source_set_origin (source, origin, with_credentials, NULL));
  g_signal_connect (source, "entry-added", G_CALLBACK (close_at_first_error_cb), NULL);
  pf_event_source_connect (source);
  iterate_until (source_closed, source);
  last = g_list_model_get_item (entries, g_list_model_get_n_items (entries) - 1);
  *rule = g_strdup (pf_event_source_entry_get_cors_rule (last));
  *received = logged_request (fixture, id);
  return source_story (source);
}

static void
test_event_source_cors_allowed (Fixture      *fixture,
                                gconstpointer data)
{
  g_autofree char *received = NULL, *rule = NULL;
  g_autofree char *story = run_cors_source (fixture, "http://page.example", FALSE,
                                            "allow-origin=*", "es-star", &received, &rule);

  g_assert_cmpstr (story, ==, "open1 message:1 message:2 error:0");
  g_assert_null (rule);
  /* Cross-origin: Origin goes, and without withCredentials the cookie does not. */
  g_assert_nonnull (strstr (received, "Origin: http://page.example\n"));
  g_assert_null (strstr (received, "pf_es=1"));
}

static void
test_event_source_cors_credentials (Fixture      *fixture,
                                    gconstpointer data)
{
  g_autofree char *received = NULL, *rule = NULL;
  g_autofree char *story = run_cors_source (fixture, "http://page.example", TRUE,
                                            "allow-origin=echo&allow-credentials=true",
                                            "es-credentials", &received, &rule);

  g_assert_cmpstr (story, ==, "open1 message:1 message:2 error:0");
  g_assert_nonnull (strstr (received, "Origin: http://page.example\n"));
  g_assert_nonnull (strstr (received, "Cookie: pf_es=1\n"));
}

static void
test_event_source_cors_same_origin (Fixture      *fixture,
                                    gconstpointer data)
{
  const char *base = pf_lab_server_get_base_url (fixture->lab);
  g_autofree char *origin = g_strndup (base, strlen (base) - 1);
  g_autofree char *received = NULL, *rule = NULL;
  g_autofree char *story = run_cors_source (fixture, origin, FALSE, "x=1", "es-same",
                                            &received, &rule);

  /* No CORS check, no Origin on a same-origin GET, and cookies as always. */
  g_assert_cmpstr (story, ==, "open1 message:1 message:2 error:0");
  g_assert_null (strstr (received, "Origin:"));
  g_assert_nonnull (strstr (received, "Cookie: pf_es=1\n"));
}

/* A failed CORS check fails the connection as Chromium does: CLOSED, one error, no retry. */
static void
test_event_source_cors_blocked (Fixture      *fixture,
                                gconstpointer data)
{
  static const struct
  {
    const char *query;
    gboolean with_credentials;
    const char *rule;
  } cases[] = {
    { "x=1", FALSE, "allow-origin-missing" },
    { "allow-origin=http%3A%2F%2Fother.example", FALSE, "allow-origin-mismatch" },
    { "allow-origin=*&allow-credentials=true", TRUE, "allow-origin-wildcard" },
    { "allow-origin=echo", TRUE, "allow-credentials" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = g_strdup_printf ("es-blocked-%u", i);
      g_autofree char *received = NULL, *rule = NULL;
      g_autofree char *story = run_cors_source (fixture, "http://page.example",
                                                cases[i].with_credentials, cases[i].query, id,
                                                &received, &rule);

      g_assert_cmpstr (story, ==, "error:2");
      g_assert_cmpstr (rule, ==, cases[i].rule);
      g_assert_nonnull (strstr (received, "Origin: http://page.example\n"));
    }
}

static void
test_event_source_cors_verdict (Fixture      *fixture,
                                gconstpointer data)
{
  g_autofree char *url = lab_url (fixture, "events?interval=0&count=1");
  g_autoptr (PfEventSource) source = pf_event_source_new (fixture->profile, url, NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *state = NULL;

  g_assert_false (pf_event_source_set_origin (source, "not an origin", FALSE, &error));
  g_assert_error (error, PF_REQUEST_ERROR, PF_REQUEST_ERROR_INVALID_URL);
  g_assert_null (pf_event_source_get_origin (source));
  g_assert_true (pf_event_source_set_origin (source, "HTTP://Page.Example:80/x", TRUE, NULL));
  g_assert_cmpstr (pf_event_source_get_origin (source), ==, "http://page.example");
  g_assert_true (pf_event_source_get_with_credentials (source));
  pf_event_source_connect (source);
  iterate_until (source_closed, source);
  g_assert_cmpstr (pf_event_source_get_cors_verdict (source), ==,
                   "CORS: blocked: The response has no Access-Control-Allow-Origin header, so a "
                   "page at http://page.example may not read it");
  g_assert_true (pf_event_source_get_cors_blocked (source));
  state = pf_feed_dup_state_text (PF_FEED (source));
  g_assert_nonnull (strstr (state, "readyState 2 · CLOSED"));
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
      g_assert_cmpstr (pf_long_poll_cycle_get_name (cycle), ==, "cycle");
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
  g_assert_cmpstr (pf_long_poll_cycle_get_name (first), ==, "error");
  g_assert_cmpuint (pf_long_poll_cycle_get_next_delay_ms (first), ==, 1000);
  g_assert_cmpuint (pf_long_poll_cycle_get_next_delay_ms (second), ==, 2000);
  g_assert_cmpint (pf_long_poll_cycle_get_start_us (second) -
                   pf_long_poll_cycle_get_start_us (first), >=, 1000 * 1000);
}

/* Short polling sends the last ETag back as If-None-Match: nothing new is a 304. */
static void
test_short_poll_not_modified (Fixture      *fixture,
                              gconstpointer data)
{
  g_autofree char *url = lab_url (fixture, "news");
  g_autoptr (PfLongPoll) poll = pf_long_poll_new (fixture->profile, url, NULL);
  g_autoptr (PfLongPollCycle) first = NULL;
  g_autoptr (PfLongPollCycle) second = NULL;
  g_autofree char *state = NULL;

  pf_long_poll_set_interval (poll, 200);
  pf_long_poll_start (poll);
  state = pf_feed_dup_state_text (PF_FEED (poll));
  g_assert_cmpstr (state, ==, "Short polling: a request every 0.2 s");
  iterate_until (two_cycles, poll);
  pf_long_poll_stop (poll);
  first = g_list_model_get_item (pf_long_poll_get_cycles (poll), 0);
  second = g_list_model_get_item (pf_long_poll_get_cycles (poll), 1);
  g_assert_cmpuint (pf_long_poll_cycle_get_status (first), ==, 200);
  g_assert_cmpuint (pf_long_poll_cycle_get_interval_ms (first), ==, 200);
  /* Unless news came within 200 ms, the second answer is "nothing new". */
  if (pf_long_poll_cycle_get_status (second) == 304)
    {
      g_assert_cmpstr (pf_long_poll_cycle_get_name (second), ==, "not-modified");
      g_assert_cmpuint (pf_long_poll_cycle_get_size (second), ==, 0);
    }
  else
    g_assert_cmpuint (pf_long_poll_cycle_get_status (second), ==, 200);
  /* The second request left an interval after the first, not at once. */
  g_assert_cmpint (pf_long_poll_cycle_get_start_us (second) -
                   pf_long_poll_cycle_get_start_us (first), >=, 190 * 1000);
  g_assert_cmpint (pf_long_poll_get_pending_start_us (poll), ==, -1);
}

static gboolean
both_lanes_saw_news (gpointer data)
{
  PfPollLaneStats short_stats, long_stats;

  pf_poll_comparison_get_stats (data, PF_POLL_LANE_SHORT, &short_stats);
  pf_poll_comparison_get_stats (data, PF_POLL_LANE_LONG, &long_stats);
  return short_stats.news >= 2 && long_stats.news >= 2;
}

/* One news source polled both ways at once: short polling asks every second and mostly hears
 * 304, and news reaches it up to a second late; long polling (Prefer: wait=30) is held until
 * each news, so it sends one request per news and hears it at once. */
static void
test_poll_comparison (Fixture      *fixture,
                      gconstpointer data)
{
  g_autofree char *url = lab_url (fixture, "news");
  g_autoptr (PfPollComparison) comparison = pf_poll_comparison_new (fixture->profile, url, NULL);
  GListModel *cycles = pf_feed_get_items (PF_FEED (comparison));
  PfPollLaneStats short_stats, long_stats;
  guint n_news = 0, lanes[PF_POLL_N_LANES] = { 0 };
  const PfPollNews *news;

  pf_feed_start (PF_FEED (comparison));
  PF_TEST_WAIT_UNTIL (both_lanes_saw_news (comparison), 15000);
  pf_feed_stop (PF_FEED (comparison), PF_FEED_STOP_CLOSE);
  pf_poll_comparison_get_stats (comparison, PF_POLL_LANE_SHORT, &short_stats);
  pf_poll_comparison_get_stats (comparison, PF_POLL_LANE_LONG, &long_stats);
  g_test_message ("short: %u requests, %u 304, %u news, %" G_GINT64_FORMAT " µs late; "
                  "long: %u requests, %u 304, %u news, %" G_GINT64_FORMAT " µs late",
                  short_stats.requests, short_stats.not_modified, short_stats.news,
                  pf_poll_comparison_get_mean_delay_us (comparison, PF_POLL_LANE_SHORT),
                  long_stats.requests, long_stats.not_modified, long_stats.news,
                  pf_poll_comparison_get_mean_delay_us (comparison, PF_POLL_LANE_LONG));
  g_assert_cmpuint (short_stats.errors + long_stats.errors, ==, 0);
  g_assert_cmpuint (short_stats.not_modified, >=, 1);
  g_assert_cmpuint (short_stats.requests, >, short_stats.news + 1);
  /* Long polling: the first answer at once (what is there), then one per news; never 304. */
  g_assert_cmpuint (long_stats.not_modified, ==, 0);
  g_assert_cmpuint (long_stats.requests, <=, long_stats.news + 1);
  g_assert_cmpint (pf_poll_comparison_get_mean_delay_us (comparison, PF_POLL_LANE_LONG), <,
                   250 * 1000);
  g_assert_cmpint (pf_poll_comparison_get_mean_delay_us (comparison, PF_POLL_LANE_SHORT), >,
                   pf_poll_comparison_get_mean_delay_us (comparison, PF_POLL_LANE_LONG));
  g_assert_cmpint (pf_poll_comparison_get_mean_delay_us (comparison, PF_POLL_LANE_SHORT), <=,
                   1250 * 1000);
  /* One list, both loops, on one clock; each news once, published after the start. */
  for (guint i = 0; i < g_list_model_get_n_items (cycles); i++)
    {
      g_autoptr (PfLongPollCycle) cycle = g_list_model_get_item (cycles, i);

      lanes[pf_poll_comparison_lane_of (cycle)]++;
    }
  g_assert_cmpuint (lanes[PF_POLL_LANE_SHORT], ==, short_stats.requests);
  g_assert_cmpuint (lanes[PF_POLL_LANE_LONG], ==, long_stats.requests);
  news = pf_poll_comparison_get_news (comparison, &n_news);
  g_assert_cmpuint (n_news, >=, 2);
  for (guint i = 0; i < n_news; i++)
    {
      g_assert_cmpint (news[i].published_us, >=, 0);
      g_assert_cmpint (news[i].published_us, <=, pf_poll_comparison_get_elapsed_us (comparison));
      if (i > 0)
        g_assert_cmpuint (news[i].number, >, news[i - 1].number);
    }
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
      n += pf_web_socket_frame_get_kind (frame) == kind &&
           pf_web_socket_frame_get_sent (frame) == sent;
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

static PfWebSocketFrame *
last_frame (PfWebSocket *socket)
{
  GListModel *frames = pf_web_socket_get_frames (socket);

  return g_list_model_get_item (frames, g_list_model_get_n_items (frames) - 1);
}

/* WebSocket is not under CORS: the browser sends Origin and the server decides. The lab's
 * /ws/checked accepts only http://app.example; the handshake in full shows why. */
static void
test_web_socket_origin_checked_by_server (Fixture      *fixture,
                                          gconstpointer data)
{
  g_autofree char *url = lab_url (fixture, "ws/checked");
  g_autoptr (PfWebSocket) refused = pf_web_socket_new (fixture->profile, url, NULL);
  g_autoptr (PfWebSocket) accepted = pf_web_socket_new (fixture->profile, url, NULL);
  const char *const protocols[] = { "v9", "chat", NULL };
  g_autoptr (PfWebSocketFrame) closed = NULL;
  g_autofree char *refusal = NULL;
  g_autofree char *handshake = NULL;

  g_assert_null (pf_web_socket_dup_handshake_text (refused));
  pf_web_socket_set_origin (refused, "http://evil.example");
  pf_web_socket_connect (refused);
  iterate_until (socket_closed, refused);
  closed = last_frame (refused);
  g_assert_cmpuint (count_frames (refused, PF_WEB_SOCKET_FRAME_ERROR, FALSE), ==, 1);
  g_assert_cmpint (pf_web_socket_frame_get_kind (closed), ==, PF_WEB_SOCKET_FRAME_CLOSE);
  g_assert_cmpuint (pf_web_socket_frame_get_code (closed), ==, 1006);
  g_assert_false (pf_web_socket_frame_get_was_clean (closed));
  refusal = pf_web_socket_dup_handshake_text (refused);
  g_assert_nonnull (strstr (refusal, "GET /ws/checked HTTP/1.1\r\n"));
  g_assert_nonnull (strstr (refusal, "\r\nOrigin: http://evil.example\r\n"));
  g_assert_nonnull (strstr (refusal, "\r\nHTTP/1.1 403 Forbidden\r\n"));

  pf_web_socket_set_origin (accepted, "http://app.example");
  pf_web_socket_set_protocols (accepted, protocols);
  pf_web_socket_connect (accepted);
  iterate_until (socket_open, accepted);
  g_assert_cmpint (pf_web_socket_get_state (accepted), ==, PF_WEB_SOCKET_OPEN);
  handshake = pf_web_socket_dup_handshake_text (accepted);
  g_assert_nonnull (strstr (handshake, "\r\nUpgrade: websocket\r\n"));
  g_assert_nonnull (strstr (handshake, "\r\nSec-WebSocket-Key: "));
  g_assert_nonnull (strstr (handshake, "\r\nSec-WebSocket-Protocol: v9, chat\r\n"));
  g_assert_nonnull (strstr (handshake, "\r\nHTTP/1.1 101 Switching Protocols\r\n"));
  g_assert_nonnull (strstr (handshake, "\r\nSec-WebSocket-Accept: "));
  g_assert_nonnull (strstr (handshake, "\r\nSec-WebSocket-Protocol: chat\r\n"));
  pf_web_socket_close (accepted, 1000, NULL);
  iterate_until (socket_closed, accepted);
}

/* CloseEvent: the server's code and reason and wasClean after a closing handshake. */
static void
test_web_socket_close_event (Fixture      *fixture,
                             gconstpointer data)
{
  g_autofree char *url = lab_url (fixture, "ws");
  g_autoptr (PfWebSocket) socket = pf_web_socket_new (fixture->profile, url, NULL);
  g_autoptr (PfWebSocketFrame) last = NULL;

  pf_web_socket_connect (socket);
  iterate_until (socket_open, socket);
  pf_web_socket_send_text (socket, "close");
  iterate_until (socket_closed, socket);
  last = last_frame (socket);
  g_assert_cmpuint (pf_web_socket_frame_get_code (last), ==, 4000);
  g_assert_cmpstr (pf_web_socket_frame_get_text (last), ==, "closed on request");
  g_assert_true (pf_web_socket_frame_get_was_clean (last));
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
        g_string_append_printf (out, "%s%s", out->len ? "|" : "",
                                pf_timeline_entry_get_detail (entry));
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

/* A kind of feed on a lab path, what its state line says while it runs and once stopped. */
typedef struct
{
  PfFeedKind kind;
  const char *path;
  const char *running_state;
  const char *stopped_state;
} FeedCase;

static const FeedCase feed_cases[] = {
  { PF_FEED_KIND_EVENT_SOURCE, "events?interval=20", "readyState 1 · OPEN · Last-Event-ID",
    "readyState 2 · CLOSED · Last-Event-ID" },
  { PF_FEED_KIND_LONG_POLL, "poll?hold=20", "Polling: each answer starts the next request",
    "Stopped" },
  { PF_FEED_KIND_WEB_SOCKET, "ws", "readyState 1 · OPEN", "readyState 3 · CLOSED" },
  { PF_FEED_KIND_STREAM, "stream?lines=100&interval=20", "readyState 3 · ",
    "readyState 0 · " },
  { PF_FEED_KIND_POLL_COMPARISON, "news", "Short polling every 1.0 s beside long polling",
    "Stopped" },
};

static gboolean
three_items (gpointer data)
{
  return g_list_model_get_n_items (pf_feed_get_items (data)) >= 3;
}

static gboolean
feed_stopped (gpointer data)
{
  return !pf_feed_get_running (data);
}

static void
count_state_cb (PfFeed *feed,
                guint  *count)
{
  (*count)++;
}

/* Each kind driven through PfFeed alone, as a feed tab drives it: started, it runs and items
 * arrive; stopped, it runs no more; cleared, its list is empty. A WebSocket's items are its
 * open and three messages sent. */
static void
test_feed_drives_each_kind (Fixture      *fixture,
                            gconstpointer data)
{
  for (guint i = 0; i < G_N_ELEMENTS (feed_cases); i++)
    {
      const FeedCase *test = &feed_cases[i];
      g_autofree char *base = lab_url (fixture, "");
      g_autofree char *url = pf_feed_kind_build_url (test->kind, base, test->path);
      g_autoptr (GError) error = NULL;
      g_autoptr (PfFeed) feed = pf_feed_new (test->kind, fixture->profile, url, &error);
      g_autofree char *running = NULL;
      g_autofree char *stopped = NULL;
      guint changes = 0;

      g_test_message ("%s", url);
      g_assert_no_error (error);
      g_assert_false (pf_feed_get_running (feed));
      g_signal_connect (feed, "state-changed", G_CALLBACK (count_state_cb), &changes);
      pf_feed_start (feed);
      g_assert_true (pf_feed_get_running (feed));
      if (PF_IS_WEB_SOCKET (feed))
        {
          iterate_until (socket_open, feed);
          for (guint n = 0; n < 3; n++)
            g_assert_true (pf_web_socket_send_text (PF_WEB_SOCKET (feed), "echo"));
        }
      iterate_until (three_items, feed);
      running = pf_feed_dup_state_text (feed);
      g_assert_true (g_str_has_prefix (running, test->running_state));
      g_assert_true (pf_feed_get_running (feed));
      g_assert_cmpuint (changes, >, 0);
      pf_feed_stop (feed, PF_FEED_STOP_CLOSE);
      iterate_until (feed_stopped, feed);
      stopped = pf_feed_dup_state_text (feed);
      g_assert_true (g_str_has_prefix (stopped, test->stopped_state));
      pf_feed_clear (feed);
      g_assert_cmpuint (g_list_model_get_n_items (pf_feed_get_items (feed)), ==, 0);
      g_assert_cmpuint (pf_feed_get_dropped (feed), ==, 0);
      /* The feed may outlive this loop (a cancelled read still holds it): it must not count
       * into a variable that is gone. */
      g_signal_handlers_disconnect_by_data (feed, &changes);
    }
}

/* The chunk entries on @exchange's timeline. */
static guint
count_chunks (PfExchange *exchange)
{
  PfTimeline *timeline = PF_TIMELINE (pf_exchange_get_timeline (exchange));
  guint n = 0;

  for (guint i = 0; pf_timeline_get_record (timeline, i) != NULL; i++)
    n += pf_timeline_get_record (timeline, i)->kind == PF_TIMELINE_CHUNK;
  return n;
}

/* Held, a feed's list holds still while the feed goes on; let go, it shows what came, the
 * oldest dropped past the maximum and counted. */
static void
test_feed_holds_still (Fixture      *fixture,
                       gconstpointer data)
{
  g_autofree char *url = lab_url (fixture, "stream?lines=12&interval=20");
  g_autoptr (PfFeed) feed = pf_feed_new (PF_FEED_KIND_STREAM, fixture->profile, url, NULL);
  PfExchange *exchange = pf_stream_feed_get_exchange (PF_STREAM_FEED (feed));
  GListModel *items = pf_feed_get_items (feed);
  g_autoptr (PfTimelineEntry) last = NULL;
  guint held;

  pf_feed_set_max_items (feed, 5);
  pf_feed_start (feed);
  iterate_until (three_items, feed);
  pf_feed_hold (feed, TRUE);
  held = g_list_model_get_n_items (items);
  iterate_until (feed_stopped, feed);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, held);
  g_assert_cmpuint (count_chunks (exchange), >, 5);
  pf_feed_hold (feed, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 5);
  g_assert_cmpuint (pf_feed_get_dropped (feed), ==, count_chunks (exchange) - 5);
  last = g_list_model_get_item (items, 4);
  g_assert_cmpstr (pf_timeline_entry_get_detail (last), ==, "line 12\n");
}

/* A WebSocket closed by its user says 1000 Normal Closure; one whose tab goes away says 1001
 * Going Away. */
static void
test_feed_web_socket_close_codes (Fixture      *fixture,
                                  gconstpointer data)
{
  const PfFeedStop stops[] = { PF_FEED_STOP_CLOSE, PF_FEED_STOP_GOING_AWAY };
  const gushort codes[] = { PF_WEB_SOCKET_CLOSE_NORMAL, PF_WEB_SOCKET_CLOSE_GOING_AWAY };

  g_assert_cmpuint (PF_WEB_SOCKET_CLOSE_NORMAL, ==, 1000);
  g_assert_cmpuint (PF_WEB_SOCKET_CLOSE_GOING_AWAY, ==, 1001);
  for (guint i = 0; i < G_N_ELEMENTS (stops); i++)
    {
      g_autofree char *url = lab_url (fixture, "ws");
      g_autoptr (PfFeed) feed = pf_feed_new (PF_FEED_KIND_WEB_SOCKET, fixture->profile, url, NULL);
      GListModel *frames = pf_feed_get_items (feed);
      g_autoptr (PfWebSocketFrame) sent = NULL;

      pf_feed_start (feed);
      iterate_until (socket_open, feed);
      pf_feed_stop (feed, stops[i]);
      sent = g_list_model_get_item (frames, g_list_model_get_n_items (frames) - 1);
      g_assert_cmpint (pf_web_socket_frame_get_kind (sent), ==, PF_WEB_SOCKET_FRAME_CLOSE);
      g_assert_true (pf_web_socket_frame_get_sent (sent));
      g_assert_cmpuint (pf_web_socket_frame_get_code (sent), ==, codes[i]);
      iterate_until (socket_closed, feed);
    }
}

/* A bad URL is refused by the kind's own rule. */
static void
test_feed_bad_url (Fixture      *fixture,
                   gconstpointer data)
{
  g_autoptr (GEnumClass) kinds = g_type_class_ref (PF_TYPE_FEED_KIND);

  for (guint i = 0; i < kinds->n_values; i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_null (pf_feed_new (kinds->values[i].value, fixture->profile, "mailto:x@y", &error));
      g_assert_nonnull (error);
    }
}

/* The list behind long polling, WebSocket and streaming: bounded, held, cleared. */
static void
test_feed_list (void)
{
  g_autoptr (PfFeedList) list = pf_feed_list_new (G_TYPE_OBJECT);
  GObject *objects[12];

  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    objects[i] = g_object_new (G_TYPE_OBJECT, NULL);
  pf_feed_list_set_max_items (list, 3);
  for (guint i = 0; i < 5; i++)
    pf_feed_list_append (list, objects[i]);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  g_assert_cmpuint (pf_feed_list_get_dropped (list), ==, 2);
  /* Held: 4 more come, the oldest of them goes; shown again, the list holds the newest 3. */
  pf_feed_list_hold (list, TRUE);
  for (guint i = 5; i < 9; i++)
    pf_feed_list_append (list, objects[i]);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  pf_feed_list_hold (list, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  g_assert_cmpuint (pf_feed_list_get_dropped (list), ==, 6);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_assert_true (item == objects[6 + i]);
    }
  pf_feed_list_clear (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_cmpuint (pf_feed_list_get_dropped (list), ==, 6);
  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    g_assert_finalize_object (objects[i]);
}

/* The names core gives, as the standards and preflight-cli's JSON spell them. */
static void
test_names (void)
{
  g_autoptr (GEnumClass) kinds = g_type_class_ref (PF_TYPE_FEED_KIND);
  g_autofree char *ws = pf_feed_kind_build_url (PF_FEED_KIND_WEB_SOCKET, "https://h/", "ws");
  g_autofree char *events = pf_feed_kind_build_url (PF_FEED_KIND_EVENT_SOURCE, "http://h/", "e");

  g_assert_cmpuint (kinds->n_values, ==, 5);
  g_assert_cmpstr (g_enum_get_value (kinds, PF_FEED_KIND_EVENT_SOURCE)->value_nick, ==,
                   "event-source");
  g_assert_cmpstr (g_enum_get_value (kinds, PF_FEED_KIND_LONG_POLL)->value_nick, ==, "long-poll");
  g_assert_cmpstr (g_enum_get_value (kinds, PF_FEED_KIND_WEB_SOCKET)->value_nick, ==, "web-socket");
  g_assert_cmpstr (g_enum_get_value (kinds, PF_FEED_KIND_STREAM)->value_nick, ==, "stream");
  g_assert_cmpstr (g_enum_get_value (kinds, PF_FEED_KIND_POLL_COMPARISON)->value_nick, ==,
                   "poll-comparison");
  g_assert_cmpstr (ws, ==, "wss://h/ws");
  g_assert_cmpstr (events, ==, "http://h/e");
  g_assert_cmpstr (pf_event_source_state_get_name (PF_EVENT_SOURCE_CONNECTING), ==, "CONNECTING");
  g_assert_cmpstr (pf_event_source_state_get_name (PF_EVENT_SOURCE_OPEN), ==, "OPEN");
  g_assert_cmpstr (pf_event_source_state_get_name (PF_EVENT_SOURCE_CLOSED), ==, "CLOSED");
  g_assert_cmpstr (pf_web_socket_state_get_name (PF_WEB_SOCKET_CONNECTING), ==, "CONNECTING");
  g_assert_cmpstr (pf_web_socket_state_get_name (PF_WEB_SOCKET_OPEN), ==, "OPEN");
  g_assert_cmpstr (pf_web_socket_state_get_name (PF_WEB_SOCKET_CLOSING), ==, "CLOSING");
  g_assert_cmpstr (pf_web_socket_state_get_name (PF_WEB_SOCKET_CLOSED), ==, "CLOSED");
  g_assert_cmpstr (pf_event_source_entry_kind_get_name (PF_EVENT_SOURCE_ENTRY_OPEN), ==, "open");
  g_assert_cmpstr (pf_event_source_entry_kind_get_name (PF_EVENT_SOURCE_ENTRY_MESSAGE), ==,
                   "message");
  g_assert_cmpstr (pf_event_source_entry_kind_get_name (PF_EVENT_SOURCE_ENTRY_ERROR), ==, "error");
  g_assert_cmpstr (pf_event_source_entry_kind_get_name (PF_EVENT_SOURCE_ENTRY_RECONNECT), ==,
                   "reconnect");
  g_assert_cmpstr (pf_web_socket_frame_kind_get_name (PF_WEB_SOCKET_FRAME_OPEN), ==, "open");
  g_assert_cmpstr (pf_web_socket_frame_kind_get_name (PF_WEB_SOCKET_FRAME_TEXT), ==, "text");
  g_assert_cmpstr (pf_web_socket_frame_kind_get_name (PF_WEB_SOCKET_FRAME_BINARY), ==, "binary");
  g_assert_cmpstr (pf_web_socket_frame_kind_get_name (PF_WEB_SOCKET_FRAME_PONG), ==, "pong");
  g_assert_cmpstr (pf_web_socket_frame_kind_get_name (PF_WEB_SOCKET_FRAME_CLOSE), ==, "close");
  g_assert_cmpstr (pf_web_socket_frame_kind_get_name (PF_WEB_SOCKET_FRAME_ERROR), ==, "error");
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
  ADD ("/push/event-source/cors/allowed-sends-origin-not-cookies", test_event_source_cors_allowed);
  ADD ("/push/event-source/cors/with-credentials-sends-cookies",
       test_event_source_cors_credentials);
  ADD ("/push/event-source/cors/same-origin-is-not-checked", test_event_source_cors_same_origin);
  ADD ("/push/event-source/cors/blocked-fails-the-connection", test_event_source_cors_blocked);
  ADD ("/push/event-source/cors/origin-and-verdict", test_event_source_cors_verdict);
  ADD ("/push/event-source/endless-line-fails", test_event_source_endless_line);
  ADD ("/push/event-source/not-utf8-noted", test_event_source_not_utf8);
  ADD ("/push/event-source/bounded", test_event_source_bounded);
  ADD ("/push/event-source/hold-and-clear", test_event_source_hold_and_clear);
  ADD ("/push/long-poll/cycles", test_long_poll_cycles);
  ADD ("/push/long-poll/backs-off", test_long_poll_backs_off);
  ADD ("/push/short-poll/not-modified", test_short_poll_not_modified);
  ADD ("/push/poll-comparison/short-beside-long", test_poll_comparison);
  ADD ("/push/web-socket/echo", test_web_socket_echo);
  ADD ("/push/web-socket/server-close", test_web_socket_server_close);
  ADD ("/push/web-socket/ping-pong", test_web_socket_ping_pong);
  ADD ("/push/web-socket/refused", test_web_socket_refused);
  ADD ("/push/web-socket/origin-checked-by-the-server", test_web_socket_origin_checked_by_server);
  ADD ("/push/web-socket/close-event", test_web_socket_close_event);
  ADD ("/push/streaming/chunks", test_streaming_chunks);
  ADD ("/push/feed/drives-each-kind", test_feed_drives_each_kind);
  ADD ("/push/feed/holds-still-and-catches-up", test_feed_holds_still);
  ADD ("/push/feed/web-socket-close-codes", test_feed_web_socket_close_codes);
  ADD ("/push/feed/bad-url", test_feed_bad_url);
  g_test_add_func ("/push/feed/list-bounded-held-cleared", test_feed_list);
  g_test_add_func ("/push/names", test_names);

  return g_test_run ();
}
