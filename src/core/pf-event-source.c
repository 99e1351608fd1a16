/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-event-source"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pf-cors.h"
#include "pf-event-source-private.h"
#include "pf-http-syntax.h"
#include "pf-key-value.h"
#include "pf-request-error.h"
#include "pf-mime.h"
#include "pf-sse-parser.h"

#include <string.h>

/* HTML's EventSource over libsoup: one GET per connection with Accept: text/event-stream,
 * Cache-Control: no-cache and, once an id was seen, Last-Event-ID; "announce the
 * connection" on a 200 text/event-stream answer; "fail the connection" (CLOSED, no retry)
 * on any other status or type; "reestablish the connection" after the reconnection time
 * when the stream ends or the network fails. Every open, message, error and reconnect is
 * an entry of a list model that keeps at most max-entries, counting the ones it dropped.
 *
 * With a page origin, as a page there would open it: HTML's EventSource fetches in "cors"
 * mode, its credentials mode "include" with withCredentials and "same-origin" without. A
 * cross-origin request carries Origin, cookies only with withCredentials, and its response
 * must pass Fetch's CORS check; a failed check is a network error on which Chromium fails
 * the connection (CLOSED, one error event, no reconnect). */

#define READ_SIZE         (64 * 1024)
#define RETRY_DEFAULT_MS  3000


struct _PfEventSource
{
  GObject parent_instance;

  SoupSession *session;
  char *url;
  PfEventSourceState ready_state;
  PfSseParser *parser;
  guint64 retry_ms;
  guint connection;
  guint64 next_delay_ms;
  PfEventSourceEntries *entries;
  gboolean held;
  gint64 read_us;
  gboolean announce_messages;
  gboolean bulk;
  guint flush_id;
  guint max_entries;
  guint64 dropped;
  GCancellable *cancellable;
  SoupMessage *msg;
  GInputStream *stream;
  guint8 *buffer;
  guint reconnect_id;
  gint64 reconnect_at;  /* monotonic µs of the next reconnect, 0 when none waits */
  gint64 t0;
  gboolean noted_not_utf8; /* this connection's note on bytes that are not UTF-8 is made */
  PfEventSourceMessageFunc message_func;
  gpointer message_data;
  char *origin;          /* the page's serialised origin, or NULL: no CORS emulation */
  gboolean with_credentials;
  gboolean cross_origin; /* of the connection under way */
  char *cors_verdict;    /* what the last response's CORS check said, or NULL */
  gboolean cors_blocked;
};

static void pf_event_source_feed_init (PfFeedInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PfEventSource, pf_event_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PF_TYPE_FEED, pf_event_source_feed_init))

enum
{
  PROP_0,
  PROP_READY_STATE,
  N_PROPS
};

enum
{
  SIGNAL_ENTRY_ADDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];
/* entry-added's detail: the entry's kind. */
static GQuark kind_quarks[PF_EVENT_SOURCE_ENTRY_NOTE + 1];

static void connect_now (PfEventSource *self);

static void
pf_event_source_dispose (GObject *object)
{
  PfEventSource *self = PF_EVENT_SOURCE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  g_clear_handle_id (&self->flush_id, g_source_remove);
  G_OBJECT_CLASS (pf_event_source_parent_class)->dispose (object);
}

static void
pf_event_source_finalize (GObject *object)
{
  PfEventSource *self = PF_EVENT_SOURCE (object);

  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->msg);
  g_clear_object (&self->stream);
  g_clear_object (&self->entries);
  g_clear_pointer (&self->parser, pf_sse_parser_free);
  g_clear_pointer (&self->buffer, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->origin, g_free);
  g_clear_pointer (&self->cors_verdict, g_free);
  G_OBJECT_CLASS (pf_event_source_parent_class)->finalize (object);
}

