/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "pf-cli-send.h"
#include "pf-cli.h"
#include "pf-har-entry.h"
#include "pf-json-line.h"

/* preflight-cli har FILE [--send N]…: the entries of a HAR file a browser saved, and each one
 * sent again as that page would (CORS emulation when the browser sent an Origin), so that a
 * request the browser blocked shows the rule that blocked it. */

typedef struct
{
  int *send;
  gsize n_send;
  gboolean json;
  char **rest;
} HarOptions;

static void
har_options_clear (HarOptions *options)
{
  g_free (options->send);
  g_strfreev (options->rest);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (HarOptions, har_options_clear)

static gboolean
send_option_cb (const char *name,
                const char *value,
                gpointer data,
                GError **error)
{
  HarOptions *options = data;
  char *end = NULL;
  gint64 n = g_ascii_strtoll (value, &end, 10);

  if (end == value || *end != '\0' || n < 1 || n > G_MAXINT)
    {
      /* Translators: %s is what was typed after --send */
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--send takes an entry’s number (1, 2, …), not “%s”"), value);
      return FALSE;
    }
  options->send = g_renew (int, options->send, options->n_send + 1);
  options->send[options->n_send++] = (int) n;
  return TRUE;
}

static void
print_entry (PfHarEntry *entry,
             guint number,
             gboolean json)
{
  const char *const *notes = pf_har_entry_get_notes (entry);
  const char *failure = pf_har_entry_get_error (entry);
  g_autoptr (GString) out = g_string_new (NULL);

  if (!json)
    {
      g_string_append_printf (out, "%3u  %-7s %s  → %u%s%s", number, pf_har_entry_get_method (entry),
                              pf_har_entry_get_url (entry), pf_har_entry_get_status (entry),
                              failure ? " " : "", failure ? failure : "");
      if (pf_har_entry_get_origin (entry) != NULL)
        /* Translators: %s is the page origin a HAR entry was sent from */
        g_string_append_printf (out, _("  (from %s)"), pf_har_entry_get_origin (entry));
      printf ("%s\n", out->str);
      return;
    }
  pf_json_line_begin (out);
  pf_json_line_string (out, "type", "entry");
  pf_json_line_uint (out, "entry", number);
  pf_json_line_string (out, "method", pf_har_entry_get_method (entry));
  pf_json_line_string (out, "url", pf_har_entry_get_url (entry));
  pf_json_line_uint (out, "status", pf_har_entry_get_status (entry));
  pf_json_line_string (out, "statusText", pf_har_entry_get_status_text (entry));
  pf_json_line_string (out, "error", failure);
  pf_json_line_string (out, "origin", pf_har_entry_get_origin (entry));
  pf_json_line_bool (out, "failed", pf_har_entry_get_failed (entry));
  pf_json_line_uint (out, "notes", g_strv_length ((char **) notes));
  pf_json_line_end (out);
  fwrite (out->str, 1, out->len, stdout);
}

/* Entry @number sent again; FALSE when it failed (or its number is not in the file). */
static gboolean
send_entry (GListModel *entries,
            guint number,
            gboolean json,
            PfProfile *profile,
            gboolean *usage,
            GError **error)
{
  g_autoptr (PfHarEntry) entry = number <= g_list_model_get_n_items (entries)
                                     ? g_list_model_get_item (entries, number - 1)
                                     : NULL;
  PfCliSendOptions send = { json };
  PfExchange *running = NULL;
  PfFailure failure = PF_FAILURE_NONE;
  const char *const *notes;

  if (entry == NULL)
    {
      *usage = TRUE;
      /* Translators: %u is an entry number, then how many entries the file has */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("No entry %u: the file has %u"), number, g_list_model_get_n_items (entries));
      return FALSE;
    }
  notes = pf_har_entry_get_notes (entry);
  for (guint i = 0; notes[i] != NULL; i++)
    g_printerr ("preflight-cli: %s\n", notes[i]);
  send.cors = pf_har_entry_get_origin (entry) != NULL;
  if (!pf_cli_send (&send, pf_har_entry_get_request (entry), profile, NULL, number, &running,
                    &failure, error))
    {
      *usage = TRUE;
      return FALSE;
    }
  return failure == PF_FAILURE_NONE;
}

static int
run_har (HarOptions *options,
         GListModel *entries)
{
  g_autoptr (PfProfile) profile = pf_profile_new ();
  gboolean failed = FALSE;

  if (options->n_send == 0)
    {
      for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
        {
          g_autoptr (PfHarEntry) entry = g_list_model_get_item (entries, i);

          print_entry (entry, i + 1, options->json);
        }
      return PF_CLI_EXIT_OK;
    }
  for (gsize i = 0; i < options->n_send; i++)
    {
      g_autoptr (GError) error = NULL;
      gboolean usage = FALSE;

      if (!send_entry (entries, options->send[i], options->json, profile, &usage, &error))
        {
          if (usage)
            return pf_cli_usage_error ("%s", error->message);
          failed = TRUE;
        }
    }
  return failed ? PF_CLI_EXIT_FAILED : PF_CLI_EXIT_OK;
}

/* preflight-cli har [--send N]… [--json] FILE */
int
pf_cli_har (int argc,
            char **argv)
{
  g_auto (HarOptions) options = { 0 };
  g_autoptr (GOptionContext) context = g_option_context_new (_("FILE.har"));
  g_autoptr (GOptionGroup) group = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) entries = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  GOptionEntry option_entries[] = {
    { "send", 0, 0, G_OPTION_ARG_CALLBACK, send_option_cb,
      N_("Send entry N again, as the page that sent it would (repeatable)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options.json, N_("JSON Lines"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options.rest, NULL, NULL },
    { NULL },
  };

  group = g_option_group_new ("har", NULL, NULL, &options, NULL);
  g_option_group_add_entries (group, option_entries);
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_context_set_main_group (context, g_steal_pointer (&group));
  g_option_context_set_summary (
      context, _("Lists the entries of a HAR file saved by a browser, or sends them again."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pf_cli_usage_error ("%s", error->message);
  if (options.rest == NULL || options.rest[0] == NULL || options.rest[1] != NULL)
    return pf_cli_usage_error ("%s", _("har takes one HAR file"));
  if (!g_file_get_contents (options.rest[0], &contents, &length, &error))
    return pf_cli_usage_error ("%s", error->message);
  entries = pf_har_entry_list_new_from_data (contents, length, &error);
  if (entries == NULL)
    return pf_cli_usage_error ("%s: %s", options.rest[0], error->message);
  return run_har (&options, entries);
}
