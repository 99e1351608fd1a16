/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>

#include <glib/gstdio.h>
#include <gtksourceview/gtksource.h>
#include <string.h>

#include "pf-body-viewer.h"
#include "pf-curl-import-window.h"
#include "pf-http-syntax.h"
#include "pf-key-value-row.h"
#include "pf-request-view-private.h"
#include "pf-test-window.h"
#include "pf-timeline-chart.h"

/* The request tab as a user meets it: send, the timeline, the response body, headers
 * and raw pages, the editor bound to the tab's request, tabs, abort, a narrow window. */

typedef PfTestWindow Fixture;

/* The Headers page's table reads as the server wrote it: the name, then the value. */
static void
assert_header_row (Fixture *fixture,
                   const char *name,
                   const char *value_prefix)
{
  GtkListBox *list = GTK_LIST_BOX (pf_test_find_widget (GTK_WIDGET (fixture->window),
                                                        GTK_TYPE_LIST_BOX, "response-headers"));
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), name) == 0)
      {
        g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                                         value_prefix));
        return;
      }
  g_assert_not_reached ();
}

static void
test_send_shows_response (Fixture *fixture,
                          gconstpointer data)
{
  g_autofree char *url = g_strconcat (pf_lab_server_get_base_url (fixture->lab), "example.txt",
                                      NULL);
  GtkWidget *status;
  GtkTextView *body;
  g_autofree char *text = NULL;

  pf_window_set_url (fixture->window, url);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL));
  pf_test_window_wait_for_done (fixture->window);
  g_assert_cmpint (pf_exchange_get_ready_state (pf_window_get_exchange (fixture->window)), ==,
                   PF_READY_STATE_DONE);
  status = pf_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_LABEL, "success");
  g_assert_nonnull (status);
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (status)), "200 OK"));
  body = pf_test_window_body_view (fixture);
  text = pf_test_text_of_view (body);
  g_assert_nonnull (strstr (text, "example.txt"));
  g_assert_cmpuint (g_list_model_get_n_items (pf_exchange_get_timeline (
                        pf_window_get_exchange (fixture->window))),
                    >=, 7);
  assert_header_row (fixture, "Content-Type", "text/plain");
}

static void
test_timeline_in_time_order (Fixture *fixture,
                             gconstpointer data)
{
  GListModel *timeline;
  GListModel *shown;
  GtkWidget *list;
  gint64 last = G_MININT64;

  pf_test_window_send (fixture, "example.txt");
  timeline = pf_exchange_get_timeline (pf_window_get_exchange (fixture->window));
  list = pf_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_LIST_VIEW, "timeline");
  shown = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, g_list_model_get_n_items (timeline));
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr (PfTimelineEntry) entry = g_list_model_get_item (shown, i);

      g_assert_cmpint (pf_timeline_entry_get_time_us (entry), >=, last);
      last = pf_timeline_entry_get_time_us (entry);
    }
}

static void
test_timeline_chart (Fixture *fixture,
                     gconstpointer data)
{
  GtkWidget *chart;
  int height = 0;

  pf_test_window_send (fixture, "example.txt");
  chart = pf_test_find_widget (GTK_WIDGET (fixture->window), PF_TYPE_TIMELINE_CHART, NULL);
  g_assert_nonnull (chart);
  gtk_widget_measure (chart, GTK_ORIENTATION_VERTICAL, -1, &height, NULL, NULL, NULL);
  /* The readyState track and a row per phase (a fresh connection to 127.0.0.1 has connect,
   * send, wait and download). */
  g_assert_cmpint (height, >=, 12 + 28 + 3 * 18);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

static int
chart_height (Fixture *fixture)
{
  GtkWidget *chart = pf_test_find_widget (GTK_WIDGET (fixture->window), PF_TYPE_TIMELINE_CHART,
                                          NULL);
  int height = 0;

  gtk_widget_measure (chart, GTK_ORIENTATION_VERTICAL, -1, &height, NULL, NULL, NULL);
  return height;
}

/* The waterfall draws the phases that happened: a fresh connection to localhost looked the
 * name up, a fresh one to 127.0.0.1 did not, so its chart is one row (18 px) shorter; two
 * rows would mean a reused connection. */
static void
test_timeline_chart_dns_only_for_a_name (Fixture *fixture,
                                         gconstpointer data)
{
  g_autofree char *named = g_strdup_printf ("http://localhost:%u/example.txt",
                                            pf_lab_server_get_port (fixture->lab));
  int named_height;

  pf_window_set_url (fixture->window, named);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL));
  pf_test_window_wait_for_done (fixture->window);
  named_height = chart_height (fixture);
  pf_test_window_send (fixture, "example.txt");
  g_assert_cmpint (named_height - chart_height (fixture), ==, 18);
}

/* A long frame just after Send, and a busy handler at HEADERS_RECEIVED: the window's main
 * loop stalls twice for STALL_US, while the exchange does its I/O on the profile's network
 * thread. The phases the waterfall draws stay network time (issue 14, item 5). */
#define STALL_US (300 * G_TIME_SPAN_MILLISECOND)

static gboolean
long_frame_cb (GtkWidget *widget,
               GdkFrameClock *clock,
               gpointer data)
{
  g_usleep (STALL_US);
  return G_SOURCE_REMOVE;
}

static void
stall_at_headers_cb (PfExchange *exchange,
                     GParamSpec *pspec,
                     gpointer data)
{
  if (pf_exchange_get_ready_state (exchange) == PF_READY_STATE_HEADERS_RECEIVED)
    g_usleep (STALL_US);
}

static void
test_timeline_phases_are_network_time (Fixture *fixture,
                                       gconstpointer data)
{
  g_autofree char *url = pf_test_window_lab_url (fixture, "example.txt");
  PfExchange *exchange;
  GListModel *timeline;
  guint phases = 0;

  pf_window_set_url (fixture->window, url);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL));
  exchange = pf_window_get_exchange (fixture->window);
  g_signal_connect (exchange, "notify::ready-state", G_CALLBACK (stall_at_headers_cb), NULL);
  gtk_widget_add_tick_callback (GTK_WIDGET (fixture->window), long_frame_cb, NULL, NULL);
  pf_test_window_wait_for_done (fixture->window);
  g_signal_handlers_disconnect_by_func (exchange, stall_at_headers_cb, NULL);
  timeline = pf_exchange_get_timeline (exchange);
  for (guint i = 0; i < g_list_model_get_n_items (timeline); i++)
    {
      g_autoptr (PfTimelineEntry) entry = g_list_model_get_item (timeline, i);
      gint64 span;

      if (pf_timeline_entry_get_kind (entry) != PF_TIMELINE_PHASE)
        continue;
      span = pf_timeline_entry_get_end_us (entry) - pf_timeline_entry_get_time_us (entry);
      g_test_message ("%s: %" G_GINT64_FORMAT " µs", pf_timeline_entry_get_name (entry), span);
      g_assert_cmpint (span, <, STALL_US / 2);
      phases++;
    }
  g_assert_cmpuint (phases, ==, 4);
}

/* A body is data: wrapping adds no hyphen, over the whole text. */
static void
assert_no_hyphens (GtkTextBuffer *buffer)
{
  GtkTextTag *data = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "data");
  GtkTextIter start, end;
  gboolean hyphens = TRUE;

  g_assert_nonnull (data);
  g_object_get (data, "insert-hyphens", &hyphens, NULL);
  g_assert_false (hyphens);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  g_assert_true (gtk_text_iter_has_tag (&start, data));
  gtk_text_iter_backward_char (&end);
  g_assert_true (gtk_text_iter_has_tag (&end, data));
}

static void
test_binary_body_shows_size (Fixture *fixture,
                             gconstpointer data)
{
  g_autofree char *text = NULL;

  GtkWidget *picture;
  GtkSourceBuffer *buffer;

  pf_test_window_send (fixture, "ping.gif");
  g_assert_cmpstr (pf_test_window_body_note (fixture), ==,
                   "Image (image/gif), 43 bytes, 1 × 1 pixels.");
  picture = pf_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_PICTURE, NULL);
  g_assert_true (gtk_widget_get_visible (picture));
  g_assert_nonnull (gtk_picture_get_paintable (GTK_PICTURE (picture)));
  /* Sent as text, the same bytes are binary: a hex dump of their start. */
  pf_test_window_send (fixture, "echo?x=%00");
  g_assert_cmpstr (pf_test_window_body_note (fixture), ==, "JSON, indented for reading.");
  /* Highlighted as JSON. */
  buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (pf_test_window_body_view (fixture)));
  g_assert_cmpstr (gtk_source_language_get_id (gtk_source_buffer_get_language (buffer)), ==,
                   "json");
  g_assert_false (gtk_widget_get_visible (picture));
  text = pf_test_text_of_view (pf_test_window_body_view (fixture));
  g_assert_true (g_str_has_prefix (text, "{\n  \"method\" : \"GET\","));
  assert_no_hyphens (GTK_TEXT_BUFFER (buffer));
}

