/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pf-cors-flow.h"
#include "pf-cors-sequence.h"
#include "pf-lesson-banner.h"
#include "pf-lesson.h"
#include "pf-request-view-private.h"
#include "pf-test-window.h"
#include "pf-timeline-chart.h"
#include "pf-web-socket.h"

/* The CORS page and the CORS lessons as a user meets them. */

typedef PfTestWindow Fixture;

static void
test_cors_page (Fixture      *fixture,
                gconstpointer data)
{
  PfRequestView *view = pf_window_get_request_view (fixture->window);
  g_autofree char *headers = NULL;

  pf_request_set_origin (pf_request_view_get_request (view), "http://app.example");
  pf_test_window_send (fixture, "cors/api?allow-methods=PUT");
  /* Blocked: the page sees status 0; the CORS page says why, naming the rule. */
  g_assert_cmpuint (pf_exchange_get_status (pf_window_get_exchange (fixture->window)), ==, 0);
  g_assert_nonnull (pf_test_find_label (GTK_WIDGET (view),
                                        "Blocked: a page at http://app.example"));
  g_assert_nonnull (pf_test_find_label (GTK_WIDGET (view),
                                        "The response has no Access-Control-Allow-Origin"));
  /* What the page gets is said, not left blank. */
  headers = pf_test_text_of_view (((struct _PfRequestView *) view)->headers_view);
  g_assert_true (g_str_has_prefix (headers, "(None: after a network error"));
  pf_test_window_send (fixture, "cors/api?allow-origin=*");
  g_assert_nonnull (pf_test_find_label (GTK_WIDGET (view),
                                        "Allowed: a page at http://app.example"));
  /* The header table lists what the server sent; X-Lab-Secret is marked hidden. */
  {
    guint hidden = 0;

    guint rows = 0;
    GtkListBox *list = ((struct _PfRequestView *) view)->response_headers_list;

    for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list));
         row != NULL; row = gtk_widget_get_next_sibling (row))
      {
        gboolean secret = pf_test_find_label (row, "X-Lab-Secret") != NULL;
        gboolean marked = pf_test_has_tooltip (row, "Hidden from the page");

        rows++;
        hidden += marked;
        if (secret)
          g_assert_true (marked);
        if (pf_test_find_label (row, "Content-Type") != NULL)
          g_assert_false (marked);
      }
    g_assert_cmpuint (rows, >, 5);
    g_assert_cmpuint (hidden, >=, 2);
  }
  g_assert_cmpuint (pf_exchange_get_status (pf_window_get_exchange (fixture->window)), ==, 200);
}

/* Whether the Raw page's line that starts with @prefix is marked as the browser's. */
static gboolean
raw_line_is_browsers (GtkTextView *raw,
                      const char  *prefix)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (raw);
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer),
                                               "browser-header");
  GtkTextIter start, match;

  gtk_text_buffer_get_start_iter (buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, prefix, 0, &match, NULL, NULL));
  g_assert_true (gtk_text_iter_starts_line (&match));
  return gtk_text_iter_has_tag (&match, tag);
}

/* Under a page origin the request goes as Chromium would send it; Raw marks the browser's
 * headers, and the option in the editor turns them off. */
