/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pf-lesson.h"
#include "pf-poll-chart.h"
#include "pf-test-window.h"

/* Feed tabs as a user meets them: EventSource, long polling, WebSocket, HTTP streaming. */

typedef PfTestWindow Fixture;

static gboolean
two_messages (PfEventSource *source)
{
  GListModel *entries = pf_event_source_get_entries (source);
  guint messages = 0;

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr (PfEventSourceEntry) entry = g_list_model_get_item (entries, i);
      messages += pf_event_source_entry_get_kind (entry) == PF_EVENT_SOURCE_ENTRY_MESSAGE;
    }
  return messages >= 2;
}

static void
test_feed_tab (Fixture      *fixture,
               gconstpointer data)
{
  g_autofree char *url = g_strconcat (pf_lab_server_get_base_url (fixture->lab),
                                      "events?interval=20&drop-after=2&retry=60000", NULL);
  PfFeedView *feed = pf_window_new_feed_tab (fixture->window, url);
  PfEventSource *source;
  GtkListView *list;

  g_assert_true (pf_window_get_feed_view (fixture->window) == feed);
  g_assert_null (pf_window_get_request_view (fixture->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL));
  source = pf_feed_view_get_event_source (feed);
  g_assert_nonnull (source);
  PF_TEST_WAIT_UNTIL (two_messages (source) &&
                        pf_event_source_get_ready_state (source) == PF_EVENT_SOURCE_CONNECTING,
                      10000);
  /* The stream ended after two events: the tab counts down to the reconnect with the id. */
  for (int i = 0; i < 30; i++)
    g_main_context_iteration (NULL, FALSE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_assert_nonnull (pf_test_find_label (GTK_WIDGET (feed),
                                        "readyState 0 · CONNECTING · reconnect in"));
  list = GTK_LIST_VIEW (pf_test_find_widget (GTK_WIDGET (feed), GTK_TYPE_LIST_VIEW, "timeline"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list))),
                    ==, 4);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.abort", NULL));
  g_assert_cmpint (pf_event_source_get_ready_state (source), ==, PF_EVENT_SOURCE_CLOSED);
}

static void
clipboard_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
}

/* A selected row copies: a message's data as it came. */
static void
test_feed_copy (Fixture      *fixture,
                gconstpointer data)
{
  g_autofree char *url = g_strconcat (pf_lab_server_get_base_url (fixture->lab),
                                      "events?interval=20&count=2", NULL);
  PfFeedView *feed = pf_window_new_feed_tab (fixture->window, url);
  GtkListView *list = GTK_LIST_VIEW (pf_test_find_widget (GTK_WIDGET (feed), GTK_TYPE_LIST_VIEW,
                                                  "timeline"));
  g_autofree char *text = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL));
  PF_TEST_WAIT_UNTIL (two_messages (pf_feed_view_get_event_source (feed)), 10000);
  g_assert_true (two_messages (pf_feed_view_get_event_source (feed)));
  g_assert_true (gtk_selection_model_select_item (gtk_list_view_get_model (list), 1, TRUE));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (feed), "feed.copy", NULL));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (feed)), NULL,
                                 clipboard_read_cb, &text);
  PF_TEST_WAIT_UNTIL (text != NULL, 10000);
  g_assert_cmpstr (text, ==, "{\"n\": 1, \"text\": \"event 1\"}");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.abort", NULL);
}

static gboolean
echoed_twice (PfWebSocket *socket)
{
  GListModel *frames = pf_web_socket_get_frames (socket);
  guint received = 0;

  for (guint i = 0; i < g_list_model_get_n_items (frames); i++)
    {
      g_autoptr (PfWebSocketFrame) frame = g_list_model_get_item (frames, i);
      received += pf_web_socket_frame_get_kind (frame) == PF_WEB_SOCKET_FRAME_TEXT &&
                  !pf_web_socket_frame_get_sent (frame);
    }
  return received >= 1;
}

static void
remember_toast_cb (PfFeedView *feed,
                   const char *message,
                   char      **toast)
{
  g_free (*toast);
  *toast = g_strdup (message);
}

