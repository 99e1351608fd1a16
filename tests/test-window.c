/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <gtksourceview/gtksource.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pf-application.h"
#include "pf-lab-server.h"
#include "pf-cors-flow.h"
#include "pf-preferences-window.h"
#include "pf-request-view-private.h"
#include "pf-cors-sequence.h"
#include "pf-timeline-chart.h"
#include "pf-test-widgets.h"
#include "pf-window.h"

/* The window as a user meets it: a real window under Xvfb, driven by its actions. */

typedef struct
{
  PfLabServer *lab;
  PfProfile *profile;
  PfWindow *window;
} Fixture;

static void
fixture_set_up (Fixture      *fixture,
                gconstpointer data)
{
  fixture->lab = pf_lab_server_new ();
  g_assert_true (pf_lab_server_start (fixture->lab, 0, NULL));
  fixture->profile = pf_profile_new ();
  fixture->window = g_object_ref_sink (pf_window_new (NULL, fixture->profile, NULL));
  gtk_window_present (GTK_WINDOW (fixture->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

static void
fixture_tear_down (Fixture      *fixture,
                   gconstpointer data)
{
  GObject *session = G_OBJECT (pf_profile_get_session (fixture->profile));
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  /* Closing handshakes and cancelled requests finish in their callbacks. */
  while (G_OBJECT (fixture->window)->ref_count > 1 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_finalize_object (fixture->window);
  while ((session->ref_count > 1 || G_OBJECT (fixture->profile)->ref_count > 1) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_finalize_object (fixture->profile);
  g_assert_finalize_object (fixture->lab);
}

static void
wait_for_done (PfWindow *window)
{
  /* Generous: under AddressSanitizer a 100 MiB download takes a while. */
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      PfExchange *exchange = pf_window_get_exchange (window);

      if (exchange && (pf_exchange_get_ready_state (exchange) == PF_READY_STATE_DONE ||
                       pf_exchange_get_failure (exchange) != PF_FAILURE_NONE))
        break;
      g_main_context_iteration (NULL, TRUE);
    }
  /* Let the completion reach the window. */
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

static char *
text_of_view (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Sends @path of the lab server and waits for the result. */
static void
send_lab_path (Fixture    *fixture,
               const char *path)
{
  g_autofree char *url = g_strconcat (pf_lab_server_get_base_url (fixture->lab), path, NULL);

  pf_window_set_url (fixture->window, url);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL));
  wait_for_done (fixture->window);
  g_assert_cmpint (pf_exchange_get_ready_state (pf_window_get_exchange (fixture->window)), ==,
                   PF_READY_STATE_DONE);
}

static GtkTextView *
body_view (Fixture *fixture)
{
  /* The body is the first text view; the headers come after it. */
  return GTK_TEXT_VIEW (pf_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_TEXT_VIEW, "response-body"));
}

/* The note above the body, or NULL when it is hidden. */
static const char *
body_note (Fixture *fixture)
{
  GtkWidget *note = pf_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_LABEL, "body-note");

  g_assert_nonnull (note);
  return gtk_widget_get_visible (note) ? gtk_label_get_label (GTK_LABEL (note)) : NULL;
}

static void
test_send_shows_response (Fixture      *fixture,
                          gconstpointer data)
{
  g_autofree char *url = g_strconcat (pf_lab_server_get_base_url (fixture->lab), "example.txt",
                                      NULL);
  GtkWidget *status;
  GtkTextView *body;
  g_autofree char *text = NULL;

  pf_window_set_url (fixture->window, url);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL));
  wait_for_done (fixture->window);
  g_assert_cmpint (pf_exchange_get_ready_state (pf_window_get_exchange (fixture->window)), ==,
                   PF_READY_STATE_DONE);
  status = pf_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_LABEL, "success");
  g_assert_nonnull (status);
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (status)), "200 OK"));
  body = body_view (fixture);
  text = text_of_view (body);
  g_assert_nonnull (strstr (text, "example.txt"));
  g_assert_cmpuint (g_list_model_get_n_items (pf_exchange_get_timeline (
                      pf_window_get_exchange (fixture->window))), >=, 7);
}

static void
test_timeline_in_time_order (Fixture      *fixture,
                             gconstpointer data)
{
  GListModel *timeline;
  GListModel *shown;
  gint64 last = G_MININT64;

  send_lab_path (fixture, "example.txt");
  timeline = pf_exchange_get_timeline (pf_window_get_exchange (fixture->window));
  shown = G_LIST_MODEL (gtk_list_view_get_model (
    GTK_LIST_VIEW (pf_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_LIST_VIEW, "timeline"))));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, g_list_model_get_n_items (timeline));
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr (PfTimelineEntry) entry = g_list_model_get_item (shown, i);

      g_assert_cmpint (pf_timeline_entry_get_time_us (entry), >=, last);
      last = pf_timeline_entry_get_time_us (entry);
    }
}