static void
test_browser_headers_in_raw (Fixture      *fixture,
                             gconstpointer data)
{
  PfRequestView *view = pf_window_get_request_view (fixture->window);
  PfRequest *request = pf_request_view_get_request (view);
  GtkTextView *raw = GTK_TEXT_VIEW (pf_test_find_widget (GTK_WIDGET (view), GTK_TYPE_TEXT_VIEW,
                                                         "raw-view"));
  GtkWidget *row = pf_test_find_widget (GTK_WIDGET (view), ADW_TYPE_COMBO_ROW,
                                        "browser-headers-row");
  g_autofree char *text = NULL;

  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 0);
  pf_request_set_origin (request, "http://app.example");
  pf_request_add_header (request, "X-Mine", "1");
  pf_test_window_send (fixture, "cors/api?allow-origin=*&allow-headers=x-mine");
  text = pf_test_text_of_view (raw);
  g_assert_nonnull (strstr (text, "Sec-Fetch-Mode: cors"));
  g_assert_nonnull (strstr (text, "(In grey italics: the headers the browser added by itself"));
  g_assert_true (raw_line_is_browsers (raw, "User-Agent: Mozilla/5.0"));
  g_assert_true (raw_line_is_browsers (raw, "Origin: http://app.example"));
  g_assert_true (raw_line_is_browsers (raw, "Host: 127.0.0.1"));
  g_assert_false (raw_line_is_browsers (raw, "X-Mine: 1"));
  /* Never (chosen in the options): the user's headers and libsoup's own only, none marked. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 2);
  g_assert_cmpint (pf_request_get_browser_headers (request), ==, PF_BROWSER_HEADERS_OFF);
  pf_test_window_send (fixture, "cors/api?allow-origin=*&allow-headers=x-mine");
  g_clear_pointer (&text, g_free);
  text = pf_test_text_of_view (raw);
  g_assert_null (strstr (text, "Sec-Fetch-Mode"));
  g_assert_null (strstr (text, "In grey italics"));
  g_assert_false (raw_line_is_browsers (raw, "Host: 127.0.0.1"));
}

static void
test_bad_origin_marks_entry (Fixture      *fixture,
                             gconstpointer data)
{
  PfRequestView *view = pf_window_get_request_view (fixture->window);

  pf_request_set_origin (pf_request_view_get_request (view), "not an origin");
  pf_window_set_url (fixture->window, pf_lab_server_get_base_url (fixture->lab));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL);
  g_assert_null (pf_window_get_exchange (fixture->window));
  g_assert_nonnull (pf_test_find_widget (GTK_WIDGET (view), ADW_TYPE_ENTRY_ROW, "error"));
}

/* The lesson titled @title. */
static PfLesson *
lesson_titled (const char *title)
{
  GListModel *lessons = pf_lessons_get_all ();

  for (guint i = 0; i < g_list_model_get_n_items (lessons); i++)
    {
      g_autoptr (PfLesson) lesson = g_list_model_get_item (lessons, i);

      if (g_str_equal (pf_lesson_get_title (lesson), title))
        return lesson;
    }
  g_assert_not_reached ();
}

static void
test_preflight_lesson (Fixture      *fixture,
                       gconstpointer data)
{
  PfLesson *lesson = lesson_titled ("Preflighted CORS");
  g_autoptr (PfRequest) request =
    pf_lesson_build_request (lesson, pf_lab_server_get_base_url (fixture->lab));
  PfRequestView *view;
  PfExchange *exchange;

  /* The sidebar lists the lessons under their chapters. */
  g_assert_nonnull (pf_test_find_label (GTK_WIDGET (fixture->window), "Preflighted CORS"));
  g_assert_nonnull (pf_test_find_label (GTK_WIDGET (fixture->window), "Server-Sent Events"));
  view = pf_window_new_tab (fixture->window, NULL);
  pf_request_view_set_request (view, request);
  pf_request_view_set_lesson (view, pf_lesson_get_title (lesson),
                              pf_lesson_get_explanation (lesson));
  g_assert_nonnull (pf_test_find_label (GTK_WIDGET (view),
                                        "PUT and the X-Token header are not safelisted"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL));
  pf_test_window_wait_for_done (fixture->window);
  exchange = pf_window_get_exchange (fixture->window);
  g_assert_cmpstr (pf_exchange_get_method (exchange), ==, "PUT");
  g_assert_cmpuint (pf_exchange_get_status (exchange), ==, 200);
  g_assert_true (pf_cors_flow_get_preflight (pf_cors_flow_get_for (exchange)));
  g_assert_nonnull (pf_test_find_label (GTK_WIDGET (view),
                                        "Allowed: a page at http://app.example"));
  /* Each preflight rule that passed, with the value seen. */
  g_assert_nonnull (pf_test_find_label (GTK_WIDGET (view), "The preflight allows PUT"));
  g_assert_nonnull (pf_test_find_label (GTK_WIDGET (view),
                                        "The preflight cache keeps this answer for"));
  /* The drawing: OPTIONS, its answer, PUT, its answer. */
  g_assert_nonnull (pf_test_find_widget (GTK_WIDGET (view), PF_TYPE_CORS_SEQUENCE, NULL));
}

