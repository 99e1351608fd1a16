/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pf-collection-view.h"
#include "pf-collection.h"
#include "pf-request-view.h"
#include "pf-test-window.h"
#include "pf-window-private.h"

/* The sidebar's Collection page on a folder of hand-written .http files: their requests in a
 * tree, a request opened in a tab, Ctrl+S writing back only that request's lines (and nothing
 * over a change made elsewhere), files written by other programs showing at once, a file that
 * does not parse shown with its line and left alone, and Rename and Delete. */

typedef struct
{
  PfTestWindow base;
  char *dir;
} Fixture;

/* Written as a user would in IntelliJ or VS Code: comments, a file variable, "###" titles. */
static const char api_http[] =
  "# Requests against the example API, in the JetBrains HTTP client format.\n"
  "@host = 127.0.0.1:8080\n"
  "\n"
  "### List the items\n"
  "GET http://{{host}}/items\n"
  "Accept: application/json\n"
  "\n"
  "###\n"
  "# @name create-item\n"
  "POST http://{{host}}/items\n"
  "Content-Type: application/json\n"
  "X-Trace:   as-typed\n"
  "\n"
  "{\"name\": \"first\"}\n"
  "\n"
  "### Remove one\n"
  "// Deleting needs no body.\n"
  "DELETE http://{{host}}/items/7\n";

static const char more_http[] = "GET http://127.0.0.1/more\n";

static const char tree_text[] =
  "api.http\n"
  "  GET List the items\n"
  "  POST create-item\n"
  "  DELETE Remove one\n"
  "sub/more.http\n"
  "  GET GET http://127.0.0.1/more\n";

