/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "pf-cli-cors.h"
#include "pf-cli-output.h"
#include "pf-cli-tls.h"
#include "pf-exchange-script.h"
#include "pf-json-line.h"

/* How preflight-cli fetch prints an exchange: JSON Lines (a stable interface) or a
 * readable timeline followed by the status line, headers and body. */

#define LITERAL(out, literal) PF_JSON_APPEND_LITERAL (out, literal)

/* The lines every request has — its events, network phases and chunks — are laid out here,
 * their member names written with the punctuation around them as one literal each (what
 * pf_json_line_* () would write, member by member, for the others). */
/* A string value, or null, as pf_json_line_string () writes it. */
static void
string_value (GString    *out,
              const char *value)
{
  if (value == NULL)
    LITERAL (out, "null");
  else
    pf_json_append_escaped (out, value);
}

static void
event_json (GString                *out,
            const PfTimelineRecord *entry)
{
  if (entry->target == PF_TARGET_UPLOAD)
    LITERAL (out, ",\"target\":\"upload\",\"type\":");
  else
    LITERAL (out, ",\"target\":\"xhr\",\"type\":");
  string_value (out, entry->name);
  LITERAL (out, ",\"readyState\":");
  pf_json_append_uint (out, entry->ready_state);
  LITERAL (out, ",\"loaded\":");
  pf_json_append_uint (out, entry->loaded);
  LITERAL (out, ",\"total\":");
  pf_json_append_uint (out, entry->total);
  if (pf_timeline_record_length_computable (entry))
    LITERAL (out, ",\"lengthComputable\":true}\n");
  else
    LITERAL (out, ",\"lengthComputable\":false}\n");
}

static void
phase_json (GString                *out,
            const PfTimelineRecord *entry)
{
  LITERAL (out, ",\"type\":\"phase\",\"name\":");
  string_value (out, entry->name);
  LITERAL (out, ",\"start_ms\":");
  pf_json_append_ms (out, entry->time_us);
  LITERAL (out, ",\"end_ms\":");
  pf_json_append_ms (out, entry->end_us);
  if (entry->detail != NULL)
    {
      LITERAL (out, ",\"exchange\":");
      pf_json_append_escaped (out, entry->detail);
    }
  LITERAL (out, "}\n");
}

static void
chunk_json (GString                *out,
            const PfTimelineRecord *entry)
{
  LITERAL (out, ",\"type\":\"chunk\",\"size\":");
  pf_json_append_uint (out, entry->loaded);
  LITERAL (out, ",\"text\":");
  string_value (out, entry->detail);
  LITERAL (out, "}\n");
}

static void
entry_json (GString                *out,
            const PfTimelineRecord *entry)
{
  LITERAL (out, "{\"t_ms\":");
  pf_json_append_ms (out, entry->time_us);
  if (entry->kind == PF_TIMELINE_EVENT)
    {
      event_json (out, entry);
      return;
    }
  if (entry->kind == PF_TIMELINE_PHASE)
    {
      phase_json (out, entry);
      return;
    }
  if (entry->kind == PF_TIMELINE_CHUNK)
    {
      chunk_json (out, entry);
      return;
    }
  if (entry->kind == PF_TIMELINE_CORS)
    {
      pf_json_line_string (out, "type", "cors");
      pf_json_line_string (out, "name", entry->name);
      if (entry->status != 0)
        pf_json_line_uint (out, "status", entry->status);
      pf_json_line_string (out, "detail", entry->detail);
    }
  else if (entry->kind == PF_TIMELINE_AUTH)
    {
      pf_json_line_string (out, "type", "auth");
      pf_json_line_string (out, "name", entry->name);
      if (entry->status != 0)
        pf_json_line_uint (out, "status", entry->status);
      if (entry->detail != NULL)
        pf_json_line_string (out, "detail", entry->detail);
    }
  else if (entry->kind == PF_TIMELINE_REDIRECT)
    {
      pf_json_line_string (out, "type", "redirect");
      pf_json_line_uint (out, "status", entry->status);
      pf_json_line_string (out, "location", entry->detail);
    }
  pf_json_line_end (out);
}

static void
entry_text (GString                *out,
            const PfTimelineRecord *entry)
{
  g_autofree char *line = pf_timeline_record_describe (entry);
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buffer, sizeof buffer, "%9.1f", entry->time_us / 1000.0);
  g_string_append_printf (out, "%s ms  %s\n", buffer, line);
}

void
pf_cli_output_entry (PfCliOutput            *output,
                     const PfTimelineRecord *entry)
{
  if (output->json)
    entry_json (output->out, entry);
  else
    entry_text (output->out, entry);
}

