/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pf-environment-list.h"
#include "pf-environments-window.h"
#include "pf-secret-store.h"
#include "pf-window-private.h"

/* The environment switcher in the header bar: “No Environment” or one of the environments of
 * the window's folder (http-client.env.json and http-client.private.env.json, read again when
 * either changes), remembered for each folder. Every request tab of the window takes its
 * {{variables}} from the chosen environment and from its secrets in the keyring. Without a
 * folder the switcher is hidden. */
typedef struct _PfWindowEnvironment
{
  PfWindow *window; /* unowned: it owns this */
  GtkMenuButton *button;
  GtkLabel *label; /* the button's, cut with an ellipsis so a narrow window stays narrow */
  GMenu *choices;
  GSimpleAction *choose;
  GFileMonitor *monitors[2];
  PfEnvironmentList *list;
  PfSecretStore *store; /* the chosen environment with its secrets, or NULL */
  GCancellable *cancellable;
} PfWindowEnvironment;

/* The button's face: the environment's name, cut with an ellipsis past 16 characters, or
 * past 5 where the window is narrow (the whole name is in the menu), and the arrow that says
 * it opens one. */
static GtkWidget *
button_child_new (PfWindowEnvironment *env)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  env->label = GTK_LABEL (gtk_label_new (_("No Environment")));
  gtk_label_set_ellipsize (env->label, PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (env->label, 5);
  gtk_label_set_max_width_chars (env->label, 16);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (env->label));
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("pan-down-symbolic"));
  return box;
}

static void
stop (PfWindowEnvironment *env)
{
  g_cancellable_cancel (env->cancellable);
  g_clear_object (&env->cancellable);
  for (guint i = 0; i < G_N_ELEMENTS (env->monitors); i++)
    if (env->monitors[i] != NULL)
      {
        g_signal_handlers_disconnect_by_data (env->monitors[i], env);
        g_file_monitor_cancel (env->monitors[i]);
        g_clear_object (&env->monitors[i]);
      }
}

static void
environment_free (gpointer data)
{
  PfWindowEnvironment *env = data;

  stop (env);
  g_clear_object (&env->choices);
  g_clear_object (&env->choose);
  g_clear_object (&env->list);
  g_clear_object (&env->store);
  g_free (env);
}

static PfWindowEnvironment *
get_env (PfWindow *window)
{
  return window->environment;
}

/* ---- what each folder had chosen, in GSettings */

static char *
remembered (PfWindowEnvironment *env)
{
  GSettings *settings = env->window->settings;
  g_autofree char *uri = g_file_get_uri (env->window->folder);
  g_autoptr (GVariant) map = NULL;
  const char *name = "";

  if (settings == NULL)
    return g_strdup ("");
  map = g_settings_get_value (settings, "folder-environments");
  g_variant_lookup (map, uri, "&s", &name);
  return g_strdup (name);
}

static void
remember (PfWindowEnvironment *env,
          const char          *name)
{
  GSettings *settings = env->window->settings;
  g_autofree char *uri = NULL;
  g_autoptr (GVariant) map = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *key, *value;

  if (settings == NULL || env->window->folder == NULL)
    return;
  uri = g_file_get_uri (env->window->folder);
  map = g_settings_get_value (settings, "folder-environments");
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_variant_iter_init (&iter, map);
  while (g_variant_iter_next (&iter, "{&s&s}", &key, &value))
    if (!g_str_equal (key, uri))
      g_variant_builder_add (&builder, "{ss}", key, value);
  if (*name != '\0')
    g_variant_builder_add (&builder, "{ss}", uri, name);
  g_settings_set_value (settings, "folder-environments", g_variant_builder_end (&builder));
}

/* ---- the chosen environment reaches every request tab */

static PfVariableSource *
variables (PfWindowEnvironment *env)
{
  return env->store ? PF_VARIABLE_SOURCE (env->store) : NULL;
}

static void
page_attached_cb (AdwTabView *tab_view,
                  AdwTabPage *page,
                  int         position,
                  PfWindow   *window)
{
  GtkWidget *child = adw_tab_page_get_child (page);

  if (PF_IS_REQUEST_VIEW (child))
    pf_request_view_set_variables (PF_REQUEST_VIEW (child), variables (get_env (window)));
}