static char *
path_in (Fixture    *fixture,
         const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static void
write_file (Fixture    *fixture,
            const char *name,
            const char *text)
{
  g_autofree char *path = path_in (fixture, name);
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static char *
read_file (Fixture    *fixture,
           const char *name)
{
  g_autofree char *path = path_in (fixture, name);
  g_autoptr (GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static gboolean
file_is (Fixture    *fixture,
         const char *name,
         const char *text)
{
  g_autofree char *now = read_file (fixture, name);

  return g_str_equal (now, text);
}

static PfCollectionView *
collection_view (Fixture *fixture)
{
  return PF_COLLECTION_VIEW (pf_test_find_widget (GTK_WIDGET (fixture->base.window),
                                                  PF_TYPE_COLLECTION_VIEW, NULL));
}

/* The tree as shown: each row's method (for a request) and title, indented by its depth. */
static char *
tree_as_text (Fixture *fixture)
{
  GListModel *rows = pf_collection_view_get_rows (collection_view (fixture));
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr (PfCollectionItem) item = gtk_tree_list_row_get_item (row);
      g_autofree char *method = NULL;

      g_object_get (item, "subtitle", &method, NULL);
      g_string_append_printf (text, "%*s%s%s%s\n", (int) gtk_tree_list_row_get_depth (row) * 2, "",
                              method ? method : "", method ? " " : "",
                              pf_collection_item_get_title (item));
    }
  return g_string_free (text, FALSE);
}

static gboolean
tree_is (Fixture    *fixture,
         const char *expected)
{
  g_autofree char *text = tree_as_text (fixture);

  return g_str_equal (text, expected);
}

#define ASSERT_TREE(fixture, expected)                                                         \
  G_STMT_START                                                                                 \
  {                                                                                            \
    g_autofree char *tree_ = NULL;                                                             \
    PF_TEST_WAIT_UNTIL (tree_is ((fixture), (expected)), 10000);                               \
    tree_ = tree_as_text (fixture);                                                            \
    g_assert_cmpstr (tree_, ==, (expected));                                                   \
  }                                                                                            \
  G_STMT_END

static void
set_up (Fixture      *fixture,
        gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *sub = NULL;

  pf_test_window_set_up (&fixture->base, data);
  fixture->dir = g_dir_make_tmp ("pf-collection-XXXXXX", &error);
  g_assert_no_error (error);
  sub = path_in (fixture, "sub");
  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  write_file (fixture, "api.http", api_http);
  write_file (fixture, "sub/more.http", more_http);
}

static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
tear_down (Fixture      *fixture,
           gconstpointer data)
{
  pf_test_window_tear_down (&fixture->base, data);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
open_folder (Fixture *fixture)
{
  g_autoptr (GFile) folder = g_file_new_for_path (fixture->dir);

  pf_window_set_folder (fixture->base.window, folder);
  ASSERT_TREE (fixture, tree_text);
}

/* The row whose title is @title. */
static guint
row_position (Fixture    *fixture,
              const char *title)
{
  GListModel *rows = pf_collection_view_get_rows (collection_view (fixture));

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (GtkTreeListRow) row = g_list_model_get_item (rows, i);
      g_autoptr (PfCollectionItem) item = gtk_tree_list_row_get_item (row);

      if (g_str_equal (pf_collection_item_get_title (item), title))
        return i;
    }
  g_assert_not_reached ();
}

static GtkWidget *
list_view (Fixture *fixture)
{
  return pf_test_find_widget (GTK_WIDGET (collection_view (fixture)), GTK_TYPE_LIST_VIEW,
                              "collection");
}

/* Activates the request row @title, as a double click or Enter does. */
static PfRequestView *
open_request (Fixture    *fixture,
              const char *title)
{
  g_assert_true (gtk_widget_activate_action (list_view (fixture), "list.activate-item", "u",
                                             row_position (fixture, title)));
  return pf_window_get_request_view (fixture->base.window);
}

static const char *
tab_title (Fixture *fixture)
{
  AdwTabView *tabs = pf_window_get_tab_view (fixture->base.window);

  return adw_tab_page_get_title (adw_tab_view_get_selected_page (tabs));
}

static const char *
header_value (PfRequest  *request,
              const char *name)
{
  GListModel *headers = pf_request_get_headers (request);

  for (guint i = 0; i < g_list_model_get_n_items (headers); i++)
    {
      g_autoptr (PfKeyValue) row = g_list_model_get_item (headers, i);

      if (g_str_equal (pf_key_value_get_name (row), name))
        return pf_key_value_get_value (row);
    }
  return NULL;
}

static void
test_empty_state (Fixture      *fixture,
                  gconstpointer data)
{
  GtkWidget *view = GTK_WIDGET (collection_view (fixture));
  GtkStack *sidebar = GTK_STACK (gtk_widget_get_parent (view));
  GtkWidget *status;

  gtk_stack_set_visible_child (sidebar, view);
  status = pf_test_find_widget (view, ADW_TYPE_STATUS_PAGE, NULL);
  g_assert_true (gtk_widget_is_visible (status));
  g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==, "No Folder Open");
  g_assert_cmpstr (gtk_stack_page_get_title (gtk_stack_get_page (sidebar, view)), ==,
                   "Collection");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (
                     pf_test_find_widget (status, GTK_TYPE_BUTTON, "pill"))),
                   ==, "win.open-folder");
}

/* Opening the folder shows its files (a subfolder's too) with their requests, named by
 * "# @name", else the "###" title, else the method and URL. */
static void
test_open_folder (Fixture      *fixture,
                  gconstpointer data)
{
  GtkWidget *view;

  open_folder (fixture);
  view = GTK_WIDGET (collection_view (fixture));
  g_assert_true (gtk_widget_get_mapped (view));
  gtk_test_widget_wait_for_draw (view);
  g_assert_nonnull (pf_test_find_label (view, "create-item"));
  g_assert_nonnull (pf_test_find_label (view, "sub/more.http"));
}

/* A request opens in a tab titled by its name, with the entry's request; opening it again
 * brings that tab forward. */
