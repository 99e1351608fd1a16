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

/* “Edit Environments…”: the variables of each environment of a folder, a group each. A
 * variable is added, edited or removed in a small dialog that can mark it secret: a secret's
 * value goes to the keyring (PfSecretStore) and out of http-client.env.json; other values go
 * into that file (the rest of it kept). Variables of http-client.private.env.json are shown
 * read-only. “changed” says the files or the keyring changed. */
struct _PfEnvironmentsWindow
{
  AdwPreferencesWindow parent_instance;

  /* Template widgets */
  AdwPreferencesPage *page;
  AdwMessageDialog *variable_dialog;
  AdwEntryRow *name_row;
  AdwEntryRow *value_row;
  GtkSwitch *secret_switch;

  /* Owned */
  GFile *folder;
  PfEnvironmentList *list;
  GHashTable *stores;   /* environment → PfSecretStore */
  GPtrArray *groups;    /* the environments' groups shown */
  GCancellable *cancellable;
  char *editing_environment;
  char *editing_name;   /* NULL: a new variable */
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
            const char           *message)
{
  g_autofree char *title = g_markup_escape_text (message, -1);

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (title));
}

static PfSecretStore *
store_for (PfEnvironmentsWindow *self,
           const char           *environment)
{
  return g_hash_table_lookup (self->stores, environment);
}

static gboolean
is_secret (PfEnvironmentsWindow *self,
           const char           *environment,
           const char           *name)
{
  PfSecretStore *store = store_for (self, environment);
  g_auto (GStrv) names = store ? pf_secret_store_dup_names (store) : NULL;

  return names != NULL && g_strv_contains ((const char *const *) names, name);
}

/* ---- the rows */

static void
edit_clicked_cb (GtkButton            *button,
                 PfEnvironmentsWindow *self)
{
  pf_environments_window_edit (self, g_object_get_data (G_OBJECT (button), "environment"),
                               g_object_get_data (G_OBJECT (button), "name"));
}

static void remove_variable (PfEnvironmentsWindow *self,
                             const char           *environment,
                             const char           *name);

static void
remove_clicked_cb (GtkButton            *button,
                   PfEnvironmentsWindow *self)
{
  remove_variable (self, g_object_get_data (G_OBJECT (button), "environment"),
                   g_object_get_data (G_OBJECT (button), "name"));
}

static GtkWidget *
row_button (PfEnvironmentsWindow *self,
            const char           *icon,
            const char           *label,
            const char           *environment,
            const char           *name,
            GCallback             callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "environment", g_strdup (environment), g_free);
  g_object_set_data_full (G_OBJECT (button), "name", g_strdup (name), g_free);
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

static GtkWidget *
variable_row (PfEnvironmentsWindow *self,
              const char           *environment,
              const char           *name,
              const char           *value,
              gboolean              secret,
              gboolean              is_private)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  if (secret)
    /* Translators: a secret variable's value, masked, and where it is kept */
    subtitle = g_strdup_printf (_("%s · secret, in the keyring"), PF_VARIABLES_MASK);
  else if (is_private)
    /* Translators: %s is a value from http-client.private.env.json */
    subtitle = g_strdup_printf (_("%s · private file, read-only"), PF_VARIABLES_MASK);
  else
    subtitle = g_strdup (value);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (is_private)
    return row;
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button (self, "document-edit-symbolic", _("Edit Variable"),
                                         environment, name, G_CALLBACK (edit_clicked_cb)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             row_button (self, "user-trash-symbolic", _("Remove Variable"),
                                         environment, name, G_CALLBACK (remove_clicked_cb)));
  return row;
}

static void
add_rows (PfEnvironmentsWindow *self,
          AdwPreferencesGroup  *group,
          PfEnvironment        *environment)
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
add_clicked_cb (GtkButton            *button,
                PfEnvironmentsWindow *self)
{
  pf_environments_window_edit (self, g_object_get_data (G_OBJECT (button), "environment"), NULL);
}

static void
rebuild (PfEnvironmentsWindow *self)
{
  GListModel *list = G_LIST_MODEL (self->list);

  for (guint i = 0; i < self->groups->len; i++)
    adw_preferences_page_remove (self->page, self->groups->pdata[i]);
  g_ptr_array_set_size (self->groups, 0);
  for (guint i = 0; list != NULL && i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (PfEnvironment) environment = g_list_model_get_item (list, i);
      const char *name = pf_environment_get_name (environment);
      AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
      GtkWidget *add = row_button (self, "list-add-symbolic", _("Add Variable"), name, NULL,
                                   G_CALLBACK (add_clicked_cb));

      adw_preferences_group_set_title (group, name);
      gtk_widget_set_name (GTK_WIDGET (group), name);
      adw_preferences_group_set_header_suffix (group, add);
      add_rows (self, group, environment);
      adw_preferences_page_add (self->page, group);
      g_ptr_array_add (self->groups, group);
    }
}

/* ---- reading the files and the keyring */