/* The form lesson sends the fields it teaches: a value with "&" and "+" arrives whole. */
static void
test_form_lesson_keeps_its_fields (Fixture      *fixture,
                                   gconstpointer data)
{
  PfLesson *lesson = lesson_titled ("POST a form");
  g_autofree char *lab = pf_test_window_lab_url (fixture, "");
  g_autoptr (PfRequest) request = pf_lesson_build_request (lesson, lab);
  GListModel *fields = pf_request_get_fields (request);
  g_autoptr (PfKeyValue) language = NULL;
  g_autofree char *body = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (fields), ==, 2);
  language = g_list_model_get_item (fields, 1);
  g_assert_cmpstr (pf_key_value_get_name (language), ==, "language");
  g_assert_cmpstr (pf_key_value_get_value (language), ==, "C & C++");
  body = pf_request_encode_fields (request);
  g_assert_cmpstr (body, ==, "name=Ada%20Lovelace&language=C%20%26%20C%2B%2B");
}

/* A new verdict is shown from the top of the CORS page, wherever the last one was scrolled. */
static void
test_cors_page_scrolls_to_the_verdict (Fixture      *fixture,
                                       gconstpointer data)
{
  PfRequestView *view = pf_window_get_request_view (fixture->window);
  PfRequest *request = pf_request_view_get_request (view);
  GtkAdjustment *scroll = NULL;
  const char *path = "cors/api?allow-origin=*&allow-methods=PUT&allow-headers=x-token";

  pf_request_set_origin (request, "http://app.example");
  pf_request_set_method (request, "PUT");
  pf_request_add_header (request, "X-Token", "42");
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 500);
  pf_test_window_send (fixture, path);
  gtk_stack_set_visible_child_name (((struct _PfRequestView *) view)->response_stack, "cors");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  scroll = gtk_scrolled_window_get_vadjustment (((struct _PfRequestView *) view)->cors_scroller);
  /* The page is longer than the window, or the test would prove nothing (once laid out: the
   * answer can come before the first frame at the new size). */
  PF_TEST_WAIT_UNTIL (gtk_adjustment_get_upper (scroll) > gtk_adjustment_get_page_size (scroll),
                      5000);
  gtk_adjustment_set_value (scroll, gtk_adjustment_get_upper (scroll));
  g_assert_cmpfloat (gtk_adjustment_get_value (scroll), >, 0);
  pf_test_window_send (fixture, path);
  g_assert_cmpfloat (gtk_adjustment_get_value (scroll), ==, 0);
}

/* A feed lesson shows its banner above the feed, as a request lesson does. */
static void
test_feed_lesson_has_its_banner (Fixture      *fixture,
                                 gconstpointer data)
{
  PfLesson *lesson = lesson_titled ("Server-Sent Events");
  PfFeedView *feed;
  GtkWidget *banner;

  pf_window_open_lesson (fixture->window, lesson);
  feed = pf_window_get_feed_view (fixture->window);
  g_assert_nonnull (feed);
  banner = pf_test_find_widget (GTK_WIDGET (feed), PF_TYPE_LESSON_BANNER, NULL);
  g_assert_true (gtk_widget_get_visible (banner));
  g_assert_nonnull (pf_test_find_label (banner, "Server-Sent Events"));
  g_assert_nonnull (pf_test_find_label (banner, "An EventSource"));
  /* The close button hides it. */
  g_signal_emit_by_name (pf_test_find_widget (banner, GTK_TYPE_BUTTON, NULL), "clicked");
  g_assert_false (gtk_widget_get_visible (banner));
}

/* The EventSource-under-CORS lessons open their feed as the page would, with the origin and
 * withCredentials filled in; the blocked one ends CLOSED with the rule shown. */
