/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-environments-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pf-environment-file.h"
#include "pf-environment-list.h"
#include "pf-environments-window.h"
#include "pf-request-expand.h"
#include "pf-resources.h"
#include "pf-secret-store.h"

/* “Edit Environments…”: the variables of each environment of a folder, a group each, after the
 * group of the variables shared by all of them (“$shared”, which an environment's own variable
 * of the same name overrides). A variable is added, edited or removed in a small dialog that
 * can mark it secret: a secret's value goes to the keyring (PfSecretStore) and out of
 * http-client.env.json; other values go into that file (the rest of it kept). Environments are
 * added (a name checked as it is typed) and removed (after asking, with their secrets) there
 * too. Variables of http-client.private.env.json are shown read-only. “changed” says the files
 * or the keyring changed. */
struct _PfEnvironmentsWindow
{
  AdwPreferencesWindow parent_instance;

  /* Template widgets */
  AdwPreferencesPage *page;
  AdwMessageDialog *variable_dialog;
  AdwEntryRow *name_row;
  AdwEntryRow *value_row;
  GtkSwitch *secret_switch;
  AdwActionRow *secret_row;
  AdwMessageDialog *environment_dialog;
  AdwEntryRow *environment_name_row;
  GtkLabel *environment_error;

  /* Borrowed: the open "Remove …?" dialog (a weak pointer) */
  GtkWindow *remove_dialog;

  /* Owned */
  GFile *folder;
  PfEnvironmentList *list;
  GHashTable *stores; /* environment → PfSecretStore */
  GPtrArray *groups;  /* the environments' groups shown */
  GCancellable *cancellable;
  char *editing_environment;
  char *editing_name;  /* NULL: a new variable */
  gboolean name_typed; /* the Add Environment dialog's name was typed in */
};

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PfEnvironmentsWindow, pf_environments_window, ADW_TYPE_PREFERENCES_WINDOW)

static void rebuild (PfEnvironmentsWindow *self);

static void
show_error (PfEnvironmentsWindow *self,
            const char *message)
{
  g_autofree char *title = g_markup_escape_text (message, -1);

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (title));
}

static PfSecretStore *
store_for (PfEnvironmentsWindow *self,
           const char *environment)
{
  return g_hash_table_lookup (self->stores, environment);
}

static gboolean
is_secret (PfEnvironmentsWindow *self,
           const char *environment,
           const char *name)
{
  PfSecretStore *store = store_for (self, environment);
  g_auto (GStrv) names = store ? pf_secret_store_dup_names (store) : NULL;

  return names != NULL && g_strv_contains ((const char *const *) names, name);
}

/* ---- the rows */

static void
edit_clicked_cb (GtkButton *button,
                 PfEnvironmentsWindow *self)
{
  pf_environments_window_edit (self, g_object_get_data (G_OBJECT (button), "environment"),
                               g_object_get_data (G_OBJECT (button), "name"));
}

static void remove_variable (PfEnvironmentsWindow *self,
                             const char *environment,
                             const char *name);

static void
remove_clicked_cb (GtkButton *button,
                   PfEnvironmentsWindow *self)
{
  remove_variable (self, g_object_get_data (G_OBJECT (button), "environment"),
                   g_object_get_data (G_OBJECT (button), "name"));
}

static GtkWidget *
row_button (PfEnvironmentsWindow *self,
            const char *icon,
            const char *label,
            const char *environment,
            const char *name,
            GCallback callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "environment", g_strdup (environment), g_free);
  g_object_set_data_full (G_OBJECT (button), "name", g_strdup (name), g_free);
  if (callback != NULL)
    g_signal_connect (button, "clicked", callback, self);
  return button;
}

