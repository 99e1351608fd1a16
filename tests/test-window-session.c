/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pf-application.h"
#include "pf-key-value.h"
#include "pf-request-json.h"
#include "pf-session.h"
#include "pf-test-window.h"

/* The session: the tabs of a window (requests as composed, feeds, lessons, the one in front)
 * saved and restored in a new window, written to its file after a change and on quit, and
 * read back by the application at its next start; a damaged file moved aside with a toast. */

typedef PfTestWindow Fixture;

static PfWindow *
lab_window (Fixture    *fixture,
            const char *lab_url)
{
  PfWindow *window = g_object_ref_sink (pf_window_new (NULL, fixture->profile, lab_url));

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
destroy_window (PfWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  PF_TEST_WAIT_UNTIL (G_OBJECT (window)->ref_count == 1, 10000);
  g_assert_finalize_object (window);
}

static GtkWidget *
tab_child (PfWindow *window,
           int       position)
{
  AdwTabView *tabs = pf_window_get_tab_view (window);

  return adw_tab_page_get_child (adw_tab_view_get_nth_page (tabs, position));
}

static PfRequest *
tab_request (PfWindow *window,
             int       position)
{
  GtkWidget *child = tab_child (window, position);

  g_assert_true (PF_IS_REQUEST_VIEW (child));
  return pf_request_view_get_request (PF_REQUEST_VIEW (child));
}

static const char *
tab_title (PfWindow *window,
           int       position)
{
  return adw_tab_page_get_title (adw_tab_view_get_nth_page (pf_window_get_tab_view (window),
                                                            position));
}

static char *
request_text (PfRequest *request)
{
  g_autoptr (JsonNode) node = pf_request_to_json (request);

  return json_to_string (node, FALSE);
}

static PfLesson *
first_lesson (gboolean feed)
{
  GListModel *lessons = pf_lessons_get_all ();

  for (guint i = 0; i < g_list_model_get_n_items (lessons); i++)
    {
      g_autoptr (PfLesson) lesson = g_list_model_get_item (lessons, i);

      if (pf_lesson_is_feed (lesson) == feed)
        return lesson;
    }
  g_assert_not_reached ();
}

/* Five tabs: a POST with a JSON body, a parameter off and CORS options; a multipart form with a
 * file; a WebSocket feed; a request lesson edited; a feed lesson. The second is in front. */
static void
compose_tabs (PfWindow   *window,
              const char *lab)
{
  g_autofree char *echo = g_strconcat (lab, "echo?keep=1&off=2", NULL);
  g_autofree char *ws = g_strconcat (lab, "ws", NULL);
  PfRequest *request = tab_request (window, 0);
  g_autoptr (PfKeyValue) off = NULL;
  PfFeedView *feed;

  pf_request_set_method (request, "POST");
  pf_request_set_url (request, echo);
  off = g_list_model_get_item (pf_request_get_params (request), 1);
  pf_key_value_set_enabled (off, FALSE);
  pf_request_add_header (request, "X-Token", "t1");
  pf_request_set_body_kind (request, PF_BODY_RAW);
  pf_request_set_body_text (request, "{\"a\": 1}");
  pf_request_set_body_content_type (request, "application/json");
  pf_request_set_origin (request, "http://page.test");
  pf_request_set_credentials (request, PF_CREDENTIALS_INCLUDE);
  request = pf_request_view_get_request (pf_window_new_tab (window, NULL));
  pf_request_set_body_kind (request, PF_BODY_MULTIPART);
  pf_request_add_field (request, "name", "Ada");
  pf_request_add_file_field (request, "upload", "/tmp/a file.png");
  feed = pf_window_new_feed_tab (window, NULL);
  pf_feed_view_set_kind (feed, PF_FEED_KIND_WEB_SOCKET);
  pf_feed_view_set_url (feed, ws);
  pf_window_open_lesson (window, first_lesson (FALSE));
  pf_request_add_header (pf_request_view_get_request (pf_window_get_request_view (window)),
                         "X-Edited", "yes");
  pf_window_open_lesson (window, first_lesson (TRUE));
  adw_tab_view_set_selected_page (pf_window_get_tab_view (window),
                                  adw_tab_view_get_nth_page (pf_window_get_tab_view (window), 1));
}

/* Through text, as the file holds it. */
static JsonNode *
saved_through_text (PfWindow *window)
{
  g_autoptr (JsonNode) saved = pf_window_save_session (window);
  g_autofree char *text = json_to_string (saved, FALSE);
  g_autoptr (GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

static void
test_restored_in_a_new_window (Fixture      *fixture,
                               gconstpointer data)
{
  const char *lab = pf_lab_server_get_base_url (fixture->lab);
  PfWindow *first = lab_window (fixture, lab);
  PfWindow *second = lab_window (fixture, lab);
  g_autoptr (JsonNode) saved = NULL;
  g_autoptr (GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *composed = NULL;
  g_autofree char *lesson = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *restored_lesson = NULL;

  compose_tabs (first, lab);
  saved = saved_through_text (first);
  for (int i = 0; i < 5; i++)
    g_ptr_array_add (titles, g_strdup (tab_title (first, i)));
  composed = request_text (tab_request (first, 0));
  lesson = request_text (tab_request (first, 3));
  destroy_window (first);

  g_assert_true (pf_window_restore_session (second, saved));
  g_assert_cmpint (adw_tab_view_get_n_pages (pf_window_get_tab_view (second)), ==, 5);
  for (int i = 0; i < 5; i++)
    g_assert_cmpstr (tab_title (second, i), ==, g_ptr_array_index (titles, i));
  restored = request_text (tab_request (second, 0));
  g_assert_cmpstr (restored, ==, composed);
  g_assert_cmpuint (g_list_model_get_n_items (pf_request_get_params (tab_request (second, 0))), ==,
                    2);
  g_assert_cmpint (pf_request_get_body_kind (tab_request (second, 1)), ==, PF_BODY_MULTIPART);
  g_assert_cmpuint (g_list_model_get_n_items (pf_request_get_fields (tab_request (second, 1))), ==,
                    2);
  g_assert_true (PF_IS_FEED_VIEW (tab_child (second, 2)));
  g_assert_cmpint (pf_feed_view_get_kind (PF_FEED_VIEW (tab_child (second, 2))), ==,
                   PF_FEED_KIND_WEB_SOCKET);
  g_assert_true (g_str_has_suffix (pf_feed_view_get_url (PF_FEED_VIEW (tab_child (second, 2))),
                                   "/ws"));
  /* The lessons are lessons again: picking one brings its tab forward, no new tab. */
  restored_lesson = request_text (tab_request (second, 3));
  g_assert_cmpstr (restored_lesson, ==, lesson);
  pf_window_open_lesson (second, first_lesson (FALSE));
  g_assert_cmpint (adw_tab_view_get_n_pages (pf_window_get_tab_view (second)), ==, 5);
  g_assert_true (tab_child (second, 3) == GTK_WIDGET (pf_window_get_request_view (second)));
  pf_window_open_lesson (second, first_lesson (TRUE));
  g_assert_cmpint (adw_tab_view_get_n_pages (pf_window_get_tab_view (second)), ==, 5);
  destroy_window (second);
}

static void
test_selected_tab (Fixture      *fixture,
                   gconstpointer data)
{
  const char *lab = pf_lab_server_get_base_url (fixture->lab);
  PfWindow *first = lab_window (fixture, lab);
  PfWindow *second = lab_window (fixture, lab);
  g_autoptr (JsonNode) saved = NULL;
  AdwTabView *tabs = pf_window_get_tab_view (second);

  compose_tabs (first, lab);
  saved = saved_through_text (first);
  destroy_window (first);
  pf_window_restore_session (second, saved);
  g_assert_cmpint (adw_tab_view_get_page_position (tabs, adw_tab_view_get_selected_page (tabs)),
                   ==, 1);
  destroy_window (second);
}

/* The lab listens on a new port at each start: what was on it follows it; a URL that only
 * looks alike stays. */
static void
test_lab_port_follows (Fixture      *fixture,
                       gconstpointer data)
{
  const char *lab = pf_lab_server_get_base_url (fixture->lab);
  PfWindow *first = lab_window (fixture, "http://127.0.0.1:1111/");
  PfWindow *second = lab_window (fixture, lab);
  PfRequest *request = tab_request (first, 0);
  g_autoptr (JsonNode) saved = NULL;
  g_autofree char *echo = g_strconcat (lab, "echo?a=1", NULL);
  g_autofree char *origin = g_strndup (lab, strlen (lab) - 1);
  g_autofree char *ws = g_strdup_printf ("ws://%sws", strstr (lab, "127.0.0.1:"));

  pf_request_set_url (request, "http://127.0.0.1:1111/echo?a=1");
  pf_request_set_origin (request, "http://127.0.0.1:1111");
  request = pf_request_view_get_request (pf_window_new_tab (first, "http://127.0.0.1:11110/x"));
  pf_window_new_feed_tab (first, "ws://127.0.0.1:1111/ws");
  saved = saved_through_text (first);
  destroy_window (first);
  pf_window_restore_session (second, saved);
  g_assert_cmpstr (pf_request_get_url (tab_request (second, 0)), ==, echo);
  g_assert_cmpstr (pf_request_get_origin (tab_request (second, 0)), ==, origin);
  g_assert_cmpstr (pf_request_get_url (tab_request (second, 1)), ==, "http://127.0.0.1:11110/x");
  g_assert_cmpstr (pf_feed_view_get_url (PF_FEED_VIEW (tab_child (second, 2))), ==, ws);
  destroy_window (second);
}

static void
keep_result_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static JsonArray *
load (PfSession *session,
      GError   **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  pf_session_load_async (session, NULL, keep_result_cb, &result);
  PF_TEST_WAIT_UNTIL (result != NULL, 5000);
  return pf_session_load_finish (session, result, error);
}

static char *
file_text (GFile *file)
{
  char *contents = NULL;

  if (!g_file_load_contents (file, NULL, &contents, NULL, NULL, NULL))
    return g_strdup ("");
  return contents;
}

static gboolean
file_contains (GFile      *file,
               const char *text)
{
  g_autofree char *contents = file_text (file);

  return strstr (contents, text) != NULL;
}

static GFile *
session_file (void)
{
  return g_file_new_build_filename (g_get_user_state_dir (), "preflight", "session.json", NULL);
}

/* A change is written half a second later, with no quit; closing the last window keeps its
 * tabs for next time. */
static void
test_saved_on_change (Fixture      *fixture,
                      gconstpointer data)
{
  const char *lab = pf_lab_server_get_base_url (fixture->lab);
  g_autoptr (GFile) file = session_file ();
  g_autoptr (PfSession) session = pf_session_new (file);
  g_autoptr (JsonArray) windows = NULL;
  g_autoptr (GError) error = NULL;
  PfWindow *window = lab_window (fixture, lab);

  /* No file yet: no windows, and no error. */
  windows = load (session, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (windows), ==, 0);
  pf_session_add_window (session, window);
  pf_request_set_url (tab_request (window, 0), "http://127.0.0.1:9/typed-just-now");
  PF_TEST_WAIT_UNTIL (file_contains (file, "typed-just-now"), 5000);
  pf_window_new_feed_tab (window, NULL);
  gtk_window_close (GTK_WINDOW (window));
  PF_TEST_WAIT_UNTIL (G_OBJECT (window)->ref_count == 1, 10000);
  g_assert_finalize_object (window);
  g_clear_pointer (&windows, json_array_unref);
  /* What was written after the close reads back: one window, both tabs. */
  PF_TEST_WAIT_UNTIL (file_contains (file, "\"feed\""), 5000);
  windows = load (session, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (windows), ==, 1);
  window = lab_window (fixture, lab);
  g_assert_true (pf_window_restore_session (window, json_array_get_element (windows, 0)));
  g_assert_cmpstr (pf_request_get_url (tab_request (window, 0)), ==,
                   "http://127.0.0.1:9/typed-just-now");
  g_assert_true (PF_IS_FEED_VIEW (tab_child (window, 1)));
  destroy_window (window);
}

static void
test_damaged_file_moved_aside (Fixture      *fixture,
                               gconstpointer data)
{
  g_autoptr (GFile) file = session_file ();
  g_autoptr (GFile) folder = g_file_get_parent (file);
  g_autoptr (GFile) aside = g_file_get_child (folder, "session.json.damaged");
  g_autoptr (PfSession) session = pf_session_new (file);
  g_autoptr (JsonArray) windows = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_file_get_path (aside);

  g_assert_true (g_file_make_directory_with_parents (folder, NULL, NULL) ||
                 g_file_query_exists (folder, NULL));
  g_assert_true (g_file_set_contents (g_file_peek_path (file), "{\"windows\": [tru", -1, NULL));
  windows = load (session, &error);
  g_assert_null (windows);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_false (g_file_query_exists (file, NULL));
  g_assert_true (g_file_query_exists (aside, NULL));
}

/* ---- the application, started and quit as a user does */

typedef struct
{
  PfApplication *app;
  gboolean (*check) (PfApplication *app);
  gboolean done;
  gint64 deadline;
} AppRun;

static gboolean
app_check_cb (gpointer user_data)
{
  AppRun *run = user_data;

  g_assert_cmpint (g_get_monotonic_time (), <, run->deadline);
  if (gtk_application_get_active_window (GTK_APPLICATION (run->app)) == NULL ||
      !run->check (run->app))
    return G_SOURCE_CONTINUE;
  run->done = TRUE;
  g_application_quit (G_APPLICATION (run->app));
  return G_SOURCE_REMOVE;
}

/* Runs the application until @check says yes of it (10 s at most, as PF_TEST_WAIT_UNTIL counts
 * them under the sanitizers), then quits it. */
static void
run_app (gboolean (*check) (PfApplication *app))
{
  AppRun run = { pf_application_new (), check, FALSE, pf_test_deadline_us (10000) };

  g_application_set_flags (G_APPLICATION (run.app), G_APPLICATION_NON_UNIQUE);
  g_timeout_add (50, app_check_cb, &run);
  g_assert_cmpint (g_application_run (G_APPLICATION (run.app), 0, NULL), ==, 0);
  g_assert_true (run.done);
  g_assert_finalize_object (run.app);
}

static PfWindow *
app_window (PfApplication *app)
{
  return PF_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
}

static gboolean
restored_then_feed_closed (PfApplication *app)
{
  PfWindow *window = app_window (app);
  AdwTabView *tabs = pf_window_get_tab_view (window);
  g_autofree char *echo = g_strconcat (pf_application_get_lab_url (app), "echo?keep=1", NULL);

  if (adw_tab_view_get_n_pages (tabs) != 5)
    return FALSE;
  /* On this run's lab, wherever it listens now. */
  g_assert_cmpstr (pf_request_get_url (tab_request (window, 0)), ==, echo);
  g_assert_cmpint (adw_tab_view_get_page_position (tabs, adw_tab_view_get_selected_page (tabs)),
                   ==, 1);
  adw_tab_view_close_page (tabs, adw_tab_view_get_nth_page (tabs, 2));
  return TRUE;
}

static guint
saved_tabs (GFile *file)
{
  g_autofree char *text = file_text (file);
  g_autoptr (JsonNode) root = json_from_string (text, NULL);
  JsonArray *windows;

  g_assert_nonnull (root);
  windows = json_object_get_array_member (json_node_get_object (root), "windows");
  g_assert_cmpuint (json_array_get_length (windows), ==, 1);
  return json_array_get_length (json_object_get_array_member (
    json_array_get_object_element (windows, 0), "tabs"));
}

/* The session of the last run comes back when the app starts, and quitting saves it. */
static void
test_app_restores_and_saves_on_quit (Fixture      *fixture,
                                     gconstpointer data)
{
  const char *lab = pf_lab_server_get_base_url (fixture->lab);
  g_autoptr (GFile) file = session_file ();
  g_autoptr (GFile) folder = g_file_get_parent (file);
  PfWindow *window = lab_window (fixture, lab);
  g_autoptr (JsonNode) saved = NULL;
  g_autofree char *state = NULL;
  g_autofree char *text = NULL;

  compose_tabs (window, lab);
  saved = pf_window_save_session (window);
  destroy_window (window);
  state = json_to_string (saved, FALSE);
  text = g_strdup_printf ("{\"version\": 1, \"windows\": [%s]}", state);
  g_file_make_directory_with_parents (folder, NULL, NULL);
  g_assert_true (g_file_set_contents (g_file_peek_path (file), text, -1, NULL));
  run_app (restored_then_feed_closed);
  g_assert_cmpuint (saved_tabs (file), ==, 4);
}

static gboolean
damaged_toast_shown (PfApplication *app)
{
  PfWindow *window = app_window (app);

  return pf_test_find_label (GTK_WIDGET (window), "The saved tabs could not be read") != NULL;
}

/* A damaged file: a toast says where it went, and the app starts as on a first start. */
static void
test_app_damaged_file (Fixture      *fixture,
                       gconstpointer data)
{
  g_autoptr (GFile) file = session_file ();
  g_autoptr (GFile) folder = g_file_get_parent (file);
  g_autoptr (GFile) aside = g_file_get_child (folder, "session.json.damaged");

  g_file_make_directory_with_parents (folder, NULL, NULL);
  g_assert_true (g_file_set_contents (g_file_peek_path (file), "\x01garbage\xff", -1, NULL));
  run_app (damaged_toast_shown);
  g_assert_true (g_file_query_exists (aside, NULL));
  g_assert_cmpuint (saved_tabs (file), ==, 1);
}

static void
remove_session_files (void)
{
  g_autoptr (GFile) file = session_file ();
  g_autofree char *aside = g_strconcat (g_file_peek_path (file), ".damaged", NULL);

  g_remove (g_file_peek_path (file));
  g_remove (aside);
}

/* Each test starts with no session file. */
static void
set_up (Fixture      *fixture,
        gconstpointer data)
{
  remove_session_files ();
  pf_test_window_set_up (fixture, data);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, set_up, func, pf_test_window_tear_down)

int
main (int   argc,
      char *argv[])
{
  /* gtk_test_init () does not isolate the XDG folders (G_TEST_OPTION_ISOLATE_DIRS is lost on
   * the way to g_test_init ()): the session goes to a folder of this run. */
  g_autofree char *state = g_dir_make_tmp ("preflight-session-XXXXXX", NULL);
  g_autofree char *folder = g_build_filename (state, "preflight", NULL);
  int status;

  g_setenv ("XDG_STATE_HOME", state, TRUE);
  pf_test_window_init (&argc, &argv);

  ADD ("/window/session/restored-in-a-new-window", test_restored_in_a_new_window);
  ADD ("/window/session/selected-tab", test_selected_tab);
  ADD ("/window/session/lab-port-follows", test_lab_port_follows);
  ADD ("/window/session/saved-on-change", test_saved_on_change);
  ADD ("/window/session/damaged-file-moved-aside", test_damaged_file_moved_aside);
  ADD ("/window/session/app-restores-and-saves-on-quit", test_app_restores_and_saves_on_quit);
  ADD ("/window/session/app-damaged-file", test_app_damaged_file);

  status = g_test_run ();
  remove_session_files ();
  g_rmdir (folder);
  g_rmdir (state);
  return status;
}
