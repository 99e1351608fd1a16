/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-web-socket"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pf-web-socket.h"
#include "pf-feed-list.h"

/* A WebSocket (libsoup's connection) with every frame in a list model: the opening, each
 * text or binary message sent and received, pongs answering the keepalive pings, the
 * close code and reason, errors. The list keeps at most max-frames, counting the dropped. */

struct _PfWebSocketFrame
{
  GObject parent_instance;

  PfWebSocketFrameKind kind;
  gboolean sent;
  GBytes *bytes;
  char *text;
  gushort code;
  gint64 time_us;
  char *handshake; /* an open frame's, or a refused handshake's error frame's */
};

G_DEFINE_FINAL_TYPE (PfWebSocketFrame, pf_web_socket_frame, G_TYPE_OBJECT)

static void
pf_web_socket_frame_finalize (GObject *object)
{
  PfWebSocketFrame *self = PF_WEB_SOCKET_FRAME (object);

  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_free (self->text);
  g_free (self->handshake);
  G_OBJECT_CLASS (pf_web_socket_frame_parent_class)->finalize (object);
}

static void
pf_web_socket_frame_class_init (PfWebSocketFrameClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pf_web_socket_frame_finalize;
}

static void
pf_web_socket_frame_init (PfWebSocketFrame *self)
{
}

/* The kind's name, as the CLI's JSON "type" spells it. */
const char *
pf_web_socket_frame_kind_get_name (PfWebSocketFrameKind kind)
{
  static const char *const names[] = {
    [PF_WEB_SOCKET_FRAME_OPEN] = "open",
    [PF_WEB_SOCKET_FRAME_TEXT] = "text",
    [PF_WEB_SOCKET_FRAME_BINARY] = "binary",
    [PF_WEB_SOCKET_FRAME_PONG] = "pong",
    [PF_WEB_SOCKET_FRAME_CLOSE] = "close",
    [PF_WEB_SOCKET_FRAME_ERROR] = "error",
  };

  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (names), NULL);
  return names[kind];
}

PfWebSocketFrameKind
pf_web_socket_frame_get_kind (PfWebSocketFrame *self)
{
  g_return_val_if_fail (PF_IS_WEB_SOCKET_FRAME (self), 0);
  return self->kind;
}

/* TRUE for what this side sent, FALSE for what it received. */
gboolean
pf_web_socket_frame_get_sent (PfWebSocketFrame *self)
{
  g_return_val_if_fail (PF_IS_WEB_SOCKET_FRAME (self), FALSE);
  return self->sent;
}

/* A message's payload, or NULL. */
GBytes *
pf_web_socket_frame_get_bytes (PfWebSocketFrame *self)
{
  g_return_val_if_fail (PF_IS_WEB_SOCKET_FRAME (self), NULL);
  return self->bytes;
}

/* A text message, a close reason, an error message or the protocol chosen on opening. */
const char *
pf_web_socket_frame_get_text (PfWebSocketFrame *self)
{
  g_return_val_if_fail (PF_IS_WEB_SOCKET_FRAME (self), NULL);
  return self->text;
}

/* A close frame's code. */
gushort
pf_web_socket_frame_get_code (PfWebSocketFrame *self)
{
  g_return_val_if_fail (PF_IS_WEB_SOCKET_FRAME (self), 0);
  return self->code;
}

/* For the open frame, or the error frame of a handshake that failed: the opening handshake's
 * request and response heads (see pf_web_socket_dup_handshake_text ()); NULL for others. */
const char *
pf_web_socket_frame_get_handshake (PfWebSocketFrame *self)
{
  g_return_val_if_fail (PF_IS_WEB_SOCKET_FRAME (self), NULL);
  return self->handshake;
}

/* For a close frame: whether the closing handshake completed (CloseEvent.wasClean); a close
 * frame records 1006 (abnormal) when it did not. */
gboolean
pf_web_socket_frame_get_was_clean (PfWebSocketFrame *self)
{
  g_return_val_if_fail (PF_IS_WEB_SOCKET_FRAME (self), FALSE);
  return self->kind == PF_WEB_SOCKET_FRAME_CLOSE && self->code != SOUP_WEBSOCKET_CLOSE_ABNORMAL;
}