static GtkWidget *
variable_row (PfEnvironmentsWindow *self,
              const char *environment,
              const char *name,
              const char *value,
              gboolean secret,
              gboolean is_private)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = NULL;
  GtkWidget *edit, *remove;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  if (secret)
    /* Translators: a secret variable's value, masked, and where it is kept */
    subtitle = g_strdup_printf (_ ("%s · secret, in the keyring"), PF_VARIABLES_MASK);
  else if (is_private)
    /* Translators: %s is a value from http-client.private.env.json */
    subtitle = g_strdup_printf (_ ("%s · private file, read-only"), PF_VARIABLES_MASK);
  else
    subtitle = g_strdup (value);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (is_private)
    return row;
  edit = row_button (self, "document-edit-symbolic", _ ("Edit Variable"), environment, name,
                     G_CALLBACK (edit_clicked_cb));
  remove = row_button (self, "user-trash-symbolic", _ ("Remove Variable"), environment, name,
                       G_CALLBACK (remove_clicked_cb));
  gtk_widget_add_css_class (edit, "edit-variable");
  gtk_widget_add_css_class (remove, "remove-variable");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static void
add_rows (PfEnvironmentsWindow *self,
          AdwPreferencesGroup *group,
          PfEnvironment *environment)
{
  const char *env_name = pf_environment_get_name (environment);
  g_auto (GStrv) names = pf_environment_dup_variables (environment);
  PfSecretStore *store = store_for (self, env_name);
  g_auto (GStrv) secrets = store ? pf_secret_store_dup_names (store) : g_new0 (char *, 1);

  for (guint i = 0; names[i] != NULL; i++)
    if (!g_strv_contains ((const char *const *) secrets, names[i]))
      adw_preferences_group_add (group, variable_row (self, env_name, names[i],
                                                      pf_environment_get (environment, names[i]),
                                                      FALSE,
                                                      pf_environment_is_private (environment,
                                                                                 names[i])));
  for (guint i = 0; secrets[i] != NULL; i++)
    adw_preferences_group_add (group, variable_row (self, env_name, secrets[i], NULL, TRUE,
                                                    FALSE));
}

static void
add_clicked_cb (GtkButton *button,
                PfEnvironmentsWindow *self)
{
  pf_environments_window_edit (self, g_object_get_data (G_OBJECT (button), "environment"), NULL);
}

static gboolean
is_shared (const char *environment)
{
  return g_str_equal (environment, PF_ENVIRONMENT_SHARED);
}

/* The group of @environment's variables (named after it, for the tests), with its buttons:
 * Add Variable, and Remove Environment but for the shared variables. */
static void
add_group (PfEnvironmentsWindow *self,
           PfEnvironment *environment)
{
  const char *name = pf_environment_get_name (environment);
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *add = row_button (self, "list-add-symbolic", _ ("Add Variable"), name, NULL,
                               G_CALLBACK (add_clicked_cb));

  gtk_widget_add_css_class (add, "add-variable");
  gtk_box_append (GTK_BOX (buttons), add);
  if (is_shared (name))
    {
      adw_preferences_group_set_title (group, _ ("Shared by All Environments"));
      /* Translators: “$shared” is its name in http-client.env.json; keep it as it is */
      adw_preferences_group_set_description (group, _ ("Every environment has these variables "
                                                       "(“$shared” in the files), unless it sets "
                                                       "its own of the same name."));
    }
  else
    {
      GtkWidget *remove = row_button (self, "user-trash-symbolic", _ ("Remove Environment"), name,
                                      NULL, NULL);

      gtk_widget_add_css_class (remove, "remove-environment");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "s", name);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "environments.remove-environment");
      gtk_box_append (GTK_BOX (buttons), remove);
      adw_preferences_group_set_title (group, name);
    }
  gtk_widget_set_name (GTK_WIDGET (group), name);
  adw_preferences_group_set_header_suffix (group, buttons);
  add_rows (self, group, environment);
  adw_preferences_page_add (self->page, group);
  g_ptr_array_add (self->groups, group);
}

static void
rebuild (PfEnvironmentsWindow *self)
{
  GListModel *list = G_LIST_MODEL (self->list);
  g_autoptr (PfEnvironment) shared = NULL;

  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (self->page, self->groups->pdata[i]);
  g_ptr_array_set_size (self->groups, 0);
  if (self->list == NULL)
    return;
  shared = pf_environment_list_dup_shared (self->list);
  add_group (self, shared);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (PfEnvironment) environment = g_list_model_get_item (list, i);

      add_group (self, environment);
    }
}

