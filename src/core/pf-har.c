/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-har"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pf-har.h"
#include "pf-cors-finding.h"
#include "pf-cors-flow.h"
#include "pf-key-value.h"
#include "pf-request-body.h"
#include "pf-request-expand.h"
#include "pf-web-socket.h"

/* Exchanges as an HTTP Archive (HAR 1.2, http://www.softwareishard.com/blog/har-12-spec/), as
 * a browser's network panel saves them: an entry per hop (each redirect is an entry whose
 * response names the next URL), the CORS preflight as an entry of its own before the request
 * it cleared, and timings from the network phases the timeline recorded (-1 for a phase that
 * did not happen, ssl counted inside connect as the format asks). Bodies that are not UTF-8
 * text are base64. */

/* One request–response hop of an exchange, and its network phases in ms (-1: did not happen). */
typedef struct
{
  gint64 start_us; /* since the exchange's start */
  double dns, connect, ssl, send, wait, receive;
  gboolean seen;
} Timings;

static void
timings_init (Timings *t)
{
  *t = (Timings){ .start_us = -1, .dns = -1, .connect = -1, .ssl = -1, .send = -1, .wait = -1, .receive = -1, .seen = FALSE };
}

static void
timings_add (Timings *t,
             PfTimelineEntry *phase)
{
  const char *name = pf_timeline_entry_get_name (phase);
  gint64 start = pf_timeline_entry_get_time_us (phase);
  double ms = (pf_timeline_entry_get_end_us (phase) - start) / 1000.0;

  if (!t->seen || start < t->start_us)
    t->start_us = start;
  t->seen = TRUE;
  if (g_str_equal (name, "dns"))
    t->dns = ms;
  else if (g_str_equal (name, "connect"))
    t->connect = MAX (t->connect, 0) + ms;
  else if (g_str_equal (name, "tls"))
    {
      t->ssl = ms;
      t->connect = MAX (t->connect, 0) + ms;
    }
  else if (g_str_equal (name, "send"))
    t->send = ms;
  else if (g_str_equal (name, "wait"))
    t->wait = ms;
  else if (g_str_equal (name, "download"))
    t->receive = ms;
}

static void
add_number (JsonBuilder *builder,
            const char *name,
            double value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, value);
}

static void
add_int (JsonBuilder *builder,
         const char *name,
         gint64 value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_string (JsonBuilder *builder,
            const char *name,
            const char *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value != NULL ? value : "");
}

/* Rounded to the µs, as the phases were measured. */
static double
ms (double value)
{
  return value < 0 ? -1 : (gint64) (value * 1000 + 0.5) / 1000.0;
}

/* "timings", and returns the entry's "time": the sum of the phases that happened. */
static double
add_timings (JsonBuilder *builder,
             const Timings *t)
{
  /* send, wait and receive are required and never -1. */
  double send = MAX (t->send, 0), wait = MAX (t->wait, 0), receive = MAX (t->receive, 0);

  json_builder_set_member_name (builder, "timings");
  json_builder_begin_object (builder);
  add_number (builder, "blocked", -1);
  add_number (builder, "dns", ms (t->dns));
  add_number (builder, "connect", ms (t->connect));
  add_number (builder, "ssl", ms (t->ssl));
  add_number (builder, "send", ms (send));
  add_number (builder, "wait", ms (wait));
  add_number (builder, "receive", ms (receive));
  json_builder_end_object (builder);
  return ms (MAX (t->dns, 0) + MAX (t->connect, 0) + send + wait + receive);
}

static void
add_started (JsonBuilder *builder,
             gint64 real_us)
{
  g_autoptr (GDateTime) time = g_date_time_new_from_unix_utc (real_us / G_USEC_PER_SEC);
  g_autoptr (GDateTime) exact = g_date_time_add (time, real_us % G_USEC_PER_SEC);
  g_autofree char *text = g_date_time_format (exact, "%Y-%m-%dT%H:%M:%S.%fZ");

  /* Milliseconds, as browsers write them: drop the last three digits of %f. */
  memmove (text + strlen (text) - 4, text + strlen (text) - 1, 2);
  add_string (builder, "startedDateTime", text);
}

/* A name/value pair list ("headers", "cookies", "queryString", "params"). */
static void
begin_pairs (JsonBuilder *builder,
             const char *member)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
}

static void
add_pair (JsonBuilder *builder,
          const char *name,
          const char *value)
{
  json_builder_begin_object (builder);
  add_string (builder, "name", name);
  add_string (builder, "value", value);
  json_builder_end_object (builder);
}