/* A body in memory past what the text view shows well: the body viewer shows all of it. */
static void
test_large_body_is_whole (Fixture *fixture,
                          gconstpointer data)
{
  g_autofree char *text = NULL;
  PfRequestView *view;
  PfBodyViewer *viewer;

  /* g_format_size () puts a no-break space before the unit. */
  pf_test_window_send (fixture, "bytes/2000000");
  g_assert_cmpstr (pf_test_window_body_note (fixture), ==,
                   "All 2.0\u00a0MB of the body, read as it is scrolled.");
  viewer = PF_BODY_VIEWER (pf_test_find_widget (GTK_WIDGET (fixture->window),
                                                PF_TYPE_BODY_VIEWER, NULL));
  g_assert_cmpuint (pf_body_lines_get_size (pf_body_viewer_get_lines (viewer)), ==, 2000000);
  PF_TEST_WAIT_UNTIL (strlen (text = (g_free (text), pf_body_viewer_dup_visible_text (viewer))) >
                          1000,
                      5000);
  g_assert_true (g_str_has_prefix (text, "abcdefghijklmnopqrstuvwxyzabc"));
  /* The last bytes are a jump away. */
  pf_body_viewer_scroll_to_end (viewer);
  g_free (text);
  text = pf_body_viewer_dup_visible_text (viewer);
  g_assert_true (g_str_has_suffix (text, "uvwxyzabcdefghijklmnopqrstuvwxyzab\n"));
  /* Wrap off: a row is one line as wide as its text, scrolled sideways; in both views. */
  view = pf_window_get_request_view (fixture->window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (view->wrap_button)));
  gtk_toggle_button_set_active (view->wrap_button, FALSE);
  g_assert_false (pf_body_viewer_get_wrap (viewer));
  g_assert_cmpint (gtk_text_view_get_wrap_mode (pf_test_window_body_view (fixture)), ==,
                   GTK_WRAP_NONE);
  for (int i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpfloat (gtk_adjustment_get_upper (gtk_scrollable_get_hadjustment (
                         GTK_SCROLLABLE (viewer))),
                     >, 2 * gtk_widget_get_width (GTK_WIDGET (viewer)));
  gtk_toggle_button_set_active (view->wrap_button, TRUE);
  g_assert_true (pf_body_viewer_get_wrap (viewer));
}

/* The Response view fills in after the exchange ends (a spooled body is read off the main
 * thread): wait for its note, within a deadline generous enough for a loaded machine. */
static void
wait_for_body_note (Fixture *fixture)
{
  PF_TEST_WAIT_UNTIL (pf_test_window_body_note (fixture) != NULL, 30000);
}

static void
test_spooled_body_is_read_from_its_file (Fixture *fixture,
                                         gconstpointer data)
{
  g_autofree char *text = NULL;
  PfBodyViewer *viewer;

  /* Past the exchange's memory limit (8 MiB) the body is in a temporary file. */
  pf_test_window_send (fixture, "bytes/10000000");
  g_assert_nonnull (pf_exchange_get_body_file (pf_window_get_exchange (fixture->window)));
  wait_for_body_note (fixture);
  g_assert_cmpstr (pf_test_window_body_note (fixture), ==,
                   "All 10.0\u00a0MB of the body, read as it is scrolled.");
  viewer = PF_BODY_VIEWER (pf_test_find_widget (GTK_WIDGET (fixture->window),
                                                PF_TYPE_BODY_VIEWER, NULL));
  g_assert_cmpuint (pf_body_lines_get_size (pf_body_viewer_get_lines (viewer)), ==, 10000000);
  PF_TEST_WAIT_UNTIL (strlen (text = (g_free (text), pf_body_viewer_dup_visible_text (viewer))) >
                          1000,
                      5000);
  g_assert_true (g_str_has_prefix (text, "abcdefghijklmnopqrstuvwxyzabc"));
}

static void
remember_toast_cb (PfRequestView *view,
                   const char *message,
                   char **toast)
{
  g_free (*toast);
  *toast = g_strdup (message);
}

/* Saves the last body to a new file and returns that file's size. */
static goffset
save_body (Fixture *fixture,
           const char *dir)
{
  PfRequestView *view = pf_window_get_request_view (fixture->window);
  g_autofree char *path = g_build_filename (dir, "body", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autofree char *toast = NULL;
  gulong id = g_signal_connect (view, "toast", G_CALLBACK (remember_toast_cb), &toast);
  GStatBuf st;

  _pf_request_view_save_body_to (view, file, FALSE);
  PF_TEST_WAIT_UNTIL (toast != NULL, 30000);
  g_signal_handler_disconnect (view, id);
  g_assert_true (g_str_has_prefix (toast, "Saved the body to"));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (g_unlink (path), ==, 0);
  return st.st_size;
}

/* Whether the exchange menu's “Save as HAR…” can be chosen. */
static gboolean
har_item_sensitive (Fixture *fixture)
{
  GtkWidget *button = pf_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_MENU_BUTTON,
                                           "export-button");
  GtkWidget *item;
  gboolean sensitive;

  g_assert_nonnull (button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  item = pf_test_find_label (button, "Save as _HAR");
  g_assert_nonnull (item);
  sensitive = gtk_widget_is_sensitive (item);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  return sensitive;
}

/* Save as HAR, from the exchange menu: the action follows the exchange, and the file (written
 * off the main thread) holds the request as sent and the response with its body. */
static void
test_save_har (Fixture *fixture,
               gconstpointer data)
{
  PfRequestView *view = pf_window_get_request_view (fixture->window);
  g_autofree char *dir = g_dir_make_tmp ("pf-test-har-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "example.har", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *toast = NULL;
  JsonObject *entry;
  gulong id;

  pf_test_window_send (fixture, "example.txt");
  g_assert_true (har_item_sensitive (fixture));
  id = g_signal_connect (view, "toast", G_CALLBACK (remember_toast_cb), &toast);
  _pf_request_view_save_har_to (view, file, FALSE);
  PF_TEST_WAIT_UNTIL (toast != NULL, 30000);
  g_signal_handler_disconnect (view, id);
  g_assert_true (g_str_has_prefix (toast, "Saved the exchange as HAR to"));
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  entry = json_array_get_object_element (
      json_object_get_array_member (
          json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "log"),
          "entries"),
      0);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (entry, "response"),
                                               "status"),
                   ==, 200);
  g_assert_true (g_str_has_suffix (
      json_object_get_string_member (json_object_get_object_member (entry, "request"), "url"),
      "/example.txt"));
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
clipboard_read_cb (GObject *object,
                   GAsyncResult *result,
                   gpointer user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
}

/* Whether a label under @root has @text in it. */
static gboolean
label_contains (GtkWidget *root,
                const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    if ((GTK_IS_LABEL (child) && gtk_widget_get_visible (child) &&
         strstr (gtk_label_get_label (GTK_LABEL (child)), text) != NULL) ||
        label_contains (child, text))
      return TRUE;
  return FALSE;
}

static gboolean
request_is_post (PfRequestView *view)
{
  return g_str_equal (pf_request_get_method (pf_request_view_get_request (view)), "POST");
}

/* A curl command in Chromium's "Copy as cURL" style, sent from the URL entry, becomes the tab's
 * request (with a banner of what is not applied); sent, the lab gets it; Copy as cURL gives a
 * command back; and a pasted one is imported at once. */
