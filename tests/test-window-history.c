/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>

#include <glib/gstdio.h>

#include "pf-har-entry.h"
#include "pf-history-row.h"
#include "pf-request-view-private.h"
#include "pf-test-lab.h"
#include "pf-test-window.h"
#include "pf-window-private.h"

/* History in the window: what a tab sends is recorded and listed in the sidebar's History
 * page, the search narrows it, an entry opens read-only showing what the live tab showed, Send
 * Again makes an editable copy, rows are deleted one or all, the preferences reach the
 * history, and a damaged file is a toast saying where it went. Each test has its own data
 * folder (G_TEST_OPTION_ISOLATE_DIRS). */

typedef struct
{
  PfTestWindow base;
  PfHistory *history;
  char *dir;
} Fixture;

/* gtk_test_init () ignores G_TEST_OPTION_ISOLATE_DIRS: each test has a folder of its own. */
/* Answers @dialog as its button @response would, and closes it. Held meanwhile: the
 * response's handler may already destroy it. */
static void
respond (AdwMessageDialog *dialog,
         const char *response)
{
  g_autoptr (AdwMessageDialog) held = g_object_ref (dialog);

  adw_message_dialog_response (held, response);
  gtk_window_destroy (GTK_WINDOW (held));
}

static void
set_up (Fixture *fixture,
        gconstpointer data)
{
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("pf-test-history-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
  path = g_build_filename (fixture->dir, "history.sqlite", NULL);
  pf_test_window_set_up (&fixture->base, data);
  fixture->history = pf_history_new (path);
  pf_window_set_history (fixture->base.window, fixture->history);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window),
                                             "win.show-history", NULL));
}

static void
remove_dir (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_assert_no_errno (g_remove (child));
    }
  g_assert_no_errno (g_rmdir (path));
}

static void
tear_down (Fixture *fixture,
           gconstpointer data)
{
  GObject *history = G_OBJECT (fixture->history);

  pf_test_window_tear_down (&fixture->base, data);
  PF_TEST_WAIT_UNTIL (history->ref_count == 1, 10000);
  g_assert_finalize_object (g_steal_pointer (&fixture->history));
  remove_dir (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
}

static PfHistoryPage *
page_of (Fixture *fixture)
{
  return fixture->base.window->history_page;
}

static guint
n_rows (Fixture *fixture)
{
  return g_list_model_get_n_items (pf_history_page_get_items (page_of (fixture)));
}

/* Sends @path in the front tab and waits for its row in the History page. */
static void
send_and_list (Fixture *fixture,
               const char *path)
{
  guint before = n_rows (fixture);

  pf_test_window_send (&fixture->base, path);
  PF_TEST_WAIT_UNTIL (n_rows (fixture) == before + 1, 10000);
}

/* The row showing the newest exchange, drawn. */
static PfHistoryRow *
first_row (Fixture *fixture)
{
  GtkWidget *page = GTK_WIDGET (page_of (fixture));
  GtkWidget *row = NULL;

  PF_TEST_WAIT_UNTIL ((row = pf_test_find_widget (page, PF_TYPE_HISTORY_ROW, NULL)) != NULL &&
                          pf_history_row_get_item (PF_HISTORY_ROW (row)) != NULL,
                      5000);
  return PF_HISTORY_ROW (row);
}

static GtkWidget *
find_in (gpointer root,
         GType type,
         const char *css_class)
{
  return pf_test_find_widget (GTK_WIDGET (root), type, css_class);
}

static const char *
text_of (GtkWidget *label)
{
  g_assert_nonnull (label);
  return gtk_label_get_label (GTK_LABEL (label));
}

/* A request sent in a tab is listed: method, status in its class's colour, URL, day. */
static void
test_sent_is_listed (Fixture *fixture,
                     gconstpointer data)
{
  g_autofree char *url = pf_test_window_lab_url (&fixture->base, "status/201");
  PfHistoryRow *row;
  GtkWidget *status;

  send_and_list (fixture, "status/201");
  row = first_row (fixture);
  g_assert_nonnull (pf_test_find_label (GTK_WIDGET (row), "GET"));
  status = find_in (row, GTK_TYPE_LABEL, "history-status");
  g_assert_cmpstr (text_of (status), ==, "201");
  g_assert_true (gtk_widget_has_css_class (status, "success"));
  g_assert_nonnull (pf_test_find_label (GTK_WIDGET (row), url));
  g_assert_cmpstr (text_of (find_in (row, GTK_TYPE_LABEL, "history-day")), ==, "Today");

  send_and_list (fixture, "status/404");
  row = first_row (fixture);
  status = find_in (row, GTK_TYPE_LABEL, "history-status");
  PF_TEST_WAIT_UNTIL (g_strcmp0 (text_of (status), "404") == 0, 5000);
  g_assert_true (gtk_widget_has_css_class (status, "error"));
}

static void
search (Fixture *fixture,
        const char *text)
{
  GtkWidget *entry = find_in (page_of (fixture), GTK_TYPE_SEARCH_ENTRY, NULL);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static gboolean
showing (Fixture *fixture,
         const char *name)
{
  GtkStack *stack = GTK_STACK (find_in (page_of (fixture), GTK_TYPE_STACK, NULL));

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), name) == 0;
}

