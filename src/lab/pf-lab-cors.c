/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-lab-server"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "pf-lab-endpoints.h"

/* /cors/…: a server whose CORS answers are set by the query, so every rule can be shown
 * offline. A preflight (OPTIONS with Access-Control-Request-Method) gets preflight-status
 * (default 204) and the headers; any other request gets the /echo JSON and the headers.
 * Each request with ?case=ID is logged, for /cors-log?case=ID to tell what a client sent.
 * /cookies/set?NAME=VALUE sets a cookie, to show credentials modes. */

/* The log keeps this many cases, then starts again: it is for the case at hand. */
#define LOG_CASES_MAX 4096

typedef struct
{
  guint preflights;
  guint requests;
  JsonNode *preflight;
  JsonNode *request;
} CaseLog;

static GHashTable *case_logs;

static void
case_log_free (CaseLog *log)
{
  g_clear_pointer (&log->preflight, json_node_unref);
  g_clear_pointer (&log->request, json_node_unref);
  g_free (log);
}

static JsonNode *
headers_node (SoupServerMessage *msg)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  SoupMessageHeadersIter iter;
  const char *name, *value;

  json_builder_begin_array (builder);
  soup_message_headers_iter_init (&iter, soup_server_message_get_request_headers (msg));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      json_builder_begin_array (builder);
      json_builder_add_string_value (builder, name);
      json_builder_add_string_value (builder, value);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  return json_builder_get_root (builder);
}

static void
log_request (SoupServerMessage *msg,
             GHashTable        *query,
             gboolean           preflight)
{
  const char *id = pf_lab_query (query, "case");
  CaseLog *log;

  if (id == NULL)
    return;
  if (case_logs == NULL || g_hash_table_size (case_logs) >= LOG_CASES_MAX)
    {
      g_clear_pointer (&case_logs, g_hash_table_unref);
      case_logs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) case_log_free);
    }
  log = g_hash_table_lookup (case_logs, id);
  if (log == NULL)
    {
      log = g_new0 (CaseLog, 1);
      g_hash_table_insert (case_logs, g_strdup (id), log);
    }
  if (preflight)
    {
      log->preflights++;
      g_clear_pointer (&log->preflight, json_node_unref);
      log->preflight = headers_node (msg);
    }
  else
    {
      log->requests++;
      g_clear_pointer (&log->request, json_node_unref);
      log->request = headers_node (msg);
    }
}

static void
set_from_query (SoupMessageHeaders *headers,
                GHashTable         *query,
                const char         *parameter,
                const char         *header)
{
  const char *value = pf_lab_query (query, parameter);

  if (value != NULL)
    soup_message_headers_replace (headers, header, value);
}

/* allow-origin=echo answers with the request's own Origin. */
static void
set_allow_origin (SoupServerMessage *msg,
                  const char        *value)
{
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  const char *origin = soup_message_headers_get_one (request, "Origin");

  if (value == NULL)
    return;
  if (g_str_equal (value, "echo"))
    value = origin ? origin : "null";
  soup_message_headers_replace (response, "Access-Control-Allow-Origin", value);
}

static void
answer_preflight (SoupServerMessage *msg,
                  GHashTable        *query)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  const char *status_text = pf_lab_query (query, "preflight-status");
  guint64 status = 204;

  if (status_text != NULL &&
      !pf_lab_parse_uint (msg, "Preflight status", status_text, 599, &status))
    return;
  log_request (msg, query, TRUE);
  soup_server_message_set_status (msg, MAX (status, 200), NULL);
  set_allow_origin (msg, pf_lab_query (query, "allow-origin"));
  set_from_query (headers, query, "allow-methods", "Access-Control-Allow-Methods");
  set_from_query (headers, query, "allow-headers", "Access-Control-Allow-Headers");
  set_from_query (headers, query, "allow-credentials", "Access-Control-Allow-Credentials");
  set_from_query (headers, query, "max-age", "Access-Control-Max-Age");
}