/* ---- reading the files and the keyring */

/* A keyring call under way. It holds the window weakly: a window closed meanwhile goes at
 * once (with its transient parent still there), and the call's end finds it gone. */
typedef struct
{
  GWeakRef self;
  GFile *folder;
  char *environment;
  char *name;
} Pending;

static void
pending_free (Pending *pending)
{
  g_weak_ref_clear (&pending->self);
  g_object_unref (pending->folder);
  g_free (pending->environment);
  g_free (pending->name);
  g_free (pending);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pending, pending_free)

static Pending *
pending_new (PfEnvironmentsWindow *self,
             const char *environment,
             const char *name)
{
  Pending *pending = g_new0 (Pending, 1);

  g_weak_ref_init (&pending->self, self);
  pending->folder = g_object_ref (self->folder);
  pending->environment = g_strdup (environment);
  pending->name = g_strdup (name);
  return pending;
}

static void
store_loaded_cb (GObject *object,
                 GAsyncResult *result,
                 gpointer user_data)
{
  g_autoptr (Pending) pending = user_data;
  g_autoptr (PfEnvironmentsWindow) self = g_weak_ref_get (&pending->self);
  g_autoptr (GError) error = NULL;

  if (!pf_secret_store_load_finish (PF_SECRET_STORE (object), result, &error))
    {
      if (self != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }
  if (self != NULL)
    rebuild (self);
}

static void
reload (PfEnvironmentsWindow *self)
{
  g_autoptr (GError) error = NULL;
  GListModel *list;

  g_clear_object (&self->list);
  self->list = pf_environment_list_load (self->folder, NULL, &error);
  if (error != NULL)
    show_error (self, error->message);
  list = G_LIST_MODEL (self->list);
  for (guint i = 0; list != NULL && i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (PfEnvironment) environment = g_list_model_get_item (list, i);
      const char *name = pf_environment_get_name (environment);
      PfSecretStore *store = store_for (self, name);

      if (store == NULL)
        {
          store = pf_secret_store_new (self->folder, name, NULL);
          g_hash_table_insert (self->stores, g_strdup (name), store);
          pf_secret_store_load_async (store, self->cancellable, store_loaded_cb,
                                      pending_new (self, name, NULL));
        }
    }
  rebuild (self);
}

static void
changed (PfEnvironmentsWindow *self)
{
  rebuild (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* ---- saving */

static gboolean
write_file (PfEnvironmentsWindow *self,
            const char *environment,
            const char *name,
            const char *value)
{
  g_autoptr (GError) error = NULL;

  if (pf_environment_file_set (self->folder, environment, name, value, &error))
    return TRUE;
  show_error (self, error->message);
  return FALSE;
}

static void
keyring_done_cb (GObject *object,
                 GAsyncResult *result,
                 gpointer user_data)
{
  g_autoptr (Pending) pending = user_data;
  g_autoptr (PfEnvironmentsWindow) self = g_weak_ref_get (&pending->self);
  PfSecretStore *store = PF_SECRET_STORE (object);
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) file_error = NULL;
  gpointer tag = g_task_get_source_tag (G_TASK (result));
  gboolean saved = tag == pf_secret_store_save_async;
  gboolean done = saved ? pf_secret_store_save_finish (store, result, &error)
                  : tag == pf_secret_store_remove_all_async
                      ? pf_secret_store_remove_all_finish (store, result, &error)
                      : pf_secret_store_remove_finish (store, result, &error);

  if (!done)
    {
      /* Translators: %s says why */
      g_autofree char *message = g_strdup_printf (_ ("Could not change the keyring: %s"),
                                                  error->message);

      if (self != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, message);
    }
  /* A secret's value never stays in the folder, window or not. */
  else if (saved && !pf_environment_file_set (pending->folder, pending->environment, pending->name, NULL, &file_error) &&
           self != NULL)
    show_error (self, file_error->message);
  if (self != NULL && !g_cancellable_is_cancelled (self->cancellable))
    changed (self);
}

static void
forget_secret (PfEnvironmentsWindow *self,
               const char *environment,
               const char *name)
{
  PfSecretStore *store = store_for (self, environment);

  if (store != NULL && is_secret (self, environment, name))
    pf_secret_store_remove_async (store, name, self->cancellable, keyring_done_cb,
                                  pending_new (self, environment, name));
}

static void
remove_variable (PfEnvironmentsWindow *self,
                 const char *environment,
                 const char *name)
{
  write_file (self, environment, name, NULL);
  forget_secret (self, environment, name);
  reload (self);
  changed (self);
}

static void
save (PfEnvironmentsWindow *self,
      const char *name,
      const char *value,
      gboolean secret)
{
  const char *environment = self->editing_environment;
  PfSecretStore *store = store_for (self, environment);

  /* Renamed: the old name goes. */
  if (self->editing_name != NULL && !g_str_equal (self->editing_name, name))
    {
      write_file (self, environment, self->editing_name, NULL);
      forget_secret (self, environment, self->editing_name);
    }
  if (secret && store != NULL)
    pf_secret_store_save_async (store, name, value, self->cancellable, keyring_done_cb,
                                pending_new (self, environment, name));
  else if (write_file (self, environment, name, value))
    forget_secret (self, environment, name);
  reload (self);
  changed (self);
}

static void
variable_response_cb (PfEnvironmentsWindow *self,
                      const char *response)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (
      GTK_EDITABLE (self->name_row))));
  const char *value = gtk_editable_get_text (GTK_EDITABLE (self->value_row));

  if (!g_str_equal (response, "save"))
    return;
  if (*name == '\0' || strstr (name, "{{") != NULL || strstr (name, "}}") != NULL)
    {
      show_error (self, _ ("A variable needs a name without braces, such as “host”"));
      return;
    }
  save (self, name, value, gtk_switch_get_active (self->secret_switch));
}