static void
pf_event_source_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PfEventSource *self = PF_EVENT_SOURCE (object);

  switch (prop_id)
    {
    case PROP_READY_STATE:
      g_value_set_int (value, self->ready_state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_event_source_class_init (PfEventSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pf_event_source_dispose;
  object_class->finalize = pf_event_source_finalize;
  object_class->get_property = pf_event_source_get_property;

  properties[PROP_READY_STATE] = g_param_spec_int ("ready-state", NULL, NULL, 0, 2, 0,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                     G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Each new entry, also when the list has reached its maximum and drops its oldest. The
   * detail is the kind: "entry-added::error" is every error, and no message entry is made
   * for a source nobody listens to messages of. */
  signals[SIGNAL_ENTRY_ADDED] = g_signal_new ("entry-added", G_TYPE_FROM_CLASS (klass),
                                              G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED, 0, NULL,
                                              NULL, NULL, G_TYPE_NONE, 1,
                                              PF_TYPE_EVENT_SOURCE_ENTRY);
  for (guint kind = 0; kind < G_N_ELEMENTS (kind_quarks); kind++)
    kind_quarks[kind] = g_quark_from_static_string (pf_event_source_entry_kind_get_name (kind));
}

static void
pf_event_source_init (PfEventSource *self)
{
  self->entries = g_object_new (PF_TYPE_EVENT_SOURCE_ENTRIES, NULL);
  self->max_entries = PF_EVENT_SOURCE_MAX_ENTRIES_DEFAULT;
  self->retry_ms = RETRY_DEFAULT_MS;
  self->cancellable = g_cancellable_new ();
}

static void
set_ready_state (PfEventSource     *self,
                 PfEventSourceState state)
{
  if (self->ready_state == state)
    return;
  self->ready_state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY_STATE]);
  pf_feed_emit_state_changed (PF_FEED (self));
}

/* When the next reconnect goes (monotonic µs), or 0: the countdown in the state line. */
static void
set_reconnect_at (PfEventSource *self,
                  gint64         reconnect_at)
{
  if (self->reconnect_at == reconnect_at)
    return;
  self->reconnect_at = reconnect_at;
  pf_feed_emit_state_changed (PF_FEED (self));
}

static PfEventSourceEntry *
entry_new (PfEventSource         *self,
           PfEventSourceEntryKind kind)
{
  PfEventSourceEntry *entry = g_object_new (PF_TYPE_EVENT_SOURCE_ENTRY, NULL);

  entry->kind = kind;
  entry->connection = self->connection;
  entry->ready_state = self->ready_state;
  entry->last_event_id = g_strdup (pf_sse_parser_get_last_event_id (self->parser));
  entry->time_us = g_get_monotonic_time () - self->t0;
  return entry;
}

/* Shows the pending entries in one change (one items-changed per batch, not per event, so a
 * view of the list keeps up), dropping the oldest past the maximum. */
static void
flush_pending (PfEventSource *self)
{
  g_clear_handle_id (&self->flush_id, g_source_remove);
  self->dropped += pf_event_source_entries_flush (self->entries, self->max_entries, self->held);
}

/* The list takes new messages at most this often: a view of it redraws a few times a
 * second, not once per event. */
#define FLUSH_INTERVAL_MS 50

static gboolean
flush_cb (gpointer user_data)
{
  PfEventSource *self = user_data;

  self->flush_id = 0;
  flush_pending (self);
  return G_SOURCE_REMOVE;
}

/* Adds an open, error or reconnect @entry (taking it): announced and shown at once. */
static void
add_entry (PfEventSource      *self,
           PfEventSourceEntry *entry)
{
  pf_event_source_entries_append_whole (self->entries, entry);
  g_signal_emit (self, signals[SIGNAL_ENTRY_ADDED], kind_quarks[entry->kind], entry);
  g_object_unref (entry);
  flush_pending (self);
}

/* What the stream did wrong that fires no event in a browser. */
static void
add_note (PfEventSource *self,
          const char *detail)
{
  PfEventSourceEntry *entry = entry_new (self, PF_EVENT_SOURCE_ENTRY_NOTE);

  entry->detail = g_strdup (detail);
  add_entry (self, entry);
}

/* Once per connection, as soon as the parser met bytes that are not UTF-8: before the message
 * that holds them. */
static void
note_not_utf8 (PfEventSource *self)
{
  if (self->noted_not_utf8 || !pf_sse_parser_get_replaced (self->parser))
    return;
  self->noted_not_utf8 = TRUE;
  add_note (self, _("The stream holds bytes that are not UTF-8: each invalid sequence became "
                    "U+FFFD (�), as a browser decodes it, and no event says so"));
}

static void
message_cb (const char *type,
            const char *data,
            gsize       data_len,
            const char *last_event_id,
            gpointer    user_data)
{
  PfEventSource *self = user_data;
  g_autoptr (PfEventSourceEntry) entry = NULL;

  /* close () from a handler stops the events still in the chunk being parsed. */
  if (self->ready_state != PF_EVENT_SOURCE_OPEN)
    return;
  note_not_utf8 (self);
  if (self->ready_state != PF_EVENT_SOURCE_OPEN)
    return;
  if (self->message_func != NULL)
    {
      self->message_func (self, type, data, data_len, last_event_id,
                          g_get_monotonic_time () - self->t0, self->message_data);
      return;
    }
  /* Messages are packed into the list as they are parsed, and wait up to FLUSH_INTERVAL_MS
   * to be shown; an entry object is made only for a listener (or a message too large to
   * pack), looked for once per read. Each message's time is when the read that completed it
   * ended. */
  if (self->announce_messages || data_len > G_MAXUINT32)
    {
      entry = entry_new (self, PF_EVENT_SOURCE_ENTRY_MESSAGE);
      entry->event_type = g_strdup (type);
      entry->data = g_memdup2 (data, data_len + 1);
      entry->data_len = data_len;
      entry->time_us = self->read_us - self->t0;
    }
  if (data_len > G_MAXUINT32)
    pf_event_source_entries_append_whole (self->entries, entry);
  else
    pf_event_source_entries_append_message (self->entries, type, data, data_len, last_event_id,
                            self->connection, self->read_us - self->t0);
  if (self->announce_messages)
    g_signal_emit (self, signals[SIGNAL_ENTRY_ADDED], kind_quarks[PF_EVENT_SOURCE_ENTRY_MESSAGE],
                   entry);
}

static void
retry_cb (guint64  retry_ms,
          gpointer user_data)
{
  PfEventSource *self = user_data;

  self->retry_ms = retry_ms;
}

static void
add_error (PfEventSource *self,
           const char    *detail)
{
  PfEventSourceEntry *entry = entry_new (self, PF_EVENT_SOURCE_ENTRY_ERROR);

  entry->detail = g_strdup (detail);
  add_entry (self, entry);
}

static void
drop_connection (PfEventSource *self)
{
  flush_pending (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_object (&self->stream);
  g_clear_object (&self->msg);
  pf_sse_parser_end (self->parser);
}

/* HTML "fail the connection": CLOSED, an error event (for a CORS failure naming the
 * @cors_rule it broke), no more tries. */
static void
fail_connection (PfEventSource *self,
                 const char    *detail,
                 const char    *cors_rule)
{
  PfEventSourceEntry *entry;

  drop_connection (self);
  set_ready_state (self, PF_EVENT_SOURCE_CLOSED);
  entry = entry_new (self, PF_EVENT_SOURCE_ENTRY_ERROR);
  entry->detail = g_strdup (detail);
  entry->cors_rule = g_strdup (cors_rule);
  add_entry (self, entry);
}

static gboolean
reconnect_cb (gpointer user_data)
{
  PfEventSource *self = user_data;
  PfEventSourceEntry *entry;

  self->reconnect_id = 0;
  set_reconnect_at (self, 0);
  if (self->ready_state != PF_EVENT_SOURCE_CONNECTING)
    return G_SOURCE_REMOVE;
  entry = entry_new (self, PF_EVENT_SOURCE_ENTRY_RECONNECT);
  entry->delay_ms = self->next_delay_ms;
  add_entry (self, entry);
  if (self->ready_state == PF_EVENT_SOURCE_CONNECTING)
    connect_now (self);
  return G_SOURCE_REMOVE;
}

/* HTML "reestablish the connection": CONNECTING, an error event, then after the
 * reconnection time a new request, unless close () came first. */
static void
reestablish (PfEventSource *self,
             const char    *detail)
{
  drop_connection (self);
  if (self->ready_state == PF_EVENT_SOURCE_CLOSED)
    return;
  set_ready_state (self, PF_EVENT_SOURCE_CONNECTING);
  add_error (self, detail);
  if (self->ready_state != PF_EVENT_SOURCE_CONNECTING)
    return;
  self->next_delay_ms = self->retry_ms;
  self->reconnect_id = g_timeout_add (MIN (self->retry_ms, (guint64) G_MAXUINT),
                                      reconnect_cb, self);
  set_reconnect_at (self,
                    g_get_monotonic_time () + (gint64) MIN (self->retry_ms, G_MAXUINT) * 1000);
}

static void start_read (PfEventSource *self);

/* After a read was parsed: a parser that had to stop fails the connection (reconnecting would
 * only meet the same stream); bytes that are not UTF-8 are noted once per connection. Returns
 * FALSE when the connection has failed. */
static gboolean
check_parser (PfEventSource *self)
{
  switch (pf_sse_parser_get_stop (self->parser))
    {
    case PF_SSE_PARSER_LINE_TOO_LONG:
      fail_connection (self, _("The stream sent a line longer than 16 MiB without a line break: "
                               "Preflight closes the connection rather than hold the line in "
                               "memory (a browser keeps reading until memory runs out)"),
                       NULL);
      return FALSE;
    case PF_SSE_PARSER_EVENT_TOO_LONG:
      fail_connection (self, _("An event passed 16 MiB of data without the empty line that ends "
                               "it: Preflight closes the connection rather than hold the event in "
                               "memory (a browser keeps reading until memory runs out)"),
                       NULL);
      return FALSE;
    case PF_SSE_PARSER_READING:
    default:
      break;
    }
  note_not_utf8 (self);
  return TRUE;
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (PfEventSource) self = user_data;
  g_autoptr (GError) error = NULL;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      G_INPUT_STREAM (object) != self->stream)
    return;
  if (n < 0)
    {
      reestablish (self, error->message);
      return;
    }
  if (n == 0)
    {
      reestablish (self, _("The stream ended"));
      return;
    }
  self->bulk = n == READ_SIZE;
  self->read_us = g_get_monotonic_time ();
  self->announce_messages = g_signal_has_handler_pending (
    self, signals[SIGNAL_ENTRY_ADDED], kind_quarks[PF_EVENT_SOURCE_ENTRY_MESSAGE], FALSE);
  pf_sse_parser_feed (self->parser, (const char *) self->buffer, n);
  if (!check_parser (self))
    return;
  if (pf_event_source_entries_get_n_pending (self->entries) > 0 && self->flush_id == 0)
    self->flush_id = g_timeout_add (FLUSH_INTERVAL_MS, flush_cb, self);
  /* A handler may have closed the source. */
  if (self->ready_state == PF_EVENT_SOURCE_OPEN && self->stream != NULL)
    start_read (self);
}

/* A flood of events always has data waiting: read at default priority it would take every
 * turn of the main loop, and a window would not draw a frame until the stream paused. After
 * a read that filled the buffer (more is waiting) the next one goes below the redraw and
 * timeout priorities, in the time left over; a feed that keeps up reads at the default. */
#define BULK_PRIORITY G_PRIORITY_DEFAULT_IDLE

static void
start_read (PfEventSource *self)
{
  g_input_stream_read_async (self->stream, self->buffer, READ_SIZE,
                             self->bulk ? BULK_PRIORITY : G_PRIORITY_DEFAULT, self->cancellable,
                             read_cb, g_object_ref (self));
}

/* Why a response cannot be an event stream (as Chromium words the charset rule), or NULL. */
static char *
check_response (SoupMessage *msg)
{
  const char *type = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                   "Content-Type");
  g_autofree char *essence = pf_mime_essence (type);
  g_autoptr (GHashTable) params = NULL;
  const char *charset;

  if (soup_message_get_status (msg) != SOUP_STATUS_OK)
    return g_strdup_printf (_("The server answered %u %s; an event stream needs 200 OK"),
                            soup_message_get_status (msg), soup_message_get_reason_phrase (msg));
  if (g_strcmp0 (essence, "text/event-stream") != 0)
    return g_strdup_printf (_("The Content-Type is “%s”, not text/event-stream"),
                            type ? type : "");
  soup_message_headers_get_content_type (soup_message_get_response_headers (msg), &params);
  charset = params ? g_hash_table_lookup (params, "charset") : NULL;
  /* HTML ignores the charset (the stream is always UTF-8); Chromium refuses any other. */
  if (charset != NULL && g_ascii_strcasecmp (charset, "utf-8") != 0)
    return g_strdup_printf (_("The charset is “%s”; Chromium refuses an event stream "
                              "that is not UTF-8"),
                            charset);
  return NULL;
}

