/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <time.h>

#include "pf-application.h"
#include "pf-exchange.h"
#include "pf-test-lab.h"
#include "pf-test-window.h"

/* What the window tests share: GTK set up as the app sets it up, the fixture, sending a lab
 * path and waiting for its result, and reading what the response views show. */

/* The user's folders (data: history; state: the session; config, cache) in a folder of this
 * run, so no test reads or writes the real home: gtk_test_init () drops
 * G_TEST_OPTION_ISOLATE_DIRS on its way to g_test_init (). A folder a test chose already (set
 * before this is called, inside /tmp) is kept. */
static void
isolate_user_folders (void)
{
  static const char *const names[] = {
    "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
  };
  g_autofree char *root = g_dir_make_tmp ("preflight-test-home-XXXXXX", NULL);

  g_assert_nonnull (root);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *set = g_getenv (names[i]);
      g_autofree char *path = g_build_filename (root, names[i], NULL);

      if (set == NULL || !g_str_has_prefix (set, g_get_tmp_dir ()))
        g_setenv (names[i], path, TRUE);
    }
}

/* GTK and libadwaita with the app's style sheet, as users see the window. */
void
pf_test_window_init (int    *argc,
                     char ***argv)
{
  GtkCssProvider *css;

  isolate_user_folders ();
  pf_application_setup_environment ();
  gtk_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();
  g_type_ensure (PF_TYPE_WINDOW);
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, APP_RESOURCE_PATH "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_unref (css);
}

/* The lab serves from its own thread, as the app's does. */
void
pf_test_window_set_up (PfTestWindow *fixture,
                       gconstpointer data)
{
  fixture->lab = pf_test_lab_server_start_in_thread ();
  /* As the app's: exchanges do their I/O on the profile's network thread. */
  fixture->profile = pf_profile_new_with_network_thread ();
  fixture->window = g_object_ref_sink (pf_window_new (NULL, fixture->profile, NULL));
  gtk_window_present (GTK_WINDOW (fixture->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
}

/* The window goes first; closing handshakes and cancelled requests finish in their callbacks,
 * then the lab fixture checks that the profile and the lab are finalized. */
void
pf_test_window_tear_down (PfTestWindow *fixture,
                          gconstpointer data)
{
  PfTestLab lab = { g_steal_pointer (&fixture->lab), g_steal_pointer (&fixture->profile) };
  GObject *window = G_OBJECT (fixture->window);

  gtk_window_destroy (GTK_WINDOW (fixture->window));
  PF_TEST_WAIT_UNTIL (window->ref_count == 1, 10000);
  g_assert_finalize_object (g_steal_pointer (&fixture->window));
  pf_test_lab_tear_down (&lab, data);
}

char *
pf_test_window_lab_url (PfTestWindow *fixture,
                        const char   *path)
{
  return pf_test_lab_url (fixture->lab, path);
}

static gboolean
exchange_finished (PfWindow *window)
{
  PfExchange *exchange = pf_window_get_exchange (window);

  /* Its result shown too: readyState 4 can come before the last check (responseXML's). */
  return exchange != NULL && (pf_exchange_get_ready_state (exchange) == PF_READY_STATE_DONE ||
                              pf_exchange_get_failure (exchange) != PF_FAILURE_NONE) &&
         !pf_request_view_get_busy (pf_window_get_request_view (window));
}

/* Until the selected tab's exchange has finished, and its completion reached the window.
 * Generous: under AddressSanitizer a 100 MiB download takes a while. */
void
pf_test_window_wait_for_done (PfWindow *window)
{
  PF_TEST_WAIT_UNTIL (exchange_finished (window), 120000);
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
}

/* Sends @path of the lab server in the selected tab and waits for the result. */
void
pf_test_window_send (PfTestWindow *fixture,
                     const char   *path)
{
  g_autofree char *url = pf_test_window_lab_url (fixture, path);

  pf_window_set_url (fixture->window, url);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.send", NULL));
  pf_test_window_wait_for_done (fixture->window);
  g_assert_cmpint (pf_exchange_get_ready_state (pf_window_get_exchange (fixture->window)), ==,
                   PF_READY_STATE_DONE);
}

GtkTextView *
pf_test_window_body_view (PfTestWindow *fixture)
{
  return GTK_TEXT_VIEW (pf_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_TEXT_VIEW,
                                             "response-body"));
}

/* The note above the body, or NULL when it is hidden. */
const char *
pf_test_window_body_note (PfTestWindow *fixture)
{
  GtkWidget *note = pf_test_find_widget (GTK_WIDGET (fixture->window), GTK_TYPE_LABEL,
                                         "body-note");

  g_assert_nonnull (note);
  return gtk_widget_get_visible (note) ? gtk_label_get_label (GTK_LABEL (note)) : NULL;
}

char *
pf_test_text_of_view (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The CPU time this thread has used, in µs. */
static gint64
thread_cpu_us (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

gboolean
pf_test_stall_tick_cb (gpointer user_data)
{
  PfTestStall *stall = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_us ();

  if (stall->last != 0)
    {
      stall->worst = MAX (stall->worst, now - stall->last);
      stall->cpu_worst = MAX (stall->cpu_worst, cpu - stall->cpu_last);
    }
  stall->last = now;
  stall->cpu_last = cpu;
  return G_SOURCE_CONTINUE;
}