gint64
pf_web_socket_frame_get_time_us (PfWebSocketFrame *self)
{
  g_return_val_if_fail (PF_IS_WEB_SOCKET_FRAME (self), 0);
  return self->time_us;
}

struct _PfWebSocket
{
  GObject parent_instance;

  SoupSession *session;
  char *url;
  SoupWebsocketConnection *connection;
  PfWebSocketState state;
  guint ping_interval;
  PfFeedList *frames;
  GCancellable *cancellable;
  gint64 t0;
  gint64 started_real_us;
  SoupMessage *handshake; /* the opening handshake, kept for a HAR */
  char *origin;           /* the page's origin, sent as Origin; NULL: none */
  char **protocols;       /* the subprotocols asked for; NULL: none */
  gboolean failed;        /* an error ended or broke the connection */
};

static void pf_web_socket_feed_init (PfFeedInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PfWebSocket, pf_web_socket, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PF_TYPE_FEED, pf_web_socket_feed_init))

enum
{
  PROP_0,
  PROP_STATE,
  N_PROPS
};

enum
{
  SIGNAL_FRAME_ADDED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
pf_web_socket_dispose (GObject *object)
{
  PfWebSocket *self = PF_WEB_SOCKET (object);

  g_cancellable_cancel (self->cancellable);
  if (self->connection != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->connection, self);
      if (soup_websocket_connection_get_state (self->connection) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (self->connection, PF_WEB_SOCKET_CLOSE_GOING_AWAY, NULL);
    }
  g_clear_object (&self->connection);
  G_OBJECT_CLASS (pf_web_socket_parent_class)->dispose (object);
}

static void
pf_web_socket_finalize (GObject *object)
{
  PfWebSocket *self = PF_WEB_SOCKET (object);

  g_clear_object (&self->session);
  g_clear_object (&self->frames);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->handshake);
  g_free (self->url);
  g_free (self->origin);
  g_strfreev (self->protocols);
  G_OBJECT_CLASS (pf_web_socket_parent_class)->finalize (object);
}

static void
pf_web_socket_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PfWebSocket *self = PF_WEB_SOCKET (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_web_socket_class_init (PfWebSocketClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pf_web_socket_dispose;
  object_class->finalize = pf_web_socket_finalize;
  object_class->get_property = pf_web_socket_get_property;

  properties[PROP_STATE] = g_param_spec_int ("state", NULL, NULL, 0, 3, 0,
                                             G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                               G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_FRAME_ADDED] = g_signal_new ("frame-added", G_TYPE_FROM_CLASS (klass),
                                              G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                              G_TYPE_NONE, 1, PF_TYPE_WEB_SOCKET_FRAME);
}

static void
pf_web_socket_init (PfWebSocket *self)
{
  self->frames = pf_feed_list_new (PF_TYPE_WEB_SOCKET_FRAME);
  pf_feed_list_set_max_items (self->frames, PF_WEB_SOCKET_MAX_FRAMES_DEFAULT);
  self->cancellable = g_cancellable_new ();
}

static void
set_state (PfWebSocket     *self,
           PfWebSocketState state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  pf_feed_emit_state_changed (PF_FEED (self));
}

/* Records a frame (taking @text); the open frame, and the error of a handshake that failed,
 * keep the handshake. */
static void
add_frame (PfWebSocket         *self,
           PfWebSocketFrameKind kind,
           gboolean             sent,
           GBytes              *bytes,
           char                *text,
           gushort              code)
{
  PfWebSocketFrame *frame = g_object_new (PF_TYPE_WEB_SOCKET_FRAME, NULL);

  if (kind == PF_WEB_SOCKET_FRAME_OPEN ||
      (kind == PF_WEB_SOCKET_FRAME_ERROR && self->state == PF_WEB_SOCKET_CONNECTING))
    frame->handshake = pf_web_socket_dup_handshake_text (self);

  frame->kind = kind;
  frame->sent = sent;
  frame->bytes = bytes ? g_bytes_ref (bytes) : NULL;
  frame->text = text;
  frame->code = code;
  frame->time_us = g_get_monotonic_time () - self->t0;
  pf_feed_list_append (self->frames, frame);
  g_signal_emit (self, signals[SIGNAL_FRAME_ADDED], 0, frame);
  g_object_unref (frame);
}

static char *
text_of (GBytes *bytes)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);

  return g_utf8_make_valid (data ? data : "", size);
}

