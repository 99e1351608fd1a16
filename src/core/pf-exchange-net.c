/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-exchange"

#include "config.h"

#include <string.h>

#include "pf-body-reader.h"
#include "pf-exchange-private.h"
#include "pf-utf8.h"

/* Where an exchange's network I/O runs: on the profile's network context when it has one (the
 * app's: see PfNetThread), else on the caller's. libsoup stamps each phase (DNS, connect,
 * the first byte of the response, its last) when its callback runs there, so a loop that
 * does nothing else measures network time, not the time a window spent drawing.
 *
 * The two halves share nothing while an operation runs. The caller's half (pf-exchange-io.c)
 * hands a message or a response stream over; this half sends it or reads it into the body
 * store and hands back what happened as events, in order, on the caller's main context,
 * where the timeline and the XHR events are. Each handover holds a reference to the
 * exchange that the event which ends it releases there, so an exchange is always finalized
 * on the caller's thread, and a finished exchange has no event still on its way. Without a
 * network context both halves run on the caller's, and a handover is a plain call. */

typedef enum
{
  EVENT_WROTE_HEADERS,
  EVENT_WROTE_BODY_DATA,
  EVENT_WROTE_BODY,
  EVENT_RECORD,
  EVENT_HEAD, /* ends a send: the response stream or the error */
  EVENT_CHUNK,
  EVENT_FINISHED, /* ends a body read */
} EventKind;

typedef struct
{
  PfExchange *exchange;
  EventKind kind;
  gint64 time_us;
  guint64 size;
  char *text;
  PfTimelineRecord record;
  gboolean has_record;
  gboolean not_text;
  guint64 not_utf8_at;
  GInputStream *stream;
  PfBodyStore *store; /* HEAD: the body is being read into it already */
  PfTlsInfo *tls;     /* HEAD: the hop's TLS connection, if any */
  GError *error;
} Event;

static void
event_free (gpointer data)
{
  Event *event = data;

  g_free (event->text);
  if (event->has_record)
    g_free (event->record.detail);
  g_clear_error (&event->error);
  /* A stream nobody took goes back to the network context to be closed there. */
  if (event->stream != NULL)
    _pf_exchange_net_drop_stream (event->exchange, g_steal_pointer (&event->stream));
  g_clear_object (&event->store);
  g_clear_object (&event->tls);
  g_object_unref (event->exchange);
  g_free (event);
}

static gboolean
event_cb (gpointer data)
{
  Event *event = data;
  PfExchange *self = event->exchange;

  switch (event->kind)
    {
    case EVENT_WROTE_HEADERS:
      _pf_exchange_wrote_headers (self, event->time_us, g_steal_pointer (&event->text));
      break;
    case EVENT_WROTE_BODY_DATA:
      _pf_exchange_wrote_body_data (self, event->size);
      break;
    case EVENT_WROTE_BODY:
      _pf_exchange_wrote_body (self, event->time_us);
      break;
    case EVENT_RECORD:
      event->has_record = FALSE;
      _pf_exchange_append (self, event->record);
      break;
    case EVENT_HEAD:
      _pf_exchange_head (self, g_steal_pointer (&event->stream), g_steal_pointer (&event->store),
                         g_steal_pointer (&event->tls), event->error);
      break;
    case EVENT_CHUNK:
      /* A body read ahead and then refused (blocked, aborted) was not the page's. */
      if (self->store == NULL)
        break;
      if (event->has_record)
        {
          event->has_record = FALSE;
          _pf_exchange_append (self, event->record);
        }
      _pf_exchange_chunk (self, event->size, event->not_text, event->not_utf8_at);
      break;
    case EVENT_FINISHED:
      _pf_exchange_body_finished (self, event->error, event->text);
      break;
    default:
      g_assert_not_reached ();
    }
  return G_SOURCE_REMOVE;
}

static Event *
event_new (PfExchange *self,
           EventKind kind)
{
  Event *event = g_new0 (Event, 1);

  event->exchange = g_object_ref (self);
  event->kind = kind;
  return event;
}

/* On the network context: @event goes to the caller's, after those posted before it. */
static void
post (Event *event)
{
  g_main_context_invoke_full (event->exchange->main_context, G_PRIORITY_DEFAULT, event_cb, event,
                              event_free);
}

