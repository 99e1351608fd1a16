/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-cli"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <stdio.h>

#include "pf-cli.h"
#include "pf-lab-server.h"

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

/* preflight-cli lab [--port N]: the first line says where it listens (scripts read it), the
 * next ones its HTTPS ports, each named by its certificate; then it serves until SIGINT or
 * SIGTERM. */
int
pf_cli_lab (int    argc,
            char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (PfLabServer) server = pf_lab_server_new ();
  g_autoptr (GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr (GError) error = NULL;
  int port = 0;
  GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &port,
      N_("Port to listen on (default: a free port)"), N_("N") },
    { NULL }
  };

  g_option_context_set_summary (context,
                                _("Serve the lab server's teaching endpoints on 127.0.0.1."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pf_cli_usage_error ("%s", error->message);
  if (port < 0 || port > 65535)
    return pf_cli_usage_error (_("Port %d is out of range (0–65535)"), port);
  if (!pf_lab_server_start (server, port, &error))
    return pf_cli_usage_error ("%s", error->message);
  /* Handlers first: a script may signal as soon as it has read the line below. */
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  /* Not translated: scripts read this line. */
  printf ("Lab server listening on %s\n", pf_lab_server_get_base_url (server));
  for (guint i = 0; i < PF_LAB_TLS_N_KINDS; i++)
    printf ("Lab server listening on %s (%s)\n", pf_lab_server_get_tls_url (server, i),
            pf_lab_tls_get_name (i));
  fflush (stdout);
  g_main_loop_run (loop);
  pf_lab_server_stop (server);
  return PF_CLI_EXIT_OK;
}