/* Typing narrows the list (after the entry's pause); no match says so. */
static void
test_search_narrows (Fixture *fixture,
                     gconstpointer data)
{
  g_autoptr (PfHistoryItem) item = NULL;
  AdwStatusPage *empty;

  send_and_list (fixture, "status/201");
  send_and_list (fixture, "status/404");
  search (fixture, "404");
  PF_TEST_WAIT_UNTIL (n_rows (fixture) == 1, 5000);
  item = g_list_model_get_item (pf_history_page_get_items (page_of (fixture)), 0);
  g_assert_true (g_str_has_suffix (pf_history_item_get_url (item), "/status/404"));
  search (fixture, "nothingsentlikethis");
  PF_TEST_WAIT_UNTIL (showing (fixture, "empty"), 5000);
  empty = ADW_STATUS_PAGE (find_in (page_of (fixture), ADW_TYPE_STATUS_PAGE, NULL));
  g_assert_cmpstr (adw_status_page_get_title (empty), ==, "No Results");
  search (fixture, "");
  PF_TEST_WAIT_UNTIL (n_rows (fixture) == 2 && showing (fixture, "list"), 5000);
}

static char *
body_of (PfRequestView *view)
{
  return pf_test_text_of_view (view->body_view);
}

/* Opens the newest row and waits for its tab. */
static PfRequestView *
open_first (Fixture *fixture)
{
  GtkWidget *list = find_in (page_of (fixture), GTK_TYPE_LIST_VIEW, NULL);
  PfRequestView *live = pf_window_get_request_view (fixture->base.window);

  g_signal_emit_by_name (list, "activate", 0);
  PF_TEST_WAIT_UNTIL (pf_window_get_request_view (fixture->base.window) != live, 5000);
  return pf_window_get_request_view (fixture->base.window);
}

/* The entry opens read-only with what the live tab showed: status, body, timeline rows. */
static void
test_open_shows_exchange (Fixture *fixture,
                          gconstpointer data)
{
  AdwTabView *tabs = pf_window_get_tab_view (fixture->base.window);
  PfRequestView *live, *recorded;
  g_autofree char *live_body = NULL;
  g_autofree char *recorded_body = NULL;

  send_and_list (fixture, "example.txt");
  live = pf_window_get_request_view (fixture->base.window);
  live_body = body_of (live);
  recorded = open_first (fixture);
  g_assert_true (recorded->read_only);
  g_assert_cmpstr (gtk_label_get_label (recorded->status_label), ==,
                   gtk_label_get_label (live->status_label));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (recorded->status_label), "success"));
  recorded_body = body_of (recorded);
  g_assert_cmpstr (recorded_body, ==, live_body);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (recorded->timeline_sort)), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (live->timeline_sort)));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (recorded->timeline_sort)), >, 0);
  g_assert_nonnull (pf_test_find_label (GTK_WIDGET (recorded), "From history · "));
  /* Read-only: the request cannot be edited or sent from here. */
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (recorded->url_entry)));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (recorded->editor)));
  gtk_widget_activate_action (GTK_WIDGET (recorded), "request.send", NULL);
  g_assert_false (recorded->busy);
  /* Opening it again brings the same tab forward. */
  adw_tab_view_set_selected_page (tabs, adw_tab_view_get_nth_page (tabs, 0));
  g_signal_emit_by_name (find_in (page_of (fixture), GTK_TYPE_LIST_VIEW, NULL), "activate", 0);
  PF_TEST_WAIT_UNTIL (pf_window_get_request_view (fixture->base.window) == recorded, 5000);
  g_assert_cmpint (adw_tab_view_get_n_pages (tabs), ==, 2);
}

