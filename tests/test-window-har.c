/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pf-cors-flow.h"
#include "pf-har-window.h"
#include "pf-test-window.h"
#include "pf-window-private.h"

/* Open HAR File…: a browser's HAR listed in a window of its own, an entry opened in a tab with
 * what the browser recorded, and sent again from its page origin so that CORS names the rule
 * that blocked it; a file that is not a HAR is a toast saying where. */

typedef PfTestWindow Fixture;

/* A page at http://page.test PUT to the lab's /cors/api, and Chromium blocked it: its HAR,
 * in Chromium's style (HTTP/2 pseudo-headers, sec-fetch-*, status 0 and "_error"). */
static char *
blocked_har (Fixture *fixture)
{
  g_autofree char *url = pf_test_window_lab_url (fixture, "cors/api");

  return g_strdup_printf (
    "{\"log\": {\"version\": \"1.2\", \"creator\": {\"name\": \"WebInspector\", \"version\": \"537.36\"},"
    " \"entries\": [{\"startedDateTime\": \"2026-12-05T07:00:00.000Z\", \"time\": 2.5,"
    " \"request\": {\"method\": \"PUT\", \"url\": \"%s\", \"httpVersion\": \"\", \"headers\": ["
    "   {\"name\": \":authority\", \"value\": \"api.test\"},"
    "   {\"name\": \"origin\", \"value\": \"http://page.test\"},"
    "   {\"name\": \"sec-fetch-mode\", \"value\": \"cors\"},"
    "   {\"name\": \"x-token\", \"value\": \"1\"}],"
    "   \"queryString\": [], \"cookies\": [], \"headersSize\": -1, \"bodySize\": 0},"
    " \"response\": {\"status\": 0, \"statusText\": \"\", \"httpVersion\": \"\", \"headers\": [],"
    "   \"cookies\": [], \"content\": {\"size\": 0, \"mimeType\": \"x-unknown\"},"
    "   \"redirectURL\": \"\", \"headersSize\": -1, \"bodySize\": -1,"
    "   \"_error\": \"net::ERR_FAILED\"},"
    " \"cache\": {}, \"timings\": {\"send\": 0, \"wait\": 0, \"receive\": 0}}]}}",
    url);
}

