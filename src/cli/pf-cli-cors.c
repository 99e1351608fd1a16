/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "pf-cli-cors.h"
#include "pf-json-line.h"
#include "pf-key-value.h"
#include "pf-request.h"

/* The "cors" member of a result line, and its readable form. */

static void
append_headers (GString    *out,
                GListModel *headers)
{
  g_string_append_c (out, '[');
  for (guint i = 0; i < g_list_model_get_n_items (headers); i++)
    {
      g_autoptr (PfKeyValue) row = g_list_model_get_item (headers, i);

      g_string_append (out, i > 0 ? ",[" : "[");
      pf_json_append_escaped (out, pf_key_value_get_name (row));
      g_string_append_c (out, ',');
      pf_json_append_escaped (out, pf_key_value_get_value (row));
      g_string_append_c (out, ']');
    }
  g_string_append_c (out, ']');
}

static char *
findings_json (GListModel *findings)
{
  GString *out = g_string_new ("[");

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr (PfCorsFinding) finding = g_list_model_get_item (findings, i);

      if (i > 0)
        g_string_append_c (out, ',');
      pf_json_line_begin (out);
      pf_json_line_string (out, "rule", pf_cors_finding_get_rule (finding));
      pf_json_line_string (out, "header", pf_cors_finding_get_header (finding));
      pf_json_line_string (out, "value", pf_cors_finding_get_value (finding));
      pf_json_line_string (out, "message", pf_cors_finding_get_message (finding));
      /* pf_json_line_end () ends a line; here the object goes on. */
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}

static char *
names_json (const char *const *names)
{
  GString *out = g_string_new ("[");

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      pf_json_append_escaped (out, names[i]);
    }
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}

static char *
dropped_json (GListModel *dropped)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (dropped); i++)
    {
      g_autoptr (PfCorsFinding) finding = g_list_model_get_item (dropped, i);
      g_ptr_array_add (names, (gpointer) pf_cors_finding_get_header (finding));
    }
  g_ptr_array_add (names, NULL);
  return names_json ((const char *const *) names->pdata);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* Same-origin responses are readable whole, but for Set-Cookie. */
static char *
exposed_json (PfCorsFlow *flow,
              PfExchange *exchange)
{
  GListModel *headers = pf_exchange_get_response_headers (exchange);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (pf_cors_flow_get_outcome (flow) != PF_CORS_OUTCOME_SAME_ORIGIN)
    return names_json (pf_cors_flow_get_exposed_headers (flow));
  for (guint i = 0; i < g_list_model_get_n_items (headers); i++)
    {
      g_autoptr (PfKeyValue) row = g_list_model_get_item (headers, i);
      const char *name = pf_key_value_get_name (row);
      gboolean seen = FALSE;

      for (guint j = 0; j < names->len; j++)
        seen = seen || g_ascii_strcasecmp (names->pdata[j], name) == 0;
      if (!seen && pf_exchange_is_header_exposed (exchange, name))
        g_ptr_array_add (names, g_ascii_strdown (name, -1));
    }
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return names_json ((const char *const *) names->pdata);
}