static void
test_timeline_chart (Fixture      *fixture,
                     gconstpointer data)
{
  GtkWidget *chart;
  int height = 0;

  send_lab_path (fixture, "example.txt");
  chart = pf_test_find_widget (GTK_WIDGET (fixture->window), PF_TYPE_TIMELINE_CHART, NULL);
  g_assert_nonnull (chart);
  gtk_widget_measure (chart, GTK_ORIENTATION_VERTICAL, -1, &height, NULL, NULL, NULL);
  /* The readyState track and a row per phase (a fresh connection has dns, connect, send, wait
   * and download). */
  g_assert_cmpint (height, >=, 12 + 28 + 3 * 18);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

static void
test_binary_body_shows_size (Fixture      *fixture,
                             gconstpointer data)
{
  g_autofree char *text = NULL;

  GtkWidget *picture;

  send_lab_path (fixture, "ping.gif");
  g_assert_cmpstr (body_note (fixture), ==, "Image (image/gif), 43 bytes, 1 × 1 pixels.");
  picture = pf_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_PICTURE, NULL);
  g_assert_true (gtk_widget_get_visible (picture));
  g_assert_nonnull (gtk_picture_get_paintable (GTK_PICTURE (picture)));
  /* Sent as text, the same bytes are binary: a hex dump of their start. */
  send_lab_path (fixture, "echo?x=%00");
  g_assert_cmpstr (body_note (fixture), ==, "JSON, indented for reading.");
  /* Highlighted as JSON. */
  g_assert_cmpstr (gtk_source_language_get_id (gtk_source_buffer_get_language (
                     GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (body_view (fixture))))), ==, "json");
  g_assert_false (gtk_widget_get_visible (picture));
  text = text_of_view (body_view (fixture));
  g_assert_true (g_str_has_prefix (text, "{\n  \"method\" : \"GET\","));
}

/* What the Response view shows of a text body: at most 1 MiB, and never a line longer than
 * 4 KiB (GTK lays a wrapped line out in time that grows with its square). */
static void
test_body_display_rules (void)
{
  g_autoptr (GString) lines = g_string_new (NULL);
  g_autoptr (GString) other = g_string_new ("{\"a\": \"");
  g_autofree char *shown = NULL;
  g_autofree char *note = NULL;

  while (lines->len < 2000000)
    g_string_append (lines, "a line of the body, short enough to wrap quickly\n");
  shown = _pf_request_view_format_body ("text/plain", lines->str, lines->len, lines->len, &note);
  g_assert_cmpuint (strlen (shown), <=, 1024 * 1024);
  g_assert_cmpuint (strlen (shown), >, 1024 * 1024 - 64);
  g_assert_true (g_str_has_prefix (note, "Showing the first 1.0\u00a0MB of "));
  g_clear_pointer (&shown, g_free);
  g_clear_pointer (&note, g_free);

  /* Pretty JSON whose one string is too long for a line is shown as it came, cut. */
  for (int i = 0; i < 1000; i++)
    g_string_append (other, "0123456789");
  g_string_append (other, "\"}");
  shown = _pf_request_view_format_body ("application/json", other->str, other->len, other->len,
                                        &note);
  g_assert_cmpuint (strlen (shown), ==, 4096);
  g_assert_true (g_str_has_suffix (note, "the text stops in a line longer than 4.1\u00a0kB."));
  g_clear_pointer (&shown, g_free);
  g_clear_pointer (&note, g_free);

  /* A cut never splits a character. */
  g_string_assign (other, "");
  for (int i = 0; i < 3000; i++)
    g_string_append (other, "\xC3\xA9");
  shown = _pf_request_view_format_body ("text/plain", other->str, other->len, other->len, &note);
  g_assert_true (g_utf8_validate (shown, -1, NULL));
  g_assert_cmpuint (strlen (shown), ==, 4096);
}

static void
test_large_body_is_cut (Fixture      *fixture,
                        gconstpointer data)
{
  g_autofree char *text = NULL;

  /* The lab's pattern is one line: the text stops in it. g_format_size () puts a no-break
   * space before the unit. */
  send_lab_path (fixture, "bytes/2000000");
  g_assert_cmpstr (body_note (fixture), ==, "Showing the first 4.1\u00a0kB of 2.0\u00a0MB: the text "
                   "stops in a line longer than 4.1\u00a0kB.");
  text = text_of_view (body_view (fixture));
  g_assert_cmpuint (strlen (text), ==, 4096);
  g_assert_true (g_str_has_prefix (text, "abcdefghijklmnopqrstuvwxyzabc"));
}

/* The Response view fills in after the exchange ends (a spooled body is read off the main
 * thread): wait for its note, within a deadline generous enough for a loaded machine. */
