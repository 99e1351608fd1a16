/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <sys/prctl.h>
#include <string.h>

#include "pf-environment-list.h"
#include "pf-environments-window.h"
#include "pf-history.h"
#include "pf-request-expand.h"
#include "pf-request-view-private.h"
#include "pf-secret-store.h"
#include "pf-test-window.h"

/* The environment switcher and {{variables}} in the window, against a folder holding
 * http-client.env.json: the switcher lists its environments, Send fills them in, an unknown
 * one is marked where it was typed and nothing goes out, and a secret variable lives in a real
 * gnome-keyring (started on the test's own D-Bus), is sent, masked in Raw, kept out of history
 * and out of the folder. */

#define SECRET "zq-417-keyring-value"

typedef struct
{
  PfTestWindow base;
  char *dir;
  GFile *folder;
} Fixture;

/* Answers @dialog as its button @response would, and closes it. Held meanwhile: the
 * response's handler may already destroy it. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  g_autoptr (AdwMessageDialog) held = g_object_ref (dialog);

  adw_message_dialog_response (held, response);
  gtk_window_close (GTK_WINDOW (held));
}

static GSubprocess *keyring;

static void
set_up (Fixture      *fixture,
        gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *host = NULL;
  g_autofree char *json = NULL;
  g_autofree char *path = NULL;
  g_autofree char *base = NULL;

  pf_test_window_set_up (&fixture->base, data);
  fixture->dir = g_dir_make_tmp ("pf-env-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->folder = g_file_new_for_path (fixture->dir);
  base = pf_test_window_lab_url (&fixture->base, "");
  host = g_strndup (base + strlen ("http://"), strlen (base) - strlen ("http://") - 1);
  json = g_strdup_printf ("{\n  \"dev\": { \"host\": \"%s\", \"token\": \"" SECRET "\" },\n"
                          "  \"prod\": { \"host\": \"example.invalid\" }\n}\n", host);
  path = g_build_filename (fixture->dir, PF_ENVIRONMENT_FILE, NULL);
  g_file_set_contents (path, json, -1, &error);
  g_assert_no_error (error);
}

static void
tear_down (Fixture      *fixture,
           gconstpointer data)
{
  const char *names[] = { PF_ENVIRONMENT_FILE, NULL };

  pf_test_window_tear_down (&fixture->base, data);
  for (guint i = 0; names[i]; i++)
    {
      g_autofree char *path = g_build_filename (fixture->dir, names[i], NULL);
      g_remove (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_clear_object (&fixture->folder);
}

static GtkMenuButton *
switcher (Fixture *fixture)
{
  return GTK_MENU_BUTTON (pf_test_find_widget (GTK_WIDGET (fixture->base.window),
                                               GTK_TYPE_MENU_BUTTON, "environment"));
}

/* The switcher's choices, "No Environment|dev|prod". */
static char *
choices (Fixture *fixture)
{
  GMenuModel *menu = gtk_menu_button_get_menu_model (switcher (fixture));
  g_autoptr (GMenuModel) section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  GString *out = g_string_new (NULL);

  for (int i = 0; i < g_menu_model_get_n_items (section); i++)
    {
      g_autofree char *label = NULL;

      g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
      g_string_append_printf (out, "%s%s", i ? "|" : "", label);
    }
  return g_string_free (out, FALSE);
}

/* Whether the switcher lists the folder's environments yet (its last is "prod"). */
static gboolean
lists_prod (Fixture *fixture)
{
  g_autofree char *listed = choices (fixture);

  return g_str_has_suffix (listed, "prod");
}

static PfRequestView *
view (Fixture *fixture)
{
  return pf_window_get_request_view (fixture->base.window);
}

/* Opens the folder and chooses @environment, once the files are read. */
static void
choose (Fixture    *fixture,
        const char *environment)
{
  pf_window_set_folder (fixture->base.window, fixture->folder);
  PF_TEST_WAIT_UNTIL (lists_prod (fixture), 30000);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window),
                                             "environment.choose", "s", environment));
  PF_TEST_WAIT_UNTIL (PF_IS_SECRET_STORE (pf_request_view_get_variables (view (fixture))) &&
                        pf_secret_store_get_loaded (
                          PF_SECRET_STORE (pf_request_view_get_variables (view (fixture)))),
                      30000);
}