static void
store_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (PfEnvironmentsWindow) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!pf_secret_store_load_finish (PF_SECRET_STORE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }
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
                                      g_object_ref (self));
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

typedef struct
{
  PfEnvironmentsWindow *self;
  char *environment;
  char *name;
} Pending;

static void
pending_free (Pending *pending)
{
  g_object_unref (pending->self);
  g_free (pending->environment);
  g_free (pending->name);
  g_free (pending);
}

static Pending *
pending_new (PfEnvironmentsWindow *self,
             const char           *environment,
             const char           *name)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->self = g_object_ref (self);
  pending->environment = g_strdup (environment);
  pending->name = g_strdup (name);
  return pending;
}

static gboolean
write_file (PfEnvironmentsWindow *self,
            const char           *environment,
            const char           *name,
            const char           *value)
{
  g_autoptr (GError) error = NULL;

  if (pf_environment_file_set (self->folder, environment, name, value, &error))
    return TRUE;
  show_error (self, error->message);
  return FALSE;
}

static void
keyring_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Pending *pending = user_data;
  PfSecretStore *store = PF_SECRET_STORE (object);
  g_autoptr (GError) error = NULL;
  gboolean saved = g_task_get_source_tag (G_TASK (result)) == pf_secret_store_save_async;
  gboolean done = saved ? pf_secret_store_save_finish (store, result, &error)
                        : pf_secret_store_remove_finish (store, result, &error);

  if (!done)
    {
      /* Translators: %s says why */
      g_autofree char *message = g_strdup_printf (_("Could not change the keyring: %s"),
                                                  error->message);

      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (pending->self, message);
    }
  /* A secret's value never stays in the folder. */
  else if (saved)
    write_file (pending->self, pending->environment, pending->name, NULL);
  if (!g_cancellable_is_cancelled (pending->self->cancellable))
    changed (pending->self);
  pending_free (pending);
}

static void
forget_secret (PfEnvironmentsWindow *self,
               const char           *environment,
               const char           *name)
{
  PfSecretStore *store = store_for (self, environment);

  if (store != NULL && is_secret (self, environment, name))
    pf_secret_store_remove_async (store, name, self->cancellable, keyring_done_cb,
                                  pending_new (self, environment, name));
}

static void
remove_variable (PfEnvironmentsWindow *self,
                 const char           *environment,
                 const char           *name)
{
  write_file (self, environment, name, NULL);
  forget_secret (self, environment, name);
  reload (self);
  changed (self);
}

static void
save (PfEnvironmentsWindow *self,
      const char           *name,
      const char           *value,
      gboolean              secret)
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
                      const char           *response)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (
    GTK_EDITABLE (self->name_row))));
  const char *value = gtk_editable_get_text (GTK_EDITABLE (self->value_row));

  if (!g_str_equal (response, "save"))
    return;
  if (*name == '\0' || strstr (name, "{{") != NULL || strstr (name, "}}") != NULL)
    {
      show_error (self, _("A variable needs a name without braces, such as “host”"));
      return;
    }
  save (self, name, value, gtk_switch_get_active (self->secret_switch));
}

/* Opens the variable dialog on @name of @environment (NULL: a new variable). */
void
pf_environments_window_edit (PfEnvironmentsWindow *self,
                             const char           *environment,
                             const char           *name)
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
  found = self->list ? pf_environment_list_find (self->list, environment) : NULL;
  if (secret)
    value = pf_variable_source_lookup (PF_VARIABLE_SOURCE (store), name);
  else if (name != NULL && found != NULL)
    value = g_strdup (pf_environment_get (found, name));
  adw_message_dialog_set_heading (self->variable_dialog,
                                  name ? _("Edit Variable") : _("Add Variable"));
  /* Translators: %s is an environment's name */
  adw_message_dialog_format_body (self->variable_dialog, _("In the environment “%s”"),
                                  environment);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name ? name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->value_row), value ? value : "");
  gtk_switch_set_active (self->secret_switch, secret);
  gtk_window_set_transient_for (GTK_WINDOW (self->variable_dialog), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (self->variable_dialog));
}

/* ---- the type */

static void
pf_environments_window_dispose (GObject *object)
{
  PfEnvironmentsWindow *self = PF_ENVIRONMENTS_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->variable_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->variable_dialog));
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
  gtk_widget_class_bind_template_callback (widget_class, variable_response_cb);
}

static void
pf_environments_window_init (PfEnvironmentsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->stores = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->groups = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
}

/* The environments of @folder, over @parent. */
PfEnvironmentsWindow *
pf_environments_window_new (GtkWindow *parent,
                            GFile     *folder)
{
  PfEnvironmentsWindow *self;

  g_return_val_if_fail (G_IS_FILE (folder), NULL);
  self = g_object_new (PF_TYPE_ENVIRONMENTS_WINDOW, "transient-for", parent, NULL);
  self->folder = g_object_ref (folder);
  reload (self);
  return self;
}
