/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-exchange"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pf-browser-headers.h"
#include "pf-cors.h"
#include "pf-exchange-private.h"
#include "pf-exchange-response.h"
#include "pf-http-syntax.h"
#include "pf-mime.h"

/* The network half of PfExchange: one SoupMessage per hop (redirects are followed here,
 * by Fetch's rules, not by libsoup's), the request body's progress, and the response body
 * as XHR reports it while a PfBodyReader reads it into the body store. */

/* XHR: progress events are fired at most about every 50 ms. */
#define PROGRESS_INTERVAL_US (50 * 1000)

/* Each hop goes through the policy first, when there is one. */
static void
begin_hop (PfExchange *self)
{
  if (self->hooks != NULL && self->hooks->before_hop != NULL)
    self->hooks->before_hop (self, self->hooks_data);
  else
    _pf_exchange_send_hop (self);
}

static gboolean
timeout_cb (gpointer user_data)
{
  PfExchange *self = user_data;
  g_autofree char *message = NULL;

  self->timeout_id = 0;
  message = g_strdup_printf (_ ("The request timed out after %u ms"),
                             pf_request_get_timeout_ms (self->request));
  _pf_exchange_fail (self, PF_FAILURE_TIMEOUT, message);
  return G_SOURCE_REMOVE;
}

/* XHR send (): readyState is already OPENED; loadstart at the XHR object, then at the
 * upload object when there is a request body, then the fetch. */
void
_pf_exchange_start (PfExchange *self)
{
  guint timeout_ms = pf_request_get_timeout_ms (self->request);

  self->t0 = g_get_monotonic_time ();
  self->started_real_us = g_get_real_time ();
  _pf_exchange_set_ready_state (self, PF_READY_STATE_OPENED, TRUE);
  _pf_exchange_fire (self, PF_TARGET_XHR, "loadstart", 0, 0);
  /* An image sends no body, and has no timeout. */
  if (self->image)
    g_clear_object (&self->body);
  self->has_upload = self->body != NULL && !pf_request_body_is_null (self->body);
  self->upload_complete = !self->has_upload;
  if (self->has_upload)
    {
      self->upload_total = pf_request_body_get_length (self->body);
      _pf_exchange_fire (self, PF_TARGET_UPLOAD, "loadstart", 0, self->upload_total);
    }
  if (self->done)
    return;
  if (timeout_ms > 0 && !self->image)
    self->timeout_id = g_timeout_add (timeout_ms, timeout_cb, self);
  begin_hop (self);
}

static void
apply_body (PfExchange *self,
            SoupMessage *msg)
{
  GBytes *bytes;

  if (self->body == NULL || pf_request_body_is_null (self->body))
    return;
  /* The Content-Type goes with the author headers (see below). */
  bytes = pf_request_body_get_bytes (self->body);
  if (bytes != NULL)
    soup_message_set_request_body_from_bytes (msg, NULL, bytes);
  else
    soup_message_set_request_body (msg, NULL, pf_request_body_get_stream (self->body),
                                   pf_request_body_get_length (self->body));
}