static GListModel *
response_headers (SoupMessage *msg)
{
  GListStore *list = g_list_store_new (PF_TYPE_KEY_VALUE);
  SoupMessageHeadersIter iter;
  const char *name, *value;

  soup_message_headers_iter_init (&iter, soup_message_get_response_headers (msg));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    {
      g_autoptr (PfKeyValue) header = pf_key_value_new (name, value);

      g_list_store_append (list, header);
    }
  return G_LIST_MODEL (list);
}

static void
set_cors_verdict (PfEventSource *self,
                  char          *verdict,
                  gboolean       blocked)
{
  g_free (self->cors_verdict);
  self->cors_verdict = verdict;
  self->cors_blocked = blocked;
  pf_feed_emit_state_changed (PF_FEED (self));
}

/* Fetch's CORS check of a cross-origin response, before the EventSource sees its status or
 * type (as in a browser, where the network layer blocks it first). Fails the connection and
 * returns FALSE when it fails. */
static gboolean
pass_cors_check (PfEventSource *self)
{
  g_autoptr (GListModel) headers = NULL;
  g_autoptr (GPtrArray) failures = NULL;
  PfCorsFinding *first;

  if (!self->cross_origin)
    {
      if (self->origin != NULL)
        set_cors_verdict (self, g_strdup (_("CORS: same origin, no check")), FALSE);
      return TRUE;
    }
  headers = response_headers (self->msg);
  failures = pf_cors_check (headers, self->origin, self->with_credentials);
  if (failures->len == 0)
    {
      /* Translators: the page's origin */
      set_cors_verdict (self, g_strdup_printf (_("CORS: allowed for %s"), self->origin), FALSE);
      return TRUE;
    }
  first = failures->pdata[0];
  /* Translators: why the CORS check failed */
  set_cors_verdict (self,
                    g_strdup_printf (_("CORS: blocked: %s"), pf_cors_finding_get_message (first)),
                    TRUE);
  fail_connection (self, pf_cors_finding_get_message (first), pf_cors_finding_get_rule (first));
  return FALSE;
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (PfEventSource) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GInputStream) stream = soup_session_send_finish (SOUP_SESSION (object), result,
                                                              &error);
  g_autofree char *problem = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->msg == NULL)
    return;
  if (stream == NULL)
    {
      reestablish (self, error->message);
      return;
    }
  if (!pass_cors_check (self))
    return;
  problem = check_response (self->msg);
  if (problem != NULL)
    {
      fail_connection (self, problem, NULL);
      return;
    }
  self->stream = g_steal_pointer (&stream);
  set_ready_state (self, PF_EVENT_SOURCE_OPEN);
  add_entry (self, entry_new (self, PF_EVENT_SOURCE_ENTRY_OPEN));
  if (self->ready_state == PF_EVENT_SOURCE_OPEN)
    start_read (self);
}