static void
test_event_source_cors_lessons (Fixture      *fixture,
                                gconstpointer data)
{
  const char *base = pf_lab_server_get_base_url (fixture->lab);
  PfLesson *blocked = lesson_titled ("EventSource blocked by CORS");
  PfLesson *allowed = lesson_titled ("EventSource across origins");
  g_autofree char *blocked_url = pf_lesson_dup_url (blocked, base);
  g_autofree char *allowed_url = pf_lesson_dup_url (allowed, base);
  PfFeedView *feed;
  GtkWidget *options, *origin, *check;
  PfEventSource *source;

  /* The window under test has no lab of its own: the lessons' URLs are pointed at the test's. */
  pf_window_open_lesson (fixture->window, blocked);
  feed = pf_window_get_feed_view (fixture->window);
  pf_feed_view_set_url (feed, blocked_url);
  options = pf_test_find_widget (GTK_WIDGET (feed), GTK_TYPE_BOX, "cors-options");
  origin = pf_test_find_widget (options, GTK_TYPE_ENTRY, NULL);
  check = pf_test_find_widget (options, GTK_TYPE_CHECK_BUTTON, NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (origin)), ==, "http://app.example");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL));
  source = pf_feed_view_get_event_source (feed);
  PF_TEST_WAIT_UNTIL (pf_event_source_get_ready_state (source) == PF_EVENT_SOURCE_CLOSED, 10000);
  g_assert_true (pf_event_source_get_cors_blocked (source));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_assert_nonnull (pf_test_find_label (GTK_WIDGET (feed), "CORS: blocked: "));

  pf_window_open_lesson (fixture->window, allowed);
  feed = pf_window_get_feed_view (fixture->window);
  pf_feed_view_set_url (feed, allowed_url);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL));
  source = pf_feed_view_get_event_source (feed);
  PF_TEST_WAIT_UNTIL (pf_event_source_get_ready_state (source) == PF_EVENT_SOURCE_OPEN, 10000);
  g_assert_cmpstr (pf_event_source_get_origin (source), ==, "http://app.example");
  g_assert_true (pf_event_source_get_with_credentials (source));
  g_assert_cmpstr (pf_event_source_get_cors_verdict (source), ==,
                   "CORS: allowed for http://app.example");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.abort", NULL));
}

/* The image ping is a Cross-origin lesson whose page sees one event: the tab says load, and
 * marks the response as what only the network saw. */
static void
assert_image_track (PfTimelineChart *chart)
{
  g_autoptr (GArray) parts = pf_timeline_chart_layout (chart, 400);
  guint labels = 0;

  for (guint i = 0; i < parts->len; i++)
    {
      const PfTimelineChartPart *part = &g_array_index (parts, PfTimelineChartPart, i);

      if (part->kind == PF_TIMELINE_CHART_CAPTION)
        g_assert_cmpstr (part->text, ==, "image");
      if (part->kind == PF_TIMELINE_CHART_STATE_LABEL)
        {
          g_assert_true (g_str_has_prefix (part->text, "load · "));
          labels++;
        }
    }
  g_assert_cmpuint (labels, ==, 1);
}

static void
test_image_ping_lesson (Fixture      *fixture,
                        gconstpointer data)
{
  PfLesson *lesson = lesson_titled ("Image ping");
  g_autoptr (PfRequest) request =
    pf_lesson_build_request (lesson, pf_lab_server_get_base_url (fixture->lab));
  PfRequestView *view = pf_window_new_tab (fixture->window, NULL);
  PfExchange *exchange;
  GListModel *timeline;
  GtkWidget *note;

  g_assert_cmpstr (pf_lesson_get_chapter (lesson), ==, "Other cross-origin techniques");
  pf_request_view_set_request (view, request);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL));
  pf_test_window_wait_for_done (fixture->window);
  exchange = pf_window_get_exchange (fixture->window);
  g_assert_cmpstr (pf_exchange_get_image_event (exchange), ==, "load");
  g_assert_nonnull (pf_test_find_label (GTK_WIDGET (view), "new Image(): load event"));
  g_assert_null (pf_test_find_label (GTK_WIDGET (view), "readyState"));
  note = pf_test_find_widget (GTK_WIDGET (view), GTK_TYPE_LABEL, "body-note");
  g_assert_true (gtk_widget_get_visible (note));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (note)),
                                   "Not visible to the page, which gets only load or error"));
  /* The timeline holds the network's phases and the one event. */
  timeline = pf_exchange_get_timeline (exchange);
  for (guint i = 0; i < g_list_model_get_n_items (timeline); i++)
    {
      g_autoptr (PfTimelineEntry) entry = g_list_model_get_item (timeline, i);

      if (pf_timeline_entry_get_kind (entry) == PF_TIMELINE_EVENT)
        g_assert_cmpint (pf_timeline_entry_get_target (entry), ==, PF_TARGET_IMAGE);
    }
  /* The chart's track is the image's, with its one event: no readyState there either. */
  assert_image_track (PF_TIMELINE_CHART (pf_test_find_widget (GTK_WIDGET (view),
                                                              PF_TYPE_TIMELINE_CHART, NULL)));
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, pf_test_window_set_up, func, pf_test_window_tear_down)