/* Save as HAR (the button beside Clear): the handshake and the messages, each way. */
static void
save_web_socket_har (PfFeedView *feed)
{
  g_autofree char *dir = g_dir_make_tmp ("pf-test-ws-har-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "ws.har", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  g_autofree char *toast = NULL;
  GtkWidget *button = pf_test_find_widget (GTK_WIDGET (feed), GTK_TYPE_BUTTON, "save-har");
  gulong id;

  g_assert_true (gtk_widget_is_sensitive (button));
  id = g_signal_connect (feed, "toast", G_CALLBACK (remember_toast_cb), &toast);
  pf_feed_view_save_har_to (feed, file);
  PF_TEST_WAIT_UNTIL (toast != NULL, 10000);
  g_signal_handler_disconnect (feed, id);
  g_assert_true (g_str_has_prefix (toast, "Saved the WebSocket as HAR"));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"_webSocketMessages\""));
  g_assert_nonnull (strstr (contents, "\"data\" : \"hello\""));
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The row text (or label) under @feed that starts with @prefix, once the tab has drawn. */
static GtkWidget *
row_text (PfFeedView *feed,
          const char *prefix)
{
  gtk_test_widget_wait_for_draw (GTK_WIDGET (feed));
  return pf_test_find_label (GTK_WIDGET (feed), prefix);
}

static void
test_web_socket_tab (Fixture      *fixture,
                     gconstpointer data)
{
  g_autofree char *base = g_strconcat (pf_lab_server_get_base_url (fixture->lab), "ws", NULL);
  g_autofree char *url = g_strconcat ("ws", base + 4, NULL);
  PfFeedView *feed = pf_window_new_feed_tab (fixture->window, url);
  GtkEditable *message;
  GtkWidget *closed;
  PfWebSocket *socket;

  pf_feed_view_set_kind (feed, PF_FEED_KIND_WEB_SOCKET);
  /* A URL typed by the user stays when the kind changes. */
  g_assert_cmpstr (pf_feed_view_get_url (feed), ==, url);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL));
  socket = pf_feed_view_get_web_socket (feed);
  PF_TEST_WAIT_UNTIL (pf_web_socket_get_state (socket) != PF_WEB_SOCKET_CONNECTING, 10000);
  /* The open row is the opening handshake, one header a line. */
  g_assert_nonnull (row_text (feed, "GET /ws HTTP/1.1\nUpgrade: websocket\nConnection: Upgrade\n"
                                    "Sec-WebSocket-Key: "));
  message = GTK_EDITABLE (pf_test_find_widget (GTK_WIDGET (feed), GTK_TYPE_ENTRY, "message-entry"));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (message))));
  gtk_editable_set_text (message, "hello");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (feed), "feed.send-message", NULL));
  PF_TEST_WAIT_UNTIL (echoed_twice (socket), 10000);
  g_assert_true (echoed_twice (socket));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.abort", NULL));
  PF_TEST_WAIT_UNTIL (pf_web_socket_get_state (socket) == PF_WEB_SOCKET_CLOSED, 10000);
  g_assert_cmpint (pf_web_socket_get_state (socket), ==, PF_WEB_SOCKET_CLOSED);
  /* The close is the page's CloseEvent: the code, the reason, and clean. */
  closed = row_text (feed, "← 1000 ");
  g_assert_nonnull (closed);
  g_assert_nonnull (strstr (gtk_inscription_get_text (GTK_INSCRIPTION (closed)), "(clean)"));
  save_web_socket_har (feed);
}

static void
test_long_poll_tab (Fixture      *fixture,
                    gconstpointer data)
{
  PfFeedView *feed = pf_window_new_feed_tab (fixture->window, NULL);
  g_autofree char *url = g_strconcat (pf_lab_server_get_base_url (fixture->lab),
                                      "poll?hold=50", NULL);
  PfLongPoll *poll;

  pf_feed_view_set_kind (feed, PF_FEED_KIND_LONG_POLL);
  pf_feed_view_set_url (feed, url);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL));
  poll = pf_feed_view_get_long_poll (feed);
  PF_TEST_WAIT_UNTIL (g_list_model_get_n_items (pf_long_poll_get_cycles (poll)) >= 2, 10000);
  g_assert_cmpuint (g_list_model_get_n_items (pf_long_poll_get_cycles (poll)), >=, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.abort", NULL));
  g_assert_false (pf_long_poll_get_running (poll));
}

static gboolean
lanes_saw_news (PfPollComparison *comparison)
{
  PfPollLaneStats short_stats, long_stats;

  pf_poll_comparison_get_stats (comparison, PF_POLL_LANE_SHORT, &short_stats);
  pf_poll_comparison_get_stats (comparison, PF_POLL_LANE_LONG, &long_stats);
  return short_stats.news >= 1 && long_stats.news >= 1 && short_stats.not_modified >= 1;
}