static void
connect_now (PfEventSource *self)
{
  SoupMessageHeaders *headers;
  const char *id = pf_sse_parser_get_last_event_id (self->parser);

  self->connection++;
  self->bulk = FALSE;
  self->noted_not_utf8 = FALSE;
  self->msg = soup_message_new ("GET", self->url);
  headers = soup_message_get_request_headers (self->msg);
  soup_message_headers_replace (headers, "Accept", "text/event-stream");
  soup_message_headers_replace (headers, "Cache-Control", "no-cache");
  if (*id != '\0')
    soup_message_headers_replace (headers, "Last-Event-ID", id);
  /* Fetch: Origin on a request whose response tainting is "cors"; the credentials mode
   * "same-origin" leaves cookies out of a cross-origin one (sent and received). */
  self->cross_origin = self->origin != NULL && !pf_cors_same_origin (self->origin, self->url);
  if (self->cross_origin)
    {
      soup_message_headers_replace (headers, "Origin", self->origin);
      if (!self->with_credentials)
        soup_message_disable_feature (self->msg, SOUP_TYPE_COOKIE_JAR);
    }
  pf_sse_parser_restart (self->parser);
  soup_session_send_async (self->session, self->msg, G_PRIORITY_DEFAULT, self->cancellable,
                           sent_cb, g_object_ref (self));
}

