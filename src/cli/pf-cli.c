/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "pf-cli.h"
#include "pf-locale.h"

/* One line on stderr and the usage exit status: what scripts rely on for bad input. */
int
pf_cli_usage_error (const char *format,
                    ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "preflight-cli: %s\n", message);
  return PF_CLI_EXIT_USAGE;
}

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n\n", _("Usage: preflight-cli COMMAND [OPTIONS…]"));
  fprintf (stream, "%s\n", _("Commands:"));
  fprintf (stream, "  fetch  %s\n",
           _("Run one request the way XMLHttpRequest does and show its timeline"));
  fprintf (stream, "  run    %s\n",
           _("Run the requests of a .http file, with variables from an environment"));
  fprintf (stream, "  har    %s\n",
           _("List the entries of a browser’s HAR file, or send them again"));
  fprintf (stream, "  events %s\n",
           _("Subscribe to a Server-Sent Events stream the way EventSource does"));
  fprintf (stream, "  poll   %s\n",
           _("Long-poll a URL: request, wait for the answer, request again"));
  fprintf (stream, "  ws     %s\n", _("Open a WebSocket, send messages and show every frame"));
  fprintf (stream, "  lab    %s\n", _("Serve the built-in lab server on 127.0.0.1"));
  fprintf (stream, "  import-postman  %s\n",
           _("Write a Postman collection as a folder of .http files"));
  fprintf (stream, "\n%s\n",
           _("Run “preflight-cli COMMAND --help” for a command’s options."));
}

int
pf_cli_run (int    argc,
            char **argv)
{
  pf_locale_init ();

  if (argc < 2)
    {
      print_usage (stderr);
      return PF_CLI_EXIT_USAGE;
    }
  if (g_str_equal (argv[1], "fetch"))
    return pf_cli_fetch (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "run"))
    return pf_cli_run_file (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "har"))
    return pf_cli_har (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "events"))
    return pf_cli_events (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "poll"))
    return pf_cli_poll (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "ws"))
    return pf_cli_ws (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "lab"))
    return pf_cli_lab (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "import-postman"))
    return pf_cli_import_postman (argc - 1, argv + 1);
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return PF_CLI_EXIT_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      printf ("preflight-cli %s\n", PACKAGE_VERSION);
      return PF_CLI_EXIT_OK;
    }
  return pf_cli_usage_error (_("Unknown command “%s”; run “preflight-cli --help”"),
                             argv[1]);
}