static void
test_curl_in_and_out (Fixture *fixture,
                      gconstpointer data)
{
  g_autofree char *url = pf_test_window_lab_url (fixture, "echo");
  g_autofree char *command = g_strdup_printf ("curl '%s' \\\n  -H 'X-Token: abc' \\\n"
                                              "  --data-raw '{\"a\":1}' \\\n  --compressed -s",
                                              url);
  PfRequestView *view = pf_window_get_request_view (fixture->window);
  GtkEditable *url_entry = GTK_EDITABLE (pf_test_find_widget (GTK_WIDGET (view), GTK_TYPE_ENTRY,
                                                              "url-entry"));
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (view));
  g_autoptr (GBytes) body = NULL;
  g_autofree char *echoed = NULL;
  g_autofree char *copied = NULL;
  PfRequest *request;

  g_assert_nonnull (url_entry);
  gtk_editable_set_text (url_entry, command);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL));
  PF_TEST_WAIT_UNTIL (request_is_post (view), 10000);
  request = pf_request_view_get_request (view);
  g_assert_cmpstr (pf_request_get_url (request), ==, url);
  g_assert_cmpstr (pf_request_get_body_text (request), ==, "{\"a\":1}");
  g_assert_cmpstr (gtk_editable_get_text (url_entry), ==, url);
  g_assert_nonnull (pf_test_find_label (GTK_WIDGET (view), "Imported from a curl command"));
  g_assert_true (label_contains (GTK_WIDGET (view), "-s"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL));
  pf_test_window_wait_for_done (fixture->window);
  body = pf_exchange_dup_body_bytes (pf_window_get_exchange (fixture->window));
  echoed = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  g_assert_nonnull (strstr (echoed, "X-Token"));
  g_assert_nonnull (strstr (echoed, "{\\\"a\\\":1}"));

  /* Copy as cURL: the request back as a command. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "request.copy", "s", "curl"));
  gdk_clipboard_read_text_async (clipboard, NULL, clipboard_read_cb, &copied);
  PF_TEST_WAIT_UNTIL (copied != NULL, 10000);
  g_assert_true (g_str_has_prefix (copied, "curl "));
  g_assert_nonnull (strstr (copied, "X-Token: abc"));
  g_clear_pointer (&copied, g_free);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "request.copy", "s", "fetch"));
  gdk_clipboard_read_text_async (clipboard, NULL, clipboard_read_cb, &copied);
  PF_TEST_WAIT_UNTIL (copied != NULL, 10000);
  g_assert_nonnull (strstr (copied, "fetch("));
  g_clear_pointer (&copied, g_free);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "request.copy", "s", "xhr"));
  gdk_clipboard_read_text_async (clipboard, NULL, clipboard_read_cb, &copied);
  PF_TEST_WAIT_UNTIL (copied != NULL, 10000);
  g_assert_nonnull (strstr (copied, "new XMLHttpRequest"));
  g_clear_pointer (&copied, g_free);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "request.copy", "s", "http"));
  gdk_clipboard_read_text_async (clipboard, NULL, clipboard_read_cb, &copied);
  PF_TEST_WAIT_UNTIL (copied != NULL, 10000);
  /* curl follows no redirect without -L: neither does the imported request. */
  g_assert_true (g_str_has_prefix (copied, "# @no-redirect\nPOST "));

  /* Pasted: imported without a Send. */
  gtk_editable_set_text (url_entry, "");
  gdk_clipboard_set_text (clipboard, "curl -X PUT -H 'X-Pasted: 1' https://pasted.example/");
  g_signal_emit_by_name (gtk_editable_get_delegate (url_entry), "paste-clipboard");
  PF_TEST_WAIT_UNTIL (g_str_equal (pf_request_get_method (pf_request_view_get_request (view)),
                                   "PUT"),
                      10000);
  g_assert_cmpstr (pf_request_get_url (pf_request_view_get_request (view)), ==,
                   "https://pasted.example/");
}

/* A command that does not parse says where, and keeps what was typed. */
static void
test_curl_bad_command_says_where (Fixture *fixture,
                                  gconstpointer data)
{
  PfRequestView *view = pf_window_get_request_view (fixture->window);
  GtkEditable *url_entry = GTK_EDITABLE (pf_test_find_widget (GTK_WIDGET (view), GTK_TYPE_ENTRY,
                                                              "url-entry"));
  g_autofree char *toast = NULL;
  gulong id = g_signal_connect (view, "toast", G_CALLBACK (remember_toast_cb), &toast);

  gtk_editable_set_text (url_entry, "curl 'http://unclosed");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL));
  PF_TEST_WAIT_UNTIL (toast != NULL, 10000);
  g_signal_handler_disconnect (view, id);
  g_assert_true (g_str_has_prefix (toast, "Not imported: "));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (url_entry), "error"));
  g_assert_cmpstr (gtk_editable_get_text (url_entry), ==, "curl 'http://unclosed");
}

/* Import cURL…, opened as the main menu opens it, with @command typed in and Import pressed. */
static PfCurlImportWindow *
import_curl (Fixture *fixture,
             const char *command)
{
  g_autoptr (GList) windows = NULL;
  PfCurlImportWindow *dialog = NULL;
  GtkTextView *text_view;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.import-curl",
                                             NULL));
  windows = gtk_window_list_toplevels ();
  for (GList *l = windows; l != NULL; l = l->next)
    if (PF_IS_CURL_IMPORT_WINDOW (l->data))
      dialog = l->data;
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) ==
                 GTK_WINDOW (fixture->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  text_view = GTK_TEXT_VIEW (pf_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW, NULL));
  /* Ready for the paste. */
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (dialog)) == GTK_WIDGET (text_view));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (text_view), command, -1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "curl-import.import", NULL));
  return dialog;
}

static gboolean
is_open (GtkWindow *window)
{
  g_autoptr (GList) windows = gtk_window_list_toplevels ();

  return g_list_find (windows, window) != NULL;
}

/* Import cURL…: a multi-line command, as a browser copies it, becomes the tab's request the way
 * one pasted into the URL entry does, with the same banner (saying what a page cannot send);
 * the browser's Origin is the page origin; the window closes. */