static void
test_switcher_lists_environments (Fixture      *fixture,
                                  gconstpointer data)
{
  g_autofree char *listed = NULL;

  /* No folder, no environments: the switcher is hidden. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (switcher (fixture))));
  pf_window_set_folder (fixture->base.window, fixture->folder);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (switcher (fixture))));
  PF_TEST_WAIT_UNTIL (lists_prod (fixture), 30000);
  listed = choices (fixture);
  g_assert_cmpstr (listed, ==, "No Environment|dev|prod");
  g_assert_nonnull (pf_test_find_label (GTK_WIDGET (switcher (fixture)), "No Environment"));
  /* The switcher leaves the header bar narrow enough for a 360-pixel window (whose title
   * makes way). */
  {
    int minimum = 0;

    gtk_window_set_default_size (GTK_WINDOW (fixture->base.window), 360, 720);
    gtk_widget_measure (pf_test_find_widget (GTK_WIDGET (fixture->base.window),
                                             ADW_TYPE_HEADER_BAR, NULL),
                        GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
    g_assert_cmpint (minimum, <=, 340);
  }
  g_assert_null (pf_request_view_get_variables (view (fixture)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window),
                                             "environment.choose", "s", "prod"));
  g_assert_nonnull (pf_test_find_label (GTK_WIDGET (switcher (fixture)), "prod"));
  /* A new tab takes the window's environment too. */
  pf_window_new_tab (fixture->base.window, NULL);
  g_assert_nonnull (pf_request_view_get_variables (view (fixture)));
  pf_window_set_folder (fixture->base.window, NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (switcher (fixture))));
  g_assert_null (pf_request_view_get_variables (view (fixture)));
}

static void
send (Fixture *fixture)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window), "win.send",
                                             NULL));
}

static void
test_send_expands (Fixture      *fixture,
                   gconstpointer data)
{
  PfRequest *request = pf_request_view_get_request (view (fixture));
  g_autofree char *expected = pf_test_window_lab_url (&fixture->base, "echo?v=1");
  PfExchange *exchange;

  choose (fixture, "dev");
  pf_request_set_url (request, "http://{{host}}/echo?v=1");
  send (fixture);
  pf_test_window_wait_for_done (fixture->base.window);
  exchange = pf_window_get_exchange (fixture->base.window);
  g_assert_cmpstr (pf_exchange_get_url (exchange), ==, expected);
  g_assert_cmpuint (pf_exchange_get_status (exchange), ==, 200);
  /* The tab keeps what was typed. */
  g_assert_cmpstr (pf_request_get_url (request), ==, "http://{{host}}/echo?v=1");
}

static void
test_unknown_variable_is_marked (Fixture      *fixture,
                                 gconstpointer data)
{
  PfRequestView *tab = view (fixture);
  PfRequest *request = pf_request_view_get_request (tab);
  g_autofree char *url = pf_test_window_lab_url (&fixture->base, "echo");
  GtkWidget *headers;
  GtkWidget *row;

  choose (fixture, "prod");
  /* In a header: its row is marked, with the message, and nothing is sent. */
  pf_request_set_url (request, url);
  pf_request_add_header (request, "X-Token", "{{nope}}");
  send (fixture);
  g_assert_null (pf_request_view_get_exchange (tab));
  headers = pf_test_find_widget (GTK_WIDGET (tab), GTK_TYPE_LIST_BOX, "headers");
  g_assert_nonnull (headers);
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (headers), 0));
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_true (pf_test_has_tooltip (row, "Unknown variable {{nope}} in header “X-Token”, at "
                                           "character 1"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (tab->url_entry), "error"));
  /* In the URL: the entry is marked. */
  pf_request_set_url (request, "http://{{nowhere}}/echo");
  send (fixture);
  g_assert_null (pf_request_view_get_exchange (tab));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (tab->url_entry), "error"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (tab->url_entry)), ==,
                   "Unknown variable {{nowhere}} in the URL, at character 8");
}

/* ---- secrets, in a real gnome-keyring */

static gboolean
keyring_running (void)
{
  return keyring != NULL;
}