static void
wait_for_body_note (Fixture *fixture)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (body_note (fixture) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_spooled_body_is_read_from_its_file (Fixture      *fixture,
                                         gconstpointer data)
{
  g_autofree char *text = NULL;

  /* Past the exchange's memory limit (8 MiB) the body is in a temporary file. */
  send_lab_path (fixture, "bytes/10000000");
  g_assert_nonnull (pf_exchange_get_body_file (pf_window_get_exchange (fixture->window)));
  wait_for_body_note (fixture);
  g_assert_cmpstr (body_note (fixture), ==, "Showing the first 4.1\u00a0kB of 10.0\u00a0MB: the "
                   "text stops in a line longer than 4.1\u00a0kB.");
  text = text_of_view (body_view (fixture));
  g_assert_cmpuint (strlen (text), ==, 4096);
}

static void
remember_toast_cb (PfRequestView *view,
                   const char    *message,
                   char         **toast)
{
  g_free (*toast);
  *toast = g_strdup (message);
}

/* Saves the last body to a new file and returns that file's size. */
static goffset
save_body (Fixture    *fixture,
           const char *dir)
{
  PfRequestView *view = pf_window_get_request_view (fixture->window);
  g_autofree char *path = g_build_filename (dir, "body", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  g_autofree char *toast = NULL;
  gulong id = g_signal_connect (view, "toast", G_CALLBACK (remember_toast_cb), &toast);
  GStatBuf st;

  _pf_request_view_save_body_to (view, file);
  while (toast == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (view, id);
  g_assert_nonnull (toast);
  g_assert_true (g_str_has_prefix (toast, "Saved the body to"));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (g_unlink (path), ==, 0);
  return st.st_size;
}

/* The whole body is saved, the part shown or not: a spooled one file to file. */
static void
test_save_body (Fixture      *fixture,
                gconstpointer data)
{
  g_autofree char *dir = g_dir_make_tmp ("pf-test-save-XXXXXX", NULL);
  GtkWidget *button;

  send_lab_path (fixture, "bytes/10000000");
  button = pf_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_BUTTON, "save-body");
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_cmpint (save_body (fixture, dir), ==, 10000000);
  send_lab_path (fixture, "example.txt");
  g_assert_cmpint (save_body (fixture, dir), ==,
                   pf_exchange_get_loaded (pf_window_get_exchange (fixture->window)));
  /* No body, nothing to save. */
  send_lab_path (fixture, "status/204");
  g_assert_false (gtk_widget_get_visible (button));
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_empty_body_says_so (Fixture      *fixture,
                         gconstpointer data)
{
  send_lab_path (fixture, "status/204");
  wait_for_body_note (fixture);
  g_assert_cmpstr (body_note (fixture), ==, "The response has no body.");
}

static void
test_tabs (Fixture      *fixture,
           gconstpointer data)
{
  AdwTabView *tabs = pf_window_get_tab_view (fixture->window);
  PfRequestView *first = pf_window_get_request_view (fixture->window);

  g_assert_cmpint (adw_tab_view_get_n_pages (tabs), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-tab", NULL));
  g_assert_cmpint (adw_tab_view_get_n_pages (tabs), ==, 2);
  g_assert_true (pf_window_get_request_view (fixture->window) != first);
  /* Each tab sends on its own. */
  send_lab_path (fixture, "bytes/10");
  g_assert_null (pf_request_view_get_exchange (first));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.close-tab", NULL));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpint (adw_tab_view_get_n_pages (tabs), ==, 1);
  g_assert_true (pf_window_get_request_view (fixture->window) == first);
}

/* The label (or, in a list row, the inscription) under @root whose text starts with @prefix,
 * or NULL. */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *prefix)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *text = GTK_IS_LABEL (child)         ? gtk_label_get_label (GTK_LABEL (child))
                         : GTK_IS_INSCRIPTION (child) ? gtk_inscription_get_text (
                                                          GTK_INSCRIPTION (child))
                                                      : NULL;
      GtkWidget *found;

      if (text != NULL && g_str_has_prefix (text, prefix))
        return child;
      if ((found = find_label (child, prefix)) != NULL)
        return found;
    }
  return NULL;
}

/* Whether a widget under @root has the tooltip @text. */
static gboolean
has_tooltip (GtkWidget  *root,
             const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    if (g_strcmp0 (gtk_widget_get_tooltip_text (child), text) == 0 || has_tooltip (child, text))
      return TRUE;
  return FALSE;
}

static void
test_cors_page (Fixture      *fixture,
                gconstpointer data)
{
  PfRequestView *view = pf_window_get_request_view (fixture->window);

  pf_request_view_set_origin (view, "http://app.example");
  send_lab_path (fixture, "cors/api?allow-methods=PUT");
  /* Blocked: the page sees status 0; the CORS page says why, naming the rule. */
  g_assert_cmpuint (pf_exchange_get_status (pf_window_get_exchange (fixture->window)), ==, 0);
  g_assert_nonnull (find_label (GTK_WIDGET (view), "Blocked: a page at http://app.example"));
  g_assert_nonnull (find_label (GTK_WIDGET (view), "The response has no Access-Control-Allow-Origin"));
  send_lab_path (fixture, "cors/api?allow-origin=*");
  g_assert_nonnull (find_label (GTK_WIDGET (view), "Allowed: a page at http://app.example"));
  /* The header table lists what the server sent; X-Lab-Secret is marked hidden. */
  {
    guint hidden = 0;

    guint rows = 0;

    for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (((struct _PfRequestView *) view)->response_headers_list));
         row != NULL; row = gtk_widget_get_next_sibling (row))
      {
        gboolean secret = find_label (row, "X-Lab-Secret") != NULL;
        gboolean marked = has_tooltip (row, "Hidden from the page");

        rows++;
        hidden += marked;
        if (secret)
          g_assert_true (marked);
        if (find_label (row, "Content-Type") != NULL)
          g_assert_false (marked);
      }
    g_assert_cmpuint (rows, >, 5);
    g_assert_cmpuint (hidden, >=, 2);
  }
  g_assert_cmpuint (pf_exchange_get_status (pf_window_get_exchange (fixture->window)), ==, 200);
}