/* Fetch: request-body-header names, removed when a redirect turns the request into a GET. */
static gboolean
is_request_body_header (const char *name)
{
  static const char *const names[] = { "Content-Encoding", "Content-Language",
                                       "Content-Location", "Content-Type" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

static PfKeyValue *
find_header (GPtrArray *headers,
             const char *name)
{
  for (guint i = 0; i < headers->len; i++)
    if (g_ascii_strcasecmp (pf_key_value_get_name (headers->pdata[i]), name) == 0)
      return headers->pdata[i];
  return NULL;
}

/* XHR "author request headers" of the current hop, in order: the enabled headers a script
 * may set (setRequestHeader () combines a repeated name into "a, b"), then the body's
 * Content-Type when the author set none. Forbidden headers are left out, as browsers do. */
GPtrArray *
_pf_exchange_dup_author_headers (PfExchange *self)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);
  /* A request without headers has no table: none is made for it. */
  GListModel *rows = pf_request_get_n_headers (self->request) > 0
                         ? pf_request_get_headers (self->request)
                         : NULL;
  gboolean has_body = self->body != NULL && !pf_request_body_is_null (self->body);
  const char *type;

  for (guint i = 0; rows != NULL && i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (PfKeyValue) row = g_list_model_get_item (rows, i);
      const char *name = pf_key_value_get_name (row);
      g_autofree char *value = pf_http_normalize_value (pf_key_value_get_value (row));
      PfKeyValue *old;

      if (!pf_key_value_get_enabled (row) || pf_http_forbidden_header_reason (name, value) != NULL)
        continue;
      if (!has_body && self->redirects > 0 && is_request_body_header (name))
        continue;
      old = find_header (out, name);
      if (old != NULL)
        {
          g_autofree char *combined = g_strconcat (pf_key_value_get_value (old), ", ", value, NULL);
          pf_key_value_set_value (old, combined);
        }
      else
        g_ptr_array_add (out, pf_key_value_new (name, value));
    }
  _pf_exchange_auth_add_header (self, out);
  type = has_body ? pf_request_body_get_content_type (self->body) : NULL;
  /* XDomainRequest sends any body as text/plain. */
  if (has_body && self->xdr)
    type = "text/plain";
  if (type != NULL && find_header (out, "Content-Type") == NULL)
    g_ptr_array_add (out, pf_key_value_new ("Content-Type", type));
  return out;
}

/* Whether @msg goes with cookies: the CORS flow turns the jar off for the others. */
static gboolean
sends_credentials (PfExchange *self,
                   SoupMessage *msg)
{
  PfCredentialsMode mode = pf_request_get_credentials (self->request);
  const char *origin = pf_request_get_origin (self->request);
  g_autofree char *page = pf_cors_serialize_origin (origin);
  g_autofree char *url = g_uri_to_string (soup_message_get_uri (msg));

  if (self->image || page == NULL || mode == PF_CREDENTIALS_INCLUDE)
    return TRUE;
  return mode == PF_CREDENTIALS_SAME_ORIGIN && pf_cors_same_origin (page, url);
}

static void
apply_headers (PfExchange *self,
               SoupMessage *msg)
{
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  g_autoptr (GPtrArray) author = NULL;

  /* "Send as Chromium would": its own headers first; a script's replace them. */
  if (pf_request_sends_browser_headers (self->request))
    {
      g_autofree char *url = g_uri_to_string (soup_message_get_uri (msg));
      g_autoptr (GPtrArray) browser = pf_browser_headers_for (
          pf_request_get_origin (self->request), url, soup_message_get_method (msg),
          self->image ? PF_INITIATOR_IMAGE : PF_INITIATOR_XHR, sends_credentials (self, msg));

      for (guint i = 0; i < browser->len; i++)
        soup_message_headers_replace (headers, pf_key_value_get_name (browser->pdata[i]),
                                      pf_key_value_get_value (browser->pdata[i]));
    }
  /* An image sends no header a script set, and asks for an image. */
  if (self->image)
    {
      soup_message_headers_replace (headers, "Accept", PF_IMAGE_ACCEPT);
      return;
    }
  author = _pf_exchange_dup_author_headers (self);
  for (guint i = 0; i < author->len; i++)
    soup_message_headers_replace (headers, pf_key_value_get_name (author->pdata[i]),
                                  pf_key_value_get_value (author->pdata[i]));
}

/* The events of a send (pf-exchange-net.c), in order, on the caller's context. */

void
_pf_exchange_wrote_body_data (PfExchange *self,
                              guint64 size)
{
  gint64 now;

  if (self->upload_complete || self->done)
    return;
  self->upload_loaded += size;
  _pf_exchange_notify_progress (self, TRUE);
  now = _pf_exchange_now (self);
  if (self->last_upload_progress_us != 0 &&
      now - self->last_upload_progress_us < PROGRESS_INTERVAL_US)
    return;
  self->last_upload_progress_us = MAX (now, 1);
  _pf_exchange_fire (self, PF_TARGET_UPLOAD, "progress", self->upload_loaded, self->upload_total);
}

/* The names in the request @head that no script set: what the browser (Chromium's defaults,
 * libsoup's Host, Content-Length and Cookie, the CORS flow's Origin) added. */