static void
add_key_values (JsonBuilder *builder,
                const char *member,
                GListModel *pairs)
{
  begin_pairs (builder, member);
  for (guint i = 0; pairs != NULL && i < g_list_model_get_n_items (pairs); i++)
    {
      g_autoptr (PfKeyValue) pair = g_list_model_get_item (pairs, i);

      add_pair (builder, pf_key_value_get_name (pair), pf_key_value_get_value (pair));
    }
  json_builder_end_array (builder);
}

/* The header lines of a raw head (its first line is the request or status line). */
static void
add_raw_headers (JsonBuilder *builder,
                 const char *head)
{
  g_auto (GStrv) lines = g_strsplit (head != NULL ? head : "", "\n", -1);

  begin_pairs (builder, "headers");
  for (guint i = 1; lines[0] != NULL && lines[i] != NULL; i++)
    {
      char *colon = strchr (lines[i], ':');

      g_strchomp (lines[i]);
      if (colon == NULL || colon == lines[i])
        continue;
      *colon = '\0';
      add_pair (builder, lines[i], g_strchug (colon + 1));
    }
  json_builder_end_array (builder);
}

static const char *
raw_header (const char *head,
            const char *name,
            char **out)
{
  g_auto (GStrv) lines = g_strsplit (head != NULL ? head : "", "\n", -1);
  gsize len = strlen (name);

  for (guint i = 1; lines[0] != NULL && lines[i] != NULL; i++)
    if (g_ascii_strncasecmp (lines[i], name, len) == 0 && lines[i][len] == ':')
      {
        *out = g_strstrip (g_strdup (lines[i] + len + 1));
        return *out;
      }
  return NULL;
}

/* "cookies" of a request: the pairs of its Cookie header. */
static void
add_request_cookies (JsonBuilder *builder,
                     const char *head)
{
  g_autofree char *cookie = NULL;
  g_auto (GStrv) pairs = NULL;

  begin_pairs (builder, "cookies");
  if (raw_header (head, "Cookie", &cookie) != NULL)
    {
      pairs = g_strsplit (cookie, ";", -1);
      for (guint i = 0; pairs[i] != NULL; i++)
        {
          char *eq = strchr (g_strstrip (pairs[i]), '=');

          if (eq == NULL)
            continue;
          *eq = '\0';
          add_pair (builder, pairs[i], eq + 1);
        }
    }
  json_builder_end_array (builder);
}

static void
add_query (JsonBuilder *builder,
           const char *url)
{
  g_autoptr (GUri) uri = g_uri_parse (url, G_URI_FLAGS_ENCODED, NULL);
  const char *query = uri != NULL ? g_uri_get_query (uri) : NULL;
  g_auto (GStrv) parts = g_strsplit (query != NULL ? query : "", "&", -1);

  begin_pairs (builder, "queryString");
  for (guint i = 0; query != NULL && parts[i] != NULL; i++)
    {
      char *eq = strchr (parts[i], '=');
      g_autofree char *name = NULL;
      g_autofree char *value = NULL;

      if (eq != NULL)
        *eq = '\0';
      g_strdelimit (parts[i], "+", ' ');
      name = g_uri_unescape_string (parts[i], NULL);
      if (eq != NULL)
        {
          g_strdelimit (eq + 1, "+", ' ');
          value = g_uri_unescape_string (eq + 1, NULL);
        }
      add_pair (builder, name ? name : parts[i], value ? value : (eq ? eq + 1 : ""));
    }
  json_builder_end_array (builder);
}

/* "text" (and "encoding": "base64" when @bytes are not UTF-8 text). */
static void
add_text (JsonBuilder *builder,
          GBytes *bytes,
          gboolean with_encoding)
{
  gsize size = 0;
  const char *data = bytes ? g_bytes_get_data (bytes, &size) : NULL;
  g_autofree char *base64 = NULL;

  if (data == NULL || (g_utf8_validate_len (data, size, NULL) && memchr (data, 0, size) == NULL))
    {
      g_autofree char *text = g_strndup (data != NULL ? data : "", size);

      add_string (builder, "text", text);
      return;
    }
  base64 = g_base64_encode ((const guchar *) data, size);
  add_string (builder, "text", base64);
  if (with_encoding)
    add_string (builder, "encoding", "base64");
  else
    add_string (builder, "comment", "text is base64: the body is not UTF-8 text");
}