static void
store_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (GError) error = NULL;

  if (!pf_secret_store_load_finish (PF_SECRET_STORE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = NULL;

      /* Translators: %s says why the keyring could not be read */
      message = g_strdup_printf (_("Could not read the secret variables: %s"), error->message);
      pf_window_show_error (PF_WINDOW (user_data), message);
    }
}

/* Makes @name (“”: none) the environment of every request tab. */
static void
apply (PfWindowEnvironment *env,
       const char          *name)
{
  PfWindow *window = env->window;
  g_autoptr (PfEnvironment) environment = NULL;

  g_clear_object (&env->store);
  if (*name != '\0' && env->list != NULL && window->folder != NULL)
    environment = pf_environment_list_find (env->list, name);
  if (environment != NULL)
    {
      env->store = pf_secret_store_new (window->folder, name, environment);
      pf_secret_store_load_async (env->store, env->cancellable, store_loaded_cb, window);
    }
  gtk_label_set_label (env->label, environment ? name : _("No Environment"));
  for (int i = 0; i < adw_tab_view_get_n_pages (window->tab_view); i++)
    page_attached_cb (window->tab_view, adw_tab_view_get_nth_page (window->tab_view, i), i,
                      window);
}

static void
change_state_cb (GSimpleAction *action,
                 GVariant      *state,
                 gpointer       user_data)
{
  PfWindowEnvironment *env = user_data;

  g_simple_action_set_state (action, state);
  remember (env, g_variant_get_string (state, NULL));
  apply (env, g_variant_get_string (state, NULL));
}

/* ---- the folder's environments, read off the main thread */