static GStrv
browser_header_names (PfExchange *self,
                      const char *head)
{
  g_autoptr (GPtrArray) author = self->image ? NULL : _pf_exchange_dup_author_headers (self);
  g_auto (GStrv) lines = g_strsplit (head, "\r\n", -1);
  g_autoptr (GStrvBuilder) names = g_strv_builder_new ();

  for (guint i = 1; lines[0] != NULL && lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      const char *colon = strchr (lines[i], ':');
      g_autofree char *name = colon ? g_strndup (lines[i], colon - lines[i]) : NULL;

      if (name != NULL && (author == NULL || find_header (author, name) == NULL))
        g_strv_builder_add (names, name);
    }
  return g_strv_builder_end (names);
}

/* @head: the request head as it went out, taken. */
void
_pf_exchange_wrote_headers (PfExchange *self,
                            gint64 time_us,
                            char *head)
{
  self->request_sent_us = time_us;
  g_free (self->raw_request_head);
  self->raw_request_head = head;
  g_clear_pointer (&self->browser_headers, g_strfreev);
  if (pf_request_sends_browser_headers (self->request))
    self->browser_headers = browser_header_names (self, head);
}

/* XHR "process request end-of-body": progress, load and loadend at the upload object. */
void
_pf_exchange_wrote_body (PfExchange *self,
                         gint64 time_us)
{
  self->request_sent_us = time_us;
  if (self->upload_complete || self->done)
    return;
  self->upload_complete = TRUE;
  _pf_exchange_fire (self, PF_TARGET_UPLOAD, "progress", self->upload_loaded, self->upload_total);
  _pf_exchange_fire (self, PF_TARGET_UPLOAD, "load", self->upload_loaded, self->upload_total);
  _pf_exchange_fire (self, PF_TARGET_UPLOAD, "loadend", self->upload_loaded, self->upload_total);
}

void
_pf_exchange_drop_message (PfExchange *self)
{
  if (self->msg != NULL)
    {
      _pf_exchange_read_wire (self, self->msg);
      /* By id: matching by data walks every handler libsoup has on the message. */
      for (guint i = 0; i < G_N_ELEMENTS (self->auth_handler_ids); i++)
        g_clear_signal_handler (&self->auth_handler_ids[i], self->msg);
    }
  g_clear_object (&self->msg);
}

static void
append_phase (PfExchange *self,
              gboolean preflight,
              const char *name,
              guint64 start,
              guint64 end)
{
  gint64 start_us = (gint64) start - self->t0;
  gint64 end_us = (gint64) end - self->t0;

  if (start == 0 || end < start)
    return;
  _pf_exchange_append (self, preflight ? pf_timeline_record_preflight_phase (name, start_us, end_us)
                                       : pf_timeline_record_phase (name, start_us, end_us));
}

/* Whether connecting to @msg's host looks a name up. An IP literal needs no lookup, yet
 * libsoup's metrics stamp "resolving" to "resolved" around it: that span is the proxy
 * resolver's turn and the wait for the main loop to run its callback (a frame of the window),
 * not DNS. Like HAR's dns -1, such a hop has no dns phase. */
static gboolean
looks_up_host (SoupMessage *msg)
{
  const char *host = g_uri_get_host (soup_message_get_uri (msg));

  return host != NULL && !g_hostname_is_ip_address (host);
}

/* The network phases of the current hop, from libsoup's metrics (monotonic µs). A reused
 * connection has no DNS or connect phase, an IP-literal host no DNS phase. */
void
_pf_exchange_append_phases (PfExchange *self)
{
  _pf_exchange_append_phases_of (self, self->msg, FALSE);
}