/* HAR 1.2 postData.params: a file part also has the fileName and contentType it went with. */
static void
add_fields (JsonBuilder *builder,
            GListModel *fields)
{
  begin_pairs (builder, "params");
  for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
    {
      g_autoptr (PfKeyValue) field = g_list_model_get_item (fields, i);
      const char *path = pf_key_value_get_value (field);
      g_autofree char *name = NULL;
      g_autofree char *type = NULL;

      if (!pf_key_value_get_enabled (field))
        continue;
      json_builder_begin_object (builder);
      add_string (builder, "name", pf_key_value_get_name (field));
      add_string (builder, "value", path);
      if (pf_key_value_get_is_file (field))
        {
          name = *pf_key_value_get_file_name (field) != '\0'
                     ? g_strdup (pf_key_value_get_file_name (field))
                     : g_path_get_basename (path);
          type = *pf_key_value_get_content_type (field) != '\0'
                     ? g_strdup (pf_key_value_get_content_type (field))
                     : pf_request_body_guess_type (name);
          add_string (builder, "fileName", name);
          add_string (builder, "contentType", type);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_post_data (JsonBuilder *builder,
               PfExchange *exchange)
{
  PfRequestBody *body = pf_exchange_get_request_body (exchange);
  PfRequest *request = pf_exchange_get_request (exchange);
  GBytes *bytes;

  if (body == NULL || pf_request_body_is_null (body))
    return;
  bytes = pf_request_body_get_bytes (body);
  json_builder_set_member_name (builder, "postData");
  json_builder_begin_object (builder);
  add_string (builder, "mimeType", pf_request_body_get_content_type (body));
  if (pf_request_get_body_kind (request) == PF_BODY_URLENCODED ||
      pf_request_get_body_kind (request) == PF_BODY_MULTIPART)
    add_fields (builder, pf_request_get_fields (request));
  else
    {
      begin_pairs (builder, "params");
      json_builder_end_array (builder);
    }
  if (bytes == NULL)
    {
      /* A file body was streamed from its file: name it rather than read it again. */
      add_string (builder, "text", "");
      add_string (builder, "comment", pf_request_get_body_file (request));
    }
  else
    add_text (builder, bytes, FALSE);
  json_builder_end_object (builder);
}

static GBytes *
response_body (PfExchange *exchange,
               char **why_not)
{
  GBytes *bytes = pf_exchange_dup_body_bytes (exchange);
  GFile *file = pf_exchange_get_body_file (exchange);
  g_autoptr (GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (bytes != NULL || file == NULL)
    return bytes;
  if (pf_exchange_get_loaded (exchange) > PF_HAR_CONTENT_MAX)
    {
      g_autofree char *size = g_format_size (pf_exchange_get_loaded (exchange));

      /* Translators: %s is a size such as “80.0 MB” */
      *why_not = g_strdup_printf (_ ("The body (%s) is too large for a HAR file"), size);
      return NULL;
    }
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &error))
    {
      *why_not = g_strdup (error->message);
      return NULL;
    }
  return g_bytes_new_take (contents, length);
}

static void
add_content (JsonBuilder *builder,
             PfExchange *exchange,
             const char *mime_type)
{
  g_autofree char *why_not = NULL;
  g_autoptr (GBytes) body = response_body (exchange, &why_not);

  json_builder_set_member_name (builder, "content");
  json_builder_begin_object (builder);
  add_int (builder, "size", (gint64) pf_exchange_get_loaded (exchange));
  add_string (builder, "mimeType", mime_type != NULL ? mime_type : "x-unknown");
  if (why_not != NULL)
    add_string (builder, "comment", why_not);
  else
    add_text (builder, body, TRUE);
  json_builder_end_object (builder);
}

static void
add_response_cookies (JsonBuilder *builder,
                      SoupMessageHeaders *headers)
{
  SoupMessageHeadersIter iter;
  const char *name, *value;

  begin_pairs (builder, "cookies");
  if (headers != NULL)
    for (soup_message_headers_iter_init (&iter, headers);
         soup_message_headers_iter_next (&iter, &name, &value);)
      {
        g_autoptr (SoupCookie) cookie = NULL;

        if (g_ascii_strcasecmp (name, "Set-Cookie") != 0 ||
            (cookie = soup_cookie_parse (value, NULL)) == NULL)
          continue;
        json_builder_begin_object (builder);
        add_string (builder, "name", soup_cookie_get_name (cookie));
        add_string (builder, "value", soup_cookie_get_value (cookie));
        add_string (builder, "path", soup_cookie_get_path (cookie));
        if (soup_cookie_get_domain (cookie) != NULL)
          add_string (builder, "domain", soup_cookie_get_domain (cookie));
        if (soup_cookie_get_expires (cookie) != NULL)
          {
            g_autofree char *expires = g_date_time_format_iso8601 (soup_cookie_get_expires (cookie));

            add_string (builder, "expires", expires);
          }
        json_builder_set_member_name (builder, "httpOnly");
        json_builder_add_boolean_value (builder, soup_cookie_get_http_only (cookie));
        json_builder_set_member_name (builder, "secure");
        json_builder_add_boolean_value (builder, soup_cookie_get_secure (cookie));
        json_builder_end_object (builder);
      }
  json_builder_end_array (builder);
}

static void
add_soup_headers (JsonBuilder *builder,
                  SoupMessageHeaders *headers)
{
  SoupMessageHeadersIter iter;
  const char *name, *value;

  begin_pairs (builder, "headers");
  if (headers != NULL)
    for (soup_message_headers_iter_init (&iter, headers);
         soup_message_headers_iter_next (&iter, &name, &value);)
      add_pair (builder, name, value);
  json_builder_end_array (builder);
}

/* A request object of a hop whose head was not kept (a redirect's, a preflight's). */
static void
add_bare_request (JsonBuilder *builder,
                  const char *method,
                  const char *url,
                  const char *version,
                  GListModel *headers)
{
  json_builder_set_member_name (builder, "request");
  json_builder_begin_object (builder);
  add_string (builder, "method", method);
  add_string (builder, "url", url);
  add_string (builder, "httpVersion", version);
  begin_pairs (builder, "cookies");
  json_builder_end_array (builder);
  add_key_values (builder, "headers", headers);
  add_query (builder, url);
  add_int (builder, "headersSize", -1);
  add_int (builder, "bodySize", 0);
  json_builder_end_object (builder);
}

static void
add_bare_response (JsonBuilder *builder,
                   guint status,
                   const char *version,
                   GListModel *headers,
                   const char *redirect)
{
  json_builder_set_member_name (builder, "response");
  json_builder_begin_object (builder);
  add_int (builder, "status", status);
  add_string (builder, "statusText", soup_status_get_phrase (status));
  add_string (builder, "httpVersion", version);
  begin_pairs (builder, "cookies");
  json_builder_end_array (builder);
  add_key_values (builder, "headers", headers);
  json_builder_set_member_name (builder, "content");
  json_builder_begin_object (builder);
  add_int (builder, "size", 0);
  add_string (builder, "mimeType", "x-unknown");
  json_builder_end_object (builder);
  add_string (builder, "redirectURL", redirect);
  add_int (builder, "headersSize", -1);
  add_int (builder, "bodySize", -1);
  json_builder_end_object (builder);
}

static void
end_entry (JsonBuilder *builder,
           PfExchange *exchange,
           const Timings *timings,
           const char *comment)
{
  const char *address = pf_exchange_get_remote_address (exchange);
  double time;

  json_builder_set_member_name (builder, "cache");
  json_builder_begin_object (builder);
  json_builder_end_object (builder);
  time = add_timings (builder, timings);
  add_number (builder, "time", time);
  if (address != NULL && *address != '\0')
    {
      const char *colon = strrchr (address, ':');
      g_autofree char *ip = colon ? g_strndup (address, colon - address) : g_strdup (address);

      g_strdelimit (ip, "[]", ' ');
      add_string (builder, "serverIPAddress", g_strstrip (ip));
    }
  if (comment != NULL)
    add_string (builder, "comment", comment);
  json_builder_end_object (builder);
}

static void
begin_entry (JsonBuilder *builder,
             PfExchange *exchange,
             const Timings *timings)
{
  gint64 offset = timings->seen ? MAX (timings->start_us, 0) : 0;

  json_builder_begin_object (builder);
  add_started (builder, pf_exchange_get_started_real_us (exchange) + offset);
}

static void
add_preflight_entry (JsonBuilder *builder,
                     PfExchange *exchange,
                     PfCorsFlow *flow,
                     const char *url,
                     const Timings *timings)
{
  const char *version = pf_exchange_get_http_version (exchange);

  GListModel *headers = pf_cors_flow_get_preflight_response_headers (flow);
  const char *location = "";

  for (guint i = 0; headers != NULL && i < g_list_model_get_n_items (headers); i++)
    {
      g_autoptr (PfKeyValue) header = g_list_model_get_item (headers, i);

      if (g_ascii_strcasecmp (pf_key_value_get_name (header), "Location") == 0)
        location = pf_key_value_get_value (header);
    }
  begin_entry (builder, exchange, timings);
  add_bare_request (builder, "OPTIONS", url, version, pf_cors_flow_get_preflight_headers (flow));
  add_bare_response (builder, pf_cors_flow_get_preflight_status (flow), version, headers,
                     location);
  end_entry (builder, exchange, timings, _ ("CORS preflight"));
}

static void
add_redirect_entry (JsonBuilder *builder,
                    PfExchange *exchange,
                    const char *method,
                    const char *url,
                    guint status,
                    const char *location,
                    const Timings *timings)
{
  const char *version = pf_exchange_get_http_version (exchange);
  g_autoptr (GListStore) headers = g_list_store_new (PF_TYPE_KEY_VALUE);
  g_autoptr (PfKeyValue) header = pf_key_value_new ("Location", location);

  g_list_store_append (headers, header);
  begin_entry (builder, exchange, timings);
  add_bare_request (builder, method, url, version, NULL);
  add_bare_response (builder, status, version, G_LIST_MODEL (headers), location);
  end_entry (builder, exchange, timings, NULL);
}

/* A request that never went out (a preflight blocked it, the URL failed): the headers it
 * would have had, as a browser's panel shows them, the page's Origin among them. */
static void
add_unsent_headers (JsonBuilder *builder,
                    PfExchange *exchange)
{
  GListModel *headers = pf_request_get_headers (pf_exchange_get_request (exchange));
  PfCorsFlow *flow = pf_cors_flow_get_for (exchange);

  begin_pairs (builder, "headers");
  for (guint i = 0; i < g_list_model_get_n_items (headers); i++)
    {
      g_autoptr (PfKeyValue) header = g_list_model_get_item (headers, i);

      if (pf_key_value_get_enabled (header) && *pf_key_value_get_name (header) != '\0')
        add_pair (builder, pf_key_value_get_name (header), pf_key_value_get_value (header));
    }
  if (flow != NULL && pf_cors_flow_get_cross_origin (flow))
    add_pair (builder, "Origin", pf_cors_flow_get_origin (flow));
  json_builder_end_array (builder);
}

/* The final hop's request as it went out: its raw head, its body. */
static void
add_request (JsonBuilder *builder,
             PfExchange *exchange)
{
  const char *head = pf_exchange_get_raw_request_head (exchange);

  json_builder_set_member_name (builder, "request");
  json_builder_begin_object (builder);
  add_string (builder, "method", pf_exchange_get_method (exchange));
  add_string (builder, "url", pf_exchange_get_url (exchange));
  add_string (builder, "httpVersion", pf_exchange_get_http_version (exchange));
  add_request_cookies (builder, head);
  if (head != NULL)
    add_raw_headers (builder, head);
  else
    add_unsent_headers (builder, exchange);
  add_query (builder, pf_exchange_get_url (exchange));
  add_post_data (builder, exchange);
  add_int (builder, "headersSize", head ? (gint64) pf_exchange_get_request_head_size (exchange) : -1);
  add_int (builder, "bodySize", (gint64) pf_exchange_get_request_body_size (exchange));
  json_builder_end_object (builder);
}

static void
add_response (JsonBuilder *builder,
              PfExchange *exchange)
{
  SoupMessageHeaders *headers = pf_exchange_get_response_head (exchange);
  guint status = pf_exchange_get_server_status (exchange);
  const char *location = headers ? soup_message_headers_get_one (headers, "Location") : NULL;

  json_builder_set_member_name (builder, "response");
  json_builder_begin_object (builder);
  add_int (builder, "status", status);
  add_string (builder, "statusText", status ? soup_status_get_phrase (status) : "");
  add_string (builder, "httpVersion", pf_exchange_get_http_version (exchange));
  add_response_cookies (builder, headers);
  add_soup_headers (builder, headers);
  add_content (builder, exchange,
               headers ? soup_message_headers_get_one (headers, "Content-Type") : NULL);
  add_string (builder, "redirectURL", location);
  add_int (builder, "headersSize",
           headers ? (gint64) pf_exchange_get_response_head_size (exchange) : -1);
  add_int (builder, "bodySize",
           headers ? (gint64) pf_exchange_get_response_body_transferred (exchange) : -1);
  json_builder_end_object (builder);
}

/* What the entry's comment says: the CORS verdict and the failure, if any. */
static char *
entry_comment (PfExchange *exchange)
{
  PfCorsFlow *flow = pf_cors_flow_get_for (exchange);
  g_autoptr (GString) out = g_string_new (NULL);
  GListModel *failures = flow ? pf_cors_flow_get_failures (flow) : NULL;

  if (flow != NULL && pf_cors_flow_get_cross_origin (flow))
    {
      g_string_append_printf (out, "CORS %s", pf_cors_flow_get_outcome_name (flow));
      if (failures != NULL && g_list_model_get_n_items (failures) > 0)
        {
          g_autoptr (PfCorsFinding) first = g_list_model_get_item (failures, 0);

          g_string_append_printf (out, ": %s", pf_cors_finding_get_message (first));
        }
    }
  if (pf_exchange_get_error_message (exchange) != NULL)
    g_string_append_printf (out, "%s%s", out->len ? "; " : "",
                            pf_exchange_get_error_message (exchange));
  return out->len ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

static void
add_final_entry (JsonBuilder *builder,
                 PfExchange *exchange,
                 const Timings *timings)
{
  g_autofree char *comment = entry_comment (exchange);

  begin_entry (builder, exchange, timings);
  add_request (builder, exchange);
  add_response (builder, exchange);
  end_entry (builder, exchange, timings, comment);
}

static void
add_exchange (JsonBuilder *builder,
              PfExchange *exchange)
{
  GListModel *timeline = pf_exchange_get_timeline (exchange);
  PfCorsFlow *flow = pf_cors_flow_get_for (exchange);
  g_autofree char *method = pf_request_dup_effective_method (pf_exchange_get_request (exchange));
  g_autofree char *url = pf_request_build_url (pf_exchange_get_request (exchange), NULL);
  Timings preflight, hop;

  timings_init (&preflight);
  timings_init (&hop);
  for (guint i = 0; i < g_list_model_get_n_items (timeline); i++)
    {
      g_autoptr (PfTimelineEntry) entry = g_list_model_get_item (timeline, i);
      PfTimelineKind kind = pf_timeline_entry_get_kind (entry);

      if (kind == PF_TIMELINE_PHASE &&
          g_strcmp0 (pf_timeline_entry_get_detail (entry), "preflight") == 0)
        timings_add (&preflight, entry);
      else if (kind == PF_TIMELINE_PHASE)
        timings_add (&hop, entry);
      else if (kind == PF_TIMELINE_REDIRECT)
        {
          add_redirect_entry (builder, exchange, method, url ? url : "",
                              pf_timeline_entry_get_status (entry),
                              pf_timeline_entry_get_detail (entry), &hop);
          g_free (url);
          url = g_strdup (pf_timeline_entry_get_detail (entry));
          timings_init (&hop);
        }
    }
  if (flow != NULL && pf_cors_flow_get_preflight (flow) && !pf_cors_flow_get_preflight_cached (flow))
    add_preflight_entry (builder, exchange, flow, pf_exchange_get_url (exchange), &preflight);
  add_final_entry (builder, exchange, &hop);
}

/* {"log": {"version", "creator", "entries": [ … ]}}: the entries go between the two. */
static void
begin_log (JsonBuilder *builder)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "log");
  json_builder_begin_object (builder);
  add_string (builder, "version", "1.2");
  json_builder_set_member_name (builder, "creator");
  json_builder_begin_object (builder);
  add_string (builder, "name", "Preflight");
  add_string (builder, "version", PACKAGE_VERSION);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "entries");
  json_builder_begin_array (builder);
}

