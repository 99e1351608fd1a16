/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pf-application.h"
#include "pf-preferences-window.h"
#include "pf-test-window.h"

/* The application around the windows: preferences bound to GSettings, and the display
 * environment it sets up before GTK starts. */

typedef PfTestWindow Fixture;

static void
test_preferences (Fixture      *fixture,
                  gconstpointer data)
{
  g_autoptr (GSettings) settings = g_settings_new (APP_ID);
  PfPreferencesWindow *preferences = pf_preferences_window_new (GTK_WINDOW (fixture->window),
                                                                settings);
  g_autofree char *scheme = NULL;
  AdwComboRow *style;
  PfRequestView *view;
  PfExchange *exchange;

  gtk_window_present (GTK_WINDOW (preferences));
  style = ADW_COMBO_ROW (pf_test_find_widget (GTK_WIDGET (preferences), ADW_TYPE_COMBO_ROW, NULL));
  adw_combo_row_set_selected (style, 2);
  scheme = g_settings_get_string (settings, "color-scheme");
  g_assert_cmpstr (scheme, ==, "dark");
  g_settings_set_uint (settings, "default-timeout-ms", 1500);
  gtk_window_destroy (GTK_WINDOW (preferences));
  /* New tabs take the default timeout. */
  pf_window_set_settings (fixture->window, settings);
  view = pf_window_new_tab (fixture->window, pf_lab_server_get_base_url (fixture->lab));
  pf_test_window_send (fixture, "example.txt");
  exchange = pf_request_view_get_exchange (view);
  g_assert_cmpuint (pf_request_get_timeout_ms (pf_exchange_get_request (exchange)), ==, 1500);
  g_settings_reset (settings, "color-scheme");
  g_settings_reset (settings, "default-timeout-ms");
}

/* The label under @root showing @text (not its markup), or NULL. */
static GtkWidget *
find_text (GtkWidget  *root,
           const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && g_str_equal (gtk_label_get_text (GTK_LABEL (child)), text))
        return child;
      if ((found = find_text (child, text)) != NULL)
        return found;
    }
  return NULL;
}

/* Sends the selected tab to @url, which core refuses; returns the message it refuses it with. */
static char *
send_refused (Fixture    *fixture,
              const char *url)
{
  PfRequest *request = pf_request_view_get_request (pf_window_get_request_view (fixture->window));
  g_autoptr (GError) error = NULL;

  pf_request_set_url (request, url);
  g_assert_false (pf_request_validate (request, &error));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL));
  return g_strdup (error->message);
}

/* A second error while the first is shown: the newest shows at once in its place (a toast
 * queued behind the first would wait out its five seconds), "&" and all. */
static void
test_newest_error_shown (Fixture      *fixture,
                         gconstpointer data)
{
  GtkWidget *overlay = pf_test_find_widget (GTK_WIDGET (fixture->window),
                                            ADW_TYPE_TOAST_OVERLAY, NULL);
  g_autofree char *first = send_refused (fixture, "not a url");
  g_autofree char *second = NULL;

  PF_TEST_WAIT_UNTIL (find_text (overlay, first) != NULL, 2000);
  second = send_refused (fixture, "ftp://example.com/?a=1&b=<2>");
  PF_TEST_WAIT_UNTIL (find_text (overlay, second) != NULL && find_text (overlay, first) == NULL,
                      2000);
  g_assert_true (gtk_widget_get_mapped (find_text (overlay, second)));
  /* One after the other, faster than a toast slides in: the last one is shown. */
  g_free (send_refused (fixture, "not a url"));
  g_free (second);
  second = send_refused (fixture, "http://");
  PF_TEST_WAIT_UNTIL (find_text (overlay, second) != NULL && find_text (overlay, first) == NULL,
                      2000);
  /* Past its timeout it goes, and the next error has a toast of its own. */
  PF_TEST_WAIT_UNTIL (find_text (overlay, second) == NULL, 10000);
  g_free (send_refused (fixture, "not a url"));
  PF_TEST_WAIT_UNTIL (find_text (overlay, first) != NULL, 2000);
}

/* Sets GSK_RENDERER to @renderer and GDK_DEBUG to @debug (NULL: unset), runs the
 * environment rule and checks whether it turned GDK's GL off (@off) or left all as it was. */
static void
check_environment (const char *renderer,
                   const char *debug,
                   gboolean    off)
{
  const char *variable = gtk_get_minor_version () >= 16 ? "GDK_DISABLE" : "GDK_DEBUG";
  const char *value = gtk_get_minor_version () >= 16 ? "gl" : "gl-disable";

  g_unsetenv ("GDK_DISABLE");
  g_unsetenv ("GDK_DEBUG");
  if (debug != NULL)
    g_setenv ("GDK_DEBUG", debug, TRUE);
  if (renderer != NULL)
    g_setenv ("GSK_RENDERER", renderer, TRUE);
  else
    g_unsetenv ("GSK_RENDERER");
  pf_application_setup_environment ();
  if (off)
    g_assert_cmpstr (g_getenv (variable), ==, value);
  else
    {
      g_assert_cmpstr (g_getenv ("GDK_DEBUG"), ==, debug);
      g_assert_null (g_getenv ("GDK_DISABLE"));
    }
}

static void
restore_variable (const char *name,
                  const char *value)
{
  if (value != NULL)
    g_setenv (name, value, TRUE);
  else
    g_unsetenv (name);
}

/* GL is left alone unless the cairo renderer was asked for and GDK's GL settings were not. */
static void
test_environment_gl_only_off_for_cairo (void)
{
  g_autofree char *renderer = g_strdup (g_getenv ("GSK_RENDERER"));
  g_autofree char *debug = g_strdup (g_getenv ("GDK_DEBUG"));
  g_autofree char *disable = g_strdup (g_getenv ("GDK_DISABLE"));

  check_environment ("cairo", NULL, TRUE);
  check_environment ("gl", NULL, FALSE);
  check_environment (NULL, NULL, FALSE);
  check_environment ("cairo", "interactive", FALSE);
  restore_variable ("GSK_RENDERER", renderer);
  restore_variable ("GDK_DEBUG", debug);
  restore_variable ("GDK_DISABLE", disable);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, pf_test_window_set_up, func, pf_test_window_tear_down)

int
main (int   argc,
      char *argv[])
{
  pf_test_window_init (&argc, &argv);

  g_test_add_func ("/window/environment/gl-off-only-for-cairo",
                   test_environment_gl_only_off_for_cairo);
  ADD ("/window/preferences/bound-to-settings", test_preferences);
  ADD ("/window/errors/newest-shown-at-once", test_newest_error_shown);

  return g_test_run ();
}