void
pf_lab_handle_cors (SoupServerMessage *msg,
                    const char        *rest,
                    GHashTable        *query)
{
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *headers;
  const char *actual_origin = pf_lab_query (query, "actual-allow-origin");
  const char *cookie = pf_lab_query (query, "set-cookie");

  if (g_str_equal (soup_server_message_get_method (msg), "OPTIONS") &&
      soup_message_headers_get_one (request, "Access-Control-Request-Method") != NULL)
    {
      answer_preflight (msg, query);
      return;
    }
  log_request (msg, query, FALSE);
  headers = soup_server_message_get_response_headers (msg);
  if (pf_lab_query (query, "redirect") != NULL)
    {
      /* A redirect that carries the same CORS headers (they are checked on redirects too). */
      pf_lab_respond (msg, SOUP_STATUS_FOUND, "text/plain; charset=utf-8", "Redirecting\n");
      soup_message_headers_replace (headers, "Location", pf_lab_query (query, "redirect"));
    }
  else
    pf_lab_handle_echo (msg, rest, query);
  set_allow_origin (msg, actual_origin ? actual_origin : pf_lab_query (query, "allow-origin"));
  set_from_query (headers, query, "allow-credentials", "Access-Control-Allow-Credentials");
  set_from_query (headers, query, "expose-headers", "Access-Control-Expose-Headers");
  /* Headers a script may read only when they are exposed. */
  soup_message_headers_append (headers, "X-Lab-Secret", "42");
  soup_message_headers_append (headers, "X-Lab-Other", "yes");
  soup_message_headers_append (headers, "Content-Language", "en");
  if (cookie != NULL)
    soup_message_headers_append (headers, "Set-Cookie", cookie);
}

/* For another endpoint's response (/events): logs ?case=ID and answers ?allow-origin= (echo
 * reflects the Origin) and ?allow-credentials= as /cors/ does. */
void
pf_lab_cors_answer (SoupServerMessage *msg,
                    GHashTable        *query)
{
  log_request (msg, query, FALSE);
  set_allow_origin (msg, pf_lab_query (query, "allow-origin"));
  set_from_query (soup_server_message_get_response_headers (msg), query, "allow-credentials",
                  "Access-Control-Allow-Credentials");
}

/* /cors-log?case=ID: what the client sent for that case. */
void
pf_lab_handle_cors_log (SoupServerMessage *msg,
                        const char        *rest,
                        GHashTable        *query)
{
  const char *id = pf_lab_query (query, "case");
  CaseLog *log = id && case_logs ? g_hash_table_lookup (case_logs, id) : NULL;
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *json = NULL;

  if (id == NULL)
    {
      pf_lab_respond_bad (msg, "Give the case as ?case=ID\n");
      return;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "preflights");
  json_builder_add_int_value (builder, log ? log->preflights : 0);
  json_builder_set_member_name (builder, "requests");
  json_builder_add_int_value (builder, log ? log->requests : 0);
  json_builder_set_member_name (builder, "preflight");
  json_builder_add_value (builder, log && log->preflight ? json_node_copy (log->preflight)
                                                         : json_node_new (JSON_NODE_NULL));
  json_builder_set_member_name (builder, "request");
  json_builder_add_value (builder, log && log->request ? json_node_copy (log->request)
                                                       : json_node_new (JSON_NODE_NULL));
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json = json_to_string (root, TRUE);
  pf_lab_respond (msg, SOUP_STATUS_OK, "application/json", json);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Access-Control-Allow-Origin", "*");
}

/* /cookies/set?NAME=VALUE: sets each cookie (path /), then lists what was set. */
void
pf_lab_handle_cookies_set (SoupServerMessage *msg,
                           const char        *rest,
                           GHashTable        *query)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autoptr (GString) text = g_string_new (NULL);
  GHashTableIter iter;
  gpointer name, value;

  if (query == NULL || g_hash_table_size (query) == 0)
    {
      pf_lab_respond_bad (msg, "Give the cookies as ?name=value\n");
      return;
    }
  g_hash_table_iter_init (&iter, query);
  while (g_hash_table_iter_next (&iter, &name, &value))
    {
      g_autofree char *cookie = g_strdup_printf ("%s=%s; Path=/", (char *) name, (char *) value);

      soup_message_headers_append (headers, "Set-Cookie", cookie);
      g_string_append_printf (text, "Set %s\n", cookie);
    }
  pf_lab_respond (msg, SOUP_STATUS_OK, "text/plain; charset=utf-8", text->str);
}