/* Send Again: a new, editable tab with the same request. */
static void
test_send_again (Fixture *fixture,
                 gconstpointer data)
{
  g_autofree char *url = pf_test_window_lab_url (&fixture->base, "echo?x=1");
  PfRequestView *recorded, *again;
  PfRequest *request;

  send_and_list (fixture, "echo?x=1");
  recorded = open_first (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window),
                                             "win.send-again", NULL));
  again = pf_window_get_request_view (fixture->base.window);
  g_assert_true (again != recorded);
  g_assert_false (again->read_only);
  request = pf_request_view_get_request (again);
  g_assert_cmpstr (pf_request_get_url (request), ==, url);
  g_assert_cmpstr (pf_request_get_method (request), ==, "GET");
  g_assert_true (gtk_editable_get_editable (GTK_EDITABLE (again->url_entry)));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (again->editor)));
  /* Sent again, it is recorded again. */
  send_and_list (fixture, "echo?x=1");
}

/* The row's Delete, and the Delete key on the selected row. */
static void
test_delete_one (Fixture *fixture,
                 gconstpointer data)
{
  GtkWidget *list;
  GtkSelectionModel *selection;
  g_autoptr (PfHistoryItem) left = NULL;

  send_and_list (fixture, "status/201");
  send_and_list (fixture, "status/404");
  send_and_list (fixture, "status/500");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (first_row (fixture)), "row.delete",
                                             NULL));
  PF_TEST_WAIT_UNTIL (n_rows (fixture) == 2, 5000);
  list = find_in (page_of (fixture), GTK_TYPE_LIST_VIEW, NULL);
  selection = gtk_list_view_get_model (GTK_LIST_VIEW (list));
  gtk_selection_model_select_item (selection, 0, TRUE);
  g_assert_true (gtk_widget_activate_action (list, "history.delete-selected", NULL));
  PF_TEST_WAIT_UNTIL (n_rows (fixture) == 1, 5000);
  left = g_list_model_get_item (pf_history_page_get_items (page_of (fixture)), 0);
  g_assert_true (g_str_has_suffix (pf_history_item_get_url (left), "/status/201"));
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* Delete all asks first; Cancel keeps everything, Delete All empties the page. */
static void
test_delete_all (Fixture *fixture,
                 gconstpointer data)
{
  AdwMessageDialog *dialog = NULL;

  send_and_list (fixture, "status/201");
  send_and_list (fixture, "status/404");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page_of (fixture)),
                                             "history.delete-all", NULL));
  PF_TEST_WAIT_UNTIL ((dialog = find_dialog ()) != NULL, 5000);
  /* As its button does: the response, then the dialog closes. */
  respond (dialog, "cancel");
  g_assert_cmpuint (n_rows (fixture), ==, 2);
  gtk_widget_activate_action (GTK_WIDGET (page_of (fixture)), "history.delete-all", NULL);
  PF_TEST_WAIT_UNTIL ((dialog = find_dialog ()) != NULL, 5000);
  respond (dialog, "delete");
  PF_TEST_WAIT_UNTIL (n_rows (fixture) == 0 && showing (fixture, "empty"), 5000);
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (
                       find_in (page_of (fixture), ADW_TYPE_STATUS_PAGE, NULL))),
                   ==, "No History Yet");
}