/* Opens the variable dialog on @name of @environment (NULL: a new variable). */
void
pf_environments_window_edit (PfEnvironmentsWindow *self,
                             const char *environment,
                             const char *name)
{
  g_autoptr (PfEnvironment) found = NULL;
  PfSecretStore *store;
  g_autofree char *value = NULL;
  gboolean secret;

  g_return_if_fail (PF_IS_ENVIRONMENTS_WINDOW (self));
  g_return_if_fail (environment != NULL);
  g_free (self->editing_environment);
  self->editing_environment = g_strdup (environment);
  g_free (self->editing_name);
  self->editing_name = g_strdup (name);
  store = store_for (self, environment);
  secret = name != NULL && is_secret (self, environment, name);
  if (self->list != NULL)
    found = is_shared (environment) ? pf_environment_list_dup_shared (self->list)
                                    : pf_environment_list_find (self->list, environment);
  if (secret)
    value = pf_variable_source_lookup (PF_VARIABLE_SOURCE (store), name);
  else if (name != NULL && found != NULL)
    value = g_strdup (pf_environment_get (found, name));
  adw_message_dialog_set_heading (self->variable_dialog,
                                  name ? _ ("Edit Variable") : _ ("Add Variable"));
  if (is_shared (environment))
    adw_message_dialog_set_body (self->variable_dialog, _ ("Shared by all environments"));
  else
    /* Translators: %s is an environment's name */
    adw_message_dialog_format_body (self->variable_dialog, _ ("In the environment “%s”"),
                                    environment);
  /* The keyring holds an environment's own secrets: a shared one would be found by none. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->secret_row), !is_shared (environment));
  adw_action_row_set_subtitle (self->secret_row,
                               is_shared (environment)
                                   ? _ ("Only an environment’s own variables can be kept in the "
                                        "keyring")
                                   : _ ("Kept in the keyring, not in the folder"));
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name ? name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->value_row), value ? value : "");
  gtk_switch_set_active (self->secret_switch, secret);
  gtk_window_set_transient_for (GTK_WINDOW (self->variable_dialog), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (self->variable_dialog));
}

/* ---- adding and removing environments */

/* Whether the name typed in the Add Environment dialog can be added; why not is said under it
 * once something was typed. */
static gboolean
check_environment_name (PfEnvironmentsWindow *self)
{
  g_autoptr (PfEnvironmentList) none = self->list ? NULL : pf_environment_list_new ();
  PfEnvironmentList *list = self->list ? self->list : none;
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->environment_name_row));
  g_autoptr (GError) error = NULL;
  gboolean valid = pf_environment_list_check_new_name (list, name, &error);
  gboolean shown = !valid && self->name_typed;
  GtkWidget *row = GTK_WIDGET (self->environment_name_row);

  gtk_label_set_text (self->environment_error, valid ? "" : error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->environment_error), shown);
  if (shown)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                               shown ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
  adw_message_dialog_set_response_enabled (self->environment_dialog, "add", valid);
  return valid;
}