static void
test_bad_origin_marks_entry (Fixture      *fixture,
                             gconstpointer data)
{
  PfRequestView *view = pf_window_get_request_view (fixture->window);

  pf_request_view_set_origin (view, "not an origin");
  pf_window_set_url (fixture->window, pf_lab_server_get_base_url (fixture->lab));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL);
  g_assert_null (pf_window_get_exchange (fixture->window));
  g_assert_nonnull (pf_test_find_widget (GTK_WIDGET (view), ADW_TYPE_ENTRY_ROW, "error"));
}

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
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  PfEventSource *source;
  GtkListView *list;

  g_assert_true (pf_window_get_feed_view (fixture->window) == feed);
  g_assert_null (pf_window_get_request_view (fixture->window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL));
  source = pf_feed_view_get_event_source (feed);
  g_assert_nonnull (source);
  while (!(two_messages (source) && pf_event_source_get_ready_state (source) == PF_EVENT_SOURCE_CONNECTING) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  /* The stream ended after two events: the tab counts down to the reconnect with the id. */
  for (int i = 0; i < 30; i++)
    g_main_context_iteration (NULL, FALSE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_assert_nonnull (find_label (GTK_WIDGET (feed), "readyState 0 · CONNECTING · reconnect in"));
  list = GTK_LIST_VIEW (pf_test_find_widget (GTK_WIDGET (feed), GTK_TYPE_LIST_VIEW, "timeline"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list))), ==, 4);
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
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  g_autofree char *text = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL));
  while (!two_messages (pf_feed_view_get_event_source (feed)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (two_messages (pf_feed_view_get_event_source (feed)));
  g_assert_true (gtk_selection_model_select_item (gtk_list_view_get_model (list), 1, TRUE));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (feed), "feed.copy", NULL));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (feed)), NULL,
                                 clipboard_read_cb, &text);
  while (text == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (text, ==, "{\"n\": 1, \"text\": \"event 1\"}");
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.abort", NULL);
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
  g_autoptr (PfRequest) request = pf_lesson_build_request (lesson, pf_lab_server_get_base_url (fixture->lab));
  PfRequestView *view;
  PfExchange *exchange;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  /* The sidebar lists the lessons under their chapters. */
  g_assert_nonnull (find_label (GTK_WIDGET (fixture->window), "Preflighted CORS"));
  g_assert_nonnull (find_label (GTK_WIDGET (fixture->window), "Server-Sent Events"));
  view = pf_window_new_tab (fixture->window, NULL);
  pf_request_view_load (view, request);
  pf_request_view_set_lesson (view, pf_lesson_get_title (lesson), pf_lesson_get_explanation (lesson));
  g_assert_nonnull (find_label (GTK_WIDGET (view), "PUT and the X-Token header are not safelisted"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL));
  while (!((exchange = pf_window_get_exchange (fixture->window)) &&
           pf_exchange_get_ready_state (exchange) == PF_READY_STATE_DONE) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpstr (pf_exchange_get_method (exchange), ==, "PUT");
  g_assert_cmpuint (pf_exchange_get_status (exchange), ==, 200);
  g_assert_true (pf_cors_flow_get_preflight (pf_cors_flow_get_for (exchange)));
  g_assert_nonnull (find_label (GTK_WIDGET (view), "Allowed: a page at http://app.example"));
  /* Each preflight rule that passed, with the value seen. */
  g_assert_nonnull (find_label (GTK_WIDGET (view), "The preflight allows PUT"));
  g_assert_nonnull (find_label (GTK_WIDGET (view), "The preflight cache keeps this answer for"));
  /* The drawing: OPTIONS, its answer, PUT, its answer. */
  g_assert_nonnull (pf_test_find_widget (GTK_WIDGET (view), PF_TYPE_CORS_SEQUENCE, NULL));
}

static void
test_preferences (Fixture      *fixture,
                  gconstpointer data)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  PfPreferencesWindow *preferences = pf_preferences_window_new (GTK_WINDOW (fixture->window), settings);
  g_autofree char *scheme = NULL;
  AdwComboRow *style;
  g_autoptr (PfRequest) request = NULL;
  PfRequestView *view;

  gtk_window_present (GTK_WINDOW (preferences));
  style = ADW_COMBO_ROW (pf_test_find_widget (GTK_WIDGET (preferences), ADW_TYPE_COMBO_ROW, NULL));
  adw_combo_row_set_selected (style, 2);
  scheme = g_settings_get_string (settings, "color-scheme");
  g_assert_cmpstr (scheme, ==, "dark");
  g_settings_set_uint (settings, "default-timeout-ms", 1500);
  gtk_window_destroy (GTK_WINDOW (preferences));
  /* New tabs take the default timeout. */
  pf_window_set_settings (fixture->window, settings);
  view = pf_window_new_tab (fixture->window, pf_lab_server_get_base_url (fixture->lab));
  send_lab_path (fixture, "example.txt");
  g_assert_cmpuint (pf_request_get_timeout_ms (pf_exchange_get_request (pf_request_view_get_exchange (view))), ==, 1500);
  g_settings_reset (settings, "color-scheme");
  g_settings_reset (settings, "default-timeout-ms");
}