static void
test_curl_import_window (Fixture *fixture,
                         gconstpointer data)
{
  g_autofree char *url = pf_test_window_lab_url (fixture, "echo");
  g_autofree char *command = g_strdup_printf ("curl '%s' \\\n  -X PUT \\\n"
                                              "  -H 'X-Token: abc' \\\n  -b 'sid=1' \\\n"
                                              "  -H 'origin: http://app.example' \\\n"
                                              "  --data-raw '{\"a\":1}' \\\n  -s",
                                              url);
  PfRequestView *view = pf_window_get_request_view (fixture->window);
  PfCurlImportWindow *dialog = import_curl (fixture, command);
  PfRequest *request;
  GListModel *headers;
  g_autoptr (PfKeyValue) header = NULL;

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  PF_TEST_WAIT_UNTIL (g_str_equal (pf_request_get_method (pf_request_view_get_request (view)),
                                   "PUT"),
                      10000);
  request = pf_request_view_get_request (view);
  g_assert_cmpstr (pf_request_get_url (request), ==, url);
  g_assert_cmpstr (pf_request_get_body_text (request), ==, "{\"a\":1}");
  headers = pf_request_get_headers (request);
  g_assert_cmpuint (g_list_model_get_n_items (headers), ==, 2);
  header = g_list_model_get_item (headers, 0);
  g_assert_cmpstr (pf_key_value_get_name (header), ==, "X-Token");
  g_assert_cmpstr (pf_request_get_origin (request), ==, "http://app.example");
  g_assert_cmpint (pf_request_get_credentials (request), ==, PF_CREDENTIALS_INCLUDE);
  g_assert_nonnull (pf_test_find_label (GTK_WIDGET (view), "Imported from a curl command"));
  g_assert_true (label_contains (GTK_WIDGET (view), "-s"));
  g_assert_true (label_contains (GTK_WIDGET (view), "The header “Cookie” is kept but not sent"));
  g_assert_true (label_contains (GTK_WIDGET (view), "Sent from the page origin http://app.example"));
  PF_TEST_WAIT_UNTIL (dialog == NULL || !is_open (GTK_WINDOW (dialog)), 10000);
  if (dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
}

/* A command that does not parse says where in the window, which stays open with the command,
 * and the tab's request is left as it was. */
static void
test_curl_import_window_bad_command (Fixture *fixture,
                                     gconstpointer data)
{
  PfRequestView *view = pf_window_get_request_view (fixture->window);
  g_autofree char *url_before = g_strdup (pf_request_get_url (pf_request_view_get_request (view)));
  PfCurlImportWindow *dialog = import_curl (fixture, "curl -X PUT \\\n  'http://unclosed");
  GtkWidget *error = NULL;

  PF_TEST_WAIT_UNTIL ((error = pf_test_find_label (GTK_WIDGET (dialog), "Not imported: ")) !=
                              NULL &&
                          gtk_widget_get_visible (error),
                      10000);
  /* The shell's message names the quote that is not closed, and where (the second line). */
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error)),
                            "The quote ' opened at character 17 is never closed"));
  g_assert_true (gtk_widget_has_css_class (error, "error"));
  g_assert_true (is_open (GTK_WINDOW (dialog)));
  g_assert_cmpstr (pf_request_get_method (pf_request_view_get_request (view)), ==, "GET");
  g_assert_cmpstr (pf_request_get_url (pf_request_view_get_request (view)), ==, url_before);
  g_assert_null (pf_test_find_label (GTK_WIDGET (view), "Imported from a curl command"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The whole body is saved, the part shown or not: a spooled one file to file. */
static void
test_save_body (Fixture *fixture,
                gconstpointer data)
{
  g_autofree char *dir = g_dir_make_tmp ("pf-test-save-XXXXXX", NULL);
  GtkWidget *button;

  pf_test_window_send (fixture, "bytes/10000000");
  button = pf_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_BUTTON, "save-body");
  g_assert_true (gtk_widget_get_visible (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_cmpint (save_body (fixture, dir), ==, 10000000);
  pf_test_window_send (fixture, "example.txt");
  g_assert_cmpint (save_body (fixture, dir), ==,
                   pf_exchange_get_loaded (pf_window_get_exchange (fixture->window)));
  /* No body, nothing to save. */
  pf_test_window_send (fixture, "status/204");
  g_assert_false (gtk_widget_get_visible (button));
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_empty_body_says_so (Fixture *fixture,
                         gconstpointer data)
{
  pf_test_window_send (fixture, "status/204");
  wait_for_body_note (fixture);
  g_assert_cmpstr (pf_test_window_body_note (fixture), ==, "The response has no body.");
}

static void
test_tabs (Fixture *fixture,
           gconstpointer data)
{
  AdwTabView *tabs = pf_window_get_tab_view (fixture->window);
  PfRequestView *first = pf_window_get_request_view (fixture->window);

  g_assert_cmpint (adw_tab_view_get_n_pages (tabs), ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-tab", NULL));
  g_assert_cmpint (adw_tab_view_get_n_pages (tabs), ==, 2);
  g_assert_true (pf_window_get_request_view (fixture->window) != first);
  /* Each tab sends on its own. */
  pf_test_window_send (fixture, "bytes/10");
  g_assert_null (pf_request_view_get_exchange (first));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.close-tab", NULL));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpint (adw_tab_view_get_n_pages (tabs), ==, 1);
  g_assert_true (pf_window_get_request_view (fixture->window) == first);
}

/* Duplicating a tab copies its request, every row and option; the two go their own ways. */
static void
test_duplicate_tab (Fixture *fixture,
                    gconstpointer data)
{
  PfRequestView *first = pf_window_get_request_view (fixture->window);
  PfRequest *request = pf_request_view_get_request (first);
  PfRequestView *second;
  PfRequest *copy;
  GtkEditable *method;
  g_autoptr (PfKeyValue) header = NULL;

  pf_request_set_method (request, "PUT");
  pf_request_set_url (request, "http://127.0.0.1:1/echo?a=1");
  pf_request_add_header (request, "X-Token", "42");
  pf_request_set_origin (request, "http://app.example");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.duplicate-tab",
                                             NULL));
  second = pf_window_get_request_view (fixture->window);
  g_assert_true (second != first);
  copy = pf_request_view_get_request (second);
  g_assert_true (copy != request);
  g_assert_cmpstr (pf_request_get_method (copy), ==, "PUT");
  g_assert_cmpstr (pf_request_get_url (copy), ==, "http://127.0.0.1:1/echo?a=1");
  g_assert_cmpstr (pf_request_get_origin (copy), ==, "http://app.example");
  header = g_list_model_get_item (pf_request_get_headers (copy), 0);
  g_assert_cmpstr (pf_key_value_get_value (header), ==, "42");
  /* The copy's editor shows the copy: its method entry says PUT. */
  method = GTK_EDITABLE (((struct _PfRequestView *) second)->method_entry);
  g_assert_cmpstr (gtk_editable_get_text (method), ==, "PUT");
  pf_key_value_set_value (header, "43");
  g_clear_object (&header);
  header = g_list_model_get_item (pf_request_get_headers (request), 0);
  g_assert_cmpstr (pf_key_value_get_value (header), ==, "42");
}

static void
test_params_follow_the_url (Fixture *fixture,
                            gconstpointer data)
{
  PfRequestView *view = pf_window_get_request_view (fixture->window);
  struct _PfRequestView *tab = (struct _PfRequestView *) view;
  GtkEditable *url_entry = GTK_EDITABLE (tab->url_entry);
  GtkWidget *params_list;
  GtkWidget *city_row;
  GtkEditable *city_value;
  GtkCheckButton *city_enabled;

  /* Typed into the URL entry: the parameter table gets a row per pair, decoded. */
  gtk_editable_set_text (url_entry, "http://127.0.0.1:1/echo?name=Ada%20Lovelace"
                                    "&city=%E5%8C%97%E4%BA%AC#top");
  params_list = pf_test_find_widget (GTK_WIDGET (view), GTK_TYPE_LIST_BOX, "params");
  city_row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (params_list), 1));
  g_assert_true (PF_IS_KEY_VALUE_ROW (city_row));
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (params_list), 2));
  city_value = GTK_EDITABLE (pf_test_find_widget (city_row, GTK_TYPE_ENTRY, "value"));
  g_assert_cmpstr (gtk_editable_get_text (city_value), ==, "北京");
  /* Typed into the table: the query is rewritten, encoded as encodeURIComponent () does. */
  gtk_editable_set_text (city_value, "São Paulo & co");
  g_assert_cmpstr (gtk_editable_get_text (url_entry), ==,
                   "http://127.0.0.1:1/echo?name=Ada%20Lovelace"
                   "&city=S%C3%A3o%20Paulo%20%26%20co#top");
  city_enabled = GTK_CHECK_BUTTON (pf_test_find_widget (city_row, GTK_TYPE_CHECK_BUTTON, NULL));
  gtk_check_button_set_active (city_enabled, FALSE);
  g_assert_cmpstr (gtk_editable_get_text (url_entry), ==,
                   "http://127.0.0.1:1/echo?name=Ada%20Lovelace#top");
  /* The row's remove button takes it out of the table; the URL stays as the enabled rows say. */
  gtk_widget_activate_action (city_row, "row.remove", NULL);
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (params_list), 1));
  g_assert_cmpstr (pf_request_get_url (pf_request_view_get_request (view)), ==,
                   "http://127.0.0.1:1/echo?name=Ada%20Lovelace#top");
}

static GtkTextView *
raw_view (Fixture *fixture)
{
  return GTK_TEXT_VIEW (pf_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_TEXT_VIEW,
                                             "raw-view"));
}

static void
test_raw_page (Fixture *fixture,
               gconstpointer data)
{
  g_autofree char *text = NULL;

  pf_test_window_send (fixture, "echo?x=1");
  text = pf_test_text_of_view (raw_view (fixture));
  g_assert_true (g_str_has_prefix (text, "GET /echo?x=1 HTTP/1.1\r\n"));
  g_assert_nonnull (strstr (text, "\r\n\nHTTP/1.1 200 OK\r\n"));
}

static void
test_free_text_method (Fixture *fixture,
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
  pf_test_window_send (fixture, "echo");
  /* Not one of the six that browsers upper-case: sent as typed. */
  g_assert_cmpstr (pf_exchange_get_method (pf_window_get_exchange (fixture->window)),
                   ==, "propfind");
  gtk_editable_set_text (method, "BAD METHOD");
  pf_window_set_url (fixture->window, url);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL);
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (method), "error"));
}

static void
test_form_bodies (Fixture *fixture,
                  gconstpointer data)
{
  PfRequestView *view = pf_window_get_request_view (fixture->window);
  struct _PfRequestView *tab = (struct _PfRequestView *) view;
  PfRequest *request = pf_request_view_get_request (view);
  AdwComboRow *body_kind =
      ADW_COMBO_ROW (pf_test_find_widget (GTK_WIDGET (view), ADW_TYPE_COMBO_ROW, "body-kind"));
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "pf-window-part.txt", NULL);
  g_autofree char *text = NULL;

  g_assert_true (g_file_set_contents (path, "file text", -1, NULL));
  /* The method entry and the body kind edit the tab's request. */
  gtk_editable_set_text (GTK_EDITABLE (tab->method_entry), "POST");
  g_assert_cmpstr (pf_request_get_method (request), ==, "POST");
  pf_request_add_field (request, "name", "Ada & Co");
  adw_combo_row_set_selected (body_kind, 2);
  g_assert_cmpint (pf_request_get_body_kind (request), ==, PF_BODY_URLENCODED);
  pf_test_window_send (fixture, "echo");
  text = pf_test_text_of_view (pf_test_window_body_view (fixture));
  g_assert_nonnull (strstr (text, "\"body\" : \"name=Ada%20%26%20Co\""));
  g_free (text);
  /* FormData: a text part and a file part. */
  pf_request_add_file_field (request, "upload", path);
  /* …and the request edits the editor: the combo row follows the model. */
  pf_request_set_body_kind (request, PF_BODY_MULTIPART);
  g_assert_cmpuint (adw_combo_row_get_selected (body_kind), ==, 3);
  pf_test_window_send (fixture, "echo");
  text = pf_test_text_of_view (pf_test_window_body_view (fixture));
  g_assert_nonnull (strstr (text, "\"filename\" : \"pf-window-part.txt\""));
  g_assert_nonnull (strstr (text, "\"text\" : \"file text\""));
  g_free (text);
  /* A file as the whole body. */
  pf_request_set_body_file (request, path);
  adw_combo_row_set_selected (body_kind, 4);
  pf_test_window_send (fixture, "echo");
  text = pf_test_text_of_view (pf_test_window_body_view (fixture));
  g_assert_nonnull (strstr (text, "\"body\" : \"file text\""));
  g_unlink (path);
}