static PfEnvironmentsWindow *
open_editor (Fixture *fixture)
{
  g_autoptr (GListModel) toplevels = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->base.window),
                                             "win.edit-environments", NULL));
  toplevels = g_object_ref (gtk_window_get_toplevels ());
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (PF_IS_ENVIRONMENTS_WINDOW (window))
        return PF_ENVIRONMENTS_WINDOW (window);
    }
  g_assert_not_reached ();
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* Presses the dialog's button labelled @label and waits until the dialog has gone. */
static void
press_response (AdwMessageDialog *dialog,
                const char       *label)
{
  GtkWidget *text = pf_test_find_label (GTK_WIDGET (dialog), label);
  GtkWidget *button = text;

  g_assert_nonnull (text);
  while (button != NULL && !GTK_IS_BUTTON (button))
    button = gtk_widget_get_parent (button);
  g_assert_nonnull (button);
  gtk_widget_activate (button);
  PF_TEST_WAIT_UNTIL (find_dialog () == NULL, 5000);
}

/* The token, edited in “Edit Environments…” and marked secret. */
static void
make_token_secret (Fixture *fixture)
{
  PfEnvironmentsWindow *editor = open_editor (fixture);
  AdwMessageDialog *dialog;
  GtkWidget *secret;

  PF_TEST_WAIT_UNTIL (pf_test_find_label (GTK_WIDGET (editor), "token") != NULL, 30000);
  pf_environments_window_edit (editor, "dev", "token");
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  secret = pf_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_SWITCH, NULL);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (secret)));
  gtk_switch_set_active (GTK_SWITCH (secret), TRUE);
  respond (dialog, "save");
  /* Kept in the keyring, shown masked, and gone from the folder. */
  PF_TEST_WAIT_UNTIL (pf_test_find_label (GTK_WIDGET (editor), PF_VARIABLES_MASK " · secret")
                        != NULL, 30000);
  gtk_window_destroy (GTK_WINDOW (editor));
}

static char *
env_file_text (Fixture *fixture)
{
  g_autofree char *path = g_build_filename (fixture->dir, PF_ENVIRONMENT_FILE, NULL);
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

static PfHistoryEntry *
record_and_load (PfExchange *exchange)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "history.db", NULL);
  g_autoptr (PfHistory) history = pf_history_new (path);
  g_autoptr (PfHistoryEntry) entry = pf_history_entry_new_from_exchange (exchange, 1 << 20);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GAsyncResult) loaded = NULL;
  g_autoptr (GError) error = NULL;
  gint64 id;

  pf_history_record_async (history, entry, NULL, pf_test_keep_result_cb, &result);
  PF_TEST_WAIT_UNTIL (result != NULL, 30000);
  id = pf_history_record_finish (history, result, &error);
  g_assert_no_error (error);
  pf_history_load_async (history, id, NULL, pf_test_keep_result_cb, &loaded);
  PF_TEST_WAIT_UNTIL (loaded != NULL, 30000);
  return pf_history_load_finish (history, loaded, &error);
}

static void
test_secret_in_keyring (Fixture      *fixture,
                        gconstpointer data)
{
  PfRequestView *tab = view (fixture);
  PfRequest *request = pf_request_view_get_request (tab);
  g_autofree char *url = pf_test_window_lab_url (&fixture->base, "echo");
  g_autofree char *file = NULL;
  g_autofree char *raw = NULL;
  g_autoptr (PfHistoryEntry) entry = NULL;
  g_autoptr (PfSecretStore) fresh = NULL;
  g_autofree char *from_keyring = NULL;
  GBytes *body;
  PfExchange *exchange;

  if (!keyring_running ())
    {
      g_test_skip ("gnome-keyring-daemon could not be started on this D-Bus");
      return;
    }
  choose (fixture, "dev");
  make_token_secret (fixture);
  file = env_file_text (fixture);
  g_assert_null (strstr (file, SECRET));
  g_assert_nonnull (strstr (file, "\"host\""));
  /* The keyring has it: a store of its own reads it back. */
  fresh = pf_secret_store_new (fixture->folder, "dev", NULL);
  pf_secret_store_load_async (fresh, NULL, NULL, NULL);
  PF_TEST_WAIT_UNTIL (pf_secret_store_get_loaded (fresh), 30000);
  from_keyring = pf_variable_source_lookup (PF_VARIABLE_SOURCE (fresh), "token");
  g_assert_cmpstr (from_keyring, ==, SECRET);
  /* The window read the keyring again: Send takes the secret from there. */
  PF_TEST_WAIT_UNTIL (pf_request_view_get_variables (tab) != NULL &&
                        pf_variable_source_is_secret (pf_request_view_get_variables (tab),
                                                      "token"),
                      30000);
  pf_request_set_url (request, url);
  pf_request_add_header (request, "Authorization", "Bearer {{token}}");
  send (fixture);
  pf_test_window_wait_for_done (fixture->base.window);
  exchange = pf_window_get_exchange (fixture->base.window);
  g_assert_nonnull (strstr (pf_exchange_get_raw_request_head (exchange), "Bearer " SECRET));
  raw = pf_test_text_of_view (tab->raw_view);
  g_assert_nonnull (strstr (raw, "Bearer " PF_VARIABLES_MASK));
  g_assert_null (strstr (raw, SECRET));
  entry = record_and_load (exchange);
  body = pf_history_entry_get_body (entry);
  g_assert_null (strstr (pf_history_entry_get_raw_request_head (entry), SECRET));
  g_assert_null (g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body), SECRET));
  g_assert_nonnull (strstr (pf_history_entry_get_raw_request_head (entry),
                            "Bearer " PF_VARIABLES_MASK));
}