static void
test_params_follow_the_url (Fixture      *fixture,
                            gconstpointer data)
{
  PfRequestView *view = pf_window_get_request_view (fixture->window);
  GListModel *params;
  g_autoptr (PfKeyValue) city = NULL;

  pf_window_set_url (fixture->window, "http://127.0.0.1:1/echo?name=Ada%20Lovelace&city=%E5%8C%97%E4%BA%AC#top");
  params = G_LIST_MODEL (((struct _PfRequestView *) view)->params);
  g_assert_cmpuint (g_list_model_get_n_items (params), ==, 2);
  city = g_list_model_get_item (params, 1);
  g_assert_cmpstr (pf_key_value_get_name (city), ==, "city");
  g_assert_cmpstr (pf_key_value_get_value (city), ==, "北京");
  /* Editing the table rewrites the query, encoded as encodeURIComponent () does. */
  pf_key_value_set_value (city, "São Paulo & co");
  g_assert_cmpstr (pf_request_view_get_url (view), ==,
                   "http://127.0.0.1:1/echo?name=Ada%20Lovelace&city=S%C3%A3o%20Paulo%20%26%20co#top");
  pf_key_value_set_enabled (city, FALSE);
  g_assert_cmpstr (pf_request_view_get_url (view), ==, "http://127.0.0.1:1/echo?name=Ada%20Lovelace#top");
}

static GtkTextView *
raw_view (Fixture *fixture)
{
  return GTK_TEXT_VIEW (pf_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_TEXT_VIEW, "raw-view"));
}

static void
test_raw_page (Fixture      *fixture,
               gconstpointer data)
{
  g_autofree char *text = NULL;

  send_lab_path (fixture, "echo?x=1");
  text = text_of_view (raw_view (fixture));
  g_assert_true (g_str_has_prefix (text, "GET /echo?x=1 HTTP/1.1\r\n"));
  g_assert_nonnull (strstr (text, "\r\n\nHTTP/1.1 200 OK\r\n"));
}

static void
test_free_text_method (Fixture      *fixture,
                       gconstpointer data)
{
  GtkWidget *view = GTK_WIDGET (pf_window_get_request_view (fixture->window));
  GtkEditable *method = GTK_EDITABLE (pf_test_find_widget (view, GTK_TYPE_ENTRY, NULL));
  g_autofree char *url = g_strconcat (pf_lab_server_get_base_url (fixture->lab), "echo", NULL);

  /* The first entry of the tab is the method. */
  g_assert_cmpstr (gtk_editable_get_text (method), ==, "GET");
  g_assert_true (gtk_widget_activate_action (view, "request.method", "s", "DELETE"));
  g_assert_cmpstr (gtk_editable_get_text (method), ==, "DELETE");
  gtk_editable_set_text (method, "propfind");
  send_lab_path (fixture, "echo");
  /* Not one of the six that browsers upper-case: sent as typed. */
  g_assert_cmpstr (pf_exchange_get_method (pf_window_get_exchange (fixture->window)), ==, "propfind");
  gtk_editable_set_text (method, "BAD METHOD");
  pf_window_set_url (fixture->window, url);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL);
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (method), "error"));
}

static void
test_form_bodies (Fixture      *fixture,
                  gconstpointer data)
{
  PfRequestView *view = pf_window_get_request_view (fixture->window);
  struct _PfRequestView *tab = (struct _PfRequestView *) view;
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "pf-window-part.txt", NULL);
  g_autoptr (PfKeyValue) name = pf_key_value_new ("name", "Ada & Co");
  g_autoptr (PfKeyValue) file = pf_key_value_new_file ("upload", path);
  g_autofree char *text = NULL;

  g_assert_true (g_file_set_contents (path, "file text", -1, NULL));
  gtk_editable_set_text (GTK_EDITABLE (tab->method_entry), "POST");
  g_list_store_append (tab->fields, name);
  adw_combo_row_set_selected (tab->body_kind_row, 2);
  send_lab_path (fixture, "echo");
  text = text_of_view (body_view (fixture));
  g_assert_nonnull (strstr (text, "\"body\" : \"name=Ada%20%26%20Co\""));
  g_free (text);
  /* FormData: a text part and a file part. */
  g_list_store_append (tab->fields, file);
  adw_combo_row_set_selected (tab->body_kind_row, 3);
  send_lab_path (fixture, "echo");
  text = text_of_view (body_view (fixture));
  g_assert_nonnull (strstr (text, "\"filename\" : \"pf-window-part.txt\""));
  g_assert_nonnull (strstr (text, "\"text\" : \"file text\""));
  g_free (text);
  /* A file as the whole body. */
  pf_request_view_set_body_file (view, path);
  adw_combo_row_set_selected (tab->body_kind_row, 4);
  send_lab_path (fixture, "echo");
  text = text_of_view (body_view (fixture));
  g_assert_nonnull (strstr (text, "\"body\" : \"file text\""));
  g_unlink (path);
}