static void
test_xml_notes (Fixture *fixture,
                gconstpointer data)
{
  pf_test_window_send (fixture, "xml");
  g_test_message ("status: %s; note: %s",
                  gtk_label_get_label (GTK_LABEL (pf_test_find_widget (
                      GTK_WIDGET (fixture->window), GTK_TYPE_LABEL, "status-label"))),
                  pf_test_window_body_note (fixture));
  g_assert_true (g_str_has_prefix (pf_test_window_body_note (fixture),
                                   "responseXML is a document"));
  pf_test_window_send (fixture, "xml-as-text");
  g_assert_true (g_str_has_prefix (pf_test_window_body_note (fixture),
                                   "responseXML is null: the MIME type is not XML"));
  /* Upload progress shows for a request with a body only. */
  g_assert_false (gtk_widget_get_visible (pf_test_find_widget (GTK_WIDGET (fixture->window),
                                                               GTK_TYPE_PROGRESS_BAR, NULL)));
}

static void
test_narrow_window (Fixture *fixture,
                    gconstpointer data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkWidget *view;
  GtkWidget *paned;
  int minimum = 0;

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  gtk_test_widget_wait_for_draw (window);
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  /* Folded: the panes stack and the whole window fits in 360 pixels. */
  view = GTK_WIDGET (pf_window_get_request_view (fixture->window));
  paned = pf_test_find_widget (view, GTK_TYPE_PANED, NULL);
  g_assert_cmpint (gtk_orientable_get_orientation (GTK_ORIENTABLE (paned)), ==,
                   GTK_ORIENTATION_VERTICAL);
  gtk_widget_measure (view, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 360);
  pf_test_window_send (fixture, "example.txt");
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  g_assert_cmpint (gtk_orientable_get_orientation (GTK_ORIENTABLE (paned)), ==,
                   GTK_ORIENTATION_HORIZONTAL);
}

/* A 100 MiB answer: spooled to a file and shown whole by the body viewer, which reads only
 * what is on screen; its end is a jump away; the window draws meanwhile. */
static void
test_big_response_stays_responsive (Fixture *fixture,
                                    gconstpointer data)
{
  PfTestStall stall = { 0 };
  guint tick = g_timeout_add (10, pf_test_stall_tick_cb, &stall);
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  PfBodyViewer *viewer;

  pf_test_window_send (fixture, "bytes/104857600");
  PF_TEST_WAIT_UNTIL (pf_test_window_body_note (fixture) != NULL, 120000);
  g_assert_cmpstr (pf_test_window_body_note (fixture), ==,
                   "All 104.9\u00a0MB of the body, read as it is scrolled.");
  viewer = PF_BODY_VIEWER (pf_test_find_widget (GTK_WIDGET (fixture->window),
                                                PF_TYPE_BODY_VIEWER, NULL));
  g_assert_true (gtk_widget_is_drawable (GTK_WIDGET (viewer)));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (pf_test_window_body_view (fixture))));
  g_assert_cmpuint (pf_body_lines_get_size (pf_body_viewer_get_lines (viewer)), ==, 104857600);
  PF_TEST_WAIT_UNTIL (strlen (first = (g_free (first), pf_body_viewer_dup_visible_text (viewer))) >
                          1000,
                      5000);
  g_assert_true (g_str_has_prefix (first, "abcdefghijklmnopqrstuvwxyzabc"));
  pf_body_viewer_scroll_to_end (viewer);
  for (int i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  g_source_remove (tick);
  g_test_message ("100 MiB: longest main-loop gap %.1f ms", stall.worst / 1000.0);
  g_assert_cmpfloat (pf_body_viewer_get_position (viewer), >,
                     104857600.0 - 2 * PF_BODY_LINES_SEGMENT);
  last = pf_body_viewer_dup_visible_text (viewer);
  g_assert_cmpuint (strlen (last), >, 1000);
  g_assert_null (pf_body_viewer_get_error (viewer));
  if (!pf_test_under_sanitizer ())
    g_assert_cmpint (stall.worst, <, 500 * 1000);
}

static const char *
find_count_text (Fixture *fixture)
{
  PfRequestView *view = pf_window_get_request_view (fixture->window);

  return gtk_label_get_label (view->find_count);
}

static void
find (Fixture *fixture,
      const char *pattern)
{
  PfRequestView *view = pf_window_get_request_view (fixture->window);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "request.find", NULL));
  g_assert_true (gtk_revealer_get_reveal_child (view->find_bar));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (view->find_entry)) ||
                 gtk_widget_is_focus (GTK_WIDGET (view->find_entry)) ||
                 gtk_widget_get_focus_child (GTK_WIDGET (view->find_entry)) != NULL);
  gtk_editable_set_text (GTK_EDITABLE (view->find_entry), pattern);
}

/* Ctrl+F over a 10 MB body in the whole-body viewer: every match counted off the main thread,
 * the first marked and brought into view, Enter and Shift+Enter going round. */
static void
test_find_in_whole_body (Fixture *fixture,
                         gconstpointer data)
{
  PfRequestView *view;
  PfBodyViewer *viewer;
  guint64 offset = 0, length = 0;

  pf_test_window_send (fixture, "bytes/10000000");
  wait_for_body_note (fixture);
  view = pf_window_get_request_view (fixture->window);
  viewer = PF_BODY_VIEWER (pf_test_find_widget (GTK_WIDGET (fixture->window),
                                                PF_TYPE_BODY_VIEWER, NULL));
  /* "xyzab" starts at 23 of each 26 bytes of the lab's pattern. */
  find (fixture, "XYZAB");
  PF_TEST_WAIT_UNTIL (g_str_equal (find_count_text (fixture), "1 of 384615"), 30000);
  pf_body_viewer_get_match (viewer, &offset, &length);
  g_assert_cmpuint (offset, ==, 23);
  g_assert_cmpuint (length, ==, 5);
  g_assert_cmpfloat (pf_body_viewer_get_position (viewer), <=, 23);
  _pf_request_view_find_step (view, TRUE);
  pf_body_viewer_get_match (viewer, &offset, NULL);
  g_assert_cmpuint (offset, ==, 49);
  g_assert_cmpstr (find_count_text (fixture), ==, "2 of 384615");
  _pf_request_view_find_step (view, FALSE);
  _pf_request_view_find_step (view, FALSE);
  /* Round to the last match kept (a search keeps the first 100 000; it counts them all). */
  g_assert_cmpstr (find_count_text (fixture), ==, "100000 of 384615");
  pf_body_viewer_get_match (viewer, &offset, NULL);
  g_assert_cmpuint (offset, ==, 23 + 26 * (PF_BODY_SEARCH_MAX_KEPT - 1));
  g_assert_cmpfloat (pf_body_viewer_get_position (viewer), >, 2500000);
  /* Match case: the capitals are nowhere. */
  gtk_check_button_set_active (view->find_case, TRUE);
  PF_TEST_WAIT_UNTIL (g_str_equal (find_count_text (fixture), "No matches"), 30000);
}