void
_pf_exchange_append_phases_of (PfExchange *self,
                               SoupMessage *msg,
                               gboolean preflight)
{
  SoupMessageMetrics *m = msg ? soup_message_get_metrics (msg) : NULL;
  guint64 sent, response_start, response_end;

  if (m == NULL)
    return;
  /* The request end is known for our own hops; for the preflight, the metrics' own. */
  if (preflight)
    sent = soup_message_metrics_get_request_header_bytes_sent (m) > 0
               ? soup_message_metrics_get_request_start (m)
               : 0;
  else
    sent = self->request_sent_us > 0 ? (guint64) (self->request_sent_us + self->t0) : 0;
  response_start = soup_message_metrics_get_response_start (m);
  response_end = soup_message_metrics_get_response_end (m);
  if (response_end == 0 && response_start != 0)
    response_end = g_get_monotonic_time ();
  if (looks_up_host (msg))
    append_phase (self, preflight, "dns", soup_message_metrics_get_dns_start (m),
                  soup_message_metrics_get_dns_end (m));
  append_phase (self, preflight, "connect", soup_message_metrics_get_connect_start (m),
                soup_message_metrics_get_tls_start (m) ? soup_message_metrics_get_tls_start (m)
                                                       : soup_message_metrics_get_connect_end (m));
  append_phase (self, preflight, "tls", soup_message_metrics_get_tls_start (m),
                soup_message_metrics_get_connect_end (m));
  append_phase (self, preflight, "send", soup_message_metrics_get_request_start (m), sent);
  append_phase (self, preflight, "wait", sent, response_start);
  append_phase (self, preflight, "download", response_start, response_end);
}