static void
test_xml_notes (Fixture      *fixture,
                gconstpointer data)
{
  send_lab_path (fixture, "xml");
  g_assert_true (g_str_has_prefix (body_note (fixture), "responseXML is a document"));
  send_lab_path (fixture, "xml-as-text");
  g_assert_true (g_str_has_prefix (body_note (fixture), "responseXML is null: the MIME type is not XML"));
  /* Upload progress shows for a request with a body only. */
  g_assert_false (gtk_widget_get_visible (pf_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_PROGRESS_BAR, NULL)));
}

static void
test_body_formats (void)
{
  const char binary[] = { 'P', 'K', 3, 4, 0, (char) 0xff, 'a' };
  g_autofree char *note = NULL;
  g_autofree char *hex = _pf_request_view_format_body ("application/zip", binary, sizeof binary,
                                                       sizeof binary, &note);
  g_autofree char *json_note = NULL;
  g_autofree char *json = _pf_request_view_format_body ("application/problem+json", "{\"a\":[1,2]}", 11,
                                                        11, &json_note);
  g_autofree char *bad_note = NULL;
  g_autofree char *bad = _pf_request_view_format_body ("application/json", "{oops", 5, 5, &bad_note);

  g_assert_cmpstr (note, ==, "Binary body, 7 bytes: the first 7 bytes in hexadecimal.");
  g_assert_cmpstr (hex, ==, "00000000  50 4b 03 04 00 ff 61                              PK....a\n");
  g_assert_cmpstr (json, ==, "{\n  \"a\" : [\n    1,\n    2\n  ]\n}");
  /* JSON that does not parse is shown as it came. */
  g_assert_cmpstr (bad, ==, "{oops");
  g_assert_null (bad_note);
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
test_web_socket_tab (Fixture      *fixture,
                     gconstpointer data)
{
  g_autofree char *base = g_strconcat (pf_lab_server_get_base_url (fixture->lab), "ws", NULL);
  g_autofree char *url = g_strconcat ("ws", base + 4, NULL);
  PfFeedView *feed = pf_window_new_feed_tab (fixture->window, url);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  GtkEditable *message;
  PfWebSocket *socket;

  pf_feed_view_set_kind (feed, PF_FEED_KIND_WEB_SOCKET);
  /* A URL typed by the user stays when the kind changes. */
  g_assert_cmpstr (pf_feed_view_get_url (feed), ==, url);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL));
  socket = pf_feed_view_get_web_socket (feed);
  while (pf_web_socket_get_state (socket) == PF_WEB_SOCKET_CONNECTING && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  message = GTK_EDITABLE (pf_test_find_widget (GTK_WIDGET (feed), GTK_TYPE_ENTRY, "message-entry"));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (message))));
  gtk_editable_set_text (message, "hello");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (feed), "feed.send-message", NULL));
  while (!echoed_twice (socket) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (echoed_twice (socket));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.abort", NULL));
  while (pf_web_socket_get_state (socket) != PF_WEB_SOCKET_CLOSED && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (pf_web_socket_get_state (socket), ==, PF_WEB_SOCKET_CLOSED);
}

static void
test_long_poll_tab (Fixture      *fixture,
                    gconstpointer data)
{
  PfFeedView *feed = pf_window_new_feed_tab (fixture->window, NULL);
  g_autofree char *url = g_strconcat (pf_lab_server_get_base_url (fixture->lab), "poll?hold=50", NULL);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  PfLongPoll *poll;

  pf_feed_view_set_kind (feed, PF_FEED_KIND_LONG_POLL);
  pf_feed_view_set_url (feed, url);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL));
  poll = pf_feed_view_get_long_poll (feed);
  while (g_list_model_get_n_items (pf_long_poll_get_cycles (poll)) < 2 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (pf_long_poll_get_cycles (poll)), >=, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.abort", NULL));
  g_assert_false (pf_long_poll_get_running (poll));
}