/* In a small body the text view's own search: whole words, case. */
static void
test_find_in_text_view (Fixture *fixture,
                        gconstpointer data)
{
  PfRequestView *view;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *selected = NULL;

  pf_test_window_send (fixture, "example.txt");
  view = pf_window_get_request_view (fixture->window);
  find (fixture, "example");
  PF_TEST_WAIT_UNTIL (g_str_equal (find_count_text (fixture), "1 of 2"), 5000);
  buffer = gtk_text_view_get_buffer (pf_test_window_body_view (fixture));
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  selected = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (selected, ==, "example");
  _pf_request_view_find_step (view, TRUE);
  g_assert_cmpstr (find_count_text (fixture), ==, "2 of 2");
  gtk_check_button_set_active (view->find_word, TRUE);
  PF_TEST_WAIT_UNTIL (g_str_equal (find_count_text (fixture), "1 of 1"), 5000);
  gtk_check_button_set_active (view->find_word, FALSE);
  gtk_check_button_set_active (view->find_regex, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (view->find_entry), "ex[a]mples? fetch");
  PF_TEST_WAIT_UNTIL (g_str_equal (find_count_text (fixture), "1 of 1"), 5000);
  /* Escape in the entry closes the bar and forgets the search. */
  g_signal_emit_by_name (view->find_entry, "stop-search");
  g_assert_false (gtk_revealer_get_reveal_child (view->find_bar));
  g_assert_cmpstr (find_count_text (fixture), ==, "");
  g_assert_null (view->source_search);
}

static void
test_bad_url_marks_entry (Fixture *fixture,
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
test_abort_from_window (Fixture *fixture,
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
  status = pf_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_LABEL, "status-label");
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (status)), "GET http://"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.abort", NULL));
  pf_test_window_wait_for_done (fixture->window);
  g_assert_cmpint (pf_exchange_get_failure (pf_window_get_exchange (fixture->window)), ==,
                   PF_FAILURE_ABORT);
  status = pf_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_LABEL, "error");
  g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (status)), "Aborted"));
}

/* The status line is coloured by the status's class: 2xx success, 3xx neither, 4xx and 5xx an
 * error, like a network failure. */
static void
test_status_coloured_by_class (Fixture *fixture,
                               gconstpointer data)
{
  const struct
  {
    const char *path;
    const char *style;
  } cases[] = {
    { "status/201", "success" },
    { "status/404", "error" },
    { "status/503", "error" },
    { "status/304", NULL },
  };
  GtkWidget *status = pf_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_LABEL,
                                           "status-label");

  g_assert_nonnull (status);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].path);
      pf_test_window_send (fixture, cases[i].path);
      g_assert_cmpint (gtk_widget_has_css_class (status, "success"), ==,
                       g_strcmp0 (cases[i].style, "success") == 0);
      g_assert_cmpint (gtk_widget_has_css_class (status, "error"), ==,
                       g_strcmp0 (cases[i].style, "error") == 0);
    }
}

/* The method menu offers the methods XHR sends, and shows the three open () refuses (CONNECT,
 * TRACE, TRACK) apart, insensitive, under a heading and a note that say why. */
static void
test_method_menu_offers_what_xhr_sends (Fixture *fixture,
                                        gconstpointer data)
{
  GtkWidget *view = GTK_WIDGET (pf_window_get_request_view (fixture->window));
  GtkMenuButton *button = GTK_MENU_BUTTON (pf_test_find_widget (view, GTK_TYPE_MENU_BUTTON, NULL));
  GMenuModel *menu = gtk_menu_button_get_menu_model (button);
  g_autoptr (GMenuModel) section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  g_autoptr (GMenuModel) refused = g_menu_model_get_item_link (menu, 1, G_MENU_LINK_SECTION);
  g_autofree char *heading = NULL;
  GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
  guint offered = 0;

  for (int i = 0; i < g_menu_model_get_n_items (section); i++)
    {
      g_autofree char *method = NULL;

      g_assert_true (g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_TARGET, "s",
                                                      &method));
      g_assert_true (pf_http_check_method (method, NULL));
      offered++;
    }
  g_assert_cmpuint (offered, >=, 7);
  g_assert_true (g_menu_model_get_item_attribute (menu, 1, G_MENU_ATTRIBUTE_LABEL, "s", &heading));
  g_assert_cmpstr (heading, ==, "Refused by XMLHttpRequest");
  /* Three methods, then the note. */
  g_assert_cmpint (g_menu_model_get_n_items (refused), ==, 4);
  for (int i = 0; i < 3; i++)
    {
      g_autofree char *method = NULL;
      g_autofree char *action = NULL;

      g_assert_true (g_menu_model_get_item_attribute (refused, i, G_MENU_ATTRIBUTE_TARGET, "s",
                                                      &method));
      g_assert_true (g_menu_model_get_item_attribute (refused, i, G_MENU_ATTRIBUTE_ACTION, "s",
                                                      &action));
      g_assert_true (pf_http_is_forbidden_method (method));
      g_assert_cmpstr (action, ==, "request.forbidden-method");
    }
  gtk_menu_button_popup (button);
  gtk_test_widget_wait_for_draw (popover);
  /* The heading comes with the section's first layout. */
  PF_TEST_WAIT_UNTIL (pf_test_find_label (popover, "Refused by XMLHttpRequest") != NULL, 5000);
  /* Shown, and not to be chosen; PATCH can be. */
  g_assert_false (gtk_widget_is_sensitive (pf_test_find_label (popover, "TRACE")));
  g_assert_false (gtk_widget_is_sensitive (pf_test_find_label (popover, "CONNECT")));
  g_assert_true (gtk_widget_is_sensitive (pf_test_find_label (popover, "PATCH")));
  g_assert_nonnull (pf_test_find_label (popover, "open () throws a SecurityError for these "
                                                 "methods"));
  gtk_menu_button_popdown (button);
}

/* A forbidden method is marked as it is typed, and Send refuses it with the rule: nothing
 * starts. */
static void
test_forbidden_method_refused (Fixture *fixture,
                               gconstpointer data)
{
  PfRequestView *view = pf_window_get_request_view (fixture->window);
  struct _PfRequestView *tab = (struct _PfRequestView *) view;
  g_autofree char *url = pf_test_window_lab_url (fixture, "echo");
  g_autofree char *toast = NULL;
  gulong id;

  pf_window_set_url (fixture->window, url);
  gtk_editable_set_text (GTK_EDITABLE (tab->method_entry), "TRAC");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (tab->method_entry), "error"));
  gtk_editable_set_text (GTK_EDITABLE (tab->method_entry), "trace");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (tab->method_entry), "error"));
  id = g_signal_connect (view, "toast", G_CALLBACK (remember_toast_cb), &toast);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL));
  g_signal_handler_disconnect (view, id);
  g_assert_null (pf_window_get_exchange (fixture->window));
  g_assert_cmpstr (toast, ==,
                   "Method “trace” is forbidden: XMLHttpRequest’s open () throws a SecurityError "
                   "for CONNECT, TRACE and TRACK, so nothing is sent (Chromium: “Failed to execute "
                   "'open' on 'XMLHttpRequest': 'trace' HTTP method is unsupported.”)");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (tab->method_entry), "error"));
  /* Picked from the menu, a method XHR sends clears the mark, and goes out. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "request.method", "s", "PUT"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (tab->method_entry), "error"));
  pf_test_window_send (fixture, "echo");
}

/* A header value with CR/LF: the row says so before Send, and Send marks that row (not the
 * URL), stays on the editor and starts nothing. */
static void
test_bad_header_marks_its_row (Fixture *fixture,
                               gconstpointer data)
{
  PfRequestView *view = pf_window_get_request_view (fixture->window);
  struct _PfRequestView *tab = (struct _PfRequestView *) view;
  PfRequest *request = pf_request_view_get_request (view);
  g_autofree char *url = pf_test_window_lab_url (fixture, "echo");
  PfKeyValue *header;
  GtkListBoxRow *row;
  GtkWidget *warning;

  pf_request_set_url (request, url);
  header = pf_request_add_header (request, "X-Note", "one\r\ntwo");
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (pf_test_find_widget (GTK_WIDGET (view),
                                                                          GTK_TYPE_LIST_BOX,
                                                                          "headers")),
                                       0);
  warning = pf_test_find_widget (GTK_WIDGET (row), GTK_TYPE_IMAGE, "warning");
  g_assert_true (gtk_widget_get_visible (warning));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (warning), "X-Note"));
  gtk_stack_set_visible_child_name (tab->left_stack, "timeline");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL));
  g_assert_null (pf_window_get_exchange (fixture->window));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (tab->url_entry), "error"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (tab->left_stack), ==, "request");
  /* Mended, the mark goes and the request is sent. */
  pf_key_value_set_value (header, "one two");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  pf_test_window_send (fixture, "echo");
}

/* A label shows its whole text: nothing ellipsized, and its layout (wrapped to the width it
 * got) fits the size it was given. */