/* On the caller's context: @func runs on the network context with @data. */
static void
hand_over (PfExchange *self,
           GSourceFunc func,
           gpointer data,
           GDestroyNotify destroy)
{
  g_main_context_invoke_full (self->net_context, G_PRIORITY_DEFAULT, func, data, destroy);
}

void
_pf_exchange_net_post_record (PfExchange *self,
                              PfTimelineRecord record)
{
  Event *event = event_new (self, EVENT_RECORD);

  event->record = record;
  event->has_record = TRUE;
  post (event);
}

/* Cancellation */

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
cancelled_cb (GCancellable *cancellable,
              PfExchange *self)
{
  hand_over (self, cancel_cb, g_object_ref (self->net_cancellable), g_object_unref);
}

/* The exchange's cancellable, cancelled on the caller's thread, cancels what runs on the
 * network context from there; without a network context, it is that half's too. */
void
_pf_exchange_net_init (PfExchange *self,
                       PfProfile *profile)
{
  GMainContext *net = pf_profile_get_network_context (profile);

  self->main_context = g_main_context_ref_thread_default ();
  self->net_context = g_main_context_ref (net != NULL ? net : self->main_context);
  if (net == NULL)
    {
      self->net_cancellable = g_object_ref (self->cancellable);
      return;
    }
  self->net_cancellable = g_cancellable_new ();
  self->net_cancel_id = g_cancellable_connect (self->cancellable, G_CALLBACK (cancelled_cb),
                                               self, NULL);
}

void
_pf_exchange_net_clear (PfExchange *self)
{
  if (self->net_cancel_id != 0)
    g_cancellable_disconnect (self->cancellable, self->net_cancel_id);
  self->net_cancel_id = 0;
  g_clear_object (&self->net_cancellable);
  g_clear_pointer (&self->net_context, g_main_context_unref);
  g_clear_pointer (&self->main_context, g_main_context_unref);
}

/* Sending a message: its signals come on the network context */

static const char *
version_text (SoupHTTPVersion version)
{
  return version == SOUP_HTTP_1_0 ? "HTTP/1.0" : version == SOUP_HTTP_2_0 ? "HTTP/2"
                                                                          : "HTTP/1.1";
}

/* Copies @len bytes of @text to @at; returns where the copy ends. */
static char *
put (char *at,
     const char *text,
     gsize len)
{
  memcpy (at, text, len);
  return at + len;
}

/* The request head as it went out: request line and every header, libsoup's own included.
 * Measured first, then copied piece by piece into a string of that size (a format string, or
 * appends that look for the end of each piece twice, cost more than the copies). */
static char *
request_head (SoupMessage *msg)
{
  GUri *uri = soup_message_get_uri (msg);
  const char *method = soup_message_get_method (msg);
  const char *path = *g_uri_get_path (uri) ? g_uri_get_path (uri) : "/";
  const char *query = g_uri_get_query (uri);
  const char *version = version_text (soup_message_get_http_version (msg));
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);
  SoupMessageHeadersIter iter;
  const char *name, *value;
  gsize size = strlen (method) + strlen (path) + (query ? strlen (query) + 1 : 0) +
               strlen (version) + 4;
  char *head, *at;

  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    size += strlen (name) + strlen (value) + 4;
  head = at = g_malloc (size + 1);
  at = put (at, method, strlen (method));
  at = put (at, " ", 1);
  at = put (at, path, strlen (path));
  if (query != NULL)
    {
      at = put (at, "?", 1);
      at = put (at, query, strlen (query));
    }
  at = put (at, " ", 1);
  at = put (at, version, strlen (version));
  at = put (at, "\r\n", 2);
  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      at = put (at, name, strlen (name));
      at = put (at, ": ", 2);
      at = put (at, value, strlen (value));
      at = put (at, "\r\n", 2);
    }
  *at = '\0';
  g_assert ((gsize) (at - head) == size);
  return head;
}

typedef struct
{
  PfExchange *exchange;
  SoupMessage *msg;
  GInputStream *stream;
  gulong handler_ids[4]; /* on msg while it is sent: their data is the handover,
                          * which the caller's half never disconnects */
  /* TLS: what the hop may take, its session, and the certificate the handshake was asked
   * about (with its problems and how it was taken) */
  PfTlsTrustSet *trust;
  SoupSession *session;
  GTlsCertificate *peer;
  GTlsCertificateFlags peer_errors;
} Handover;

