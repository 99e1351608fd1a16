/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-application"

#include "config.h"

#include <glib/gi18n.h>

#include "pf-application.h"
#include "pf-lab-server.h"
#include "pf-preferences-window.h"
#include "pf-session.h"
#include "pf-window.h"

/* The application: one browser profile shared by its windows (connections, cookies and the
 * preflight cache, as in one browser) and the lab server, started in-process so that the
 * first Send works with no network. */
struct _PfApplication
{
  AdwApplication parent_instance;

  PfProfile *profile;
  PfHistory *history;
  GSettings *settings;
  PfLabServer *lab;
  GError *lab_error;
  PfSession *session;
  gboolean session_read; /* the saved session was read (at the first activation) */
};

G_DEFINE_FINAL_TYPE (PfApplication, pf_application, ADW_TYPE_APPLICATION)

/* On the very first launch the window opens the first lesson instead of a blank request. */
static void
open_first_lesson_once (PfApplication *self,
                        PfWindow *window)
{
  g_autoptr (PfLesson) first = NULL;
  AdwTabView *tabs = pf_window_get_tab_view (window);
  AdwTabPage *blank = adw_tab_view_get_selected_page (tabs);

  if (self->settings == NULL || self->lab_error != NULL || g_getenv ("PREFLIGHT_URL") != NULL ||
      g_settings_get_boolean (self->settings, "first-lesson-shown"))
    return;
  first = g_list_model_get_item (pf_lessons_get_all (), 0);
  pf_window_open_lesson (window, first);
  adw_tab_view_close_page (tabs, blank);
  g_settings_set_boolean (self->settings, "first-lesson-shown", TRUE);
}

static PfWindow *
window_new (PfApplication *self)
{
  PfWindow *window = pf_window_new (GTK_APPLICATION (self), self->profile,
                                    pf_application_get_lab_url (self));

  pf_window_set_settings (window, self->settings);
  if (self->lab_error == NULL)
    pf_window_set_lab (window, self->lab);
  pf_window_set_history (window, self->history);
  return window;
}

static void
present_window (PfApplication *self,
                PfWindow *window)
{
  pf_session_add_window (self->session, window);
  if (self->lab_error != NULL)
    pf_window_show_error (window, self->lab_error->message);
  gtk_window_present (GTK_WINDOW (window));
}

static void
pf_application_new_window_action (GSimpleAction *action,
                                  GVariant *parameter,
                                  gpointer user_data)
{
  PfApplication *self = user_data;
  PfWindow *window = window_new (self);

  open_first_lesson_once (self, window);
  if (g_getenv ("PREFLIGHT_URL") != NULL)
    pf_window_set_url (window, g_getenv ("PREFLIGHT_URL"));
  present_window (self, window);
}

/* A window with the tabs @state saved, or none when no tab reads. */
static PfWindow *
restore_window (PfApplication *self,
                JsonNode *state)
{
  PfWindow *window = window_new (self);

  if (!pf_window_restore_session (window, state))
    {
      gtk_window_destroy (GTK_WINDOW (window));
      return NULL;
    }
  present_window (self, window);
  return window;
}

/* The windows of the last run come back; without any, a new window as on a first start. A
 * URL given at start opens in a tab of its own beside them. */
static void
session_read_cb (GObject *source,
                 GAsyncResult *result,
                 gpointer user_data)
{
  g_autoptr (PfApplication) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) windows = pf_session_load_finish (PF_SESSION (source), result, &error);
  PfWindow *window = NULL;

  for (guint i = 0; windows != NULL && i < json_array_get_length (windows); i++)
    {
      PfWindow *restored = restore_window (self, json_array_get_element (windows, i));

      window = restored ? restored : window;
    }
  if (window != NULL && g_getenv ("PREFLIGHT_URL") != NULL)
    pf_window_new_tab (window, g_getenv ("PREFLIGHT_URL"));
  if (window == NULL)
    g_action_group_activate_action (G_ACTION_GROUP (self), "new-window", NULL);
  window = PF_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (self)));
  if (error != NULL && window != NULL)
    pf_window_show_error (window, error->message);
  g_application_release (G_APPLICATION (self));
}

static void
pf_application_about_action (GSimpleAction *action,
                             GVariant *parameter,
                             gpointer user_data)
{
  GtkApplication *app = user_data;
  const char *developers[] = { "The Preflight developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", "Preflight",
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", _("The Preflight developers"),
                         "developers", developers,
                         "comments", _("See HTTP the way a browser does it"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
pf_application_preferences_action (GSimpleAction *action,
                                   GVariant *parameter,
                                   gpointer user_data)
{
  PfApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->settings == NULL)
    {
      if (PF_IS_WINDOW (parent))
        pf_window_show_error (PF_WINDOW (parent),
                              _("Preferences need the installed settings schema"));
      return;
    }
  gtk_window_present (GTK_WINDOW (pf_preferences_window_new (parent, self->settings)));
}

static void
pf_application_quit_action (GSimpleAction *action,
                            GVariant *parameter,
                            gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "new-window", pf_application_new_window_action },
  { "about", pf_application_about_action },
  { "preferences", pf_application_preferences_action },
  { "quit", pf_application_quit_action },
};

static void
pf_application_activate (GApplication *app)
{
  PfApplication *self = PF_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window != NULL)
    gtk_window_present (window);
  else if (!self->session_read)
    {
      self->session_read = TRUE;
      g_application_hold (app);
      pf_session_load_async (self->session, NULL, session_read_cb, g_object_ref (self));
    }
  else
    g_action_group_activate_action (G_ACTION_GROUP (app), "new-window", NULL);
}

