/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-test"

#include "config.h"

#include "pf-test-lab.h"

#include <sys/wait.h>

/* What every network test starts from, as libsoup's tests/test-utils.c is for libsoup's: a
 * real server on loopback, a client profile, and a teardown that proves nothing leaked. */

/* A started lab server: 127.0.0.1, port 0, so its URIs come from the server itself. */
PfLabServer *
pf_test_lab_server_start (void)
{
  PfLabServer *lab = pf_lab_server_new ();
  g_autoptr (GError) error = NULL;

  pf_lab_server_start (lab, 0, &error);
  g_assert_no_error (error);
  return lab;
}

/* The same, serving from a thread of its own as the app's lab does: the test's main loop
 * (and the window's frames) cannot hold its answers back. */
PfLabServer *
pf_test_lab_server_start_in_thread (void)
{
  PfLabServer *lab = pf_lab_server_new ();
  g_autoptr (GError) error = NULL;

  pf_lab_server_start_in_thread (lab, 0, &error);
  g_assert_no_error (error);
  return lab;
}

/* Stops @lab and checks that this was its last reference. */
void
pf_test_lab_server_finalize (PfLabServer *lab)
{
  pf_lab_server_stop (lab);
  /* A connection the server was still serving lets go of it in a callback. */
  PF_TEST_WAIT_UNTIL (G_OBJECT (lab)->ref_count == 1, 5000);
  g_assert_finalize_object (lab);
}

/* The URL of @path ("echo", "status/404") on @lab. */
char *
pf_test_lab_url (PfLabServer *lab,
                 const char *path)
{
  const char *base = pf_lab_server_get_base_url (lab);

  g_assert_nonnull (base);
  return g_strconcat (base, path, NULL);
}

/* With PF_TEST_NETWORK_THREAD=1 in the environment (meson runs the network suites both
 * ways), the profile does its I/O on a network thread, as the window's does. */
void
pf_test_lab_set_up (PfTestLab *fixture,
                    gconstpointer data)
{
  fixture->lab = pf_test_lab_server_start ();
  if (g_strcmp0 (g_getenv ("PF_TEST_NETWORK_THREAD"), "1") == 0)
    fixture->profile = pf_profile_new_with_network_thread ();
  else
    fixture->profile = pf_profile_new ();
}

void
pf_test_lab_tear_down (PfTestLab *fixture,
                       gconstpointer data)
{
  GObject *profile = G_OBJECT (fixture->profile);
  GObject *session = G_OBJECT (pf_profile_get_session (fixture->profile));

  /* Cancelled reads and sends, and closing handshakes, hold their objects (and so the
   * profile and its session) until their callbacks have run. */
  PF_TEST_WAIT_UNTIL (profile->ref_count == 1 && session->ref_count == 1, 5000);
  g_assert_finalize_object (g_steal_pointer (&fixture->profile));
  pf_test_lab_server_finalize (g_steal_pointer (&fixture->lab));
}

/* Sends @exchange and turns the main context until it has finished (10 s at most) and the
 * callbacks that finished it have let go of it; returns as pf_exchange_send_finish (). */
gboolean
pf_test_lab_run_exchange (PfExchange *exchange,
                          GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  pf_exchange_send_async (exchange, NULL, pf_test_keep_result_cb, &result);
  PF_TEST_WAIT_UNTIL (result != NULL, 10000);
  /* Let the callbacks that returned the result drop their references, so that a test can
   * assert the exchange is finalized. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return pf_exchange_send_finish (exchange, result, error);
}

/* Checks the HAR file at @path with the HAR 1.2 schema (har-validator, run by node), when both
 * are installed; says so in the log when they are not. */
void
pf_test_assert_valid_har (const char *path)
{
  g_autofree char *node = g_find_program_in_path ("node");
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "har", "validate-har.js", NULL);
  const char *argv[] = { "node", script, path, NULL };
  g_auto (GStrv) envp = g_environ_setenv (g_get_environ (), "NODE_PATH", "/usr/share/nodejs",
                                          FALSE);
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  if (node == NULL)
    {
      g_test_message ("node is not installed: %s not checked by har-validator", path);
      return;
    }
  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_test_message ("%s", out);
  if (WIFEXITED (status) && WEXITSTATUS (status) == 77)
    return;
  g_assert_cmpint (status, ==, 0);
}