static void
end_log (JsonBuilder *builder)
{
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

/* How many entries add_exchange () writes for @exchange. */
static guint
entries_of_exchange (PfExchange *exchange)
{
  GListModel *timeline = pf_exchange_get_timeline (exchange);
  PfCorsFlow *flow = pf_cors_flow_get_for (exchange);
  guint n = 1;

  for (guint i = 0; i < g_list_model_get_n_items (timeline); i++)
    {
      g_autoptr (PfTimelineEntry) entry = g_list_model_get_item (timeline, i);

      n += pf_timeline_entry_get_kind (entry) == PF_TIMELINE_REDIRECT;
    }
  if (flow != NULL && pf_cors_flow_get_preflight (flow) && !pf_cors_flow_get_preflight_cached (flow))
    n++;
  return n;
}

/* Every string under @node with the values of @secrets masked. */
static void
mask_node (JsonNode *node,
           const char *const *secrets)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, NULL, &member))
        mask_node (member, secrets);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        mask_node (json_array_get_element (array, i), secrets);
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_autofree char *masked = pf_variables_mask (json_node_get_string (node), secrets);

      json_node_set_string (node, masked);
    }
}

static void
mask_secrets (JsonNode *root,
              PfExchange *const *exchanges,
              guint n_exchanges)
{
  JsonArray *entries = json_object_get_array_member (
      json_object_get_object_member (json_node_get_object (root), "log"), "entries");
  guint start = 0;

  for (guint i = 0; i < n_exchanges; i++)
    {
      const char *const *secrets = pf_exchange_get_secrets (exchanges[i]);
      guint end = start + entries_of_exchange (exchanges[i]);

      for (guint k = start; secrets != NULL && secrets[0] != NULL && k < end; k++)
        mask_node (json_array_get_element (entries, k), secrets);
      start = end;
    }
}