static PfHarWindow *
find_har_window (void)
{
  g_autoptr (GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (PF_IS_HAR_WINDOW (l->data))
      return l->data;
  return NULL;
}

static void
test_open_and_send_again (Fixture      *fixture,
                          gconstpointer data)
{
  g_autofree char *dir = g_dir_make_tmp ("pf-test-har-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "blocked.har", NULL);
  g_autofree char *har = blocked_har (fixture);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  AdwTabView *tabs = pf_window_get_tab_view (fixture->window);
  int pages = adw_tab_view_get_n_pages (tabs);
  PfHarWindow *har_window = NULL;
  GtkWidget *list, *banner;
  PfRequestView *view;
  PfRequest *request;
  PfCorsFlow *flow;

  g_assert_true (g_file_set_contents (path, har, -1, NULL));
  _pf_window_open_har (fixture->window, file);
  PF_TEST_WAIT_UNTIL ((har_window = find_har_window ()) != NULL, 10000);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (har_window)), ==, "blocked.har");
  g_assert_cmpuint (g_list_model_get_n_items (pf_har_window_get_entries (har_window)), ==, 1);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (har_window));
  g_assert_nonnull (pf_test_find_label (GTK_WIDGET (har_window), "0 · net::ERR_FAILED"));
  g_assert_nonnull (pf_test_find_label (GTK_WIDGET (har_window), "from http://page.test"));

  /* Enter on the row, as a user would: a new tab, ready to send, saying what was recorded. */
  list = pf_test_find_widget (GTK_WIDGET (har_window), GTK_TYPE_LIST_VIEW, NULL);
  g_assert_true (gtk_widget_activate_action (list, "list.activate-item", "u", 0));
  g_assert_cmpint (adw_tab_view_get_n_pages (tabs), ==, pages + 1);
  view = pf_window_get_request_view (fixture->window);
  request = pf_request_view_get_request (view);
  g_assert_cmpstr (pf_request_get_method (request), ==, "PUT");
  g_assert_cmpstr (pf_request_get_origin (request), ==, "http://page.test");
  banner = pf_test_find_label (GTK_WIDGET (view), "From a HAR file");
  g_assert_nonnull (banner);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (banner)), "net::ERR_FAILED"));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (banner)), ":authority is left out"));

  /* Sent again: blocked as the browser blocked it, and why. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL));
  pf_test_window_wait_for_done (fixture->window);
  flow = pf_cors_flow_get_for (pf_window_get_exchange (fixture->window));
  g_assert_nonnull (flow);
  g_assert_cmpint (pf_cors_flow_get_outcome (flow), ==, PF_CORS_OUTCOME_BLOCKED);
  gtk_window_destroy (GTK_WINDOW (har_window));
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Not a HAR log: a toast names the file and the place, and no window opens. */
static void
test_bad_file_is_a_toast (Fixture      *fixture,
                          gconstpointer data)
{
  g_autofree char *dir = g_dir_make_tmp ("pf-test-har-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "broken.har", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  GtkWidget *overlay = pf_test_find_widget (GTK_WIDGET (fixture->window), ADW_TYPE_TOAST_OVERLAY,
                                            NULL);
  GtkWidget *toast = NULL;

  g_assert_true (g_file_set_contents (path, "{\"log\": {\"entries\": [{\"request\": 3}]}}", -1,
                                      NULL));
  _pf_window_open_har (fixture->window, file);
  PF_TEST_WAIT_UNTIL ((toast = pf_test_find_label (overlay, "Could not open “broken.har”")) != NULL,
                      10000);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (toast)),
                            "$.log.entries[0].request: not an object"));
  g_assert_null (find_har_window ());
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static GtkWidget *
find_report (void)
{
  g_autoptr (GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_has_css_class (l->data, "postman-report"))
      return l->data;
  return NULL;
}

/* Import Postman Collection…: the files written into the folder chosen, the folder opened as
 * the collection, a dialog listing what did not carry over; a second import into the same
 * folder replaces nothing and says so. */
static void
test_postman_import (Fixture      *fixture,
                     gconstpointer data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "postman", "collection.json", NULL);
  g_autoptr (GFile) collection = g_file_new_for_path (path);
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "postman-import", NULL);
  g_autoptr (GFile) folder = g_file_new_for_path (dir);
  g_autofree char *env = g_build_filename (dir, "http-client.env.json", NULL);
  GtkWidget *overlay = pf_test_find_widget (GTK_WIDGET (fixture->window), ADW_TYPE_TOAST_OVERLAY,
                                            NULL);
  GtkWidget *report = NULL;
  GtkWidget *toast = NULL;

  /* In the run's own cache folder (the fixture's XDG folders), gone with the run. */
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  _pf_window_import_postman (fixture->window, collection, folder);
  PF_TEST_WAIT_UNTIL ((report = find_report ()) != NULL, 10000);
  g_assert_true (g_str_has_prefix (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (report)),
                                   "Imported into "));
  g_assert_nonnull (pf_test_find_label (report, "• Lab API: pre-request script not imported"));
  g_assert_true (g_file_equal (pf_window_get_folder (fixture->window), folder));
  g_assert_true (g_file_test (env, G_FILE_TEST_EXISTS));
  gtk_window_destroy (GTK_WINDOW (report));

  _pf_window_import_postman (fixture->window, collection, folder);
  PF_TEST_WAIT_UNTIL ((toast = pf_test_find_label (overlay, "Could not import “collection.json”")) !=
                        NULL,
                      10000);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (toast)), "nothing was written"));
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, pf_test_window_set_up, func, pf_test_window_tear_down)

int
main (int   argc,
      char *argv[])
{
  pf_test_window_init (&argc, &argv);

  ADD ("/window/har/open-and-send-again", test_open_and_send_again);
  ADD ("/window/har/bad-file-is-a-toast", test_bad_file_is_a_toast);
  ADD ("/window/postman/import-opens-the-folder-and-reports", test_postman_import);

  return g_test_run ();
}