static guint
count_parts (GArray             *parts,
             PfPollChartPartKind kind,
             int                 lane)
{
  guint n = 0;

  for (guint i = 0; i < parts->len; i++)
    {
      PfPollChartPart *part = &g_array_index (parts, PfPollChartPart, i);

      n += part->kind == kind && part->lane == lane;
    }
  return n;
}

/* The lesson puts short and long polling on one timeline: a lane of news, a lane per loop,
 * and under it what each loop cost. */
static void
test_short_beside_long_polling (Fixture      *fixture,
                                gconstpointer data)
{
  g_autoptr (PfLesson) lesson = pf_lessons_find ("Short polling beside long polling");
  PfFeedView *feed;
  GtkWidget *chart;
  PfPollComparison *comparison;
  g_autoptr (GArray) parts = NULL;

  g_autofree char *url = pf_test_window_lab_url (fixture, "news");

  pf_window_open_lesson (fixture->window, lesson);
  feed = pf_window_get_feed_view (fixture->window);
  g_assert_cmpint (pf_feed_view_get_kind (feed), ==, PF_FEED_KIND_POLL_COMPARISON);
  /* The fixture's window was made without the lab's URL: the lesson's path is on its own. */
  g_assert_cmpstr (pf_feed_view_get_url (feed), ==, "news");
  pf_feed_view_set_url (feed, url);
  chart = pf_test_find_widget (GTK_WIDGET (feed), PF_TYPE_POLL_CHART, "poll-chart");
  g_assert_true (gtk_widget_is_visible (chart));
  g_assert_nonnull (pf_test_find_label (GTK_WIDGET (feed), "Connect to poll one URL both ways"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL));
  comparison = PF_POLL_COMPARISON (pf_feed_view_get_feed (feed));
  PF_TEST_WAIT_UNTIL (lanes_saw_news (comparison), 15000);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  parts = pf_poll_chart_layout (PF_POLL_CHART (chart), gtk_widget_get_width (chart));
  g_assert_cmpuint (count_parts (parts, PF_POLL_CHART_CAPTION, -1), ==, 1);
  g_assert_cmpuint (count_parts (parts, PF_POLL_CHART_NEWS, -1), >=, 1);
  g_assert_cmpuint (count_parts (parts, PF_POLL_CHART_TICK, -1), >=, 1);
  g_assert_cmpuint (count_parts (parts, PF_POLL_CHART_ANSWER, PF_POLL_LANE_SHORT), >=, 1);
  g_assert_cmpuint (count_parts (parts, PF_POLL_CHART_EMPTY, PF_POLL_LANE_SHORT), >=, 1);
  g_assert_cmpuint (count_parts (parts, PF_POLL_CHART_ANSWER, PF_POLL_LANE_LONG), >=, 1);
  /* Long polling always has a request held at the server. */
  g_assert_cmpuint (count_parts (parts, PF_POLL_CHART_PENDING, PF_POLL_LANE_LONG), ==, 1);
  g_assert_nonnull (pf_test_find_label (GTK_WIDGET (feed), "Short polling: "));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.abort", NULL));
  g_assert_false (pf_feed_get_running (PF_FEED (comparison)));
  g_clear_pointer (&parts, g_array_unref);
  parts = pf_poll_chart_layout (PF_POLL_CHART (chart), 360);
  g_assert_cmpuint (count_parts (parts, PF_POLL_CHART_PENDING, PF_POLL_LANE_LONG), ==, 0);
}

/* 100 000 events as fast as the lab sends them: the window keeps drawing (the main loop
 * never stops for long). Measured here, judged loosely: the targets live in bench/. */
static void
test_big_feed_stays_responsive (Fixture      *fixture,
                                gconstpointer data)
{
  g_autofree char *url = g_strconcat (pf_lab_server_get_base_url (fixture->lab),
                                      "events?interval=0&count=100000", NULL);
  PfFeedView *feed = pf_window_new_feed_tab (fixture->window, url);
  PfTestStall stall = { 0 };
  guint tick = g_timeout_add (10, pf_test_stall_tick_cb, &stall);
  PfEventSource *source;
  gint64 start = g_get_monotonic_time ();

  pf_feed_view_set_max_entries (feed, 1000000);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL);
  source = pf_feed_view_get_event_source (feed);
  PF_TEST_WAIT_UNTIL (pf_event_source_get_ready_state (source) == PF_EVENT_SOURCE_CLOSED ||
                        g_list_model_get_n_items (pf_event_source_get_entries (source)) >= 100001,
                      180000);
  g_source_remove (tick);
  g_test_message ("100 000 events in %.2f s, longest main-loop gap %.1f ms",
                  (g_get_monotonic_time () - start) / 1e6, stall.worst / 1000.0);
  g_assert_cmpuint (g_list_model_get_n_items (pf_event_source_get_entries (source)), >=, 100001);
  if (!pf_test_under_sanitizer ())
    g_assert_cmpint (stall.worst, <, 500 * 1000);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.abort", NULL);
}