/* A HAR log of @exchanges, in their order; spooled bodies are read from their files (up to
 * PF_HAR_CONTENT_MAX each), so call it off the main thread for big ones. The values of each
 * exchange's secret variables are masked in its entries unless @flags say otherwise (a body
 * kept in base64 is left as it is). */
JsonNode *
pf_har_new (PfExchange *const *exchanges,
            guint n_exchanges,
            PfHarFlags flags)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  JsonNode *root;

  begin_log (builder);
  for (guint i = 0; i < n_exchanges; i++)
    add_exchange (builder, exchanges[i]);
  end_log (builder);
  root = json_builder_get_root (builder);
  if (!(flags & PF_HAR_INCLUDE_SECRETS))
    mask_secrets (root, exchanges, n_exchanges);
  return root;
}

/* WebSocket: one entry, the handshake, with its frames as Chromium's "_webSocketMessages" */

static void
add_web_socket_message (JsonBuilder *builder,
                        PfWebSocketFrame *frame,
                        gint64 started_real_us)
{
  PfWebSocketFrameKind kind = pf_web_socket_frame_get_kind (frame);
  GBytes *bytes = pf_web_socket_frame_get_bytes (frame);
  gsize size = 0;
  const guchar *data = bytes ? g_bytes_get_data (bytes, &size) : NULL;
  g_autofree char *base64 = NULL;

  json_builder_begin_object (builder);
  add_string (builder, "type", pf_web_socket_frame_get_sent (frame) ? "send" : "receive");
  add_number (builder, "time",
              (started_real_us + pf_web_socket_frame_get_time_us (frame)) / (double) G_USEC_PER_SEC);
  add_int (builder, "opcode", kind == PF_WEB_SOCKET_FRAME_TEXT ? 1 : 2);
  if (kind == PF_WEB_SOCKET_FRAME_TEXT)
    add_string (builder, "data", pf_web_socket_frame_get_text (frame));
  else
    {
      base64 = g_base64_encode (data, size);
      add_string (builder, "data", base64);
    }
  json_builder_end_object (builder);
}