/* ---- adding and removing environments, and the shared variables */

static void
write_env_file (Fixture    *fixture,
                const char *json)
{
  g_autofree char *path = g_build_filename (fixture->dir, PF_ENVIRONMENT_FILE, NULL);
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, json, -1, &error);
  g_assert_no_error (error);
}

static void
collect_groups (GtkWidget *root,
                GString   *out)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *name = gtk_widget_get_name (child);

      if (ADW_IS_PREFERENCES_GROUP (child) && !g_str_equal (name, G_OBJECT_TYPE_NAME (child)))
        g_string_append_printf (out, "%s%s", out->len ? "|" : "", name);
      collect_groups (child, out);
    }
}

/* The editor's environment groups as shown, "$shared|dev|prod". */
static char *
groups_shown (PfEnvironmentsWindow *editor)
{
  GString *out = g_string_new (NULL);

  collect_groups (GTK_WIDGET (editor), out);
  return g_string_free (out, FALSE);
}

static gboolean
groups_are (PfEnvironmentsWindow *editor,
            const char           *expected)
{
  g_autofree char *shown = groups_shown (editor);

  return g_str_equal (shown, expected);
}

static GtkWidget *
find_named (GtkWidget  *root,
            GType       type,
            const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type) && g_str_equal (gtk_widget_get_name (child), name))
        return child;
      if ((found = find_named (child, type, name)) != NULL)
        return found;
    }
  return NULL;
}

static AdwPreferencesGroup *
group_of (PfEnvironmentsWindow *editor,
          const char           *environment)
{
  GtkWidget *group = find_named (GTK_WIDGET (editor), ADW_TYPE_PREFERENCES_GROUP, environment);

  g_assert_nonnull (group);
  return ADW_PREFERENCES_GROUP (group);
}

/* Clicks the button of @css_class in @environment's group. */
static void
click_in_group (PfEnvironmentsWindow *editor,
                const char           *environment,
                const char           *css_class)
{
  GtkWidget *button = pf_test_find_widget (GTK_WIDGET (group_of (editor, environment)),
                                           GTK_TYPE_BUTTON, css_class);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));
  g_signal_emit_by_name (button, "clicked");
}

/* Whether the keyring, read afresh, holds the secrets @names ("a b") for @environment; FALSE
 * when it cannot be read (yet). */
static gboolean
secret_names_are (Fixture    *fixture,
                  const char *environment,
                  const char *names)
{
  g_autoptr (PfSecretStore) store = pf_secret_store_new (fixture->folder, environment, NULL);
  g_auto (GStrv) found = NULL;
  g_autofree char *joined = NULL;

  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GError) error = NULL;

  pf_secret_store_load_async (store, NULL, pf_test_keep_result_cb, &result);
  PF_TEST_WAIT_UNTIL (result != NULL, 30000);
  /* An item going while it is read is not there. */
  if (!pf_secret_store_load_finish (store, result, &error))
    return FALSE;
  found = pf_secret_store_dup_names (store);
  joined = g_strjoinv (" ", found);
  return g_str_equal (joined, names);
}

