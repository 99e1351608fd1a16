/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-exchange"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pf-exchange-private.h"
#include "pf-exchange-response.h"
#include "pf-http-syntax.h"

/* The network half of PfExchange: one SoupMessage per hop (redirects are followed here,
 * by Fetch's rules, not by libsoup's), the request body's progress, and the response
 * body read in large chunks and handed to the body store while the next read runs. */

/* Two buffers of this size alternate: one fills from the socket while the other is
 * written to the body store. */
#define READ_BUFFER_SIZE (1024 * 1024)
/* XHR: progress events are fired at most about every 50 ms. */
#define PROGRESS_INTERVAL_US (50 * 1000)
/* A large download always has data waiting: read at default priority it would take every
 * turn of the main loop, and a window would draw no frame until the body ended. Past its
 * first mebibyte a body is read below the redraw and timeout priorities, in the time left
 * over; smaller ones keep the default priority (and their latency). */
#define BULK_BYTES    (1024 * 1024)
#define BULK_PRIORITY G_PRIORITY_DEFAULT_IDLE

static void start_read (PfExchange *self);

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
  message = g_strdup_printf (_("The request timed out after %u ms"),
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
  _pf_exchange_set_ready_state (self, PF_READY_STATE_OPENED, TRUE);
  _pf_exchange_fire (self, PF_TARGET_XHR, "loadstart", 0, 0);
  self->has_upload = !pf_request_body_is_null (self->body);
  self->upload_complete = !self->has_upload;
  if (self->has_upload)
    {
      self->upload_total = pf_request_body_get_length (self->body);
      _pf_exchange_fire (self, PF_TARGET_UPLOAD, "loadstart", 0, self->upload_total);
    }
  if (self->done)
    return;
  if (timeout_ms > 0)
    self->timeout_id = g_timeout_add (timeout_ms, timeout_cb, self);
  begin_hop (self);
}