static void
message_cb (SoupWebsocketConnection *connection,
            SoupWebsocketDataType    type,
            GBytes                  *message,
            PfWebSocket             *self)
{
  gboolean text = type == SOUP_WEBSOCKET_DATA_TEXT;

  add_frame (self, text ? PF_WEB_SOCKET_FRAME_TEXT : PF_WEB_SOCKET_FRAME_BINARY, FALSE, message,
             text ? text_of (message) : NULL, 0);
}

/* libsoup declares the "pong" argument a GBytes but emits a GByteArray (3.2 to 3.7 alike),
 * so it is read as what it is and copied. */
static void
pong_cb (SoupWebsocketConnection *connection,
         gpointer                 message,
         PfWebSocket             *self)
{
  GByteArray *array = message;
  g_autoptr (GBytes) copy = g_bytes_new (array ? array->data : NULL, array ? array->len : 0);

  add_frame (self, PF_WEB_SOCKET_FRAME_PONG, FALSE, copy, NULL, 0);
}

static void
closing_cb (SoupWebsocketConnection *connection,
            PfWebSocket             *self)
{
  set_state (self, PF_WEB_SOCKET_CLOSING);
}

/* The close event a page gets: the peer's code and reason when a close frame came (1005 when
 * it held no code), else 1006 and not clean, as for a connection lost or broken. */
static void
closed_cb (SoupWebsocketConnection *connection,
           PfWebSocket             *self)
{
  gushort code = soup_websocket_connection_get_close_code (connection);
  gboolean clean = code != 0 && !self->failed;
  const char *reason = clean ? soup_websocket_connection_get_close_data (connection) : NULL;

  add_frame (self, PF_WEB_SOCKET_FRAME_CLOSE, FALSE, NULL, g_strdup (reason ? reason : ""),
             clean ? code : SOUP_WEBSOCKET_CLOSE_ABNORMAL);
  set_state (self, PF_WEB_SOCKET_CLOSED);
}

static void
error_cb (SoupWebsocketConnection *connection,
          GError                  *error,
          PfWebSocket             *self)
{
  self->failed = TRUE;
  add_frame (self, PF_WEB_SOCKET_FRAME_ERROR, FALSE, NULL, g_strdup (error->message), 0);
}