static void
wrote_headers_cb (SoupMessage *msg,
                  Handover *handover)
{
  PfExchange *self = handover->exchange;
  Event *event = event_new (self, EVENT_WROTE_HEADERS);

  event->time_us = _pf_exchange_now (self);
  event->text = request_head (msg);
  post (event);
}

static void
wrote_body_data_cb (SoupMessage *msg,
                    guint chunk_size,
                    Handover *handover)
{
  PfExchange *self = handover->exchange;
  Event *event = event_new (self, EVENT_WROTE_BODY_DATA);

  event->size = chunk_size;
  post (event);
}

static void
wrote_body_cb (SoupMessage *msg,
               Handover *handover)
{
  PfExchange *self = handover->exchange;
  Event *event = event_new (self, EVENT_WROTE_BODY);

  event->time_us = _pf_exchange_now (self);
  post (event);
}

static void
handover_free (gpointer data)
{
  Handover *handover = data;

  g_clear_object (&handover->msg);
  g_clear_object (&handover->stream);
  g_clear_pointer (&handover->trust, _pf_tls_trust_set_free);
  g_clear_object (&handover->session);
  g_clear_object (&handover->peer);
  /* Set only while the handover still holds the exchange (not handed to an event). */
  if (handover->exchange != NULL)
    _pf_exchange_net_post_release (handover->exchange);
  g_free (handover);
}

/* Whether the body of @msg is read as soon as its head has come, as a browser's network
 * service does, so that the caller's busy main loop is not counted as download time. Not a
 * redirect's (it is dropped), nor into the CLI's sink (only what the policy allows goes there). */
static gboolean
reads_ahead (PfExchange *self,
             SoupMessage *msg)
{
  guint status = soup_message_get_status (msg);
  gboolean redirect = status == 301 || status == 302 || status == 303 || status == 307 ||
                      status == 308;

  return self->sink == NULL &&
         !(redirect && soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                     "Location") != NULL);
}

static const PfBodyReaderCallbacks body_callbacks;

/* On the network context, while the handshake waits: whether to take a certificate the
 * system does not vouch for. Only by the user's choice, never by default. */
static gboolean
accept_certificate_cb (SoupMessage *msg,
                       GTlsCertificate *peer,
                       GTlsCertificateFlags errors,
                       Handover *handover)
{
  g_set_object (&handover->peer, peer);
  handover->peer_errors = errors;
  return _pf_tls_trust_set_decide (handover->trust, peer, errors) != PF_TLS_TRUST_REFUSED;
}

/* The hop's TLS connection as it ended: refused at the handshake, or taken (the reused
 * connection's certificate is checked again, as this hop trusts it or not). NULL for plain
 * HTTP and for a failure before any certificate came. */