static void
apply_body (PfExchange  *self,
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
find_header (GPtrArray  *headers,
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
  GListModel *rows = pf_request_get_headers (self->request);
  gboolean has_body = self->body != NULL && !pf_request_body_is_null (self->body);
  const char *type;

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
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
  type = has_body ? pf_request_body_get_content_type (self->body) : NULL;
  if (type != NULL && find_header (out, "Content-Type") == NULL)
    g_ptr_array_add (out, pf_key_value_new ("Content-Type", type));
  return out;
}

static void
apply_headers (PfExchange  *self,
               SoupMessage *msg)
{
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  g_autoptr (GPtrArray) author = _pf_exchange_dup_author_headers (self);

  for (guint i = 0; i < author->len; i++)
    soup_message_headers_replace (headers, pf_key_value_get_name (author->pdata[i]),
                                  pf_key_value_get_value (author->pdata[i]));
}

static void
wrote_body_data_cb (SoupMessage *msg,
                    guint        chunk_size,
                    PfExchange  *self)
{
  gint64 now;

  if (self->upload_complete || self->done)
    return;
  self->upload_loaded += chunk_size;
  _pf_exchange_notify_progress (self, TRUE);
  now = _pf_exchange_now (self);
  if (self->last_upload_progress_us != 0 && now - self->last_upload_progress_us < PROGRESS_INTERVAL_US)
    return;
  self->last_upload_progress_us = MAX (now, 1);
  _pf_exchange_fire (self, PF_TARGET_UPLOAD, "progress", self->upload_loaded, self->upload_total);
}

static const char *
version_text (SoupHTTPVersion version)
{
  return version == SOUP_HTTP_1_0 ? "HTTP/1.0" : version == SOUP_HTTP_2_0 ? "HTTP/2" : "HTTP/1.1";
}

/* The request head as it went out: request line and every header, libsoup's own included. */
static char *
request_head (SoupMessage *msg)
{
  GUri *uri = soup_message_get_uri (msg);
  const char *query = g_uri_get_query (uri);
  GString *out = g_string_new (NULL);
  SoupMessageHeadersIter iter;
  const char *name, *value;

  g_string_append_printf (out, "%s %s%s%s %s\r\n", soup_message_get_method (msg),
                          *g_uri_get_path (uri) ? g_uri_get_path (uri) : "/", query ? "?" : "",
                          query ? query : "", version_text (soup_message_get_http_version (msg)));
  soup_message_headers_iter_init (&iter, soup_message_get_request_headers (msg));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      g_string_append (out, name);
      g_string_append (out, ": ");
      g_string_append (out, value);
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}

static void
wrote_headers_cb (SoupMessage *msg,
                  PfExchange  *self)
{
  self->request_sent_us = _pf_exchange_now (self);
  g_free (self->raw_request_head);
  self->raw_request_head = request_head (msg);
}

/* XHR "process request end-of-body": progress, load and loadend at the upload object. */
static void
wrote_body_cb (SoupMessage *msg,
               PfExchange  *self)
{
  self->request_sent_us = _pf_exchange_now (self);
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
    g_signal_handlers_disconnect_by_data (self->msg, self);
  g_clear_object (&self->msg);
  g_clear_object (&self->response_stream);
}

static void
append_phase (PfExchange *self,
              gboolean    preflight,
              const char *name,
              guint64     start,
              guint64     end)
{
  gint64 start_us = (gint64) start - self->t0;
  gint64 end_us = (gint64) end - self->t0;

  if (start == 0 || end < start)
    return;
  _pf_exchange_append (self, preflight ? pf_timeline_record_preflight_phase (name, start_us, end_us)
                                       : pf_timeline_record_phase (name, start_us, end_us));
}

/* The network phases of the current hop, from libsoup's metrics (monotonic µs). A reused
 * connection has no DNS or connect phase. */
void
_pf_exchange_append_phases (PfExchange *self)
{
  _pf_exchange_append_phases_of (self, self->msg, FALSE);
}

void
_pf_exchange_append_phases_of (PfExchange  *self,
                               SoupMessage *msg,
                               gboolean     preflight)
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
                      guint       status)
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
body_reloaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
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
                 guint       status,
                 const char *location)
{
  g_autoptr (GUri) next = NULL;
  g_autofree char *message = NULL;
  const char *scheme;

  next = g_uri_parse_relative (soup_message_get_uri (self->msg), location, SOUP_HTTP_URI_FLAGS,
                               NULL);
  scheme = next ? g_uri_get_scheme (next) : NULL;
  if (scheme == NULL || (g_ascii_strcasecmp (scheme, "http") && g_ascii_strcasecmp (scheme, "https")))
    {
      message = g_strdup_printf (_("The server redirected to “%s”, which is not an http or https URL"),
                                 location);
      _pf_exchange_fail (self, PF_FAILURE_NETWORK, message);
      return;
    }
  if (self->redirects >= pf_request_get_max_redirects (self->request))
    {
      message = g_strdup_printf (_("Too many redirects (more than %u)"),
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

static void flush_buffer (PfExchange *self);

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
  _pf_exchange_set_ready_state (self, PF_READY_STATE_DONE, TRUE);
  _pf_exchange_fire (self, PF_TARGET_XHR, "load", self->received, self->total);
  _pf_exchange_fire (self, PF_TARGET_XHR, "loadend", self->received, self->total);
  _pf_exchange_drop_message (self);
  _pf_exchange_check_xml (self);
  _pf_exchange_maybe_complete (self);
}

static void
store_failed (PfExchange   *self,
              const GError *error)
{
  g_autofree char *message = g_strdup_printf (_("Could not store the response body: %s"),
                                              error->message);

  _pf_exchange_fail (self, PF_FAILURE_NETWORK, message);
}

/* What to do once a write has finished or a read has ended the body. */
static void
continue_after_write (PfExchange *self)
{
  if (self->flush_waiting)
    {
      self->flush_waiting = FALSE;
      flush_buffer (self);
      if (!self->eof && !self->done)
        start_read (self);
    }
  else if (self->eof && self->fill > 0)
    flush_buffer (self);
  else if (self->eof)
    end_of_body (self);
}

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr (PfExchange) self = user_data;
  g_autoptr (GError) error = NULL;

  self->in_flight--;
  self->writing = FALSE;
  if (!pf_body_store_write_finish (PF_BODY_STORE (object), result, &error) && !self->done)
    store_failed (self, error);
  if (self->done)
    {
      _pf_exchange_maybe_complete (self);
      return;
    }
  continue_after_write (self);
}

/* Hands the filled buffer to the store and reads on into the other one, so the next read
 * overlaps the write; one write per buffer, not per socket read. A write the store does at
 * once (a caller's sink, memory) goes on here, without a turn of the main loop. */
static void
flush_buffer (PfExchange *self)
{
  guint8 *data = self->buffers[self->current];
  gsize len = self->fill;

  self->current = !self->current;
  self->fill = 0;
  if (pf_body_store_writes_now (self->store, len))
    {
      g_autoptr (GError) error = NULL;

      if (!pf_body_store_write (self->store, data, len, self->cancellable, &error))
        store_failed (self, error);
      else if (self->eof)
        continue_after_write (self);
      return;
    }
  self->writing = TRUE;
  self->in_flight++;
  pf_body_store_write_async (self->store, data, len, self->cancellable, write_cb,
                             g_object_ref (self));
}

/* Chunk entries stop past this many per exchange, and their text past this many bytes, so
 * an endless stream stays bounded (the events and the body go on). */
#define CHUNK_ENTRIES_MAX   100000
#define CHUNK_TEXT_MAX      (4 * 1024 * 1024)

/* How many bytes at the end of @data start a UTF-8 sequence that the next chunk finishes. */
static gsize
incomplete_tail (const guint8 *data,
                 gsize         len)
{
  for (gsize back = 1; back <= MIN (len, 3); back++)
    {
      guint8 c = data[len - back];
      gsize need;

      if ((c & 0xC0) == 0x80)
        continue;
      need = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 1;
      return need > back && c >= 0xC2 ? back : 0;
    }
  return 0;
}

/* HTTP streaming: the chunk's new text, as responseText.substring (received) would show it:
 * a UTF-8 sequence cut by the chunk waits for the next one. */
static void
record_chunk (PfExchange   *self,
              const guint8 *data,
              gsize         len)
{
  g_autoptr (GByteArray) bytes = NULL;
  g_autofree char *text = NULL;
  gsize tail;

  if (self->sink != NULL || self->chunks >= CHUNK_ENTRIES_MAX)
    return;
  self->chunks++;
  if (self->chunk_text_kept < CHUNK_TEXT_MAX)
    {
      bytes = g_byte_array_sized_new (self->pending_len + len);
      g_byte_array_append (bytes, self->pending_utf8, self->pending_len);
      g_byte_array_append (bytes, data, len);
      tail = incomplete_tail (bytes->data, bytes->len);
      memcpy (self->pending_utf8, bytes->data + bytes->len - tail, tail);
      self->pending_len = tail;
      text = g_utf8_make_valid ((const char *) bytes->data, bytes->len - tail);
      self->chunk_text_kept += len;
    }
  _pf_exchange_append (self, pf_timeline_record_chunk (len, text, _pf_exchange_now (self)));
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

/* One read's outcome (@n bytes, 0 at the end, -1 with @error). Returns TRUE when the next
 * read should start now. */
static gboolean
take_read (PfExchange *self,
           gssize      n,
           GError     *error)
{
  if (n < 0)
    {
      _pf_exchange_fail (self, PF_FAILURE_NETWORK, error->message);
      return FALSE;
    }
  if (n == 0)
    {
      self->eof = TRUE;
      if (!self->writing)
        continue_after_write (self);
      return FALSE;
    }
  record_chunk (self, self->buffers[self->current] + self->fill, n);
  self->received += n;
  self->fill += n;
  body_progress (self);
  /* A handler of the event just fired may have aborted. */
  if (self->done)
    {
      _pf_exchange_maybe_complete (self);
      return FALSE;
    }
  if (self->fill < READ_BUFFER_SIZE)
    return TRUE;
  if (self->writing)
    {
      self->flush_waiting = TRUE;
      return FALSE;
    }
  flush_buffer (self);
  return !self->done;
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (PfExchange) self = user_data;
  g_autoptr (GError) error = NULL;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);

  self->in_flight--;
  if (self->done)
    {
      _pf_exchange_maybe_complete (self);
      return;
    }
  if (take_read (self, n, error))
    start_read (self);
}

/* What the socket already holds is taken without a turn of the main loop: a source on the
 * response stream stays armed while the body comes, and each time it is readable the reads
 * go on without blocking until nothing is left or this much time has gone by; then the loop
 * gets a turn (to draw and dispatch) before the next. A command line reads about 30 MiB a
 * turn; a window, which also records each chunk, fewer. */
#define READ_TURN_US (8 * 1000)

/* A small body is read at once; past BULK_BYTES, or once a turn used its whole time, reads
 * wait for frames to be drawn. */
static int
read_priority (PfExchange *self)
{
  return self->bulk || self->received > BULK_BYTES ? BULK_PRIORITY : G_PRIORITY_DEFAULT;
}

typedef enum
{
  READ_STOP,      /* end of body, failure, abort, or a full buffer waiting for its write */
  READ_WAIT,      /* nothing there: read on when the stream is readable */
  READ_MORE,      /* the turn's time is used up and more may be there already */
} ReadOutcome;

/* Reads without blocking while data is there, for READ_TURN_US at most. */
static ReadOutcome
read_available (PfExchange *self)
{
  GPollableInputStream *pollable = G_POLLABLE_INPUT_STREAM (self->response_stream);
  gint64 deadline = g_get_monotonic_time () + READ_TURN_US;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr (GError) error = NULL;
      guint8 **buffer = &self->buffers[self->current];
      gssize n;

      if (*buffer == NULL)
        *buffer = g_malloc (READ_BUFFER_SIZE);
      n = g_pollable_input_stream_read_nonblocking (pollable, *buffer + self->fill,
                                                    READ_BUFFER_SIZE - self->fill,
                                                    self->cancellable, &error);
      if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        return READ_WAIT;
      if (!take_read (self, n, error))
        return READ_STOP;
    }
  self->bulk = TRUE;
  return READ_MORE;
}