static void
environment_name_changed_cb (PfEnvironmentsWindow *self)
{
  self->name_typed = TRUE;
  check_environment_name (self);
}

/* The keyboard goes to the group of @environment, which scrolls into view. */
static void
focus_group (PfEnvironmentsWindow *self,
             const char *environment)
{
  for (guint i = 0; i < self->groups->len; i++)
    {
      AdwPreferencesGroup *group = self->groups->pdata[i];
      GtkWidget *buttons = adw_preferences_group_get_header_suffix (group);

      if (g_str_equal (gtk_widget_get_name (GTK_WIDGET (group)), environment))
        gtk_widget_grab_focus (gtk_widget_get_first_child (buttons));
    }
}

static void
environment_response_cb (PfEnvironmentsWindow *self,
                         const char *response)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (
      GTK_EDITABLE (self->environment_name_row))));
  g_autoptr (GError) error = NULL;

  if (!g_str_equal (response, "add") || !check_environment_name (self))
    return;
  if (!pf_environment_file_add (self->folder, name, &error))
    {
      show_error (self, error->message);
      return;
    }
  reload (self);
  changed (self);
  focus_group (self, name);
}

static void
add_environment_action (GtkWidget *widget,
                        const char *action_name,
                        GVariant *parameter)
{
  PfEnvironmentsWindow *self = PF_ENVIRONMENTS_WINDOW (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->environment_name_row), "");
  self->name_typed = FALSE;
  check_environment_name (self);
  gtk_window_set_transient_for (GTK_WINDOW (self->environment_dialog), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (self->environment_dialog));
  gtk_widget_grab_focus (GTK_WIDGET (self->environment_name_row));
}

/* Out of http-client.env.json, and its secrets out of the keyring. */
static void
remove_environment (PfEnvironmentsWindow *self,
                    const char *environment)
{
  PfSecretStore *store = store_for (self, environment);
  g_autoptr (GError) error = NULL;
  g_autoptr (PfEnvironment) left = NULL;

  if (!pf_environment_file_remove (self->folder, environment, &error))
    {
      show_error (self, error->message);
      return;
    }
  if (store != NULL)
    pf_secret_store_remove_all_async (store, self->cancellable, keyring_done_cb,
                                      pending_new (self, environment, NULL));
  g_hash_table_remove (self->stores, environment);
  reload (self);
  left = self->list ? pf_environment_list_find (self->list, environment) : NULL;
  if (left != NULL)
    {
      /* Translators: %s is an environment's name */
      g_autofree char *message = g_strdup_printf (_ ("“%s” stays: http-client.private.env.json "
                                                     "has it too, and Preflight leaves that file "
                                                     "as it is"),
                                                  environment);

      show_error (self, message);
    }
  changed (self);
}

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char *response,
                    PfEnvironmentsWindow *self)
{
  if (g_str_equal (response, "remove"))
    remove_environment (self, g_object_get_data (G_OBJECT (dialog), "environment"));
}