/* What {{@name}} is in the window's environment now, or NULL. */
static char *
window_variable (Fixture    *fixture,
                 const char *name)
{
  PfVariableSource *variables = pf_request_view_get_variables (view (fixture));

  return variables ? pf_variable_source_lookup (variables, name) : NULL;
}

static gboolean
window_variable_is (Fixture    *fixture,
                    const char *name,
                    const char *value)
{
  g_autofree char *now = window_variable (fixture, name);

  return g_strcmp0 (now, value) == 0;
}

/* The button of @css_class in the row of the variable @name of @environment's group. */
static GtkWidget *
variable_button (PfEnvironmentsWindow *editor,
                 const char           *environment,
                 const char           *name,
                 const char           *css_class)
{
  GtkWidget *group = GTK_WIDGET (group_of (editor, environment));
  GtkWidget *row = pf_test_find_label (group, name);

  row = row ? gtk_widget_get_ancestor (row, ADW_TYPE_ACTION_ROW) : NULL;
  g_assert_nonnull (row);
  return pf_test_find_widget (row, GTK_TYPE_BUTTON, css_class);
}

static gboolean
choices_are (Fixture    *fixture,
             const char *expected)
{
  g_autofree char *listed = choices (fixture);

  return g_str_equal (listed, expected);
}

/* The switcher's choices are @expected, once the files are read again. */
#define ASSERT_CHOICES(fixture, expected)                                                      \
  G_STMT_START                                                                                 \
  {                                                                                            \
    g_autofree char *choices_ = NULL;                                                          \
    PF_TEST_WAIT_UNTIL (choices_are ((fixture), (expected)), 30000);                           \
    choices_ = choices (fixture);                                                              \
    g_assert_cmpstr (choices_, ==, (expected));                                                \
  }                                                                                            \
  G_STMT_END

/* The Add Environment dialog's entry, its message and whether Add can be chosen. */
typedef struct
{
  AdwMessageDialog *dialog;
  GtkEditable *name;
  GtkLabel *error;
} AddDialog;

static void
type_name (AddDialog  *add,
           const char *name)
{
  gtk_editable_set_text (add->name, name);
}

static void
assert_refused (AddDialog  *add,
                const char *name,
                const char *message)
{
  type_name (add, name);
  g_assert_false (adw_message_dialog_get_response_enabled (add->dialog, "add"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (add->error)));
  g_assert_cmpstr (gtk_label_get_text (add->error), ==, message);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (add->name), "error"));
}

/* “Add Environment…” asks a name, says under it why one cannot be added (empty, taken, or
 * “$shared”), and writes the new one into http-client.env.json, the rest of it kept; the
 * switcher lists it. */
static void
test_add_environment (Fixture      *fixture,
                      gconstpointer data)
{
  PfEnvironmentsWindow *editor;
  GtkWidget *button;
  AddDialog add;
  g_autoptr (PfEnvironmentList) list = NULL;
  g_autoptr (PfEnvironment) dev = NULL;
  g_autoptr (GError) error = NULL;

  pf_window_set_folder (fixture->base.window, fixture->folder);
  PF_TEST_WAIT_UNTIL (lists_prod (fixture), 30000);
  editor = open_editor (fixture);
  g_assert_true (groups_are (editor, "$shared|dev|prod"));
  button = pf_test_find_widget (GTK_WIDGET (editor), GTK_TYPE_BUTTON, "add-environment");
  g_assert_nonnull (pf_test_find_label (button, "_Add Environment…"));
  g_signal_emit_by_name (button, "clicked");
  add.dialog = find_dialog ();
  g_assert_nonnull (add.dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (add.dialog), ==, "Add Environment");
  add.name = GTK_EDITABLE (pf_test_find_widget (GTK_WIDGET (add.dialog), ADW_TYPE_ENTRY_ROW,
                                                NULL));
  add.error = GTK_LABEL (pf_test_find_widget (GTK_WIDGET (add.dialog), GTK_TYPE_LABEL, "error"));
  /* Nothing typed yet: Add waits, without scolding. */
  g_assert_false (adw_message_dialog_get_response_enabled (add.dialog, "add"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (add.error)));
  assert_refused (&add, "dev", "There is already an environment named “dev”");
  assert_refused (&add, "$shared",
                  "“$shared” holds the variables shared by all environments; choose another "
                  "name");
  assert_refused (&add, "  ", "An environment needs a name, such as “staging”");
  type_name (&add, " staging ");
  g_assert_true (adw_message_dialog_get_response_enabled (add.dialog, "add"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (add.error)));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (add.name), "error"));
  adw_message_dialog_response (add.dialog, "add");
  gtk_window_close (GTK_WINDOW (add.dialog));

  g_assert_true (groups_are (editor, "$shared|dev|prod|staging"));
  list = pf_environment_list_load (fixture->folder, NULL, &error);
  g_assert_no_error (error);
  dev = pf_environment_list_find (list, "dev");
  g_assert_cmpstr (pf_environment_get (dev, "token"), ==, SECRET);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  ASSERT_CHOICES (fixture, "No Environment|dev|prod|staging");
  gtk_window_destroy (GTK_WINDOW (editor));
}