/* The frames a page's onmessage and send () saw: text and binary (not pings, pongs, closes). */
static gint64
add_web_socket_messages (JsonBuilder *builder,
                         PfWebSocket *socket,
                         gint64 *opened_us)
{
  GListModel *frames = pf_web_socket_get_frames (socket);
  gint64 last_us = 0;

  json_builder_set_member_name (builder, "_webSocketMessages");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (frames); i++)
    {
      g_autoptr (PfWebSocketFrame) frame = g_list_model_get_item (frames, i);
      PfWebSocketFrameKind kind = pf_web_socket_frame_get_kind (frame);

      last_us = pf_web_socket_frame_get_time_us (frame);
      if (kind == PF_WEB_SOCKET_FRAME_OPEN && *opened_us < 0)
        *opened_us = last_us;
      if (kind == PF_WEB_SOCKET_FRAME_TEXT || kind == PF_WEB_SOCKET_FRAME_BINARY)
        add_web_socket_message (builder, frame, pf_web_socket_get_started_real_us (socket));
    }
  json_builder_end_array (builder);
  return last_us;
}

static void
add_web_socket_entry (JsonBuilder *builder,
                      PfWebSocket *socket)
{
  SoupMessage *msg = pf_web_socket_get_handshake (socket);
  guint status = msg ? soup_message_get_status (msg) : 0;
  const char *version = msg && soup_message_get_http_version (msg) == SOUP_HTTP_2_0 ? "HTTP/2"
                                                                                    : "HTTP/1.1";
  gint64 opened_us = -1, last_us;
  Timings timings;

  timings_init (&timings);
  json_builder_begin_object (builder);
  add_started (builder, pf_web_socket_get_started_real_us (socket));
  json_builder_set_member_name (builder, "request");
  json_builder_begin_object (builder);
  add_string (builder, "method", "GET");
  add_string (builder, "url", pf_web_socket_get_url (socket));
  add_string (builder, "httpVersion", version);
  begin_pairs (builder, "cookies");
  json_builder_end_array (builder);
  add_soup_headers (builder, msg ? soup_message_get_request_headers (msg) : NULL);
  add_query (builder, pf_web_socket_get_url (socket));
  add_int (builder, "headersSize", -1);
  add_int (builder, "bodySize", 0);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "response");
  json_builder_begin_object (builder);
  add_int (builder, "status", status);
  add_string (builder, "statusText", status ? soup_status_get_phrase (status) : "");
  add_string (builder, "httpVersion", version);
  add_response_cookies (builder, msg ? soup_message_get_response_headers (msg) : NULL);
  add_soup_headers (builder, msg ? soup_message_get_response_headers (msg) : NULL);
  json_builder_set_member_name (builder, "content");
  json_builder_begin_object (builder);
  add_int (builder, "size", 0);
  add_string (builder, "mimeType", "x-unknown");
  json_builder_end_object (builder);
  add_string (builder, "redirectURL", "");
  add_int (builder, "headersSize", -1);
  add_int (builder, "bodySize", -1);
  json_builder_end_object (builder);
  add_string (builder, "_resourceType", "websocket");
  last_us = add_web_socket_messages (builder, socket, &opened_us);
  /* The handshake's time until open; the connection's life after it is the messages'. */
  timings.wait = opened_us >= 0 ? opened_us / 1000.0 : last_us / 1000.0;
  json_builder_set_member_name (builder, "cache");
  json_builder_begin_object (builder);
  json_builder_end_object (builder);
  add_number (builder, "time", add_timings (builder, &timings));
  json_builder_end_object (builder);
}