/* The response headers in order; with @exchange, only those its script may read. */
static void
headers_array (GString            *out,
               SoupMessageHeaders *headers,
               PfExchange         *exchange)
{
  SoupMessageHeadersIter iter;
  const char *name, *value;
  gboolean first = TRUE;

  g_string_append_c (out, '[');
  if (headers != NULL)
    soup_message_headers_iter_init (&iter, headers);
  while (headers != NULL && soup_message_headers_iter_next (&iter, &name, &value))
    {
      if (exchange != NULL && (pf_exchange_get_failure (exchange) != PF_FAILURE_NONE ||
                               !pf_exchange_is_header_exposed (exchange, name)))
        continue;
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      g_string_append_c (out, '[');
      pf_json_append_escaped (out, name);
      g_string_append_c (out, ',');
      pf_json_append_escaped (out, value);
      g_string_append_c (out, ']');
    }
  g_string_append_c (out, ']');
}

/* What the wire carried: the HTTP version, the peer, and the bytes each way (the body as
 * transferred, framing and content coding included; "bodyBytes" is the body a script gets). */
static void
wire_json (GString    *out,
           PfExchange *exchange)
{
  pf_json_line_string (out, "httpVersion", pf_exchange_get_http_version (exchange));
  pf_json_line_string (out, "remoteAddress", pf_exchange_get_remote_address (exchange));
  pf_json_line_uint (out, "requestHeadBytes", pf_exchange_get_request_head_size (exchange));
  pf_json_line_uint (out, "requestBodyBytes", pf_exchange_get_request_body_size (exchange));
  pf_json_line_uint (out, "responseHeadBytes", pf_exchange_get_response_head_size (exchange));
  pf_json_line_uint (out, "bodyTransferredBytes",
                     pf_exchange_get_response_body_transferred (exchange));
}

/* "responseType", "response" as a script would see it (pf_exchange_dup_response ()), and
 * the properties whose reading throws, with the exception. */
static void
response_json (GString *out,
               PfExchange *exchange)
{
  PfRequest *request = pf_exchange_get_request (exchange);
  g_autoptr (JsonNode) response = pf_exchange_dup_response (exchange);
  g_autofree char *value = json_to_string (response, FALSE);
  g_autoptr (GString) throws = g_string_new ("{");

  for (guint i = 0; i < 2; i++)
    {
      const char *property = i == 0 ? "responseText" : "responseXML";
      g_autofree char *exception = pf_exchange_dup_read_exception (exchange, property);

      if (exception == NULL)
        continue;
      if (throws->len > 1)
        g_string_append_c (throws, ',');
      pf_json_append_escaped (throws, property);
      g_string_append_c (throws, ':');
      pf_json_append_escaped (throws, exception);
    }
  g_string_append_c (throws, '}');
  pf_json_line_string (out, "responseType",
                       pf_response_type_to_string (pf_request_get_response_type (request)));
  pf_json_line_raw (out, "response", value);
  pf_json_line_raw (out, "throws", throws->str);
}