/* [{"origin", "url", "credentials", "method"|"header", "maxAge", "expiresInS"}, …] */
static char *
cache_json (PfPreflightCache *cache)
{
  GListModel *entries;
  GString *out = g_string_new ("[");

  pf_preflight_cache_expire (cache);
  entries = pf_preflight_cache_get_entries (cache);
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr (PfPreflightCacheEntry) entry = g_list_model_get_item (entries, i);
      const char *method = pf_preflight_cache_entry_get_method (entry);
      char seconds[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (seconds, sizeof seconds, "%.3f",
                       pf_preflight_cache_get_remaining_us (cache, entry) / 1e6);
      if (i > 0)
        g_string_append_c (out, ',');
      pf_json_line_begin (out);
      pf_json_line_string (out, "origin", pf_preflight_cache_entry_get_origin (entry));
      pf_json_line_string (out, "url", pf_preflight_cache_entry_get_url (entry));
      pf_json_line_bool (out, "credentials", pf_preflight_cache_entry_get_credentials (entry));
      if (method != NULL)
        pf_json_line_string (out, "method", method);
      else
        pf_json_line_string (out, "header", pf_preflight_cache_entry_get_header_name (entry));
      pf_json_line_uint (out, "maxAge", pf_preflight_cache_entry_get_max_age (entry));
      pf_json_line_raw (out, "expiresInS", seconds);
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}

static const char *
outcome_name (PfCorsFlow *flow)
{
  switch (pf_cors_flow_get_outcome (flow))
    {
    case PF_CORS_OUTCOME_SAME_ORIGIN:
    case PF_CORS_OUTCOME_ALLOWED:
      return "allowed";
    case PF_CORS_OUTCOME_BLOCKED:
      return "blocked";
    case PF_CORS_OUTCOME_PENDING:
    default:
      return "error";
    }
}

static const char *
credentials_name (PfCredentialsMode mode)
{
  return mode == PF_CREDENTIALS_OMIT ? "omit" : mode == PF_CREDENTIALS_INCLUDE ? "include"
                                                                              : "same-origin";
}

/* {"origin", "credentials", "crossOrigin", "preflight", "preflightCached", "reasons",
 *  "preflightRequest": {"headers"}, "preflightResponse": {"status", "headers"} | null,
 *  "outcome", "failures", "exposedHeaders", "droppedHeaders"} */
char *
pf_cli_cors_json (PfCorsFlow *flow,
                  PfExchange *exchange)
{
  GString *out = g_string_new (NULL);
  g_autofree char *reasons = findings_json (pf_cors_flow_get_reasons (flow));
  g_autofree char *failures = findings_json (pf_cors_flow_get_failures (flow));
  g_autofree char *exposed = exposed_json (flow, exchange);
  g_autofree char *dropped = dropped_json (pf_cors_flow_get_dropped (flow));
  g_autofree char *cache = cache_json (pf_cors_flow_get_cache (flow));
  g_autoptr (GString) request = g_string_new ("{\"headers\":");
  g_autoptr (GString) response = g_string_new (NULL);

  append_headers (request, pf_cors_flow_get_preflight_headers (flow));
  g_string_append_c (request, '}');
  if (pf_cors_flow_get_preflight_status (flow) != 0)
    {
      g_string_append_printf (response, "{\"status\":%u,\"headers\":",
                              pf_cors_flow_get_preflight_status (flow));
      append_headers (response, pf_cors_flow_get_preflight_response_headers (flow));
      g_string_append_c (response, '}');
    }
  else
    g_string_append (response, "null");
  pf_json_line_begin (out);
  pf_json_line_string (out, "origin", pf_cors_flow_get_origin (flow));
  pf_json_line_string (out, "methodTyped",
                       pf_request_get_method (pf_exchange_get_request (exchange)));
  pf_json_line_string (out, "method", pf_exchange_get_method (exchange));
  pf_json_line_string (out, "credentials", credentials_name (pf_cors_flow_get_credentials (flow)));
  pf_json_line_bool (out, "crossOrigin", pf_cors_flow_get_cross_origin (flow));
  pf_json_line_bool (out, "preflight", pf_cors_flow_get_preflight (flow));
  pf_json_line_bool (out, "preflightCached", pf_cors_flow_get_preflight_cached (flow));
  pf_json_line_raw (out, "reasons", reasons);
  pf_json_line_raw (out, "preflightRequest", request->str);
  pf_json_line_raw (out, "preflightResponse", response->str);
  pf_json_line_string (out, "outcome", outcome_name (flow));
  pf_json_line_raw (out, "failures", failures);
  pf_json_line_raw (out, "exposedHeaders", exposed);
  pf_json_line_raw (out, "droppedHeaders", dropped);
  pf_json_line_raw (out, "preflightCache", cache);
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

static void
findings_text (GString    *out,
               GListModel *findings,
               const char *bullet)
{
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr (PfCorsFinding) finding = g_list_model_get_item (findings, i);
      g_string_append_printf (out, "  %s %s [%s]\n", bullet, pf_cors_finding_get_message (finding),
                              pf_cors_finding_get_rule (finding));
    }
}

/* Fetch "normalize a method", said aloud. */
static void
method_text (GString    *out,
             const char *typed,
             const char *sent)
{
  g_autofree char *upper = g_ascii_strup (typed, -1);

  if (g_strcmp0 (typed, sent) != 0)
    g_string_append_printf (out, _("The method “%s” is sent as “%s”: browsers upper-case "
                                   "delete, get, head, options, post and put.\n"),
                            typed, sent);
  else if (!g_str_equal (upper, typed))
    g_string_append_printf (out, _("The method “%s” is sent as typed: only delete, get, head, "
                                   "options, post and put are upper-cased.\n"),
                            typed);
}

/* The verdict for a reader: why a preflight, what it was, what blocked the response. */
void
pf_cli_cors_text (GString    *out,
                  PfCorsFlow *flow,
                  PfExchange *exchange)
{
  GListModel *preflight = pf_cors_flow_get_preflight_headers (flow);

  method_text (out, pf_request_get_method (pf_exchange_get_request (exchange)),
               pf_exchange_get_method (exchange));
  if (!pf_cors_flow_get_cross_origin (flow))
    {
      g_string_append_printf (out, _("Same origin as the page (%s): CORS does not apply.\n"),
                              pf_cors_flow_get_origin (flow));
      return;
    }
  if (g_list_model_get_n_items (pf_cors_flow_get_reasons (flow)) == 0)
    g_string_append (out, _("A simple request: no preflight is needed.\n"));
  else
    {
      g_string_append (out, _("A preflight is needed:\n"));
      findings_text (out, pf_cors_flow_get_reasons (flow), "·");
    }
  if (pf_cors_flow_get_preflight_cached (flow))
    g_string_append (out, _("The preflight cache answered; no preflight was sent.\n"));
  for (guint i = 0; i < g_list_model_get_n_items (preflight); i++)
    {
      g_autoptr (PfKeyValue) row = g_list_model_get_item (preflight, i);
      g_string_append_printf (out, "  > %s: %s\n", pf_key_value_get_name (row),
                              pf_key_value_get_value (row));
    }
  if (pf_cors_flow_get_outcome (flow) == PF_CORS_OUTCOME_BLOCKED)
    {
      g_string_append (out, _("Blocked: the page sees a network error (status 0, no headers, "
                              "no body).\n"));
      findings_text (out, pf_cors_flow_get_failures (flow), "✗");
    }
  else if (pf_cors_flow_get_outcome (flow) == PF_CORS_OUTCOME_ALLOWED)
    g_string_append (out, _("Allowed: the page may read the response.\n"));
}