static void
remove_environment_action (GtkWidget *widget,
                           const char *action_name,
                           GVariant *parameter)
{
  PfEnvironmentsWindow *self = PF_ENVIRONMENTS_WINDOW (widget);
  const char *environment = g_variant_get_string (parameter, NULL);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  if (store_for (self, environment) == NULL)
    return;
  /* Translators: %s is an environment's name */
  heading = g_strdup_printf (_ ("Remove “%s”?"), environment);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
      GTK_WINDOW (self), heading,
      _ ("Its variables are removed from http-client.env.json and its secrets from the keyring.")));
  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "remove", _ ("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "environment", g_strdup (environment), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  /* It goes with this window, never outliving it as a transient of a window that is gone. */
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  if (self->remove_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->remove_dialog),
                                  (gpointer *) &self->remove_dialog);
  self->remove_dialog = GTK_WINDOW (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->remove_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- the type */

static void
pf_environments_window_dispose (GObject *object)
{
  PfEnvironmentsWindow *self = PF_ENVIRONMENTS_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  /* Transient windows let go of their parents first: no parent's signal may reach a window
   * that is gone (seen under AddressSanitizer, as "invalid unclassed pointer"). */
  if (self->variable_dialog != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (self->variable_dialog), NULL);
      gtk_window_destroy (GTK_WINDOW (self->variable_dialog));
    }
  if (self->environment_dialog != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (self->environment_dialog), NULL);
      gtk_window_destroy (GTK_WINDOW (self->environment_dialog));
    }
  if (self->remove_dialog != NULL)
    {
      GtkWindow *dialog = self->remove_dialog;

      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->remove_dialog);
      self->remove_dialog = NULL;
      gtk_window_set_transient_for (dialog, NULL);
      gtk_window_destroy (dialog);
    }
  gtk_window_set_transient_for (GTK_WINDOW (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), PF_TYPE_ENVIRONMENTS_WINDOW);
  G_OBJECT_CLASS (pf_environments_window_parent_class)->dispose (object);
}

static void
pf_environments_window_finalize (GObject *object)
{
  PfEnvironmentsWindow *self = PF_ENVIRONMENTS_WINDOW (object);

  g_clear_object (&self->folder);
  g_clear_object (&self->list);
  g_clear_pointer (&self->stores, g_hash_table_unref);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->editing_environment, g_free);
  g_clear_pointer (&self->editing_name, g_free);
  G_OBJECT_CLASS (pf_environments_window_parent_class)->finalize (object);
}

static void
pf_environments_window_class_init (PfEnvironmentsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pf_environments_window_dispose;
  object_class->finalize = pf_environments_window_finalize;

  /* The files or the keyring changed. */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  (void) pf_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class,
                                               APP_RESOURCE_PATH "/pf-environments-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PfEnvironmentsWindow, page);
  gtk_widget_class_bind_template_child (widget_class, PfEnvironmentsWindow, variable_dialog);
  gtk_widget_class_bind_template_child (widget_class, PfEnvironmentsWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, PfEnvironmentsWindow, value_row);
  gtk_widget_class_bind_template_child (widget_class, PfEnvironmentsWindow, secret_switch);
  gtk_widget_class_bind_template_child (widget_class, PfEnvironmentsWindow, secret_row);
  gtk_widget_class_bind_template_child (widget_class, PfEnvironmentsWindow, environment_dialog);
  gtk_widget_class_bind_template_child (widget_class, PfEnvironmentsWindow,
                                        environment_name_row);
  gtk_widget_class_bind_template_child (widget_class, PfEnvironmentsWindow, environment_error);
  gtk_widget_class_bind_template_callback (widget_class, variable_response_cb);
  gtk_widget_class_bind_template_callback (widget_class, environment_response_cb);
  gtk_widget_class_bind_template_callback (widget_class, environment_name_changed_cb);

  gtk_widget_class_install_action (widget_class, "environments.add-environment", NULL,
                                   add_environment_action);
  gtk_widget_class_install_action (widget_class, "environments.remove-environment", "s",
                                   remove_environment_action);
}

static void
pf_environments_window_init (PfEnvironmentsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->environment_name_row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->environment_error,
                                  NULL, -1);
  self->stores = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->groups = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
}

/* The environments of @folder, over @parent. */
PfEnvironmentsWindow *
pf_environments_window_new (GtkWindow *parent,
                            GFile *folder)
{
  PfEnvironmentsWindow *self;

  g_return_val_if_fail (G_IS_FILE (folder), NULL);
  self = g_object_new (PF_TYPE_ENVIRONMENTS_WINDOW, "transient-for", parent, NULL);
  self->folder = g_object_ref (folder);
  reload (self);
  return self;
}