/* Fails (PF_REQUEST_ERROR) when @url is not an http(s) URL. */
PfEventSource *
pf_event_source_new (PfProfile   *profile,
                     const char  *url,
                     GError     **error)
{
  PfEventSource *self;

  g_return_val_if_fail (PF_IS_PROFILE (profile), NULL);

  if (!pf_http_check_url (url, error))
    return NULL;
  self = g_object_new (PF_TYPE_EVENT_SOURCE, NULL);
  self->session = g_object_ref (pf_profile_get_session (profile));
  self->url = g_strdup (url);
  self->parser = pf_sse_parser_new (message_cb, retry_cb, self);
  self->buffer = g_malloc (READ_SIZE);
  return self;
}

/* As if an earlier connection had seen this id: the first request sends Last-Event-ID. */
void
pf_event_source_set_last_event_id (PfEventSource *self,
                                   const char    *id)
{
  g_return_if_fail (PF_IS_EVENT_SOURCE (self));
  pf_sse_parser_set_last_event_id (self->parser, id);
}

/* Opens the stream as a page at @origin would (NULL or "": as a tool, no CORS), with
 * EventSource's withCredentials. Fails (PF_REQUEST_ERROR) when @origin is not an origin. */
gboolean
pf_event_source_set_origin (PfEventSource *self,
                            const char    *origin,
                            gboolean       with_credentials,
                            GError       **error)
{
  g_autofree char *serialized = NULL;

  g_return_val_if_fail (PF_IS_EVENT_SOURCE (self), FALSE);

  if (origin != NULL && *origin != '\0')
    {
      serialized = pf_cors_serialize_origin (origin);
      if (serialized == NULL)
        {
          g_set_error (error, PF_REQUEST_ERROR, PF_REQUEST_ERROR_INVALID_URL,
                       _("The page origin “%s” is not an origin such as https://app.example"),
                       origin);
          return FALSE;
        }
    }
  g_free (self->origin);
  self->origin = g_steal_pointer (&serialized);
  self->with_credentials = with_credentials;
  return TRUE;
}