/* WebSocket is not under CORS: the lesson's page at another origin is refused by the server
 * (it checks Origin itself), and the same socket from the origin it allows opens. */
static void
test_web_socket_origin_lesson (Fixture      *fixture,
                               gconstpointer data)
{
  PfLesson *lesson = lesson_titled ("WebSocket checks Origin itself");
  g_autofree char *url = pf_lesson_dup_url (lesson, pf_lab_server_get_base_url (fixture->lab));
  PfFeedView *feed;
  GtkWidget *options, *origin, *check;
  PfWebSocket *socket;

  g_assert_cmpstr (pf_lesson_get_chapter (lesson), ==, "Security");
  pf_window_open_lesson (fixture->window, lesson);
  feed = pf_window_get_feed_view (fixture->window);
  pf_feed_view_set_url (feed, url);
  options = pf_test_find_widget (GTK_WIDGET (feed), GTK_TYPE_BOX, "cors-options");
  origin = pf_test_find_widget (options, GTK_TYPE_ENTRY, NULL);
  check = pf_test_find_widget (options, GTK_TYPE_CHECK_BUTTON, NULL);
  g_assert_true (gtk_widget_get_visible (options));
  g_assert_false (gtk_widget_get_visible (check));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (origin)), ==, "http://evil.example");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL));
  socket = pf_feed_view_get_web_socket (feed);
  PF_TEST_WAIT_UNTIL (pf_web_socket_get_state (socket) == PF_WEB_SOCKET_CLOSED, 10000);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_assert_nonnull (pf_test_find_label (GTK_WIDGET (feed), "← 1006, not clean"));
  /* The refusal's row says first what decided it: the status, and the Origin sent. */
  g_assert_nonnull (pf_test_find_label (GTK_WIDGET (feed),
                                        "The server did not accept the WebSocket handshake.\n"
                                        "HTTP/1.1 403 Forbidden\nOrigin: http://evil.example\n"));

  gtk_editable_set_text (GTK_EDITABLE (origin), "http://app.example");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL));
  socket = pf_feed_view_get_web_socket (feed);
  PF_TEST_WAIT_UNTIL (pf_web_socket_get_state (socket) != PF_WEB_SOCKET_CONNECTING, 10000);
  g_assert_cmpint (pf_web_socket_get_state (socket), ==, PF_WEB_SOCKET_OPEN);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.abort", NULL));
}

int
main (int   argc,
      char *argv[])
{
  pf_test_window_init (&argc, &argv);

  ADD ("/window/cors/page-explains", test_cors_page);
  ADD ("/window/cors/new-verdict-from-the-top", test_cors_page_scrolls_to_the_verdict);
  ADD ("/window/lessons/preflighted-cors", test_preflight_lesson);
  ADD ("/window/lessons/form-keeps-its-fields", test_form_lesson_keeps_its_fields);
  ADD ("/window/lessons/feed-lesson-has-its-banner", test_feed_lesson_has_its_banner);
  ADD ("/window/lessons/image-ping-sees-load-only", test_image_ping_lesson);
  ADD ("/window/lessons/event-source-under-cors", test_event_source_cors_lessons);
  ADD ("/window/lessons/web-socket-checks-origin", test_web_socket_origin_lesson);
  ADD ("/window/cors/bad-origin-marks-the-entry", test_bad_origin_marks_entry);
  ADD ("/window/cors/browser-headers-marked-in-raw", test_browser_headers_in_raw);

  return g_test_run ();
}
