/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-cli"

#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <stdio.h>

#include "pf-cli-send.h"
#include "pf-cli.h"
#include "pf-environment-list.h"
#include "pf-http-file.h"
#include "pf-json-line.h"
#include "pf-request-expand.h"

/* preflight-cli run: the requests of a .http file, in order, each sent as fetch sends one
 * (CORS emulation for a request with “# @origin”), in one profile as one page would. */

typedef struct
{
  char *env;
  char **names;
  gboolean json;
  char **rest;
} RunOptions;

typedef struct
{
  RunOptions *options;
  const char *path;
  PfHttpFile *file;
  PfVariableSource *variables;
  PfProfile *profile;
  PfExchange *running;
} Runner;

static void
run_options_clear (RunOptions *options)
{
  g_free (options->env);
  g_strfreev (options->names);
  g_strfreev (options->rest);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RunOptions, run_options_clear)

static gboolean
interrupt_cb (gpointer user_data)
{
  Runner *runner = user_data;

  if (runner->running != NULL)
    pf_exchange_abort (runner->running);
  return G_SOURCE_CONTINUE;
}

/* Where the environments of @location are: the nearest folder above it with an
 * http-client.env.json (a collection's subfolders share its environments, as in the window,
 * which reads them from the folder it opened), else the file's own folder. */
static GFile *
environment_folder (GFile *location)
{
  g_autoptr (GFile) own = g_file_get_parent (location);
  g_autoptr (GFile) folder = g_object_ref (own);

  while (folder != NULL)
    {
      g_autoptr (GFile) env = g_file_get_child (folder, PF_ENVIRONMENT_FILE);
      GFile *parent;

      if (g_file_query_exists (env, NULL))
        return g_steal_pointer (&folder);
      parent = g_file_get_parent (folder);
      g_object_unref (folder);
      folder = parent;
    }
  return g_steal_pointer (&own);
}

/* The chosen environment with the file's own variables (“@name = value”) over it; a file
 * variable may use the environment's. */
static PfVariableSource *
build_variables (PfHttpFile *file,
                 const char *env_name,
                 GError    **error)
{
  g_autoptr (GFile) folder = environment_folder (pf_http_file_get_location (file));
  g_autoptr (PfEnvironmentList) list = pf_environment_list_load (folder, NULL, error);
  g_autoptr (PfEnvironment) environment = NULL;
  g_autoptr (PfEnvironment) merged = NULL;
  GHashTableIter iter;
  gpointer name, value;

  if (list == NULL)
    return NULL;
  environment = env_name ? pf_environment_list_find (list, env_name) : pf_environment_new ("");
  if (environment == NULL)
    {
      /* Translators: %s is an environment name, then the file it was looked for in */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("No environment “%s” in %s, beside the file or above it"), env_name, PF_ENVIRONMENT_FILE);
      return NULL;
    }
  merged = pf_environment_copy (environment, NULL);
  g_hash_table_iter_init (&iter, pf_http_file_get_variables (file));
  while (g_hash_table_iter_next (&iter, &name, &value))
    {
      const char *start;
      gsize len;
      g_autofree char *expanded =
        pf_variables_expand (value, PF_VARIABLE_SOURCE (environment), &start, &len);

      pf_environment_set (merged, name, expanded ? expanded : value, FALSE);
    }
  return PF_VARIABLE_SOURCE (g_steal_pointer (&merged));
}

static void
print_heading (Runner          *runner,
               PfHttpFileEntry *entry,
               PfRequest       *request,
               GError          *error)
{
  g_autofree char *label = pf_http_file_entry_dup_label (entry);
  g_autoptr (GString) out = g_string_new (NULL);
  guint line = pf_http_file_entry_get_line (entry);

  if (error != NULL)
    fprintf (stderr, "preflight-cli: %s:%u: %s\n", runner->path, line, error->message);
  if (!runner->options->json)
    {
      printf ("### %s (%s:%u)\n", label, runner->path, line);
      return;
    }
  pf_json_line_begin (out);
  pf_json_line_string (out, "type", "request");
  pf_json_line_string (out, "name", pf_http_file_entry_get_name (entry));
  pf_json_line_uint (out, "line", line);
  if (request != NULL)
    {
      pf_json_line_string (out, "method", pf_request_get_method (request));
      pf_json_line_string (out, "url", pf_request_get_url (request));
    }
  if (error != NULL)
    {
      /* Not sent: what the user wrote cannot be. */
      pf_json_line_string (out, "error", error->code == PF_REQUEST_ERROR_UNKNOWN_VARIABLE
                                           ? "unknown-variable" : "invalid-request");
      pf_json_line_string (out, "errorMessage", error->message);
    }
  pf_json_line_end (out);
  /* Flushed with the request's timeline: one write per request, as fetch --repeat makes. */
  fwrite (out->str, 1, out->len, stdout);
}