/* A HAR log of one WebSocket: its handshake as the entry, every text and binary message in
 * "_webSocketMessages" as Chromium saves them (binary in base64, times in seconds since the
 * epoch). */
JsonNode *
pf_har_new_for_web_socket (PfWebSocket *socket)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (PF_IS_WEB_SOCKET (socket), NULL);
  begin_log (builder);
  add_web_socket_entry (builder, socket);
  end_log (builder);
  return json_builder_get_root (builder);
}

char *
pf_har_to_data (JsonNode *har,
                gsize *length)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, har);
  return json_generator_to_data (generator, length);
}

gboolean
pf_har_save (PfExchange *const *exchanges,
             guint n_exchanges,
             PfHarFlags flags,
             GFile *file,
             GError **error)
{
  g_autoptr (JsonNode) har = pf_har_new (exchanges, n_exchanges, flags);
  gsize length = 0;
  g_autofree char *data = pf_har_to_data (har, &length);
  g_autofree char *path = g_file_get_path (file);

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  if (path == NULL)
    return g_file_replace_contents (file, data, length, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                    NULL, error);
  return g_file_set_contents_full (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT, 0666,
                                   error);
}

typedef struct
{
  GPtrArray *exchanges;
  PfHarFlags flags;
  GFile *file;
} SaveJob;