static gboolean
is_redirect_status (guint status)
{
  /* Fetch: a redirect status is 301, 302, 303, 307 or 308. */
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

/* Fetch "HTTP-redirect fetch": 301/302 turn POST into GET, 303 turns anything but GET and
 * HEAD into GET, dropping the body; 307/308 keep method and body. */
static void
rewrite_for_redirect (PfExchange *self,
                      guint status)
{
  gboolean to_get = ((status == 301 || status == 302) && g_str_equal (self->method, "POST")) ||
                    (status == 303 && !g_str_equal (self->method, "GET") &&
                     !g_str_equal (self->method, "HEAD"));

  if (!to_get)
    return;
  g_free (self->method);
  self->method = g_strdup ("GET");
  g_clear_object (&self->body);
}

static void
body_reloaded_cb (GObject *object,
                  GAsyncResult *result,
                  gpointer user_data)
{
  g_autoptr (PfExchange) self = user_data;
  g_autoptr (GError) error = NULL;

  self->in_flight--;
  g_clear_object (&self->body);
  self->body = pf_request_body_load_finish (result, &error);
  if (self->done)
    {
      _pf_exchange_maybe_complete (self);
      return;
    }
  if (self->body == NULL)
    {
      _pf_exchange_fail (self, PF_FAILURE_NETWORK, error->message);
      return;
    }
  begin_hop (self);
}

static void
follow_redirect (PfExchange *self,
                 guint status,
                 const char *location)
{
  g_autoptr (GUri) next = NULL;
  g_autofree char *message = NULL;
  const char *scheme;

  next = g_uri_parse_relative (soup_message_get_uri (self->msg), location, SOUP_HTTP_URI_FLAGS,
                               NULL);
  scheme = next ? g_uri_get_scheme (next) : NULL;
  if (scheme == NULL ||
      (g_ascii_strcasecmp (scheme, "http") && g_ascii_strcasecmp (scheme, "https")))
    {
      message = g_strdup_printf (_ ("The server redirected to “%s”, which is not an http or "
                                    "https URL"),
                                 location);
      _pf_exchange_fail (self, PF_FAILURE_NETWORK, message);
      return;
    }
  if (self->redirects >= pf_request_get_max_redirects (self->request))
    {
      message = g_strdup_printf (_ ("Too many redirects (more than %u)"),
                                 pf_request_get_max_redirects (self->request));
      _pf_exchange_fail (self, PF_FAILURE_NETWORK, message);
      return;
    }
  self->redirects++;
  _pf_exchange_append_phases (self);
  g_free (self->url);
  self->url = g_uri_to_string_partial (next, G_URI_HIDE_FRAGMENT);
  _pf_exchange_append (self, pf_timeline_record_redirect (status, self->url,
                                                          _pf_exchange_now (self)));
  _pf_exchange_drop_message (self);
  rewrite_for_redirect (self, status);
  /* A file body was a stream, consumed by the first hop: read it again. */
  if (self->body != NULL && pf_request_body_get_stream (self->body) != NULL)
    {
      self->in_flight++;
      pf_request_body_load_async (self->request, self->cancellable, body_reloaded_cb,
                                  g_object_ref (self));
      return;
    }
  begin_hop (self);
}

static void
end_of_body (PfExchange *self)
{
  /* Flush the progress event that throttling held back, as browsers do before DONE. */
  if (self->received > self->reported)
    {
      self->reported = self->received;
      _pf_exchange_fire (self, PF_TARGET_XHR, "progress", self->received, self->total);
    }
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  _pf_exchange_append_phases (self);
  self->done = TRUE;
  self->end_us = _pf_exchange_now (self);
  _pf_exchange_end_sync (self);
  /* The image's event before readyState says DONE, so a view shows it at once. */
  if (self->image)
    _pf_exchange_fire_image (self, self->image_head != NULL &&
                                       pf_mime_sniff_image (self->mime_type, self->image_head->data,
                                                            self->image_head->len) != NULL);
  _pf_exchange_set_ready_state (self, PF_READY_STATE_DONE, TRUE);
  _pf_exchange_fire (self, PF_TARGET_XHR, "load", self->received, self->total);
  _pf_exchange_fire (self, PF_TARGET_XHR, "loadend", self->received, self->total);
  _pf_exchange_drop_message (self);
  _pf_exchange_check_xml (self);
  _pf_exchange_maybe_complete (self);
}

/* XHR "process response body chunk": throttled readystatechange (LOADING) + progress. */
static void
body_progress (PfExchange *self)
{
  gint64 now = _pf_exchange_now (self);

  _pf_exchange_notify_progress (self, FALSE);
  if (self->last_progress_us != 0 && now - self->last_progress_us < PROGRESS_INTERVAL_US)
    return;
  self->last_progress_us = MAX (now, 1);
  _pf_exchange_set_ready_state (self, PF_READY_STATE_LOADING, TRUE);
  self->reported = self->received;
  _pf_exchange_fire (self, PF_TARGET_XHR, "progress", self->received, self->total);
}

/* A chunk of the body has been stored (its chunk entry, if any, is on the timeline). */
void
_pf_exchange_chunk (PfExchange *self,
                    guint64 size,
                    gboolean not_text,
                    guint64 not_utf8_at)
{
  self->body_not_text = not_text;
  self->not_utf8_at = not_utf8_at;
  self->received += size;
  if (!self->done)
    body_progress (self);
}

/* XHR decodes responseText as UTF-8 whatever the bytes; a body whose type says it is UTF-8
 * text and is not says so. */
static void
check_text (PfExchange *self)
{
  g_autofree char *offset = NULL;
  char *warning;

  if (self->image || self->not_utf8_at == G_MAXUINT64 || !pf_mime_is_utf8_text (self->mime_type))
    return;
  offset = g_strdup_printf ("%" G_GUINT64_FORMAT, self->not_utf8_at);
  /* Translators: %s is a byte offset (from 0), then a MIME type */
  warning = g_strdup_printf (_ ("The body is not UTF-8 at offset %s, though its type “%s” says it "
                                "is text: responseText shows each invalid sequence as U+FFFD (�)"),
                             offset, self->mime_type);
  _pf_exchange_add_warning (self, warning);
}

/* The read of the body is over: the body has ended (@warning says what was wrong with it
 * that did not fail it), a read or the store failed, or the exchange has already ended
 * (aborted, timed out) and cancelled it. */
void
_pf_exchange_body_finished (PfExchange *self,
                            const GError *error,
                            const char *warning)
{
  self->in_flight--;
  self->reading = FALSE;
  if (self->done)
    _pf_exchange_maybe_complete (self);
  else if (error != NULL)
    _pf_exchange_fail (self, PF_FAILURE_NETWORK, error->message);
  else
    {
      if (warning != NULL)
        _pf_exchange_add_warning (self, g_strdup (warning));
      check_text (self);
      end_of_body (self);
    }
}

/* XHR "process response": the final response's status and headers, HEADERS_RECEIVED, then
 * the body. @stream and @store are as _pf_exchange_head () took them. */
static void
process_response (PfExchange *self,
                  GInputStream *stream,
                  PfBodyStore *store)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (self->msg);

  /* _pf_exchange_head () has read the status and headers into server_status and response_headers. */
  _pf_exchange_set_status (self, self->server_status, soup_message_get_reason_phrase (self->msg));
  self->response_url = g_strdup (self->url);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH)
    self->total = soup_message_headers_get_content_length (headers);
  if (store != NULL)
    {
      /* Its chunks' events come after this one: HEADERS_RECEIVED still comes first. */
      self->in_flight++;
      self->reading = TRUE;
      self->store = store;
      _pf_exchange_set_ready_state (self, PF_READY_STATE_HEADERS_RECEIVED, TRUE);
      return;
    }
  self->store = pf_body_store_new (self->memory_limit, self->sink);
  _pf_exchange_set_ready_state (self, PF_READY_STATE_HEADERS_RECEIVED, TRUE);
  if (self->done)
    {
      _pf_exchange_net_drop_stream (self, stream);
      return;
    }
  self->in_flight++;
  self->reading = TRUE;
  _pf_exchange_net_read_body (self, self->msg, stream);
}