/* One entry: expanded, checked, sent. FALSE when it failed in any way. */
static gboolean
run_entry (Runner          *runner,
           PfHttpFileEntry *entry,
           guint            number)
{
  g_autoptr (PfRequest) request = NULL;
  g_autoptr (GError) error = NULL;
  PfCliSendOptions send = { runner->options->json };
  PfFailure failure = PF_FAILURE_NONE;

  /* The entry's own request, or a copy with its {{variables}} filled in: only read. */
  request = pf_request_expand (pf_http_file_entry_get_request (entry), runner->variables, &error);
  if (request != NULL && !pf_request_validate (request, &error))
    g_clear_object (&request);
  print_heading (runner, entry, request, error);
  if (request == NULL)
    return FALSE;
  send.cors = *pf_request_get_origin (request) != '\0';
  if (!pf_cli_send (&send, request, runner->profile, NULL, number, &runner->running, &failure,
                    &error))
    {
      fprintf (stderr, "preflight-cli: %s:%u: %s\n", runner->path,
               pf_http_file_entry_get_line (entry), error->message);
      return FALSE;
    }
  if (!runner->options->json)
    printf ("\n");
  return failure == PF_FAILURE_NONE;
}

static GPtrArray *
chosen_entries (PfHttpFile *file,
                char      **names,
                GError    **error)
{
  GPtrArray *entries = g_ptr_array_new ();

  for (guint i = 0; names == NULL && i < g_list_model_get_n_items (G_LIST_MODEL (file)); i++)
    g_ptr_array_add (entries, pf_http_file_get_entry (file, i));
  for (guint i = 0; names && names[i]; i++)
    {
      PfHttpFileEntry *entry = pf_http_file_find_entry (file, names[i]);

      if (entry == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("No request is named “%s” in the file"), names[i]);
          g_ptr_array_unref (entries);
          return NULL;
        }
      g_ptr_array_add (entries, entry);
    }
  return entries;
}

static int
run_file (Runner *runner)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = chosen_entries (runner->file, runner->options->names, &error);
  gboolean failed = FALSE;
  guint sigint_id;

  if (entries == NULL)
    return pf_cli_usage_error ("%s: %s", runner->path, error->message);
  sigint_id = g_unix_signal_add (SIGINT, interrupt_cb, runner);
  for (guint i = 0; i < entries->len; i++)
    failed = !run_entry (runner, entries->pdata[i], i + 1) || failed;
  g_source_remove (sigint_id);
  return failed ? PF_CLI_EXIT_FAILED : PF_CLI_EXIT_OK;
}

/* preflight-cli run [options] FILE.http */
int
pf_cli_run_file (int    argc,
                 char **argv)
{
  g_auto (RunOptions) options = { 0 };
  g_autoptr (GOptionContext) context = g_option_context_new (_("FILE.http"));
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) location = NULL;
  g_autoptr (PfHttpFile) file = NULL;
  g_autoptr (PfProfile) profile = NULL;
  g_autoptr (GObject) variables = NULL;
  Runner runner = { &options };
  GOptionEntry entries[] = {
    { "env", 'e', 0, G_OPTION_ARG_STRING, &options.env,
      N_("Fill {{variables}} from this environment of http-client.env.json (and the private "
         "file beside it)"), N_("NAME") },
    { "name", 'n', 0, G_OPTION_ARG_STRING_ARRAY, &options.names,
      N_("Run only the request with this # @name (or ### title), repeatable"), N_("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options.json,
      N_("Print JSON Lines: a request line, its timeline and its result, for each request"),
      NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options.rest, NULL, NULL },
    { NULL }
  };

  g_option_context_set_summary (context, _("Run the requests of a .http file (the JetBrains "
                                           "HTTP client and VS Code REST Client format) in "
                                           "order, each the way XMLHttpRequest does."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pf_cli_usage_error ("%s", error->message);
  if (options.rest == NULL || options.rest[0] == NULL || options.rest[1] != NULL)
    return pf_cli_usage_error (_("Give exactly one .http file; run “preflight-cli run --help”"));
  runner.path = options.rest[0];
  location = g_file_new_for_commandline_arg (runner.path);
  if (!(file = pf_http_file_load (location, NULL, &error)) ||
      !(variables = G_OBJECT (build_variables (file, options.env, &error))))
    return pf_cli_usage_error ("%s: %s", runner.path, error->message);
  profile = pf_profile_new ();
  runner.file = file;
  runner.variables = PF_VARIABLE_SOURCE (variables);
  runner.profile = profile;
  return run_file (&runner);
}