static void
test_stream_tab_and_pause (Fixture      *fixture,
                           gconstpointer data)
{
  g_autofree char *url = g_strconcat (pf_lab_server_get_base_url (fixture->lab),
                                      "stream?lines=6&interval=60", NULL);
  PfFeedView *feed = pf_window_new_feed_tab (fixture->window, NULL);
  GtkListView *list = GTK_LIST_VIEW (pf_test_find_widget (GTK_WIDGET (feed), GTK_TYPE_LIST_VIEW,
                                                          "timeline"));
  GtkToggleButton *pause = GTK_TOGGLE_BUTTON (pf_test_find_widget (GTK_WIDGET (feed),
                                                                   GTK_TYPE_TOGGLE_BUTTON,
                                                                   "pause-button"));
  guint frozen;

  pf_feed_view_set_kind (feed, PF_FEED_KIND_STREAM);
  pf_feed_view_set_url (feed, url);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL));
  PF_TEST_WAIT_UNTIL (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list))) >= 2,
                      10000);
  /* Paused, the list holds still while chunks keep coming. */
  gtk_toggle_button_set_active (pause, TRUE);
  frozen = g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list)));
  PF_TEST_WAIT_UNTIL (pf_test_find_label (GTK_WIDGET (feed), "readyState 4") != NULL, 10000);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list))),
                    ==, frozen);
  gtk_toggle_button_set_active (pause, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list))),
                    ==, 6);
  g_assert_nonnull (pf_test_find_label (GTK_WIDGET (feed), "line 6"));
}

/* A chunk of two lines shows both: its row is two lines high, the time at the top. */
static void
test_two_line_chunk (Fixture      *fixture,
                     gconstpointer data)
{
  g_autofree char *url = g_strconcat (pf_lab_server_get_base_url (fixture->lab),
                                      "stream?lines=1&interval=10&text=first%0Asecond", NULL);
  PfFeedView *feed = pf_window_new_feed_tab (fixture->window, NULL);
  GtkWidget *text, *stamp;
  int one_line = 0, height = 0;

  pf_feed_view_set_kind (feed, PF_FEED_KIND_STREAM);
  pf_feed_view_set_url (feed, url);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL));
  PF_TEST_WAIT_UNTIL (row_text (feed, "first\nsecond 1") != NULL, 10000);
  text = row_text (feed, "first\nsecond 1");
  g_assert_nonnull (text);
  stamp = gtk_widget_get_prev_sibling (text);
  g_assert_true (GTK_IS_INSCRIPTION (stamp));
  gtk_widget_measure (stamp, GTK_ORIENTATION_VERTICAL, -1, &one_line, NULL, NULL, NULL);
  gtk_widget_measure (text, GTK_ORIENTATION_VERTICAL, -1, &height, NULL, NULL, NULL);
  g_assert_cmpint (one_line, >, 0);
  g_assert_cmpint (height, >=, 2 * one_line);
  g_assert_cmpint (gtk_widget_get_height (text), >=, 2 * one_line);
  g_assert_cmpfloat (gtk_inscription_get_yalign (GTK_INSCRIPTION (stamp)), ==, 0);
}

/* Another kind of feed empties the list: it shows the new feed's entries only. */
static void
test_kind_switch_clears (Fixture      *fixture,
                         gconstpointer data)
{
  g_autofree char *url = g_strconcat (pf_lab_server_get_base_url (fixture->lab),
                                      "stream?lines=3&interval=10", NULL);
  PfFeedView *feed = pf_window_new_feed_tab (fixture->window, NULL);
  GtkListView *list = GTK_LIST_VIEW (pf_test_find_widget (GTK_WIDGET (feed), GTK_TYPE_LIST_VIEW,
                                                          "timeline"));
  GtkDropDown *kind = GTK_DROP_DOWN (pf_test_find_widget (GTK_WIDGET (feed), GTK_TYPE_DROP_DOWN,
                                                          NULL));

  pf_feed_view_set_kind (feed, PF_FEED_KIND_STREAM);
  pf_feed_view_set_url (feed, url);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL));
  PF_TEST_WAIT_UNTIL (pf_test_find_label (GTK_WIDGET (feed), "readyState 4") != NULL, 10000);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list))),
                    ==, 3);
  g_assert_nonnull (row_text (feed, "line 3"));
  /* The user picks long polling in the drop-down. */
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (kind)));
  gtk_drop_down_set_selected (kind, PF_FEED_KIND_LONG_POLL);
  g_assert_null (pf_feed_view_get_feed (feed));
  g_assert_true (gtk_list_view_get_model (list) == NULL ||
                 g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list))) == 0);
  g_assert_null (row_text (feed, "line"));
  g_assert_nonnull (pf_test_find_label (GTK_WIDGET (feed), "0 entries"));
  g_assert_nonnull (pf_test_find_label (GTK_WIDGET (feed), "Not connected"));
}