/* Sent as Chromium would: which request headers were the browser's, not the user's. */
static void
browser_headers_json (GString    *out,
                      PfExchange *exchange)
{
  const char *const *names = pf_exchange_get_browser_headers (exchange);
  g_autoptr (GString) array = g_string_new ("[");

  if (names == NULL)
    return;
  for (guint i = 0; names[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (array, ',');
      pf_json_append_escaped (array, names[i]);
    }
  g_string_append_c (array, ']');
  pf_json_line_raw (out, "browserHeaders", array->str);
}

/* What the server did wrong without failing the exchange, as a JSON array of strings. */
static void
warnings_array (GString *out,
                PfExchange *exchange)
{
  const char *const *warnings = pf_exchange_get_warnings (exchange);

  g_string_append_c (out, '[');
  for (guint i = 0; warnings[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      pf_json_append_escaped (out, warnings[i]);
    }
  g_string_append_c (out, ']');
}

/* Under CORS (@flow), "headers" are what the page may read and the line adds the run, what
 * the server really answered, and the verdict. */
static void
result_json (GString *out,
             PfExchange *exchange,
             PfCorsFlow *flow,
             guint run,
             gboolean response)
{
  g_autofree char *all = pf_exchange_dup_all_response_headers (exchange);
  g_autofree char *cors = flow ? pf_cli_cors_json (flow, exchange) : NULL;
  g_autofree char *tls = pf_cli_tls_json (exchange);

  /* The arrays are written in place, not each in a string of its own first. */
  pf_json_line_begin (out);
  pf_json_line_ms (out, "t_ms", pf_exchange_get_elapsed_us (exchange));
  pf_json_line_string (out, "type", "result");
  if (flow != NULL)
    pf_json_line_uint (out, "run", run);
  /* An XDomainRequest has no status, statusText or response header for its page. */
  if (pf_exchange_get_xdr (exchange))
    {
      pf_json_line_bool (out, "xdr", TRUE);
      pf_json_line_raw (out, "status", "null");
      pf_json_line_raw (out, "statusText", "null");
    }
  else
    {
      pf_json_line_uint (out, "status", pf_exchange_get_status (exchange));
      pf_json_line_string (out, "statusText", pf_exchange_get_status_text (exchange));
    }
  pf_json_line_string (out, "responseURL", pf_exchange_get_response_url (exchange));
  pf_json_line_member (out, "headers");
  headers_array (out, pf_exchange_get_response_head (exchange), flow ? exchange : NULL);
  pf_json_line_string (out, "allResponseHeaders", all);
  pf_json_line_string (out, "mimeType", pf_exchange_get_mime_type (exchange));
  pf_json_line_bool (out, "responseXML", pf_exchange_get_response_xml (exchange));
  pf_json_line_uint (out, "bodyBytes", pf_exchange_get_loaded (exchange));
  if (response || pf_request_get_response_type (pf_exchange_get_request (exchange)) !=
                      PF_RESPONSE_TYPE_DEFAULT)
    response_json (out, exchange);
  wire_json (out, exchange);
  pf_json_line_raw (out, "tls", tls);
  browser_headers_json (out, exchange);
  pf_json_line_string (out, "error", pf_exchange_get_failure_name (exchange));
  pf_json_line_string (out, "errorMessage", pf_exchange_get_error_message (exchange));
  /* A synchronous send () throws where an asynchronous one fires error events. */
  if (pf_exchange_get_sync (exchange))
    {
      pf_json_line_bool (out, "sync", TRUE);
      pf_json_line_string (out, "exception", pf_exchange_get_exception (exchange));
    }
  pf_json_line_member (out, "warnings");
  warnings_array (out, exchange);
  if (flow != NULL)
    {
      pf_json_line_uint (out, "serverStatus", pf_exchange_get_server_status (exchange));
      pf_json_line_member (out, "serverHeaders");
      headers_array (out, pf_exchange_get_response_head (exchange), NULL);
      pf_json_line_raw (out, "cors", cors);
    }
  pf_json_line_end (out);
}

static void
result_text (GString    *out,
             PfExchange *exchange,
             PfCorsFlow *flow)
{
  SoupMessageHeaders *headers = pf_exchange_get_response_head (exchange);
  SoupMessageHeadersIter iter;
  const char *name, *value;
  g_autofree char *described = pf_exchange_describe_response (exchange);

  g_string_append_c (out, '\n');
  if (flow != NULL)
    pf_cli_cors_text (out, flow, exchange);
  if (pf_exchange_get_failure (exchange) != PF_FAILURE_NONE)
    {
      /* Translators: %s is why the request failed */
      g_string_append_printf (out, _("Failed: %s\n"), pf_exchange_get_error_message (exchange));
      pf_cli_tls_text (out, exchange);
      if (pf_exchange_get_exception (exchange) != NULL)
        /* Translators: %s is the exception a synchronous send () threw, kept in English */
        g_string_append_printf (out, _("send() threw %s\n"), pf_exchange_get_exception (exchange));
      if (flow == NULL || pf_exchange_get_server_status (exchange) == 0)
        return;
      /* Translators: %u is the HTTP status the server sent, which the page does not see */
      g_string_append_printf (out, _("The server answered %u (hidden from the page):\n"),
                              pf_exchange_get_server_status (exchange));
    }
  else if (pf_exchange_get_xdr (exchange))
    /* Translators: %u and %s are the status and its text, which an XDomainRequest hides */
    g_string_append_printf (out, _("%u %s (hidden from the page: XDomainRequest has no status)\n"),
                            pf_exchange_get_status (exchange),
                            pf_exchange_get_status_text (exchange));
  else
    {
      /* The result line: the status, and the HTTP version really spoken. */
      g_string_append_printf (out, "%u %s · %s\n", pf_exchange_get_status (exchange),
                              pf_exchange_get_status_text (exchange),
                              pf_exchange_get_http_version (exchange));
      pf_cli_tls_text (out, exchange);
    }
  if (described != NULL)
    g_string_append_printf (out, "%s\n", described);
  for (const char *const *warning = pf_exchange_get_warnings (exchange); *warning; warning++)
    /* Translators: %s is what the server did wrong without failing the request */
    g_string_append_printf (out, _("Warning: %s\n"), *warning);
  if (headers != NULL)
    soup_message_headers_iter_init (&iter, headers);
  while (headers != NULL && soup_message_headers_iter_next (&iter, &name, &value))
    {
      gboolean hidden = flow != NULL && (pf_exchange_get_failure (exchange) != PF_FAILURE_NONE ||
                                         !pf_exchange_is_header_exposed (exchange, name));

      g_string_append_printf (out, "%s: %s%s\n", name, value,
                              /* Translators: after a response header a script cannot read */
                              hidden ? _("   (hidden from the page)") : "");
    }
  g_string_append_c (out, '\n');
}

void
pf_cli_output_result (PfCliOutput *output,
                      PfExchange  *exchange,
                      guint        run)
{
  PfCorsFlow *flow = pf_cors_flow_get_for (exchange);

  if (output->json)
    result_json (output->out, exchange, flow, run, output->response);
  else
    result_text (output->out, exchange, flow);
}

/* Writes what has been formatted so far; stdout is buffered by stdio. */
void
pf_cli_output_flush (PfCliOutput *output)
{
  fwrite (output->out->str, 1, output->out->len, stdout);
  g_string_truncate (output->out, 0);
}