/* Arms the source: at the stream's readiness, or at once when more may be there already (the
 * end of a body is not always a readable socket: libsoup may hold it). */
static void
arm_read_source (PfExchange  *self,
                 ReadOutcome  outcome)
{
  g_source_set_priority (self->read_source, read_priority (self));
  g_source_set_ready_time (self->read_source, outcome == READ_MORE ? 0 : -1);
}

/* The response stream is readable, or the exchange was cancelled. */
static gboolean
readable_cb (GObject  *stream,
             gpointer  user_data)
{
  PfExchange *self = user_data;
  ReadOutcome outcome = self->done ? READ_STOP : read_available (self);

  if (outcome != READ_STOP)
    {
      arm_read_source (self, outcome);
      return G_SOURCE_CONTINUE;
    }
  g_clear_pointer (&self->read_source, g_source_unref);
  self->in_flight--;
  if (self->done)
    _pf_exchange_maybe_complete (self);
  return G_SOURCE_REMOVE;
}

static void
start_read (PfExchange *self)
{
  guint8 **buffer = &self->buffers[self->current];
  GPollableInputStream *pollable;

  if (self->read_source != NULL)
    return;
  if (G_IS_POLLABLE_INPUT_STREAM (self->response_stream) &&
      g_pollable_input_stream_can_poll (G_POLLABLE_INPUT_STREAM (self->response_stream)))
    {
      /* In bulk, this runs where a write completed, above the redraw priority: the reads
       * wait for their own source's turn instead. */
      ReadOutcome outcome = read_priority (self) == BULK_PRIORITY ? READ_MORE
                                                                   : read_available (self);

      if (outcome == READ_STOP)
        return;
      pollable = G_POLLABLE_INPUT_STREAM (self->response_stream);
      self->read_source = g_pollable_input_stream_create_source (pollable, self->cancellable);
      arm_read_source (self, outcome);
      g_source_set_callback (self->read_source, G_SOURCE_FUNC (readable_cb), g_object_ref (self),
                             g_object_unref);
      self->in_flight++;
      g_source_attach (self->read_source, g_main_context_get_thread_default ());
      return;
    }
  if (*buffer == NULL)
    *buffer = g_malloc (READ_BUFFER_SIZE);
  self->in_flight++;
  g_input_stream_read_async (self->response_stream, *buffer + self->fill,
                             READ_BUFFER_SIZE - self->fill, read_priority (self),
                             self->cancellable, read_cb, g_object_ref (self));
}