static void
test_open_request (Fixture      *fixture,
                   gconstpointer data)
{
  AdwTabView *tabs = pf_window_get_tab_view (fixture->base.window);
  PfRequestView *view;
  PfRequest *request;

  open_folder (fixture);
  view = open_request (fixture, "create-item");
  request = pf_request_view_get_request (view);
  g_assert_cmpint (adw_tab_view_get_n_pages (tabs), ==, 2);
  g_assert_cmpstr (tab_title (fixture), ==, "create-item");
  g_assert_cmpstr (pf_request_get_method (request), ==, "POST");
  g_assert_cmpstr (pf_request_get_url (request), ==, "http://{{host}}/items");
  g_assert_cmpstr (header_value (request, "X-Trace"), ==, "as-typed");
  g_assert_cmpstr (pf_request_get_body_text (request), ==, "{\"name\": \"first\"}");
  /* Its title stays the name while the URL is edited. */
  pf_request_set_url (request, "http://{{host}}/items?draft=1");
  g_assert_cmpstr (tab_title (fixture), ==, "create-item");

  open_request (fixture, "List the items");
  g_assert_cmpint (adw_tab_view_get_n_pages (tabs), ==, 3);
  g_assert_true (open_request (fixture, "create-item") == view);
  g_assert_cmpint (adw_tab_view_get_n_pages (tabs), ==, 3);
}

static gboolean
toast_says (Fixture    *fixture,
            const char *part)
{
  AdwToast *toast = fixture->base.window->error_toast;

  return toast != NULL && strstr (adw_toast_get_title (toast), part) != NULL;
}

static char *
replace_once (const char *text,
              const char *from,
              const char *to)
{
  const char *at = strstr (text, from);
  GString *out;

  g_assert_nonnull (at);
  out = g_string_new_len (text, at - text);
  g_string_append (out, to);
  g_string_append (out, at + strlen (from));
  return g_string_free (out, FALSE);
}

/* Ctrl+S writes the tab's request into its entry: only its changed lines differ, and a change
 * made elsewhere in the file since it was opened is kept. */
static void
test_save_into_entry (Fixture      *fixture,
                      gconstpointer data)
{
  PfRequestView *view;
  PfRequest *request;
  g_autofree char *elsewhere = NULL;
  g_autofree char *expected = NULL;

  open_folder (fixture);
  view = open_request (fixture, "create-item");
  request = pf_request_view_get_request (view);
  pf_request_set_url (request, "http://{{host}}/items?draft=1");
  /* Another program edits another request meanwhile. */
  elsewhere = replace_once (api_http, "/items/7", "/items/8");
  write_file (fixture, "api.http", elsewhere);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window),
                                             "win.save-request", NULL));
  expected = replace_once (elsewhere, "POST http://{{host}}/items\n",
                           "POST http://{{host}}/items?draft=1\n");
  PF_TEST_WAIT_UNTIL (file_is (fixture, "api.http", expected), 10000);
  PF_TEST_WAIT_UNTIL (toast_says (fixture, "Saved “create-item” in “api.http”"), 10000);

  /* Saved again, the entry is found where the first save left it. */
  pf_request_set_body_text (request, "{\"name\": \"second\"}");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window),
                                             "win.save-request", NULL));
  {
    g_autofree char *second = replace_once (expected, "{\"name\": \"first\"}",
                                            "{\"name\": \"second\"}");

    PF_TEST_WAIT_UNTIL (file_is (fixture, "api.http", second), 10000);
  }
}

/* The request was changed in the file by another program since its tab opened: saving says so
 * and writes nothing. */
static void
test_save_refuses_changed_entry (Fixture      *fixture,
                                 gconstpointer data)
{
  PfRequestView *view;
  g_autofree char *elsewhere = NULL;

  open_folder (fixture);
  view = open_request (fixture, "create-item");
  pf_request_set_url (pf_request_view_get_request (view), "http://{{host}}/mine");
  elsewhere = replace_once (api_http, "X-Trace:   as-typed", "X-Trace: theirs");
  write_file (fixture, "api.http", elsewhere);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window),
                                             "win.save-request", NULL));
  PF_TEST_WAIT_UNTIL (toast_says (fixture, "was not overwritten"), 10000);
  g_assert_true (file_is (fixture, "api.http", elsewhere));
}