static PfTlsInfo *
read_tls (Handover *handover,
          GInputStream **stream,
          GError **error)
{
  SoupMessage *msg = handover->msg;
  GTlsCertificate *peer = soup_message_get_tls_peer_certificate (msg);
  GTlsCertificateFlags errors = soup_message_get_tls_peer_certificate_errors (msg);
  PfTlsTrust trust;

  if (*stream == NULL)
    {
      if (handover->peer == NULL || !g_error_matches (*error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
        return NULL;
      return pf_tls_info_new (handover->trust->host, handover->peer, handover->peer_errors,
                              G_TLS_PROTOCOL_VERSION_UNKNOWN, NULL, PF_TLS_TRUST_REFUSED);
    }
  if (peer == NULL)
    return NULL;
  trust = _pf_tls_trust_set_decide (handover->trust, peer, errors);
  if (trust == PF_TLS_TRUST_REFUSED)
    {
      g_clear_object (stream);
      g_set_error_literal (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE,
                           "Unacceptable TLS certificate");
    }
  return pf_tls_info_new (handover->trust->host, peer, errors,
                          soup_message_get_tls_protocol_version (msg),
                          soup_message_get_tls_ciphersuite_name (msg), trust);
}

/* A read of @msg's body from @stream begins: the network half keeps both until it ends. */
static void
begin_read (PfExchange *self,
            SoupMessage *msg,
            GInputStream *stream)
{
  g_assert (self->net.stream == NULL && self->net.msg == NULL);
  self->net.stream = g_object_ref (stream);
  self->net.msg = g_object_ref (msg);
  self->net.received = 0;
  g_clear_error (&self->net.stop);
}

static void
sent_cb (GObject *object,
         GAsyncResult *result,
         gpointer user_data)
{
  Handover *handover = user_data;
  Event *event = g_new0 (Event, 1);
  g_autoptr (PfBodyReader) reader = NULL;
  g_autoptr (GError) error = NULL;
  PfExchange *reading = NULL;

  /* By id: matching by data walks every handler libsoup has on the message. */
  for (guint i = 0; i < G_N_ELEMENTS (handover->handler_ids); i++)
    g_clear_signal_handler (&handover->handler_ids[i], handover->msg);
  /* The send's reference goes to the event that ends it; a read ahead takes one of its own. */
  event->exchange = g_steal_pointer (&handover->exchange);
  event->kind = EVENT_HEAD;
  event->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  event->tls = read_tls (handover, &event->stream, &error);
  if (error != NULL)
    event->error = _pf_exchange_head_error (handover->msg, error);
  if (event->stream != NULL && reads_ahead (event->exchange, handover->msg))
    {
      g_autoptr (GInputStream) stream = g_steal_pointer (&event->stream);

      event->store = pf_body_store_new (event->exchange->memory_limit, NULL);
      reader = pf_body_reader_new (stream, event->store);
      reading = g_object_ref (event->exchange);
      begin_read (reading, handover->msg, stream);
    }
  handover_free (handover);
  /* The head first: its event is before the chunks' on the caller's context. */
  post (event);
  if (reader != NULL)
    pf_body_reader_start (reader, &body_callbacks, reading, reading->net_cancellable);
}

static gboolean
send_cb (gpointer data)
{
  Handover *handover = data;
  PfExchange *self = handover->exchange;

  handover->handler_ids[0] = g_signal_connect (handover->msg, "wrote-headers",
                                               G_CALLBACK (wrote_headers_cb), handover);
  /* Without a body there is no upload to follow: the request ends with its head. */
  if (self->has_upload)
    {
      handover->handler_ids[1] = g_signal_connect (handover->msg, "wrote-body-data",
                                                   G_CALLBACK (wrote_body_data_cb), handover);
      handover->handler_ids[2] = g_signal_connect (handover->msg, "wrote-body",
                                                   G_CALLBACK (wrote_body_cb), handover);
    }
  /* Only a TLS handshake asks about a certificate. */
  if (g_ascii_strcasecmp (g_uri_get_scheme (soup_message_get_uri (handover->msg)), "https") == 0)
    handover->handler_ids[3] = g_signal_connect (handover->msg, "accept-certificate",
                                                 G_CALLBACK (accept_certificate_cb), handover);
  soup_session_send_async (handover->session, handover->msg, G_PRIORITY_DEFAULT,
                           self->net_cancellable, sent_cb, handover);
  return G_SOURCE_REMOVE;
}

/* Sends @msg; its events follow, and _pf_exchange_head () ends the send. */
void
_pf_exchange_net_send (PfExchange *self,
                       SoupMessage *msg)
{
  Handover *handover = g_new0 (Handover, 1);

  handover->exchange = g_object_ref (self);
  handover->msg = g_object_ref (msg);
  handover->trust = _pf_tls_trust_set_new (self, soup_message_get_uri (msg));
  handover->session = g_object_ref (_pf_tls_trust_set_session (handover->trust, self->profile));
  /* A handover that never runs (the network context went away) leaves the exchange to fail. */
  hand_over (self, send_cb, handover, NULL);
}

/* Reading a response body: chunks come on the network context */

/* Chunk entries stop past this many per exchange, and their text past this many bytes, so
 * an endless stream stays bounded (the events and the body go on). */
#define CHUNK_ENTRIES_MAX 100000
#define CHUNK_TEXT_MAX (4 * 1024 * 1024)

/* An image is decided by its first IMAGE_HEAD_MAX bytes (where every format's first frame
 * starts, unless its metadata is huge). */
#define IMAGE_HEAD_MAX (1024 * 1024)

/* How many bytes at the end of @data start a UTF-8 sequence that the next chunk finishes. */
static gsize
incomplete_tail (const guint8 *data,
                 gsize len)
{
  for (gsize back = 1; back <= MIN (len, 3); back++)
    {
      guint8 c = data[len - back];
      gsize need;

      if ((c & 0xC0) == 0x80)
        continue;
      need = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3
                                      : c >= 0xC2   ? 2
                                                    : 1;
      return need > back && c >= 0xC2 ? back : 0;
    }
  return 0;
}

/* HTTP streaming: the chunk's new text, as responseText.substring (received) would show it:
 * a UTF-8 sequence cut by the chunk waits for the next one. */
static void
record_chunk (PfExchange *self,
              Event *event,
              const guint8 *data,
              gsize len)
{
  g_autoptr (GByteArray) bytes = NULL;
  g_autofree char *text = NULL;
  const guint8 *whole = data;
  gsize whole_len = len, text_len;

  /* What a script reads as it comes: an image has no script. */
  if (self->sink != NULL || self->image || self->net.chunks >= CHUNK_ENTRIES_MAX)
    return;
  self->net.chunks++;
  if (self->net.text_kept < CHUNK_TEXT_MAX)
    {
      /* Copied only when a sequence cut by the last chunk waits to be joined. */
      if (self->net.pending_len > 0)
        {
          bytes = g_byte_array_sized_new (self->net.pending_len + len);
          g_byte_array_append (bytes, self->net.pending_utf8, self->net.pending_len);
          g_byte_array_append (bytes, data, len);
          whole = bytes->data;
          whole_len = bytes->len;
        }
      text_len = whole_len - incomplete_tail (whole, whole_len);
      if (pf_utf8_validate_without_nul ((const char *) whole, text_len))
        text = g_strndup ((const char *) whole, text_len);
      else
        {
          gssize invalid = pf_utf8_find_invalid ((const char *) whole, text_len);

          /* @whole starts with the bytes the last chunk left pending. */
          if (invalid >= 0 && self->net.not_utf8_at == G_MAXUINT64)
            self->net.not_utf8_at = self->net.text_kept - self->net.pending_len + invalid;
          self->net.not_text = TRUE;
          text = g_utf8_make_valid ((const char *) whole, text_len);
        }
      self->net.pending_len = whole_len - text_len;
      memcpy (self->net.pending_utf8, whole + text_len, self->net.pending_len);
      self->net.text_kept += len;
    }
  /* The record takes the text made here rather than a copy of it. */
  event->record = pf_timeline_record_chunk (len, NULL, _pf_exchange_now (self));
  event->record.detail = g_steal_pointer (&text);
  event->has_record = TRUE;
}

static void
keep_image_head (PfExchange *self,
                 const guint8 *data,
                 gsize len)
{
  if (!self->image)
    return;
  if (self->image_head == NULL)
    self->image_head = g_byte_array_new ();
  if (self->image_head->len < IMAGE_HEAD_MAX)
    g_byte_array_append (self->image_head, data, MIN (len, IMAGE_HEAD_MAX - self->image_head->len));
}

static void
body_chunk_cb (const guint8 *data,
               gsize len,
               gpointer user_data)
{
  PfExchange *self = user_data;
  Event *event = event_new (self, EVENT_CHUNK);

  record_chunk (self, event, data, len);
  keep_image_head (self, data, len);
  event->size = len;
  event->not_text = self->net.not_text;
  event->not_utf8_at = self->net.not_utf8_at;
  post (event);
  self->net.received += len;
  /* A bomb is stopped here; the read ends with the reason. */
  if (self->net.stop == NULL && _pf_exchange_is_bomb (self->net.msg, self->net.received))
    {
      self->net.stop = _pf_exchange_bomb_error (self->net.msg, self->net.received);
      g_cancellable_cancel (self->net_cancellable);
    }
}

/* The reader is done: the body has ended, a read or the store failed, or the exchange has
 * ended (aborted, timed out) and cancelled it. The read's reference goes to the event. */
static void
body_finished_cb (const GError *error,
                  gpointer user_data)
{
  PfExchange *self = user_data;
  Event *event = g_new0 (Event, 1);
  g_autoptr (GError) stop = g_steal_pointer (&self->net.stop);

  event->exchange = self;
  event->kind = EVENT_FINISHED;
  event->error = stop ? g_steal_pointer (&stop)
                      : _pf_exchange_body_end (self->net.msg, self->net.stream,
                                               self->net.received, error, &event->text);
  g_clear_object (&self->net.stream);
  g_clear_object (&self->net.msg);
  post (event);
}

static const PfBodyReaderCallbacks body_callbacks = { body_chunk_cb, body_finished_cb };

static gboolean
read_cb (gpointer data)
{
  Handover *handover = data;
  PfExchange *self = g_steal_pointer (&handover->exchange);
  g_autoptr (PfBodyReader) reader = pf_body_reader_new (handover->stream, self->store);

  begin_read (self, handover->msg, handover->stream);
  /* The read's reference goes to its FINISHED event. */
  pf_body_reader_start (reader, &body_callbacks, self, self->net_cancellable);
  return G_SOURCE_REMOVE;
}

/* Reads @msg's body from @stream (taken) into the body store; chunk events follow, and
 * _pf_exchange_body_finished () ends the read. */
void
_pf_exchange_net_read_body (PfExchange *self,
                            SoupMessage *msg,
                            GInputStream *stream)
{
  Handover *handover = g_new0 (Handover, 1);

  handover->exchange = g_object_ref (self);
  handover->msg = g_object_ref (msg);
  handover->stream = stream;
  hand_over (self, read_cb, handover, handover_free);
}

static gboolean
nothing_cb (gpointer data)
{
  return G_SOURCE_REMOVE;
}

/* A response stream that will not be read is closed where it was opened. */
void
_pf_exchange_net_drop_stream (PfExchange *self,
                              GInputStream *stream)
{
  hand_over (self, nothing_cb, stream, g_object_unref);
}

static gboolean
release_cb (gpointer data)
{
  return G_SOURCE_REMOVE;
}

/* Lets go of a reference held on the network context, on the caller's. */
void
_pf_exchange_net_post_release (PfExchange *self)
{
  g_main_context_invoke_full (self->main_context, G_PRIORITY_DEFAULT, release_cb, self,
                              g_object_unref);
}

/* A request of the policy's own (the CORS preflight), sent and read whole */

typedef struct
{
  SoupMessage *msg;
  SoupSession *session;
} Preflight;

static void
preflight_free (gpointer data)
{
  Preflight *preflight = data;

  g_clear_object (&preflight->msg);
  g_clear_object (&preflight->session);
  g_free (preflight);
}

static void
read_whole_cb (GObject *object,
               GAsyncResult *result,
               gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;
  GBytes *body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);

  if (body == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, body, (GDestroyNotify) g_bytes_unref);
}

static gboolean
send_and_read_cb (gpointer data)
{
  GTask *task = data;
  PfExchange *self = g_task_get_source_object (task);
  Preflight *preflight = g_task_get_task_data (task);

  soup_session_send_and_read_async (preflight->session, preflight->msg, G_PRIORITY_DEFAULT,
                                    self->net_cancellable, read_whole_cb, g_object_ref (task));
  return G_SOURCE_REMOVE;
}

/* The preflight takes the certificates its request would. */
static gboolean
preflight_accept_cb (SoupMessage *msg,
                     GTlsCertificate *peer,
                     GTlsCertificateFlags errors,
                     PfTlsTrustSet *trust)
{
  return _pf_tls_trust_set_decide (trust, peer, errors) != PF_TLS_TRUST_REFUSED;
}

static void
trust_set_closure_free (gpointer data,
                        GClosure *closure)
{
  _pf_tls_trust_set_free (data);
}

/* Sends @msg and reads its body whole; @callback runs on the caller's context. */
void
_pf_exchange_net_send_and_read_async (PfExchange *self,
                                      SoupMessage *msg,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data)
{
  GTask *task = g_task_new (self, NULL, callback, user_data);
  Preflight *preflight = g_new0 (Preflight, 1);
  PfTlsTrustSet *trust = _pf_tls_trust_set_new (self, soup_message_get_uri (msg));

  preflight->msg = g_object_ref (msg);
  preflight->session = g_object_ref (_pf_tls_trust_set_session (trust, self->profile));
  g_signal_connect_data (msg, "accept-certificate", G_CALLBACK (preflight_accept_cb), trust,
                         trust_set_closure_free, 0);
  g_task_set_task_data (task, preflight, preflight_free);
  hand_over (self, send_and_read_cb, task, g_object_unref);
}

/* The body, or NULL with @error; @msg is the message that was sent. */
GBytes *
_pf_exchange_net_send_and_read_finish (GAsyncResult *result,
                                       SoupMessage **msg,
                                       GError **error)
{
  Preflight *preflight = g_task_get_task_data (G_TASK (result));

  *msg = g_object_ref (preflight->msg);
  return g_task_propagate_pointer (G_TASK (result), error);
}