static void
rebuild_menu (PfWindowEnvironment *env)
{
  GListModel *list = G_LIST_MODEL (env->list);

  g_menu_remove_all (env->choices);
  g_menu_append (env->choices, _("No Environment"), "environment.choose::");
  for (guint i = 0; list != NULL && i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr (PfEnvironment) environment = g_list_model_get_item (list, i);
      g_autoptr (GMenuItem) item = g_menu_item_new (pf_environment_get_name (environment), NULL);

      g_menu_item_set_action_and_target (item, "environment.choose", "s",
                                         pf_environment_get_name (environment));
      g_menu_append_item (env->choices, item);
    }
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  PfEnvironmentList *list = pf_environment_list_load (task_data, cancellable, &error);

  if (list != NULL)
    g_task_return_pointer (task, list, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
list_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  PfWindow *window = PF_WINDOW (source);
  PfWindowEnvironment *env = get_env (window);
  g_autoptr (GError) error = NULL;
  g_autoptr (PfEnvironmentList) list = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr (PfEnvironment) found = NULL;
  g_autoptr (GVariant) state = NULL;
  g_autofree char *wanted = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    pf_window_show_error (window, error->message);
  g_set_object (&env->list, list);
  rebuild_menu (env);
  /* The one chosen (before, for this folder), if the files still have it. */
  state = g_action_get_state (G_ACTION (env->choose));
  wanted = g_variant_dup_string (state, NULL);
  if (*wanted == '\0')
    {
      g_free (wanted);
      wanted = remembered (env);
    }
  found = list ? pf_environment_list_find (list, wanted) : NULL;
  if (found == NULL)
    g_clear_pointer (&wanted, g_free);
  g_simple_action_set_state (env->choose, g_variant_new_string (wanted ? wanted : ""));
  apply (env, wanted ? wanted : "");
}

static void
load (PfWindowEnvironment *env)
{
  g_autoptr (GTask) task = g_task_new (env->window, env->cancellable, list_loaded_cb, NULL);

  g_task_set_task_data (task, g_object_ref (env->window->folder), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

static void
file_changed_cb (GFileMonitor     *monitor,
                 GFile            *file,
                 GFile            *other,
                 GFileMonitorEvent event,
                 gpointer          user_data)
{
  PfWindowEnvironment *env = user_data;

  if (event == G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT || event == G_FILE_MONITOR_EVENT_DELETED ||
      event == G_FILE_MONITOR_EVENT_CREATED || event == G_FILE_MONITOR_EVENT_MOVED_IN ||
      event == G_FILE_MONITOR_EVENT_RENAMED)
    load (env);
}

static void
watch (PfWindowEnvironment *env)
{
  const char *names[] = { PF_ENVIRONMENT_FILE, PF_ENVIRONMENT_PRIVATE_FILE };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (GFile) file = g_file_get_child (env->window->folder, names[i]);

      env->monitors[i] = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
      if (env->monitors[i] != NULL)
        g_signal_connect (env->monitors[i], "changed", G_CALLBACK (file_changed_cb), env);
    }
}

static void
folder_changed_cb (PfWindow *window)
{
  PfWindowEnvironment *env = get_env (window);

  stop (env);
  env->cancellable = g_cancellable_new ();
  g_clear_object (&env->list);
  gtk_widget_set_visible (GTK_WIDGET (env->button), window->folder != NULL);
  g_simple_action_set_state (env->choose, g_variant_new_string (""));
  apply (env, "");
  if (window->folder == NULL)
    return;
  rebuild_menu (env);
  watch (env);
  load (env);
}

static void
destroy_cb (PfWindow *window)
{
  stop (get_env (window));
}

/* The editor changed the files or the keyring: read both again. */
static void
edited_cb (PfWindow *window)
{
  PfWindowEnvironment *env = get_env (window);

  if (window->folder != NULL && env->cancellable != NULL)
    load (env);
}

/* ---- the editor */

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PfWindow *window = PF_WINDOW (widget);
  PfEnvironmentsWindow *editor;

  if (window->folder == NULL)
    return;
  editor = pf_environments_window_new (GTK_WINDOW (window), window->folder);
  g_signal_connect_object (editor, "changed", G_CALLBACK (edited_cb), window, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

void
_pf_window_environment_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (PF_TYPE_ENVIRONMENTS_WINDOW);
  gtk_widget_class_install_action (widget_class, "win.edit-environments", NULL, edit_action);
}

static GMenuModel *
build_menu (PfWindowEnvironment *env)
{
  GMenu *menu = g_menu_new ();
  g_autoptr (GMenu) tools = g_menu_new ();

  env->choices = g_menu_new ();
  g_menu_append_section (menu, NULL, G_MENU_MODEL (env->choices));
  g_menu_append (tools, _("_Edit Environments…"), "win.edit-environments");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (tools));
  return G_MENU_MODEL (menu);
}

void
_pf_window_environment_init (PfWindow *self)
{
  PfWindowEnvironment *env = g_new0 (PfWindowEnvironment, 1);
  g_autoptr (GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr (GMenuModel) menu = NULL;

  env->window = self;
  self->environment = env;
  g_object_set_data_full (G_OBJECT (self), "pf-window-environment", env, environment_free);
  env->choose = g_simple_action_new_stateful ("choose", G_VARIANT_TYPE_STRING,
                                              g_variant_new_string (""));
  g_signal_connect (env->choose, "change-state", G_CALLBACK (change_state_cb), env);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (env->choose));
  gtk_widget_insert_action_group (GTK_WIDGET (self), "environment", G_ACTION_GROUP (group));
  menu = build_menu (env);
  env->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_menu_model (env->button, menu);
  gtk_menu_button_set_child (env->button, button_child_new (env));
  gtk_widget_set_tooltip_text (GTK_WIDGET (env->button),
                               _("Environment: where {{variables}} take their values"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (env->button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Environment"), -1);
  gtk_widget_add_css_class (GTK_WIDGET (env->button), "environment");
  gtk_widget_set_visible (GTK_WIDGET (env->button), FALSE);
  adw_header_bar_pack_end (self->header_bar, GTK_WIDGET (env->button));
  g_signal_connect (self->tab_view, "page-attached", G_CALLBACK (page_attached_cb), self);
  g_signal_connect (self, "notify::folder", G_CALLBACK (folder_changed_cb), NULL);
  g_signal_connect (self, "destroy", G_CALLBACK (destroy_cb), NULL);
}