/* The page's serialised origin, or NULL. */
const char *
pf_event_source_get_origin (PfEventSource *self)
{
  g_return_val_if_fail (PF_IS_EVENT_SOURCE (self), NULL);
  return self->origin;
}

gboolean
pf_event_source_get_with_credentials (PfEventSource *self)
{
  g_return_val_if_fail (PF_IS_EVENT_SOURCE (self), FALSE);
  return self->with_credentials;
}

/* What the last response's CORS check said, or NULL (no page origin, or no response yet). */
const char *
pf_event_source_get_cors_verdict (PfEventSource *self)
{
  g_return_val_if_fail (PF_IS_EVENT_SOURCE (self), NULL);
  return self->cors_verdict;
}

/* Whether the last response failed its CORS check. */
gboolean
pf_event_source_get_cors_blocked (PfEventSource *self)
{
  g_return_val_if_fail (PF_IS_EVENT_SOURCE (self), FALSE);
  return self->cors_blocked;
}

/* How many entries the list keeps (0: all); the oldest go first. */
void
pf_event_source_set_max_entries (PfEventSource *self,
                                 guint          max_entries)
{
  g_return_if_fail (PF_IS_EVENT_SOURCE (self));
  self->max_entries = max_entries;
}

/* Held, the list of entries holds still (a paused view): new entries wait, the oldest of them
 * dropped past the maximum, until the hold ends and they are shown at once. */