static void
test_narrow_window (Fixture      *fixture,
                    gconstpointer data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *paned;
  int minimum = 0;

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  gtk_test_widget_wait_for_draw (window);
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  /* Folded: the panes stack and the whole window fits in 360 pixels. */
  paned = pf_test_find_widget (GTK_WIDGET (pf_window_get_request_view (fixture->window)), GTK_TYPE_PANED, NULL);
  g_assert_cmpint (gtk_orientable_get_orientation (GTK_ORIENTABLE (paned)), ==, GTK_ORIENTATION_VERTICAL);
  gtk_widget_measure (GTK_WIDGET (pf_window_get_request_view (fixture->window)), GTK_ORIENTATION_HORIZONTAL,
                      -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
  send_lab_path (fixture, "example.txt");
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  g_assert_cmpint (gtk_orientable_get_orientation (GTK_ORIENTABLE (paned)), ==, GTK_ORIENTATION_HORIZONTAL);
}

typedef struct
{
  gint64 last;
  gint64 worst;
} Stall;

/* Timing is not judged under the sanitizers, which slow everything several times over. */
static gboolean
under_sanitizer (void)
{
  return g_getenv ("ASAN_OPTIONS") != NULL || g_getenv ("UBSAN_OPTIONS") != NULL;
}

static gboolean
tick_cb (gpointer user_data)
{
  Stall *stall = user_data;
  gint64 now = g_get_monotonic_time ();

  if (stall->last != 0)
    stall->worst = MAX (stall->worst, now - stall->last);
  stall->last = now;
  return G_SOURCE_CONTINUE;
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
  gint64 deadline = g_get_monotonic_time () + 180 * G_USEC_PER_SEC;
  Stall stall = { 0 };
  guint tick = g_timeout_add (10, tick_cb, &stall);
  PfEventSource *source;
  gint64 start = g_get_monotonic_time ();

  pf_feed_view_set_max_entries (feed, 1000000);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL);
  source = pf_feed_view_get_event_source (feed);
  while (pf_event_source_get_ready_state (source) != PF_EVENT_SOURCE_CLOSED &&
         g_list_model_get_n_items (pf_event_source_get_entries (source)) < 100001 &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  g_test_message ("100 000 events in %.2f s, longest main-loop gap %.1f ms",
                  (g_get_monotonic_time () - start) / 1e6, stall.worst / 1000.0);
  g_assert_cmpuint (g_list_model_get_n_items (pf_event_source_get_entries (source)), >=, 100001);
  if (!under_sanitizer ())
    g_assert_cmpint (stall.worst, <, 500 * 1000);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.abort", NULL);
}

/* A 100 MiB answer: spooled to a file, shown cut at 1 MiB, the window drawing meanwhile. */
static void
test_big_response_stays_responsive (Fixture      *fixture,
                                    gconstpointer data)
{
  Stall stall = { 0 };
  guint tick = g_timeout_add (10, tick_cb, &stall);
  gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  g_autofree char *text = NULL;

  send_lab_path (fixture, "bytes/104857600");
  while (body_note (fixture) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  g_test_message ("100 MiB: longest main-loop gap %.1f ms", stall.worst / 1000.0);
  g_assert_cmpstr (body_note (fixture), ==, "Showing the first 4.1\u00a0kB of 104.9\u00a0MB: the "
                   "text stops in a line longer than 4.1\u00a0kB.");
  text = text_of_view (body_view (fixture));
  g_assert_cmpuint (strlen (text), ==, 4096);
  if (!under_sanitizer ())
    g_assert_cmpint (stall.worst, <, 500 * 1000);
}

static void
test_stream_tab_and_pause (Fixture      *fixture,
                           gconstpointer data)
{
  g_autofree char *url = g_strconcat (pf_lab_server_get_base_url (fixture->lab),
                                      "stream?lines=6&interval=60", NULL);
  PfFeedView *feed = pf_window_new_feed_tab (fixture->window, NULL);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  GtkListView *list = GTK_LIST_VIEW (pf_test_find_widget (GTK_WIDGET (feed), GTK_TYPE_LIST_VIEW, "timeline"));
  GtkToggleButton *pause = GTK_TOGGLE_BUTTON (pf_test_find_widget (GTK_WIDGET (feed), GTK_TYPE_TOGGLE_BUTTON, "pause-button"));
  guint frozen;

  pf_feed_view_set_kind (feed, PF_FEED_KIND_STREAM);
  pf_feed_view_set_url (feed, url);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL));
  while (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list))) < 2 &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  /* Paused, the list holds still while chunks keep coming. */
  gtk_toggle_button_set_active (pause, TRUE);
  frozen = g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list)));
  while (g_get_monotonic_time () < deadline &&
         !find_label (GTK_WIDGET (feed), "readyState 4"))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list))), ==, frozen);
  gtk_toggle_button_set_active (pause, FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list))), ==, 6);
  g_assert_nonnull (find_label (GTK_WIDGET (feed), "line 6"));
}

static void
test_bad_url_marks_entry (Fixture      *fixture,
                          gconstpointer data)
{
  GtkWidget *entry;

  pf_window_set_url (fixture->window, "not a url");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL));
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  entry = pf_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_ENTRY, "url-entry");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_null (pf_window_get_exchange (fixture->window));
  /* Editing the URL clears the mark; Send is possible again. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "http://127.0.0.1:1/");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
}

static void
test_abort_from_window (Fixture      *fixture,
                        gconstpointer data)
{
  g_autofree char *url = g_strconcat (pf_lab_server_get_base_url (fixture->lab), "delay/5000",
                                      NULL);
  GtkWidget *status;

  pf_window_set_url (fixture->window, url);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL);
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  /* While it runs, Abort is the action and the result area names the request. */
  g_assert_false (gtk_widget_get_sensitive (pf_test_find_widget (GTK_WIDGET (fixture->window),
                                                         GTK_TYPE_BUTTON, "suggested-action")));
  g_assert_true (gtk_widget_get_sensitive (pf_test_find_widget (GTK_WIDGET (fixture->window),
                                                        GTK_TYPE_BUTTON, "destructive-action")));
  status = gtk_widget_get_first_child (pf_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_BOX,
                                                    "status-line"));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (status)), "GET http://"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.abort", NULL));
  wait_for_done (fixture->window);
  g_assert_cmpint (pf_exchange_get_failure (pf_window_get_exchange (fixture->window)), ==,
                   PF_FAILURE_ABORT);
  status = pf_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_LABEL, "error");
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (status)), "Aborted"));
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