static void
save_job_free (gpointer data)
{
  SaveJob *job = data;

  g_ptr_array_unref (job->exchanges);
  g_object_unref (job->file);
  g_free (job);
}

static void
save_thread (GTask *task,
             gpointer source,
             gpointer data,
             GCancellable *cancellable)
{
  SaveJob *job = data;
  GError *error = NULL;

  if (pf_har_save ((PfExchange *const *) job->exchanges->pdata, job->exchanges->len, job->flags,
                   job->file, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* pf_har_save () on a worker thread, for the window: a spooled body is read there. The
 * exchanges must have finished (a finished exchange no longer changes). */
void
pf_har_save_async (PfExchange *const *exchanges,
                   guint n_exchanges,
                   PfHarFlags flags,
                   GFile *file,
                   GCancellable *cancellable,
                   GAsyncReadyCallback callback,
                   gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  SaveJob *job = g_new0 (SaveJob, 1);

  job->exchanges = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_exchanges; i++)
    g_ptr_array_add (job->exchanges, g_object_ref (exchanges[i]));
  job->flags = flags;
  job->file = g_object_ref (file);
  g_task_set_source_tag (task, pf_har_save_async);
  g_task_set_task_data (task, job, save_job_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
pf_har_save_finish (GAsyncResult *result,
                    GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