static void
connected_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr (PfWebSocket) self = user_data;
  g_autoptr (GError) error = NULL;
  SoupWebsocketConnection *connection =
    soup_session_websocket_connect_finish (SOUP_SESSION (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (connection == NULL)
    {
      /* As a page sees a refused or failed handshake: error, then close 1006, not clean. */
      add_frame (self, PF_WEB_SOCKET_FRAME_ERROR, FALSE, NULL, g_strdup (error->message), 0);
      add_frame (self, PF_WEB_SOCKET_FRAME_CLOSE, FALSE, NULL, g_strdup (""),
                 SOUP_WEBSOCKET_CLOSE_ABNORMAL);
      set_state (self, PF_WEB_SOCKET_CLOSED);
      return;
    }
  self->connection = connection;
  soup_websocket_connection_set_keepalive_interval (connection, self->ping_interval);
  g_signal_connect (connection, "message", G_CALLBACK (message_cb), self);
  g_signal_connect (connection, "pong", G_CALLBACK (pong_cb), self);
  g_signal_connect (connection, "closing", G_CALLBACK (closing_cb), self);
  g_signal_connect (connection, "closed", G_CALLBACK (closed_cb), self);
  g_signal_connect (connection, "error", G_CALLBACK (error_cb), self);
  set_state (self, PF_WEB_SOCKET_OPEN);
  add_frame (self, PF_WEB_SOCKET_FRAME_OPEN, FALSE, NULL,
             g_strdup (soup_websocket_connection_get_protocol (connection)), 0);
}

/* Accepts ws, wss, http and https URLs; fails with PF_REQUEST_ERROR otherwise. */
PfWebSocket *
pf_web_socket_new (PfProfile   *profile,
                   const char  *url,
                   GError     **error)
{
  g_autoptr (GUri) uri = g_uri_parse (url ? url : "", SOUP_HTTP_URI_FLAGS, NULL);
  const char *scheme = uri ? g_uri_get_scheme (uri) : NULL;
  PfWebSocket *self;

  g_return_val_if_fail (PF_IS_PROFILE (profile), NULL);

  if (scheme == NULL || g_uri_get_host (uri) == NULL ||
      (g_ascii_strcasecmp (scheme, "ws") && g_ascii_strcasecmp (scheme, "wss") &&
       g_ascii_strcasecmp (scheme, "http") && g_ascii_strcasecmp (scheme, "https")))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a ws://, wss://, http:// or https:// URL"), url ? url : "");
      return NULL;
    }
  self = g_object_new (PF_TYPE_WEB_SOCKET, NULL);
  self->session = g_object_ref (pf_profile_get_session (profile));
  self->url = g_strdup (url);
  return self;
}

/* Seconds between keepalive pings (0: none); each pong is a frame. */
void
pf_web_socket_set_ping_interval (PfWebSocket *self,
                                 guint        seconds)
{
  g_return_if_fail (PF_IS_WEB_SOCKET (self));
  self->ping_interval = seconds;
  if (self->connection != NULL)
    soup_websocket_connection_set_keepalive_interval (self->connection, seconds);
}

void
pf_web_socket_set_max_frames (PfWebSocket *self,
                              guint        max_frames)
{
  g_return_if_fail (PF_IS_WEB_SOCKET (self));
  pf_feed_list_set_max_items (self->frames, max_frames);
}

/* The page's origin: a browser sends it with every handshake (WebSocket is not under CORS;
 * the server decides from it). NULL or "" sends none. Before connecting. */
void
pf_web_socket_set_origin (PfWebSocket *self,
                          const char  *origin)
{
  g_return_if_fail (PF_IS_WEB_SOCKET (self));
  g_return_if_fail (self->t0 == 0);
  g_free (self->origin);
  self->origin = origin && *origin ? g_strdup (origin) : NULL;
}

/* The subprotocols the page asks for, as new WebSocket (url, protocols) does. Before
 * connecting. */
void
pf_web_socket_set_protocols (PfWebSocket       *self,
                             const char *const *protocols)
{
  g_return_if_fail (PF_IS_WEB_SOCKET (self));
  g_return_if_fail (self->t0 == 0);
  g_strfreev (self->protocols);
  self->protocols = protocols && protocols[0] ? g_strdupv ((char **) protocols) : NULL;
}

static void
append_head (GString            *out,
             SoupMessageHeaders *headers)
{
  SoupMessageHeadersIter iter;
  const char *name, *value;

  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    g_string_append_printf (out, "%s: %s\r\n", name, value);
  g_string_append (out, "\r\n");
}

/* The opening handshake as it went on the wire: the request head (Upgrade, Connection,
 * Sec-WebSocket-Key and -Version, Origin, Sec-WebSocket-Protocol), then the response head once
 * one came (101 Switching Protocols with Sec-WebSocket-Accept, or the refusal). NULL before
 * connecting. */