/* The body will not be the page's: its stream is closed, or the read already under way
 * (@store) is left to end, its chunks unrecorded; the exchange has ended, so that read is
 * cancelled. */
static void
refuse_body (PfExchange *self,
             GInputStream *stream,
             PfBodyStore *store)
{
  if (stream != NULL)
    _pf_exchange_net_drop_stream (self, stream);
  if (store == NULL)
    return;
  g_object_unref (store);
  self->in_flight++;
  self->reading = TRUE;
  g_cancellable_cancel (self->cancellable);
}

/* The send is over: the response head has come, or @error. Its body is @stream (taken) to be
 * read, or is being read into @store (taken) already; @tls (taken) is its TLS connection. */
void
_pf_exchange_head (PfExchange *self,
                   GInputStream *stream,
                   PfBodyStore *store,
                   PfTlsInfo *tls,
                   const GError *error)
{
  const char *location;
  guint status;

  self->in_flight--;
  if (self->done)
    {
      g_clear_object (&tls);
      refuse_body (self, stream, store);
      _pf_exchange_maybe_complete (self);
      return;
    }
  g_clear_object (&self->tls);
  self->tls = tls;
  if (stream == NULL && store == NULL)
    {
      g_autofree char *message = _pf_exchange_tls_message (self, error);

      _pf_exchange_fail (self, PF_FAILURE_NETWORK, message);
      return;
    }
  status = soup_message_get_status (self->msg);
  location = soup_message_headers_get_one (soup_message_get_response_headers (self->msg),
                                           "Location");
  /* What the server answered stays visible, even when the policy hides it from the page. */
  self->server_status = status;
  self->http_version = soup_message_get_http_version (self->msg);
  _pf_exchange_read_wire (self, self->msg);
  _pf_exchange_read_response_headers (self, soup_message_get_response_headers (self->msg));
  if (self->hooks != NULL && self->hooks->check_response != NULL &&
      !self->hooks->check_response (self, self->msg, is_redirect_status (status) && location,
                                    self->hooks_data))
    {
      refuse_body (self, stream, store);
      return;
    }
  if (is_redirect_status (status) && location != NULL)
    {
      refuse_body (self, stream, store);
      follow_redirect (self, status, location);
      return;
    }
  process_response (self, stream, store);
}

void
_pf_exchange_send_hop (PfExchange *self)
{
  SoupMessage *msg = soup_message_new (self->method, self->url);

  if (msg == NULL)
    {
      g_autofree char *message = g_strdup_printf (_ ("“%s” is not a valid URL"), self->url);
      _pf_exchange_fail (self, PF_FAILURE_NETWORK, message);
      return;
    }
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT | SOUP_MESSAGE_COLLECT_METRICS);
  apply_body (self, msg);
  apply_headers (self, msg);
  if (self->hooks != NULL && self->hooks->prepare != NULL)
    self->hooks->prepare (self, msg, self->hooks_data);
  _pf_exchange_auth_watch (self, msg);
  self->msg = msg;
  self->request_sent_us = 0;
  _pf_exchange_clear_wire (self);
  self->in_flight++;
  _pf_exchange_net_send (self, msg);
}