void
pf_event_source_hold_entries (PfEventSource *self,
                              gboolean       hold)
{
  g_return_if_fail (PF_IS_EVENT_SOURCE (self));
  self->held = hold;
  flush_pending (self);
}

/* Empties the list of entries (what it held is not counted as dropped). */
void
pf_event_source_clear_entries (PfEventSource *self)
{
  g_return_if_fail (PF_IS_EVENT_SOURCE (self));
  pf_event_source_entries_clear (self->entries);
}

/* Messages go to @func as they are parsed, and not to the list of entries nor to
 * entry-added: for a consumer that streams them out and keeps none (preflight-cli). Open,
 * error and reconnect entries are as before. */
void
pf_event_source_set_message_func (PfEventSource           *self,
                                  PfEventSourceMessageFunc func,
                                  gpointer                 user_data)
{
  g_return_if_fail (PF_IS_EVENT_SOURCE (self));
  self->message_func = func;
  self->message_data = user_data;
}

void
pf_event_source_connect (PfEventSource *self)
{
  g_return_if_fail (PF_IS_EVENT_SOURCE (self));
  g_return_if_fail (self->connection == 0);

  self->t0 = g_get_monotonic_time ();
  connect_now (self);
}

/* EventSource close (): CLOSED, no event, no more reconnects. */
void
pf_event_source_close (PfEventSource *self)
{
  g_return_if_fail (PF_IS_EVENT_SOURCE (self));

  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  drop_connection (self);
  set_ready_state (self, PF_EVENT_SOURCE_CLOSED);
  set_reconnect_at (self, 0);
}

/* The readyState's name, as HTML spells its constant. */
const char *
pf_event_source_state_get_name (PfEventSourceState state)
{
  static const char *const names[] = {
    [PF_EVENT_SOURCE_CONNECTING] = "CONNECTING",
    [PF_EVENT_SOURCE_OPEN] = "OPEN",
    [PF_EVENT_SOURCE_CLOSED] = "CLOSED",
  };

  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (names), NULL);
  return names[state];
}

PfEventSourceState
pf_event_source_get_ready_state (PfEventSource *self)
{
  g_return_val_if_fail (PF_IS_EVENT_SOURCE (self), PF_EVENT_SOURCE_CLOSED);
  return self->ready_state;
}

const char *
pf_event_source_get_url (PfEventSource *self)
{
  g_return_val_if_fail (PF_IS_EVENT_SOURCE (self), NULL);
  return self->url;
}

const char *
pf_event_source_get_last_event_id (PfEventSource *self)
{
  g_return_val_if_fail (PF_IS_EVENT_SOURCE (self), NULL);
  return pf_sse_parser_get_last_event_id (self->parser);
}