/* The preferences reach the history, now and as they change. */
static void
test_preferences_apply (Fixture *fixture,
                        gconstpointer data)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_uint (settings, "history-max-entries", 50);
  pf_window_set_history (fixture->base.window, NULL);
  pf_window_set_settings (fixture->base.window, settings);
  pf_window_set_history (fixture->base.window, fixture->history);
  g_assert_cmpuint (pf_history_get_max_entries (fixture->history), ==, 50);
  g_assert_cmpuint (pf_history_get_body_limit (fixture->history), ==, 1024 * 1024);
  g_settings_set_uint (settings, "history-body-limit-kib", 4);
  g_settings_set_uint (settings, "history-max-age-days", 7);
  g_assert_cmpuint (pf_history_get_body_limit (fixture->history), ==, 4096);
  g_assert_cmpuint (pf_history_get_max_age_days (fixture->history), ==, 7);
  g_settings_reset (settings, "history-max-entries");
  g_settings_reset (settings, "history-body-limit-kib");
  g_settings_reset (settings, "history-max-age-days");
}

/* A damaged file is moved aside, a new history started, and a toast says where it went. */
static void
test_damaged_file_toast (Fixture *fixture,
                         gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "damaged.sqlite", NULL);
  GtkWidget *overlay = find_in (fixture->base.window, ADW_TYPE_TOAST_OVERLAY, NULL);
  g_autoptr (PfHistory) damaged = NULL;
  GtkWidget *toast;

  g_assert_true (g_file_set_contents (path, "this is not an SQLite database, not at all: it is "
                                            "text that a disk or a crash might have left behind.",
                                      -1, NULL));
  damaged = pf_history_new (path);
  pf_window_set_history (fixture->base.window, damaged);
  PF_TEST_WAIT_UNTIL (pf_history_get_moved_aside (damaged) != NULL, 10000);
  PF_TEST_WAIT_UNTIL ((toast = pf_test_find_label (overlay, "History was damaged")) != NULL, 5000);
  g_assert_nonnull (strstr (text_of (toast), pf_history_get_moved_aside (damaged)));
  g_assert_true (g_file_test (pf_history_get_moved_aside (damaged), G_FILE_TEST_EXISTS));
  /* The new history works: what is sent next is listed. */
  send_and_list (fixture, "status/201");
  pf_window_set_history (fixture->base.window, fixture->history);
}

static void
count_cb (PfHistory *history,
          guint *count)
{
  (*count)++;
}

/* Sends @path with the History page hidden and waits until history has it. */
static void
send_and_record (Fixture *fixture,
                 const char *path)
{
  guint changes = 0;
  gulong id = g_signal_connect (fixture->history, "changed", G_CALLBACK (count_cb), &changes);

  pf_test_window_send (&fixture->base, path);
  PF_TEST_WAIT_UNTIL (changes > 0, 10000);
  g_signal_handler_disconnect (fixture->history, id);
}

static void
show_lessons (Fixture *fixture)
{
  gtk_stack_set_visible_child_name (fixture->base.window->sidebar_stack, "lessons");
  PF_TEST_WAIT_UNTIL (!gtk_widget_get_mapped (GTK_WIDGET (page_of (fixture))), 5000);
}

/* With another page in front (as at start) the History page asks nothing, neither for its
 * history nor after each exchange; shown, it asks once and is current, and it is again after
 * changes made while it was hidden. */