static void
assert_label_whole (GtkLabel *label)
{
  PangoLayout *layout = gtk_label_get_layout (label);
  int width = 0, height = 0;

  g_assert_cmpint (gtk_label_get_ellipsize (label), ==, PANGO_ELLIPSIZE_NONE);
  g_assert_false (pango_layout_is_ellipsized (layout));
  g_assert_cmpstr (pango_layout_get_text (layout), ==, gtk_label_get_text (label));
  pango_layout_get_pixel_size (layout, &width, &height);
  g_assert_cmpint (width, <=, gtk_widget_get_width (GTK_WIDGET (label)));
  g_assert_cmpint (height, <=, gtk_widget_get_height (GTK_WIDGET (label)));
}

/* At the window's default width the status line is whole, a success's and an error's; below it
 * a row says what the wire carried: the HTTP version, the lab's address and port, the sizes. */
static void
test_status_line_whole_with_summary (Fixture *fixture,
                                     gconstpointer data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  GtkLabel *status = GTK_LABEL (pf_test_find_widget (window, GTK_TYPE_LABEL, "status-label"));
  GtkLabel *summary = GTK_LABEL (pf_test_find_widget (window, GTK_TYPE_LABEL, "summary-label"));
  g_autoptr (GUri) lab = g_uri_parse (pf_lab_server_get_base_url (fixture->lab), G_URI_FLAGS_NONE,
                                      NULL);
  g_autofree char *peer = g_strdup_printf ("127.0.0.1:%d", g_uri_get_port (lab));
  g_autofree char *head = NULL;
  g_autofree char *body = NULL;
  PfExchange *exchange;
  int height;

  pf_test_window_send (fixture, "example.txt");
  gtk_test_widget_wait_for_draw (window);
  exchange = pf_window_get_exchange (fixture->window);
  g_assert_cmpint (gtk_widget_get_width (window), <=, 1100);
  g_assert_cmpstr (gtk_label_get_text (status), ==, "200 OK");
  assert_label_whole (status);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (summary)));
  assert_label_whole (summary);
  head = g_format_size (pf_exchange_get_response_head_size (exchange));
  body = g_format_size (pf_exchange_get_loaded (exchange));
  g_assert_nonnull (strstr (gtk_label_get_text (summary), " ms · HTTP/1.1 · "));
  g_assert_nonnull (strstr (gtk_label_get_text (summary), peer));
  g_assert_nonnull (strstr (gtk_label_get_text (summary), head));
  g_assert_nonnull (strstr (gtk_label_get_text (summary), body));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (GTK_WIDGET (status)), peer));
  /* A network error: its kind in the status line, its message, long as it is, read whole
   * below it, and the status line no taller than a success's (the timeline's header beside it
   * has the same height). */
  height = gtk_widget_get_height (GTK_WIDGET (status));
  pf_window_set_url (fixture->window, "http://127.0.0.1:1/a/rather/long/path/to/nowhere");
  g_assert_true (gtk_widget_activate_action (window, "win.send", NULL));
  pf_test_window_wait_for_done (fixture->window);
  gtk_test_widget_wait_for_draw (window);
  g_assert_cmpstr (gtk_label_get_text (status), ==, "Network error");
  g_assert_true (g_str_has_prefix (gtk_label_get_text (summary), "Network error: "));
  g_assert_cmpint (strlen (gtk_label_get_text (summary)), >, strlen ("Network error: ") + 10);
  assert_label_whole (status);
  assert_label_whole (summary);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (status)), ==, height);
}

static gboolean
body_shows (PfTestWindow *fixture,
            const char *text)
{
  g_autofree char *shown = pf_test_text_of_view (pf_test_window_body_view (fixture));

  return strstr (shown, text) != NULL;
}

/* The text the Body page marks as the newest part, as the Comet example marks what
 * responseText gained since the length it last saw. */
static char *
newest_part (PfTestWindow *fixture)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (pf_test_window_body_view (fixture));
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "newest");
  GtkTextIter start, end;
  GString *text = g_string_new (NULL);

  gtk_text_buffer_get_start_iter (buffer, &start);
  while (gtk_text_iter_starts_tag (&start, tag) || gtk_text_iter_forward_to_tag_toggle (&start, tag))
    {
      g_autofree char *part = NULL;

      end = start;
      gtk_text_iter_forward_to_tag_toggle (&end, tag);
      part = gtk_text_iter_get_visible_text (&start, &end);
      g_string_append (text, part);
      start = end;
      if (gtk_text_iter_is_end (&start))
        break;
    }
  return g_string_free (text, FALSE);
}

static gboolean
body_marks_newest (PfTestWindow *fixture,
                   const char *text)
{
  g_autofree char *newest = newest_part (fixture);

  return g_str_equal (newest, text);
}

/* HTTP streaming: while readyState is 3 the Body page grows as responseText does, chunk by
 * chunk, the newest part marked, and each chunk's row in the timeline says the text it
 * added. */
static void
test_body_grows_while_loading (Fixture *fixture,
                               gconstpointer data)
{
  /* Two seconds between lines: even a slow run (AddressSanitizer on a busy machine) shows
   * one line before the third comes. */
  g_autofree char *url = pf_test_window_lab_url (fixture, "stream?lines=3&interval=2000");
  GtkWidget *timeline;
  PfExchange *exchange;

  pf_window_set_url (fixture->window, url);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL));
  exchange = pf_window_get_exchange (fixture->window);
  PF_TEST_WAIT_UNTIL (body_shows (fixture, "line 1\n"), 10000);
  g_assert_cmpint (pf_exchange_get_ready_state (exchange), ==, PF_READY_STATE_LOADING);
  g_assert_false (body_shows (fixture, "line 3"));
  g_assert_nonnull (pf_test_window_body_note (fixture));
  g_assert_nonnull (strstr (pf_test_window_body_note (fixture), "responseText"));
  g_assert_true (body_marks_newest (fixture, "line 1\n"));
  PF_TEST_WAIT_UNTIL (body_shows (fixture, "line 1\nline 2\n"), 10000);
  g_assert_cmpint (pf_exchange_get_ready_state (exchange), ==, PF_READY_STATE_LOADING);
  g_assert_true (body_marks_newest (fixture, "line 2\n"));
  pf_test_window_wait_for_done (fixture->window);
  g_assert_true (body_shows (fixture, "line 1\nline 2\nline 3\n"));
  timeline = pf_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_LIST_VIEW, "timeline");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_assert_nonnull (pf_test_find_label (timeline, "chunk of 7 bytes: “line 1\\n”"));
}

/* A fast request's timeline, as a CORS flow records it: readyState 2, 3 and 4 within a
 * millisecond, after a preflight's phases ("preflight download" is the longest label). */