/* “Remove Environment” asks first; then the environment is gone from the file, the switcher
 * (which chose it, and now chooses none) and the keyring. */
static void
test_remove_environment (Fixture      *fixture,
                         gconstpointer data)
{
  PfEnvironmentsWindow *editor;
  AdwMessageDialog *dialog;
  g_autofree char *file = NULL;

  choose (fixture, "dev");
  if (keyring_running ())
    {
      make_token_secret (fixture);
      g_assert_true (secret_names_are (fixture, "dev", "token"));
    }
  editor = open_editor (fixture);
  PF_TEST_WAIT_UNTIL (groups_are (editor, "$shared|dev|prod"), 30000);
  g_assert_null (pf_test_find_widget (GTK_WIDGET (group_of (editor, "$shared")),
                                      GTK_TYPE_BUTTON, "remove-environment"));
  /* Cancelled, nothing changes. */
  click_in_group (editor, "dev", "remove-environment");
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Remove “dev”?");
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  /* Its buttons, as a user presses them: the response, then the dialog goes. */
  press_response (dialog, "_Cancel");
  g_assert_true (groups_are (editor, "$shared|dev|prod"));

  click_in_group (editor, "dev", "remove-environment");
  dialog = find_dialog ();
  press_response (dialog, "_Remove");
  g_assert_true (groups_are (editor, "$shared|prod"));
  file = env_file_text (fixture);
  g_assert_null (strstr (file, "\"dev\""));
  g_assert_nonnull (strstr (file, "example.invalid"));
  ASSERT_CHOICES (fixture, "No Environment|prod");
  PF_TEST_WAIT_UNTIL (pf_request_view_get_variables (view (fixture)) == NULL, 30000);
  g_assert_nonnull (pf_test_find_label (GTK_WIDGET (switcher (fixture)), "No Environment"));
  if (keyring_running ())
    PF_TEST_WAIT_UNTIL (secret_names_are (fixture, "dev", ""), 30000);
  gtk_window_destroy (GTK_WINDOW (editor));
}

/* The shared variables come first, in words; one added there is in every environment (unless
 * it has its own), written under “$shared”, and can be removed again. */
