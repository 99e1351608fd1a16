/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "pf-cli.h"
#include "pf-postman-import.h"

/* preflight-cli import-postman COLLECTION.json DIR: a Postman collection as a folder of .http
 * files and its variables as http-client.env.json, then what did not carry over. Nothing is
 * written when the collection has a problem or a file it would write exists already. */

static void
print_report (PfPostmanImport *import)
{
  const char *const *report = pf_postman_import_get_report (import);
  GFile *folder = pf_postman_import_get_folder (import);

  for (guint i = 0; i < pf_postman_import_get_n_files (import); i++)
    {
      g_autoptr (GFile) file =
          g_file_resolve_relative_path (folder, pf_postman_import_get_file_path (import, i));
      /* Translators: %s is the path of a file the import wrote */
      g_autofree char *line = g_strdup_printf (_("wrote %s"), g_file_peek_path (file));

      printf ("%s\n", line);
    }
  if (report[0] != NULL)
    printf ("%s\n", _("Not carried over:"));
  for (guint i = 0; report[i] != NULL; i++)
    printf ("  %s\n", report[i]);
}

int
pf_cli_import_postman (int argc,
                       char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (_("COLLECTION.json DIR"));
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) source = NULL;
  g_autoptr (GFile) folder = NULL;
  g_autoptr (GBytes) json = NULL;
  g_autoptr (PfPostmanImport) import = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Writes a Postman Collection (v2.1) as a folder of "
                                            ".http files with its variables in "
                                            "http-client.env.json."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pf_cli_usage_error ("%s", error->message);
  if (argc != 3)
    return pf_cli_usage_error ("%s", _("import-postman takes a collection file and a folder"));
  source = g_file_new_for_commandline_arg (argv[1]);
  folder = g_file_new_for_commandline_arg (argv[2]);
  if (!(json = g_file_load_bytes (source, NULL, NULL, &error)))
    return pf_cli_usage_error ("%s", error->message);
  if (!(import = pf_postman_import_new (json, folder, &error)))
    return pf_cli_usage_error ("%s: %s", argv[1], error->message);
  if (!pf_postman_import_write (import, NULL, &error))
    return pf_cli_usage_error ("%s", error->message);
  print_report (import);
  return PF_CLI_EXIT_OK;
}