/* Sets GSK_RENDERER to @renderer and GDK_DEBUG to @debug (NULL: unset), runs the
 * environment rule and checks whether it turned GDK's GL off (@off) or left all as it was. */
static void
check_environment (const char *renderer,
                   const char *debug,
                   gboolean    off)
{
  const char *variable = gtk_get_minor_version () >= 16 ? "GDK_DISABLE" : "GDK_DEBUG";
  const char *value = gtk_get_minor_version () >= 16 ? "gl" : "gl-disable";

  g_unsetenv ("GDK_DISABLE");
  g_unsetenv ("GDK_DEBUG");
  if (debug != NULL)
    g_setenv ("GDK_DEBUG", debug, TRUE);
  if (renderer != NULL)
    g_setenv ("GSK_RENDERER", renderer, TRUE);
  else
    g_unsetenv ("GSK_RENDERER");
  pf_application_setup_environment ();
  if (off)
    g_assert_cmpstr (g_getenv (variable), ==, value);
  else
    {
      g_assert_cmpstr (g_getenv ("GDK_DEBUG"), ==, debug);
      g_assert_null (g_getenv ("GDK_DISABLE"));
    }
}

static void
restore_variable (const char *name,
                  const char *value)
{
  if (value != NULL)
    g_setenv (name, value, TRUE);
  else
    g_unsetenv (name);
}

/* GL is left alone unless the cairo renderer was asked for and GDK's GL settings were not. */
static void
test_environment_gl_only_off_for_cairo (void)
{
  g_autofree char *renderer = g_strdup (g_getenv ("GSK_RENDERER"));
  g_autofree char *debug = g_strdup (g_getenv ("GDK_DEBUG"));
  g_autofree char *disable = g_strdup (g_getenv ("GDK_DISABLE"));

  check_environment ("cairo", NULL, TRUE);
  check_environment ("gl", NULL, FALSE);
  check_environment (NULL, NULL, FALSE);
  check_environment ("cairo", "interactive", FALSE);
  restore_variable ("GSK_RENDERER", renderer);
  restore_variable ("GDK_DEBUG", debug);
  restore_variable ("GDK_DISABLE", disable);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GtkCssProvider) css = gtk_css_provider_new ();

  pf_application_setup_environment ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* The application would load its style sheet; the tests show the window as users see it. */
  g_type_ensure (PF_TYPE_WINDOW);
  gtk_css_provider_load_from_resource (css, APP_RESOURCE_PATH "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  ADD ("/window/send/shows-status-and-body", test_send_shows_response);
  ADD ("/window/send/bad-url-marks-the-entry", test_bad_url_marks_entry);
  ADD ("/window/timeline/in-time-order", test_timeline_in_time_order);
  ADD ("/window/timeline/chart", test_timeline_chart);
  ADD ("/window/body/image-and-json", test_binary_body_shows_size);
  g_test_add_func ("/window/body/display-rules", test_body_display_rules);
  g_test_add_func ("/window/environment/gl-off-only-for-cairo",
                   test_environment_gl_only_off_for_cairo);
  ADD ("/window/body/large-is-cut", test_large_body_is_cut);
  ADD ("/window/body/spooled-is-read-from-its-file", test_spooled_body_is_read_from_its_file);
  ADD ("/window/body/empty-says-so", test_empty_body_says_so);
  ADD ("/window/body/save-whole", test_save_body);
  ADD ("/window/abort/shows-aborted", test_abort_from_window);
  ADD ("/window/tabs/new-and-close", test_tabs);
  ADD ("/window/cors/page-explains", test_cors_page);
  ADD ("/window/feed/subscribes-and-counts-down", test_feed_tab);
  ADD ("/window/feed/copy-selected", test_feed_copy);
  ADD ("/window/feed/web-socket", test_web_socket_tab);
  ADD ("/window/feed/long-poll", test_long_poll_tab);
  ADD ("/window/feed/http-stream-and-pause", test_stream_tab_and_pause);
  ADD ("/window/adaptive/360-pixels", test_narrow_window);
  ADD ("/window/feed/100000-events-responsive", test_big_feed_stays_responsive);
  ADD ("/window/body/100-mib-responsive", test_big_response_stays_responsive);
  ADD ("/window/lessons/preflighted-cors", test_preflight_lesson);
  ADD ("/window/preferences/bound-to-settings", test_preferences);
  g_test_add_func ("/window/body/formats", test_body_formats);
  ADD ("/window/params/follow-the-url", test_params_follow_the_url);
  ADD ("/window/raw/request-and-response-heads", test_raw_page);
  ADD ("/window/method/free-text", test_free_text_method);
  ADD ("/window/body/forms-and-files", test_form_bodies);
  ADD ("/window/body/response-xml-notes", test_xml_notes);
  ADD ("/window/cors/bad-origin-marks-the-entry", test_bad_origin_marks_entry);

  return g_test_run ();
}