static void
run_shell (const char *script,
           const char *argument,
           const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) shell = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, "sh", "-c",
                                                    script, "sh", argument, path, NULL);

  g_assert_no_error (error);
  g_subprocess_wait_check (shell, NULL, &error);
  g_assert_no_error (error);
}

/* Files written, changed and removed by another process show at once. */
static void
test_folder_watched (Fixture      *fixture,
                     gconstpointer data)
{
  g_autofree char *added = path_in (fixture, "sub/deeper");
  g_autofree char *changed = path_in (fixture, "api.http");
  g_autofree char *more = path_in (fixture, "sub/more.http");

  open_folder (fixture);
  run_shell ("mkdir \"$2\" && printf '%s' \"$1\" > \"$2/new.http\"",
             "### Fresh\nGET http://127.0.0.1/fresh\n", added);
  ASSERT_TREE (fixture, "api.http\n"
                        "  GET List the items\n"
                        "  POST create-item\n"
                        "  DELETE Remove one\n"
                        "sub/deeper/new.http\n"
                        "  GET Fresh\n"
                        "sub/more.http\n"
                        "  GET GET http://127.0.0.1/more\n");
  run_shell ("printf '%s' \"$1\" > \"$2\"", "### Only one\nPUT http://127.0.0.1/one\n", changed);
  run_shell ("rm \"$2\"", "", more);
  ASSERT_TREE (fixture, "api.http\n"
                        "  PUT Only one\n"
                        "sub/deeper/new.http\n"
                        "  GET Fresh\n");
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* A file that does not parse shows where it stops reading, and is left as it is. */
static void
test_broken_file (Fixture      *fixture,
                  gconstpointer data)
{
  static const char broken[] = "### Half typed\nGET http://127.0.0.1/\nAccept text/plain\n";
  PfCollectionView *view;
  guint position;
  g_autoptr (GFile) folder = g_file_new_for_path (fixture->dir);

  write_file (fixture, "sub/more.http", broken);
  pf_window_set_folder (fixture->base.window, folder);
  ASSERT_TREE (fixture, "api.http\n"
                        "  GET List the items\n"
                        "  POST create-item\n"
                        "  DELETE Remove one\n"
                        "sub/more.http\n"
                        "  line 3, column 1: expected a header “Name: value” or a blank line\n");
  view = collection_view (fixture);
  position = row_position (fixture, "line 3, column 1: expected a header “Name: value” or a "
                                    "blank line");
  g_assert_true (gtk_widget_activate_action (list_view (fixture), "list.select-item", "(ubb)",
                                             position, FALSE, FALSE));
  /* Nothing offers to write it: its row has no Rename or Delete. */
  gtk_widget_activate_action (GTK_WIDGET (view), "collection.rename", NULL);
  gtk_widget_activate_action (GTK_WIDGET (view), "collection.delete", NULL);
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (find_dialog ());
  g_assert_true (file_is (fixture, "sub/more.http", broken));
}

/* Picks the request row @title and chooses @action from its menu: the dialog it opens. */
static AdwMessageDialog *
row_action (Fixture    *fixture,
            const char *title,
            const char *action)
{
  AdwMessageDialog *dialog;

  g_assert_true (gtk_widget_activate_action (list_view (fixture), "list.select-item", "(ubb)",
                                             row_position (fixture, title), FALSE, FALSE));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (collection_view (fixture)), action,
                                             NULL));
  PF_TEST_WAIT_UNTIL ((dialog = find_dialog ()) != NULL, 5000);
  return dialog;
}

/* Clicks the dialog's button @label, and waits for the dialog to close. */
static void
answer (AdwMessageDialog *dialog,
        const char       *label)
{
  GtkWidget *text = pf_test_find_label (GTK_WIDGET (dialog), label);
  GtkWidget *button = gtk_widget_get_ancestor (text, GTK_TYPE_BUTTON);

  g_object_ref (dialog);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_true (gtk_widget_activate (button));
  PF_TEST_WAIT_UNTIL (!gtk_widget_get_visible (GTK_WIDGET (dialog)), 5000);
  g_object_unref (dialog);
}