static gboolean
scheme_to_style (GValue *value,
                 GVariant *variant,
                 gpointer user_data)
{
  const char *scheme = g_variant_get_string (variant, NULL);

  g_value_set_enum (value, g_str_equal (scheme, "light")  ? ADW_COLOR_SCHEME_FORCE_LIGHT
                           : g_str_equal (scheme, "dark") ? ADW_COLOR_SCHEME_FORCE_DARK
                                                          : ADW_COLOR_SCHEME_DEFAULT);
  return TRUE;
}

/* GSettings when the schema is installed (or in the build's devenv); without it, defaults. */
static void
load_settings (PfApplication *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema == NULL)
    return;
  self->settings = g_settings_new (APP_ID);
  g_settings_bind_with_mapping (self->settings, "color-scheme", adw_style_manager_get_default (),
                                "color-scheme", G_SETTINGS_BIND_GET, scheme_to_style, NULL, NULL,
                                NULL);
}

static void
pf_application_startup (GApplication *app)
{
  PfApplication *self = PF_APPLICATION (app);
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *new_window_accels[] = { "<Control>n", NULL };
  const char *preferences_accels[] = { "<Control>comma", NULL };
  g_autoptr (GFile) session_file = g_file_new_build_filename (g_get_user_state_dir (), "preflight",
                                                              "session.json", NULL);

  G_APPLICATION_CLASS (pf_application_parent_class)->startup (app);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.new-window",
                                         new_window_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences",
                                         preferences_accels);
  load_settings (self);
  /* One profile for all windows: cookies and preflight cache are shared, as in a browser. */
  self->profile = pf_profile_new_with_network_thread ();
  /* One history for all windows, in the user's data folder; it opens on its own thread. */
  self->history = pf_history_new (NULL);
  self->session = pf_session_new (session_file);
  self->lab = pf_lab_server_new ();
  if (self->settings == NULL)
    pf_lab_server_start_in_thread (self->lab, 0, &self->lab_error);
  else if (g_settings_get_boolean (self->settings, "lab-server-enabled"))
    pf_lab_server_start_in_thread (self->lab,
                                   g_settings_get_uint (self->settings, "lab-server-port"),
                                   &self->lab_error);
  else
    self->lab_error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                                           _("The lab server is turned off in the preferences"));
}

static void
pf_application_shutdown (GApplication *app)
{
  PfApplication *self = PF_APPLICATION (app);
  GList *windows;

  /* The tabs are kept for next time before the windows go. */
  if (self->session != NULL)
    pf_session_flush (self->session);
  /* Quitting destroys the windows rather than leaving them to the exit, so their exchanges
   * are finalized and delete the bodies they spooled to temporary files. */
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (app))) != NULL)
    gtk_window_destroy (windows->data);
  /* What is queued is written before the history closes. */
  g_clear_object (&self->history);
  if (self->lab != NULL)
    pf_lab_server_stop (self->lab);
  G_APPLICATION_CLASS (pf_application_parent_class)->shutdown (app);
}

static void
pf_application_finalize (GObject *object)
{
  PfApplication *self = PF_APPLICATION (object);

  g_clear_object (&self->session);
  g_clear_object (&self->profile);
  g_clear_object (&self->history);
  g_clear_object (&self->settings);
  g_clear_object (&self->lab);
  g_clear_error (&self->lab_error);
  G_OBJECT_CLASS (pf_application_parent_class)->finalize (object);
}

static void
pf_application_class_init (PfApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = pf_application_finalize;
  app_class->activate = pf_application_activate;
  app_class->startup = pf_application_startup;
  app_class->shutdown = pf_application_shutdown;
}

static void
pf_application_init (PfApplication *self)
{
}

/* Called before GTK opens the display. With the cairo renderer asked for (GSK_RENDERER=cairo)
 * nothing in Preflight draws with GL, yet GTK 4.8's X11 backend loads the GL driver when it
 * opens the display; without a GPU that is Mesa's llvmpipe: about 57 MiB and 100 ms of
 * start-up for nothing. So GDK is told to leave GL alone, unless the user already set how
 * GDK should treat GL. GDK_DISABLE took over GDK_DEBUG's gl-disable in GTK 4.16. */
void
pf_application_setup_environment (void)
{
  const char *variable = gtk_get_minor_version () >= 16 ? "GDK_DISABLE" : "GDK_DEBUG";
  const char *value = gtk_get_minor_version () >= 16 ? "gl" : "gl-disable";

  if (g_strcmp0 (g_getenv ("GSK_RENDERER"), "cairo") != 0 || g_getenv ("GDK_DEBUG") != NULL ||
      g_getenv ("GDK_DISABLE") != NULL)
    return;
  g_setenv (variable, value, FALSE);
}

PfApplication *
pf_application_new (void)
{
  return g_object_new (PF_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", APP_RESOURCE_PATH,
                       NULL);
}

PfProfile *
pf_application_get_profile (PfApplication *self)
{
  g_return_val_if_fail (PF_IS_APPLICATION (self), NULL);
  return self->profile;
}

/* The lab server's base URL, or NULL when it could not start. */
const char *
pf_application_get_lab_url (PfApplication *self)
{
  g_return_val_if_fail (PF_IS_APPLICATION (self), NULL);
  return self->lab_error ? NULL : pf_lab_server_get_base_url (self->lab);
}