char *
pf_web_socket_dup_handshake_text (PfWebSocket *self)
{
  GString *out;
  GUri *uri;
  const char *path, *query;
  guint status;

  g_return_val_if_fail (PF_IS_WEB_SOCKET (self), NULL);
  if (self->handshake == NULL)
    return NULL;
  uri = soup_message_get_uri (self->handshake);
  path = g_uri_get_path (uri);
  query = g_uri_get_query (uri);
  out = g_string_new (NULL);
  g_string_append_printf (out, "GET %s%s%s HTTP/1.1\r\n", *path ? path : "/", query ? "?" : "",
                          query ? query : "");
  append_head (out, soup_message_get_request_headers (self->handshake));
  status = soup_message_get_status (self->handshake);
  if (status != 0)
    {
      g_string_append_printf (out, "HTTP/1.1 %u %s\r\n", status,
                              soup_message_get_reason_phrase (self->handshake));
      append_head (out, soup_message_get_response_headers (self->handshake));
    }
  return g_string_free (out, FALSE);
}

void
pf_web_socket_connect (PfWebSocket *self)
{
  g_autoptr (SoupMessage) msg = NULL;

  g_return_if_fail (PF_IS_WEB_SOCKET (self));
  g_return_if_fail (self->t0 == 0);

  self->t0 = g_get_monotonic_time ();
  self->started_real_us = g_get_real_time ();
  msg = soup_message_new ("GET", self->url);
  self->handshake = g_object_ref (msg);
  soup_session_websocket_connect_async (self->session, msg, self->origin, self->protocols,
                                        G_PRIORITY_DEFAULT, self->cancellable, connected_cb,
                                        g_object_ref (self));
}

gboolean
pf_web_socket_send_text (PfWebSocket *self,
                         const char  *text)
{
  g_autoptr (GBytes) bytes = NULL;

  g_return_val_if_fail (PF_IS_WEB_SOCKET (self), FALSE);

  if (self->state != PF_WEB_SOCKET_OPEN || !g_utf8_validate (text, -1, NULL))
    return FALSE;
  bytes = g_bytes_new (text, strlen (text));
  soup_websocket_connection_send_text (self->connection, text);
  add_frame (self, PF_WEB_SOCKET_FRAME_TEXT, TRUE, bytes, g_strdup (text), 0);
  return TRUE;
}

gboolean
pf_web_socket_send_binary (PfWebSocket *self,
                           GBytes      *bytes)
{
  gsize size = 0;
  gconstpointer data;

  g_return_val_if_fail (PF_IS_WEB_SOCKET (self), FALSE);

  if (self->state != PF_WEB_SOCKET_OPEN)
    return FALSE;
  data = g_bytes_get_data (bytes, &size);
  soup_websocket_connection_send_binary (self->connection, data, size);
  add_frame (self, PF_WEB_SOCKET_FRAME_BINARY, TRUE, bytes, NULL, 0);
  return TRUE;
}

/* Starts the closing handshake with @code and @reason (a close frame is recorded as sent). */
void
pf_web_socket_close (PfWebSocket *self,
                     gushort      code,
                     const char  *reason)
{
  g_return_if_fail (PF_IS_WEB_SOCKET (self));

  if (self->state == PF_WEB_SOCKET_CONNECTING)
    {
      g_cancellable_cancel (self->cancellable);
      set_state (self, PF_WEB_SOCKET_CLOSED);
      return;
    }
  if (self->state != PF_WEB_SOCKET_OPEN)
    return;
  add_frame (self, PF_WEB_SOCKET_FRAME_CLOSE, TRUE, NULL, g_strdup (reason), code);
  set_state (self, PF_WEB_SOCKET_CLOSING);
  soup_websocket_connection_close (self->connection, code, reason);
}

/* The readyState's name, as the WebSocket API spells its constant. */
const char *
pf_web_socket_state_get_name (PfWebSocketState state)
{
  static const char *const names[] = {
    [PF_WEB_SOCKET_CONNECTING] = "CONNECTING",
    [PF_WEB_SOCKET_OPEN] = "OPEN",
    [PF_WEB_SOCKET_CLOSING] = "CLOSING",
    [PF_WEB_SOCKET_CLOSED] = "CLOSED",
  };

  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (names), NULL);
  return names[state];
}

PfWebSocketState
pf_web_socket_get_state (PfWebSocket *self)
{
  g_return_val_if_fail (PF_IS_WEB_SOCKET (self), PF_WEB_SOCKET_CLOSED);
  return self->state;
}