/* Rename writes the entry's "# @name"; its open tab follows. Delete, once confirmed, removes
 * the entry's lines; comments and the other requests stay byte for byte. */
static void
test_rename_and_delete (Fixture      *fixture,
                        gconstpointer data)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  g_autofree char *renamed = NULL;
  g_autofree char *deleted = NULL;

  open_folder (fixture);
  open_request (fixture, "List the items");
  dialog = row_action (fixture, "List the items", "collection.rename");
  entry = pf_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, "request-name");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "List the items");
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "rename"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "list-items");
  answer (dialog, "_Rename");
  renamed = replace_once (api_http, "### List the items\n",
                          "### List the items\n# @name list-items\n");
  PF_TEST_WAIT_UNTIL (file_is (fixture, "api.http", renamed), 10000);
  PF_TEST_WAIT_UNTIL (g_strcmp0 (tab_title (fixture), "list-items") == 0, 5000);
  ASSERT_TREE (fixture, "api.http\n"
                        "  GET list-items\n"
                        "  POST create-item\n"
                        "  DELETE Remove one\n"
                        "sub/more.http\n"
                        "  GET GET http://127.0.0.1/more\n");

  dialog = row_action (fixture, "create-item", "collection.delete");
  answer (dialog, "_Cancel");
  g_assert_true (file_is (fixture, "api.http", renamed));
  dialog = row_action (fixture, "create-item", "collection.delete");
  answer (dialog, "_Delete");
  deleted = replace_once (renamed,
                          "###\n# @name create-item\nPOST http://{{host}}/items\n"
                          "Content-Type: application/json\nX-Trace:   as-typed\n\n"
                          "{\"name\": \"first\"}\n\n",
                          "");
  PF_TEST_WAIT_UNTIL (file_is (fixture, "api.http", deleted), 10000);
  ASSERT_TREE (fixture, "api.http\n"
                        "  GET list-items\n"
                        "  DELETE Remove one\n"
                        "sub/more.http\n"
                        "  GET GET http://127.0.0.1/more\n");
}

/* Ctrl+S in a tab that holds no entry asks for a name and a file, then adds the request at
 * the file's end; the tab then holds that entry. */
static void
test_save_new_entry (Fixture      *fixture,
                     gconstpointer data)
{
  AdwMessageDialog *dialog;
  GtkDropDown *files;
  g_autofree char *appended = NULL;
  g_autofree char *newer = NULL;
  g_autofree char *url = NULL;

  open_folder (fixture);
  pf_window_new_tab (fixture->base.window, "http://127.0.0.1/new");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window),
                                             "win.save-request", NULL));
  PF_TEST_WAIT_UNTIL ((dialog = find_dialog ()) != NULL, 5000);
  gtk_editable_set_text (GTK_EDITABLE (pf_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY,
                                                            "request-name")),
                         "fetch-new");
  files = GTK_DROP_DOWN (pf_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (files)), ==, 3);
  gtk_drop_down_set_selected (files, 1);
  answer (dialog, "_Save");
  PF_TEST_WAIT_UNTIL (!file_is (fixture, "sub/more.http", more_http), 10000);
  appended = read_file (fixture, "sub/more.http");
  g_assert_true (g_str_has_prefix (appended, more_http));
  g_assert_nonnull (strstr (appended, "# @name fetch-new\nGET http://127.0.0.1/new"));
  PF_TEST_WAIT_UNTIL (g_strcmp0 (tab_title (fixture), "fetch-new") == 0, 5000);
  ASSERT_TREE (fixture, "api.http\n"
                        "  GET List the items\n"
                        "  POST create-item\n"
                        "  DELETE Remove one\n"
                        "sub/more.http\n"
                        "  GET GET http://127.0.0.1/more\n"
                        "  GET fetch-new\n");
  /* Saved again, it goes into its entry. */
  url = g_strdup ("http://127.0.0.1/newer");
  pf_request_set_url (pf_request_view_get_request (pf_window_get_request_view (
                        fixture->base.window)),
                      url);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window),
                                             "win.save-request", NULL));
  newer = replace_once (appended, "/new\n", "/newer\n");
  PF_TEST_WAIT_UNTIL (file_is (fixture, "sub/more.http", newer), 10000);
}