static void
test_queries_only_while_shown (Fixture *fixture,
                               gconstpointer data)
{
  PfHistoryItem *newest;
  guint asked;

  show_lessons (fixture);
  pf_window_set_history (fixture->base.window, NULL);
  asked = pf_history_page_get_n_queries (page_of (fixture));
  pf_window_set_history (fixture->base.window, fixture->history);
  send_and_record (fixture, "status/201");
  send_and_record (fixture, "status/404");
  g_assert_cmpuint (pf_history_page_get_n_queries (page_of (fixture)), ==, asked);
  g_assert_cmpuint (n_rows (fixture), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window),
                                             "win.show-history", NULL));
  PF_TEST_WAIT_UNTIL (n_rows (fixture) == 2 && showing (fixture, "list"), 5000);
  g_assert_cmpuint (pf_history_page_get_n_queries (page_of (fixture)), ==, asked + 1);
  newest = pf_history_row_get_item (first_row (fixture));
  g_assert_true (g_str_has_suffix (pf_history_item_get_url (newest), "/status/404"));

  show_lessons (fixture);
  asked = pf_history_page_get_n_queries (page_of (fixture));
  send_and_record (fixture, "status/500");
  g_assert_cmpuint (pf_history_page_get_n_queries (page_of (fixture)), ==, asked);
  g_assert_cmpuint (n_rows (fixture), ==, 2);
  gtk_widget_activate_action (GTK_WIDGET (fixture->base.window), "win.show-history", NULL);
  PF_TEST_WAIT_UNTIL (n_rows (fixture) == 3, 5000);
  g_assert_cmpuint (pf_history_page_get_n_queries (page_of (fixture)), ==, asked + 1);
}

/* Save as HAR (the page's button): the entries listed, the search applied, newest first. */
static void
test_save_listed_as_har (Fixture *fixture,
                         gconstpointer data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "history.har", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  GtkWidget *overlay = find_in (fixture->base.window, ADW_TYPE_TOAST_OVERLAY, NULL);
  GtkWidget *toast = NULL;
  g_autoptr (GListModel) imported = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  JsonArray *entries;

  send_and_list (fixture, "status/201");
  send_and_list (fixture, "example.txt");
  _pf_window_save_history_har (fixture->base.window, file);
  PF_TEST_WAIT_UNTIL ((toast = pf_test_find_label (overlay, "Saved 2 entries as HAR")) != NULL,
                      10000);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  entries = json_object_get_array_member (
      json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "log"),
      "entries");
  g_assert_cmpuint (json_array_get_length (entries), ==, 2);
  g_assert_true (g_str_has_suffix (
      json_object_get_string_member (
          json_object_get_object_member (json_array_get_object_element (entries, 0), "request"), "url"),
      "/example.txt"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (
                                                   json_array_get_object_element (entries, 1),
                                                   "response"),
                                               "status"),
                   ==, 201);
  /* Valid by the HAR schema, and read back to the same requests. */
  pf_test_assert_valid_har (path);
  g_assert_true (g_file_load_contents (file, NULL, &contents, &length, NULL, &error));
  imported = pf_har_entry_list_new_from_data (contents, length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (imported), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (PfHarEntry) entry = g_list_model_get_item (imported, i);
      JsonObject *request = json_object_get_object_member (
          json_array_get_object_element (entries, i), "request");

      g_assert_cmpstr (pf_har_entry_get_method (entry), ==, "GET");
      g_assert_cmpstr (pf_request_get_url (pf_har_entry_get_request (entry)), ==,
                       json_object_get_string_member (request, "url"));
    }
}

static void
add (const char *path,
     void (*func) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, set_up, func, tear_down);
}

int
main (int argc,
      char *argv[])
{
  pf_test_window_init (&argc, &argv);
  add ("/window/history/sent-is-listed", test_sent_is_listed);
  add ("/window/history/search-narrows", test_search_narrows);
  add ("/window/history/open-shows-exchange-read-only", test_open_shows_exchange);
  add ("/window/history/send-again-opens-editable-copy", test_send_again);
  add ("/window/history/delete-one", test_delete_one);
  add ("/window/history/delete-all-asks-first", test_delete_all);
  add ("/window/history/preferences-apply", test_preferences_apply);
  add ("/window/history/damaged-file-toast-says-where", test_damaged_file_toast);
  add ("/window/history/queries-only-while-shown", test_queries_only_while_shown);
  add ("/window/history/save-listed-as-har", test_save_listed_as_har);
  return g_test_run ();
}