static void
test_shared_variables (Fixture      *fixture,
                       gconstpointer data)
{
  PfEnvironmentsWindow *editor;
  AdwMessageDialog *dialog;
  AdwPreferencesGroup *shared;
  GtkWidget *secret;
  GtkEditable *name;
  g_autofree char *file = NULL;

  write_env_file (fixture, "{\"$shared\": {\"version\": \"v1\", \"host\": \"shared.invalid\"},\n"
                           " \"dev\": {\"host\": \"127.0.0.1\"},\n \"prod\": {}}\n");
  choose (fixture, "dev");
  editor = open_editor (fixture);
  PF_TEST_WAIT_UNTIL (groups_are (editor, "$shared|dev|prod"), 30000);
  shared = group_of (editor, "$shared");
  g_assert_cmpstr (adw_preferences_group_get_title (shared), ==, "Shared by All Environments");
  g_assert_nonnull (pf_test_find_label (GTK_WIDGET (shared), "version"));
  g_assert_nonnull (pf_test_find_label (GTK_WIDGET (shared), "v1"));

  click_in_group (editor, "$shared", "add-variable");
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, "Shared by all environments");
  /* The keyring keeps an environment's own secrets only. */
  secret = pf_test_find_widget (GTK_WIDGET (dialog), GTK_TYPE_SWITCH, NULL);
  g_assert_false (gtk_widget_is_sensitive (secret));
  name = GTK_EDITABLE (pf_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, NULL));
  gtk_editable_set_text (name, "region");
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_next_sibling (GTK_WIDGET (name))), "eu");
  respond (dialog, "save");
  g_assert_nonnull (pf_test_find_label (GTK_WIDGET (group_of (editor, "$shared")), "region"));
  file = env_file_text (fixture);
  g_assert_nonnull (strstr (file, "\"version\" : \"v1\",\n    \"host\" : \"shared.invalid\",\n"
                                  "    \"region\" : \"eu\""));
  /* The window's environment has it, and keeps its own host over the shared one. */
  PF_TEST_WAIT_UNTIL (window_variable_is (fixture, "region", "eu"), 30000);
  g_assert_true (window_variable_is (fixture, "host", "127.0.0.1"));
  g_assert_true (window_variable_is (fixture, "version", "v1"));

  /* Edited in place, then removed. */
  pf_environments_window_edit (editor, "$shared", "version");
  dialog = find_dialog ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (
                     gtk_widget_get_next_sibling (GTK_WIDGET (pf_test_find_widget (
                       GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, NULL))))),
                   ==, "v1");
  respond (dialog, "cancel");
  g_signal_emit_by_name (variable_button (editor, "$shared", "region", "remove-variable"),
                         "clicked");
  g_clear_pointer (&file, g_free);
  file = env_file_text (fixture);
  g_assert_null (strstr (file, "region"));
  g_assert_nonnull (strstr (file, "\"$shared\""));
  PF_TEST_WAIT_UNTIL (window_variable_is (fixture, "region", NULL), 30000);
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* Whether the daemon answers and its login keyring is the default collection. */
static gboolean
login_keyring_ready (GDBusConnection *bus)
{
  g_autoptr (GVariant) reply = NULL;
  const char *path = "/";

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.secrets", "/org/freedesktop/secrets",
                                       "org.freedesktop.Secret.Service", "ReadAlias",
                                       g_variant_new ("(s)", "default"), G_VARIANT_TYPE ("(o)"),
                                       G_DBUS_CALL_FLAGS_NO_AUTO_START, -1, NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(&o)", &path);
  return !g_str_equal (path, "/");
}

/* gnome-keyring's secrets component on this test's session bus, its login keyring created and
 * unlocked with a password on stdin (an empty one creates no keyring), in the test's own
 * XDG_DATA_HOME. */
static void
start_keyring (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDBusConnection) bus = NULL;
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autofree char *daemon = g_find_program_in_path ("gnome-keyring-daemon");

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (bus == NULL || daemon == NULL)
    return;
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  /* It goes when the test does, even when the test fails. */
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  keyring = g_subprocess_launcher_spawn (launcher, &error, "gnome-keyring-daemon", "--foreground",
                                         "--unlock", "--components=secrets", NULL);
  if (keyring == NULL)
    return;
  g_output_stream_write_all (g_subprocess_get_stdin_pipe (keyring), "test", 4, NULL, NULL, NULL);
  g_output_stream_close (g_subprocess_get_stdin_pipe (keyring), NULL, NULL);
  PF_TEST_WAIT_UNTIL (login_keyring_ready (bus), 30000);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  pf_test_window_init (&argc, &argv);
  start_keyring ();

#define ADD(path, func) g_test_add ("/window-environment/" path, Fixture, NULL, set_up, func, \
                                    tear_down)
  ADD ("switcher-lists-the-folder-environments", test_switcher_lists_environments);
  ADD ("send-fills-in-variables", test_send_expands);
  ADD ("unknown-variable-is-marked-and-nothing-sent", test_unknown_variable_is_marked);
  ADD ("secret-from-the-keyring-masked-and-kept-out", test_secret_in_keyring);
  ADD ("editor/add-environment-checks-the-name", test_add_environment);
  ADD ("editor/remove-environment-after-asking", test_remove_environment);
  ADD ("editor/shared-variables-first-and-editable", test_shared_variables);
#undef ADD

  status = g_test_run ();
  if (keyring != NULL)
    {
      g_subprocess_send_signal (keyring, SIGTERM);
      g_subprocess_wait (keyring, NULL, NULL);
    }
  g_clear_object (&keyring);
  return status;
}