/* The title of the row the Collection page selects, or "" for none. */
static const char *
selected_title (Fixture *fixture)
{
  g_autoptr (PfCollectionItem) item = pf_collection_view_get_selected (collection_view (fixture));

  return item ? pf_collection_item_get_title (item) : "";
}

static gboolean
selected_is (Fixture    *fixture,
             const char *title)
{
  return g_str_equal (selected_title (fixture), title);
}

static gboolean
tree_has (Fixture    *fixture,
          const char *line)
{
  g_autofree char *text = tree_as_text (fixture);

  return strstr (text, line) != NULL;
}

static void
select_tab (Fixture   *fixture,
            GtkWidget *child)
{
  AdwTabView *tabs = pf_window_get_tab_view (fixture->base.window);

  adw_tab_view_set_selected_page (tabs, adw_tab_view_get_page (tabs, child));
}

static GtkTreeListRow *
file_row (Fixture    *fixture,
          const char *title)
{
  GListModel *rows = pf_collection_view_get_rows (collection_view (fixture));

  return g_list_model_get_item (rows, row_position (fixture, title));
}

/* The row of the front tab's entry is selected as tabs are switched (its file's row opened if
 * it was closed); a tab from elsewhere selects none; a tab saved into a new entry selects it
 * once the file is read again. */
static void
test_row_follows_front_tab (Fixture      *fixture,
                            gconstpointer data)
{
  AdwMessageDialog *dialog;
  g_autoptr (GtkTreeListRow) api = NULL;
  GtkWidget *blank = GTK_WIDGET (pf_window_get_request_view (fixture->base.window));
  GtkWidget *create;

  open_folder (fixture);
  g_assert_cmpstr (selected_title (fixture), ==, "");
  create = GTK_WIDGET (open_request (fixture, "create-item"));
  g_assert_cmpstr (selected_title (fixture), ==, "create-item");
  open_request (fixture, "GET http://127.0.0.1/more");
  g_assert_cmpstr (selected_title (fixture), ==, "GET http://127.0.0.1/more");
  select_tab (fixture, create);
  g_assert_cmpstr (selected_title (fixture), ==, "create-item");
  select_tab (fixture, blank);
  g_assert_cmpstr (selected_title (fixture), ==, "");
  api = file_row (fixture, "api.http");
  gtk_tree_list_row_set_expanded (api, FALSE);
  select_tab (fixture, create);
  g_assert_true (gtk_tree_list_row_get_expanded (api));
  g_assert_cmpstr (selected_title (fixture), ==, "create-item");
  /* Another program adds a request above it: the selection stays on its entry. */
  {
    g_autofree char *above = replace_once (api_http, "###\n# @name create-item",
                                           "### Added\nGET http://{{host}}/added\n\n"
                                           "###\n# @name create-item");

    write_file (fixture, "api.http", above);
  }
  PF_TEST_WAIT_UNTIL (tree_has (fixture, "  GET Added\n"), 10000);
  PF_TEST_WAIT_UNTIL (selected_is (fixture, "create-item"), 5000);
  gtk_widget_activate_action (GTK_WIDGET (fixture->base.window), "win.new-tab", NULL);
  g_assert_cmpstr (selected_title (fixture), ==, "");

  /* Saved into a new entry, the tab's row is selected once it shows. */
  pf_request_set_url (pf_request_view_get_request (pf_window_get_request_view (
                        fixture->base.window)),
                      "http://127.0.0.1/saved");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window),
                                             "win.save-request", NULL));
  PF_TEST_WAIT_UNTIL ((dialog = find_dialog ()) != NULL, 5000);
  gtk_editable_set_text (GTK_EDITABLE (pf_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_ENTRY,
                                                            "request-name")),
                         "saved-one");
  answer (dialog, "_Save");
  PF_TEST_WAIT_UNTIL (selected_is (fixture, "saved-one"), 10000);
}