/* A page origin in the options row: the stream is judged by CORS, and the verdict is shown. */
static void
test_event_source_cors (Fixture      *fixture,
                        gconstpointer data)
{
  g_autofree char *url = g_strconcat (pf_lab_server_get_base_url (fixture->lab),
                                      "events?interval=0&count=2&allow-origin=*", NULL);
  PfFeedView *feed = pf_window_new_feed_tab (fixture->window, url);
  GtkWidget *origin;
  GtkWidget *options = pf_test_find_widget (GTK_WIDGET (feed), GTK_TYPE_BOX, "cors-options");
  GtkWidget *check = pf_test_find_widget (options, GTK_TYPE_CHECK_BUTTON, NULL);
  GtkWidget *verdict = pf_test_find_widget (GTK_WIDGET (feed), GTK_TYPE_LABEL, "cors-verdict");
  PfEventSource *source;

  g_assert_true (gtk_widget_get_visible (options));
  origin = pf_test_find_widget (options, GTK_TYPE_ENTRY, NULL);
  /* Not an origin: refused where it was typed. */
  gtk_editable_set_text (GTK_EDITABLE (origin), "nowhere");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL));
  g_assert_null (pf_feed_view_get_event_source (feed));
  g_assert_true (gtk_widget_has_css_class (origin, "error"));
  /* "*" with withCredentials: blocked, CLOSED, the rule shown. */
  gtk_editable_set_text (GTK_EDITABLE (origin), "http://page.example");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL));
  source = pf_feed_view_get_event_source (feed);
  g_assert_nonnull (source);
  g_assert_false (gtk_widget_has_css_class (origin, "error"));
  PF_TEST_WAIT_UNTIL (pf_event_source_get_ready_state (source) == PF_EVENT_SOURCE_CLOSED, 10000);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_assert_true (gtk_widget_get_visible (verdict));
  g_assert_true (gtk_widget_has_css_class (verdict, "error"));
  g_assert_nonnull (pf_test_find_label (GTK_WIDGET (feed),
                                        "CORS: blocked: Access-Control-Allow-Origin is “*”"));
  /* Without withCredentials the same stream is allowed. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL));
  source = pf_feed_view_get_event_source (feed);
  PF_TEST_WAIT_UNTIL (two_messages (source), 10000);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_assert_false (gtk_widget_has_css_class (verdict, "error"));
  g_assert_nonnull (pf_test_find_label (GTK_WIDGET (feed), "CORS: allowed for http://page.example"));
  /* Other kinds take no page origin here. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.abort", NULL));
  pf_feed_view_set_kind (feed, PF_FEED_KIND_LONG_POLL);
  g_assert_false (gtk_widget_get_visible (options));
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, pf_test_window_set_up, func, pf_test_window_tear_down)

int
main (int   argc,
      char *argv[])
{
  pf_test_window_init (&argc, &argv);

  ADD ("/window/feed/subscribes-and-counts-down", test_feed_tab);
  ADD ("/window/feed/copy-selected", test_feed_copy);
  ADD ("/window/feed/web-socket", test_web_socket_tab);
  ADD ("/window/feed/long-poll", test_long_poll_tab);
  ADD ("/window/feed/short-beside-long-polling", test_short_beside_long_polling);
  ADD ("/window/feed/event-source-under-cors", test_event_source_cors);
  ADD ("/window/feed/http-stream-and-pause", test_stream_tab_and_pause);
  ADD ("/window/feed/100000-events-responsive", test_big_feed_stays_responsive);
  ADD ("/window/feed/two-line-chunk-shows-both", test_two_line_chunk);
  ADD ("/window/feed/kind-switch-clears-list", test_kind_switch_clears);

  return g_test_run ();
}