GListModel *
pf_web_socket_get_frames (PfWebSocket *self)
{
  g_return_val_if_fail (PF_IS_WEB_SOCKET (self), NULL);
  return G_LIST_MODEL (self->frames);
}

guint64
pf_web_socket_get_dropped (PfWebSocket *self)
{
  g_return_val_if_fail (PF_IS_WEB_SOCKET (self), 0);
  return pf_feed_list_get_dropped (self->frames);
}

static GListModel *
pf_web_socket_feed_get_items (PfFeed *feed)
{
  return G_LIST_MODEL (PF_WEB_SOCKET (feed)->frames);
}

static guint64
pf_web_socket_feed_get_dropped (PfFeed *feed)
{
  return pf_feed_list_get_dropped (PF_WEB_SOCKET (feed)->frames);
}

/* From connect () on (before it, readyState is CONNECTING too) until CLOSED. */
static gboolean
pf_web_socket_feed_get_running (PfFeed *feed)
{
  PfWebSocket *self = PF_WEB_SOCKET (feed);

  return self->t0 != 0 && self->state != PF_WEB_SOCKET_CLOSED;
}

static char *
pf_web_socket_feed_dup_state_text (PfFeed *feed)
{
  PfWebSocketState state = PF_WEB_SOCKET (feed)->state;

  /* Translators: a WebSocket readyState number and name */
  return g_strdup_printf (_("readyState %d · %s"), state, pf_web_socket_state_get_name (state));
}

static void
pf_web_socket_feed_set_max_items (PfFeed *feed,
                                  guint   max_items)
{
  pf_web_socket_set_max_frames (PF_WEB_SOCKET (feed), max_items);
}

static void
pf_web_socket_feed_start (PfFeed *feed)
{
  pf_web_socket_connect (PF_WEB_SOCKET (feed));
}

/* A user's close is a normal closure; a tab that goes away is "going away", as a page's
 * sockets are when it is unloaded. */
static void
pf_web_socket_feed_stop (PfFeed    *feed,
                         PfFeedStop how)
{
  pf_web_socket_close (PF_WEB_SOCKET (feed),
                       how == PF_FEED_STOP_GOING_AWAY ? PF_WEB_SOCKET_CLOSE_GOING_AWAY
                                                      : PF_WEB_SOCKET_CLOSE_NORMAL,
                       NULL);
}

static void
pf_web_socket_feed_hold (PfFeed  *feed,
                         gboolean hold)
{
  pf_feed_list_hold (PF_WEB_SOCKET (feed)->frames, hold);
}

static void
pf_web_socket_feed_clear (PfFeed *feed)
{
  pf_feed_list_clear (PF_WEB_SOCKET (feed)->frames);
}

static void
pf_web_socket_feed_init (PfFeedInterface *iface)
{
  iface->get_items = pf_web_socket_feed_get_items;
  iface->get_dropped = pf_web_socket_feed_get_dropped;
  iface->get_running = pf_web_socket_feed_get_running;
  iface->dup_state_text = pf_web_socket_feed_dup_state_text;
  iface->set_max_items = pf_web_socket_feed_set_max_items;
  iface->start = pf_web_socket_feed_start;
  iface->stop = pf_web_socket_feed_stop;
  iface->hold = pf_web_socket_feed_hold;
  iface->clear = pf_web_socket_feed_clear;
}

const char *
pf_web_socket_get_url (PfWebSocket *self)
{
  g_return_val_if_fail (PF_IS_WEB_SOCKET (self), NULL);
  return self->url;
}

/* When connect () was called, in µs since the epoch (wall clock); 0 before. Frame times are
 * µs after it. */
gint64
pf_web_socket_get_started_real_us (PfWebSocket *self)
{
  g_return_val_if_fail (PF_IS_WEB_SOCKET (self), 0);
  return self->started_real_us;
}

/* The opening handshake's message (request and response heads, status 101 once open), or
 * NULL before connect (). */
SoupMessage *
pf_web_socket_get_handshake (PfWebSocket *self)
{
  g_return_val_if_fail (PF_IS_WEB_SOCKET (self), NULL);
  return self->handshake;
}