/* The folder opened last opens again with the next window, while it is there. */
static void
test_folder_remembered (Fixture      *fixture,
                        gconstpointer data)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  g_autoptr (GFile) folder = g_file_new_for_path (fixture->dir);
  PfWindow *next;

  pf_window_set_settings (fixture->base.window, settings);
  pf_window_set_folder (fixture->base.window, folder);
  {
    g_autofree char *remembered = g_settings_get_string (settings, "collection-folder");

    g_assert_cmpstr (remembered, ==, fixture->dir);
  }
  next = g_object_ref_sink (pf_window_new (NULL, fixture->base.profile, NULL));
  pf_window_set_settings (next, settings);
  gtk_window_present (GTK_WINDOW (next));
  PF_TEST_WAIT_UNTIL (pf_window_get_folder (next) != NULL, 5000);
  g_assert_true (g_file_equal (pf_window_get_folder (next), folder));
  gtk_window_destroy (GTK_WINDOW (next));
  PF_TEST_WAIT_UNTIL (G_OBJECT (next)->ref_count == 1, 10000);
  g_assert_finalize_object (next);
}

static void
count_changes_cb (GListModel *files,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *changes)
{
  (*changes)++;
}

/* A folder's files are listed in one change, however many: the sidebar's tree lays out once,
 * not once a file (the bench opens a folder of 1000). A file written later is one change more. */
static void
test_folder_listed_at_once (Fixture      *fixture,
                            gconstpointer data)
{
  g_autoptr (GFile) folder = g_file_new_for_path (fixture->dir);
  g_autoptr (PfCollection) collection = NULL;
  GListModel *files;
  guint changes = 0;

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *name = g_strdup_printf ("sub/file-%02u.http", i);

      write_file (fixture, name, "GET https://example.com/{{i}}\n");
    }
  collection = pf_collection_new (folder);
  files = pf_collection_get_files (collection);
  g_signal_connect (files, "items-changed", G_CALLBACK (count_changes_cb), &changes);
  PF_TEST_WAIT_UNTIL (g_list_model_get_n_items (files) == 42, 10000);
  g_assert_cmpuint (changes, ==, 1);
  write_file (fixture, "late.http", "GET https://example.com/late\n");
  PF_TEST_WAIT_UNTIL (g_list_model_get_n_items (files) == 43, 10000);
  g_assert_cmpuint (changes, ==, 2);
  g_signal_handlers_disconnect_by_data (files, &changes);
}

int
main (int    argc,
      char **argv)
{
  pf_test_window_init (&argc, &argv);
#define ADD(path, func)                                                                        \
  g_test_add ("/window-collection/" path, Fixture, NULL, set_up, func, tear_down)
  ADD ("empty-state", test_empty_state);
  ADD ("open-folder", test_open_folder);
  ADD ("open-request", test_open_request);
  ADD ("save/into-its-entry", test_save_into_entry);
  ADD ("save/refuses-an-entry-changed-elsewhere", test_save_refuses_changed_entry);
  ADD ("save/new-entry", test_save_new_entry);
  ADD ("folder-watched", test_folder_watched);
  ADD ("folder-listed-at-once", test_folder_listed_at_once);
  ADD ("broken-file-shown-and-left-alone", test_broken_file);
  ADD ("rename-and-delete", test_rename_and_delete);
  ADD ("folder-remembered", test_folder_remembered);
  ADD ("row-follows-the-front-tab", test_row_follows_front_tab);
#undef ADD
  return g_test_run ();
}