/* XHR "process response": the final response's status and headers, HEADERS_RECEIVED. */
static void
process_response (PfExchange   *self,
                  GInputStream *stream)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (self->msg);

  /* sent_cb () has read the status and headers into server_status and response_headers. */
  self->response_stream = stream;
  _pf_exchange_set_status (self, self->server_status, soup_message_get_reason_phrase (self->msg));
  self->response_url = g_strdup (self->url);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH)
    self->total = soup_message_headers_get_content_length (headers);
  self->store = pf_body_store_new (self->memory_limit, self->sink);
  _pf_exchange_set_ready_state (self, PF_READY_STATE_HEADERS_RECEIVED, TRUE);
  if (!self->done)
    start_read (self);
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (PfExchange) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GInputStream) stream = soup_session_send_finish (SOUP_SESSION (object), result,
                                                              &error);
  const char *location;
  guint status;

  self->in_flight--;
  if (self->done)
    {
      _pf_exchange_maybe_complete (self);
      return;
    }
  if (stream == NULL)
    {
      _pf_exchange_fail (self, PF_FAILURE_NETWORK, error->message);
      return;
    }
  status = soup_message_get_status (self->msg);
  location = soup_message_headers_get_one (soup_message_get_response_headers (self->msg),
                                           "Location");
  /* What the server answered stays visible, even when the policy hides it from the page. */
  self->server_status = status;
  self->http_version = soup_message_get_http_version (self->msg);
  _pf_exchange_read_response_headers (self, soup_message_get_response_headers (self->msg));
  if (self->hooks != NULL && self->hooks->check_response != NULL &&
      !self->hooks->check_response (self, self->msg, is_redirect_status (status) && location,
                                    self->hooks_data))
    return;
  if (is_redirect_status (status) && location != NULL)
    {
      follow_redirect (self, status, location);
      return;
    }
  process_response (self, g_steal_pointer (&stream));
}

void
_pf_exchange_send_hop (PfExchange *self)
{
  SoupMessage *msg = soup_message_new (self->method, self->url);

  if (msg == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a valid URL"), self->url);
      _pf_exchange_fail (self, PF_FAILURE_NETWORK, message);
      return;
    }
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT | SOUP_MESSAGE_COLLECT_METRICS);
  apply_body (self, msg);
  apply_headers (self, msg);
  if (self->hooks != NULL && self->hooks->prepare != NULL)
    self->hooks->prepare (self, msg, self->hooks_data);
  g_signal_connect (msg, "wrote-headers", G_CALLBACK (wrote_headers_cb), self);
  g_signal_connect (msg, "wrote-body-data", G_CALLBACK (wrote_body_data_cb), self);
  g_signal_connect (msg, "wrote-body", G_CALLBACK (wrote_body_cb), self);
  self->msg = msg;
  self->request_sent_us = 0;
  self->in_flight++;
  soup_session_send_async (self->session, msg, G_PRIORITY_DEFAULT, self->cancellable, sent_cb,
                           g_object_ref (self));
}