static PfTimeline *
fast_timeline (void)
{
  PfTimeline *timeline = pf_timeline_new ();
  const struct
  {
    const char *phase;
    gboolean preflight;
    int state;
    double start_ms, end_ms;
  } rows[] = {
    { NULL, FALSE, 1, 0.0, 0.0 },
    { "dns", TRUE, -1, 0.2, 2.0 },
    { "connect", TRUE, -1, 2.0, 2.4 },
    { "send", TRUE, -1, 2.4, 2.6 },
    { "wait", TRUE, -1, 2.6, 3.0 },
    { "download", TRUE, -1, 3.0, 3.4 },
    { "send", FALSE, -1, 12.9, 13.2 },
    { "wait", FALSE, -1, 13.2, 13.7 },
    { NULL, FALSE, 2, 13.8, 13.8 },
    { "download", FALSE, -1, 13.8, 14.6 },
    { NULL, FALSE, 3, 14.2, 14.2 },
    { NULL, FALSE, 3, 14.3, 14.3 },
    { NULL, FALSE, 4, 14.8, 14.8 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      gint64 start = rows[i].start_ms * 1000, end = rows[i].end_ms * 1000;
      PfTimelineRecord record =
          rows[i].phase == NULL ? pf_timeline_record_event (PF_TARGET_XHR, "readystatechange",
                                                            rows[i].state, 0, 0, start)
          : rows[i].preflight   ? pf_timeline_record_preflight_phase (rows[i].phase, start, end)
                                : pf_timeline_record_phase (rows[i].phase, start, end);

      pf_timeline_append (timeline, &record);
    }
  return timeline;
}

/* At @width every readyState reached has one label, no two labels meet, no label meets a bar,
 * and everything is inside the chart. */
static void
assert_chart_layout (PfTimelineChart *chart,
                     int width)
{
  g_autoptr (GArray) parts = pf_timeline_chart_layout (chart, width);
  guint labelled[5] = { 0 };
  guint bars = 0;

  g_test_message ("chart at %d px", width);
  for (guint i = 0; i < parts->len; i++)
    {
      PfTimelineChartPart *part = &g_array_index (parts, PfTimelineChartPart, i);

      g_assert_cmpfloat (part->area.origin.x, >=, 0);
      g_assert_cmpfloat (part->area.origin.x + part->area.size.width, <=, width);
      if (part->kind == PF_TIMELINE_CHART_STATE_LABEL)
        labelled[part->ready_state]++;
      bars += part->kind == PF_TIMELINE_CHART_BAR;
      for (guint j = i + 1; j < parts->len; j++)
        {
          PfTimelineChartPart *other = &g_array_index (parts, PfTimelineChartPart, j);

          if (part->kind == PF_TIMELINE_CHART_BAR && other->kind == PF_TIMELINE_CHART_BAR)
            continue;
          if (graphene_rect_intersection (&part->area, &other->area, NULL))
            g_error ("“%s” meets “%s”", part->text ? part->text : "a bar",
                     other->text ? other->text : "a bar");
        }
    }
  for (int state = 1; state <= 4; state++)
    g_assert_cmpuint (labelled[state], ==, 1);
  g_assert_cmpuint (bars, ==, 8);
}

/* Fast steps stack their labels instead of dropping them; "preflight download" stays left of
 * the bars. */
static void
test_timeline_chart_labels (Fixture *fixture,
                            gconstpointer data)
{
  g_autoptr (PfTimeline) timeline = fast_timeline ();
  PfTimelineChart *chart = PF_TIMELINE_CHART (pf_test_find_widget (GTK_WIDGET (fixture->window),
                                                                   PF_TYPE_TIMELINE_CHART, NULL));
  int minimum = 0, height = 0;

  pf_timeline_chart_set_model (chart, G_LIST_MODEL (timeline));
  gtk_widget_measure (GTK_WIDGET (chart), GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL,
                      NULL);
  assert_chart_layout (chart, minimum);
  assert_chart_layout (chart, 400);
  assert_chart_layout (chart, 1000);
  /* The chart asks for the rows its labels take. */
  gtk_widget_measure (GTK_WIDGET (chart), GTK_ORIENTATION_VERTICAL, 400, &height, NULL, NULL,
                      NULL);
  {
    g_autoptr (GArray) parts = pf_timeline_chart_layout (chart, 400);

    for (guint i = 0; i < parts->len; i++)
      g_assert_cmpfloat (g_array_index (parts, PfTimelineChartPart, i).area.origin.y +
                             g_array_index (parts, PfTimelineChartPart, i).area.size.height,
                         <=, height);
  }
  pf_timeline_chart_set_model (chart, NULL);
}

/* The buffer line of @view's text that holds @needle, at its start. */
static gboolean
find_line (GtkTextView *view,
           const char *needle,
           GtkTextIter *line)
{
  GtkTextIter match;

  gtk_text_buffer_get_start_iter (gtk_text_view_get_buffer (view), line);
  if (!gtk_text_iter_forward_search (line, needle, GTK_TEXT_SEARCH_TEXT_ONLY, &match, NULL, NULL))
    return FALSE;
  *line = match;
  gtk_text_iter_set_line_offset (line, 0);
  return TRUE;
}

/* Pretty JSON: /echo's header pairs take a line each, and a long string wraps under its own
 * indentation, not at the margin. */
static void
test_pretty_json_wraps_under_its_indent (Fixture *fixture,
                                         gconstpointer data)
{
  g_autoptr (GString) path = g_string_new ("echo?long=");
  GtkTextView *view = pf_test_window_body_view (fixture);
  g_autofree char *text = NULL;
  GtkTextIter line, word, wrapped;
  GdkRectangle first = { 0 }, second = { 0 };
  GtkTextTag *tag;
  int margin = 0, indent = 0;

  for (int i = 0; i < 60; i++)
    g_string_append (path, "word%20");
  pf_test_window_send (fixture, path->str);
  g_assert_cmpstr (pf_test_window_body_note (fixture), ==, "JSON, indented for reading.");
  text = pf_test_text_of_view (view);
  g_assert_nonnull (strstr (text, "\n    [\"Host\", \"127.0.0.1:"));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  g_assert_true (find_line (view, "\"long\" : \"word word", &line));
  /* The line starts with four spaces: its tag puts the wrapped rest past them. */
  tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (gtk_text_view_get_buffer (view)),
                                   "indent-4");
  g_assert_nonnull (tag);
  g_assert_true (gtk_text_iter_has_tag (&line, tag));
  g_object_get (tag, "left-margin", &margin, "indent", &indent, NULL);
  g_assert_cmpint (indent, <, 0);
  g_assert_cmpint (margin, ==, gtk_text_view_get_left_margin (view));
  /* On screen: the line starts at the margin, as "{" does, and the second display line of the
   * string starts under its first character. */
  {
    GtkTextIter top;
    GdkRectangle brace = { 0 }, start = { 0 };

    gtk_text_buffer_get_start_iter (gtk_text_view_get_buffer (view), &top);
    gtk_text_view_get_iter_location (view, &top, &brace);
    gtk_text_view_get_iter_location (view, &line, &start);
    g_assert_cmpint (start.x, ==, brace.x);
  }
  word = line;
  gtk_text_iter_forward_chars (&word, 4);
  wrapped = line;
  g_assert_true (gtk_text_view_forward_display_line (view, &wrapped));
  g_assert_cmpint (gtk_text_iter_get_line (&wrapped), ==, gtk_text_iter_get_line (&line));
  gtk_text_view_get_iter_location (view, &word, &first);
  gtk_text_view_get_iter_location (view, &wrapped, &second);
  g_assert_cmpint (second.y, >, first.y);
  g_assert_cmpint (second.x, ==, first.x);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, pf_test_window_set_up, func, pf_test_window_tear_down)

int
main (int argc,
      char *argv[])
{
  pf_test_window_init (&argc, &argv);

  ADD ("/window/send/shows-status-and-body", test_send_shows_response);
  ADD ("/window/send/status-coloured-by-class", test_status_coloured_by_class);
  ADD ("/window/send/status-whole-with-wire-summary", test_status_line_whole_with_summary);
  ADD ("/window/send/bad-url-marks-the-entry", test_bad_url_marks_entry);
  ADD ("/window/send/bad-header-marks-its-row", test_bad_header_marks_its_row);
  ADD ("/window/timeline/in-time-order", test_timeline_in_time_order);
  ADD ("/window/timeline/chart", test_timeline_chart);
  ADD ("/window/timeline/chart-labels-all-apart", test_timeline_chart_labels);
  ADD ("/window/timeline/chart-dns-only-for-a-name", test_timeline_chart_dns_only_for_a_name);
  ADD ("/window/timeline/phases-are-network-time", test_timeline_phases_are_network_time);
  ADD ("/window/body/image-and-json", test_binary_body_shows_size);
  ADD ("/window/body/large-is-whole", test_large_body_is_whole);
  ADD ("/window/body/find-in-whole-body", test_find_in_whole_body);
  ADD ("/window/body/find-in-text-view", test_find_in_text_view);
  ADD ("/window/body/grows-while-loading", test_body_grows_while_loading);
  ADD ("/window/body/spooled-is-read-from-its-file", test_spooled_body_is_read_from_its_file);
  ADD ("/window/body/empty-says-so", test_empty_body_says_so);
  ADD ("/window/body/save-whole", test_save_body);
  ADD ("/window/export/save-har", test_save_har);
  ADD ("/window/curl/in-and-out", test_curl_in_and_out);
  ADD ("/window/curl/bad-command-says-where", test_curl_bad_command_says_where);
  ADD ("/window/curl/import-window", test_curl_import_window);
  ADD ("/window/curl/import-window-bad-command-says-where", test_curl_import_window_bad_command);
  ADD ("/window/abort/shows-aborted", test_abort_from_window);
  ADD ("/window/tabs/new-and-close", test_tabs);
  ADD ("/window/tabs/duplicate-copies-the-request", test_duplicate_tab);
  ADD ("/window/adaptive/360-pixels", test_narrow_window);
  ADD ("/window/body/100-mib-responsive", test_big_response_stays_responsive);
  ADD ("/window/params/follow-the-url", test_params_follow_the_url);
  ADD ("/window/raw/request-and-response-heads", test_raw_page);
  ADD ("/window/method/free-text", test_free_text_method);
  ADD ("/window/method/menu-offers-what-xhr-sends", test_method_menu_offers_what_xhr_sends);
  ADD ("/window/method/forbidden-refused-before-send", test_forbidden_method_refused);
  ADD ("/window/body/forms-and-files", test_form_bodies);
  ADD ("/window/body/response-xml-notes", test_xml_notes);
  ADD ("/window/body/pretty-json-wraps-under-its-indent", test_pretty_json_wraps_under_its_indent);

  return g_test_run ();
}