/* The reconnection time: 3000 ms until the stream's "retry" sets it. */
guint64
pf_event_source_get_retry_ms (PfEventSource *self)
{
  g_return_val_if_fail (PF_IS_EVENT_SOURCE (self), 0);
  return self->retry_ms;
}

guint
pf_event_source_get_connection (PfEventSource *self)
{
  g_return_val_if_fail (PF_IS_EVENT_SOURCE (self), 0);
  return self->connection;
}

GListModel *
pf_event_source_get_entries (PfEventSource *self)
{
  g_return_val_if_fail (PF_IS_EVENT_SOURCE (self), NULL);
  return G_LIST_MODEL (self->entries);
}

/* How many entries the maximum made the list drop. */
guint64
pf_event_source_get_dropped (PfEventSource *self)
{
  g_return_val_if_fail (PF_IS_EVENT_SOURCE (self), 0);
  return self->dropped;
}

static GListModel *
pf_event_source_feed_get_items (PfFeed *feed)
{
  return G_LIST_MODEL (PF_EVENT_SOURCE (feed)->entries);
}

static guint64
pf_event_source_feed_get_dropped (PfFeed *feed)
{
  return PF_EVENT_SOURCE (feed)->dropped;
}

/* From connect () on (before it, readyState is CONNECTING too) until CLOSED. */
static gboolean
pf_event_source_feed_get_running (PfFeed *feed)
{
  PfEventSource *self = PF_EVENT_SOURCE (feed);

  return self->connection > 0 && self->ready_state != PF_EVENT_SOURCE_CLOSED;
}

/* The readyState and the Last-Event-ID; while a reconnect waits, the seconds left. */
static char *
pf_event_source_feed_dup_state_text (PfFeed *feed)
{
  PfEventSource *self = PF_EVENT_SOURCE (feed);
  const char *id = pf_sse_parser_get_last_event_id (self->parser);

  if (self->ready_state == PF_EVENT_SOURCE_CONNECTING && self->reconnect_at > 0)
    /* Translators: seconds until the reconnect, then the Last-Event-ID it sends */
    return g_strdup_printf (_("readyState 0 · CONNECTING · reconnect in %.1f s with "
                              "Last-Event-ID “%s”"),
                            MAX (0, self->reconnect_at - g_get_monotonic_time ()) / 1e6, id);
  /* Translators: readyState number and name, then the last event id */
  return g_strdup_printf (_("readyState %d · %s · Last-Event-ID “%s”"), self->ready_state,
                          pf_event_source_state_get_name (self->ready_state), id);
}

static void
pf_event_source_feed_set_max_items (PfFeed *feed,
                                    guint   max_items)
{
  pf_event_source_set_max_entries (PF_EVENT_SOURCE (feed), max_items);
}

static void
pf_event_source_feed_start (PfFeed *feed)
{
  pf_event_source_connect (PF_EVENT_SOURCE (feed));
}

static void
pf_event_source_feed_stop (PfFeed    *feed,
                      PfFeedStop how)
{
  pf_event_source_close (PF_EVENT_SOURCE (feed));
}

static void
pf_event_source_feed_hold (PfFeed  *feed,
                      gboolean hold)
{
  pf_event_source_hold_entries (PF_EVENT_SOURCE (feed), hold);
}

static void
pf_event_source_feed_clear (PfFeed *feed)
{
  pf_event_source_clear_entries (PF_EVENT_SOURCE (feed));
}

static void
pf_event_source_feed_init (PfFeedInterface *iface)
{
  iface->get_items = pf_event_source_feed_get_items;
  iface->get_dropped = pf_event_source_feed_get_dropped;
  iface->get_running = pf_event_source_feed_get_running;
  iface->dup_state_text = pf_event_source_feed_dup_state_text;
  iface->set_max_items = pf_event_source_feed_set_max_items;
  iface->start = pf_event_source_feed_start;
  iface->stop = pf_event_source_feed_stop;
  iface->hold = pf_event_source_feed_hold;
  iface->clear = pf_event_source_feed_clear;
}
