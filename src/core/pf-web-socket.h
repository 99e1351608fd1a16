/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "pf-feed.h"
#include "pf-profile.h"

G_BEGIN_DECLS

/* WebSocket readyState values; pf_web_socket_state_get_name () says their names. */
typedef enum
{
  PF_WEB_SOCKET_CONNECTING = 0,
  PF_WEB_SOCKET_OPEN = 1,
  PF_WEB_SOCKET_CLOSING = 2,
  PF_WEB_SOCKET_CLOSED = 3,
} PfWebSocketState;

/* What a frame records; pf_web_socket_frame_kind_get_name () says its name. */
typedef enum
{
  PF_WEB_SOCKET_FRAME_OPEN,
  PF_WEB_SOCKET_FRAME_TEXT,
  PF_WEB_SOCKET_FRAME_BINARY,
  PF_WEB_SOCKET_FRAME_PONG,
  PF_WEB_SOCKET_FRAME_CLOSE,
  PF_WEB_SOCKET_FRAME_ERROR,
} PfWebSocketFrameKind;

/* The close codes Preflight sends (RFC 6455, 7.4.1). */
typedef enum
{
  PF_WEB_SOCKET_CLOSE_NORMAL = 1000,
  PF_WEB_SOCKET_CLOSE_GOING_AWAY = 1001,
} PfWebSocketCloseCode;

#define PF_WEB_SOCKET_MAX_FRAMES_DEFAULT 100000

#define PF_TYPE_WEB_SOCKET_FRAME (pf_web_socket_frame_get_type ())
#define PF_TYPE_WEB_SOCKET       (pf_web_socket_get_type ())

G_DECLARE_FINAL_TYPE (PfWebSocketFrame, pf_web_socket_frame, PF, WEB_SOCKET_FRAME, GObject)
G_DECLARE_FINAL_TYPE (PfWebSocket, pf_web_socket, PF, WEB_SOCKET, GObject)

const char      *pf_web_socket_state_get_name        (PfWebSocketState  state);
const char      *pf_web_socket_frame_kind_get_name   (PfWebSocketFrameKind kind);

PfWebSocketFrameKind pf_web_socket_frame_get_kind    (PfWebSocketFrame *self);
gboolean         pf_web_socket_frame_get_sent        (PfWebSocketFrame *self);
GBytes          *pf_web_socket_frame_get_bytes       (PfWebSocketFrame *self);
const char      *pf_web_socket_frame_get_text        (PfWebSocketFrame *self);
gushort          pf_web_socket_frame_get_code        (PfWebSocketFrame *self);
gboolean         pf_web_socket_frame_get_was_clean   (PfWebSocketFrame *self);
const char      *pf_web_socket_frame_get_handshake   (PfWebSocketFrame *self);
gint64           pf_web_socket_frame_get_time_us     (PfWebSocketFrame *self);

PfWebSocket     *pf_web_socket_new                   (PfProfile        *profile,
                                                      const char       *url,
                                                      GError          **error);
void             pf_web_socket_set_ping_interval     (PfWebSocket      *self,
                                                      guint             seconds);
void             pf_web_socket_set_max_frames        (PfWebSocket      *self,
                                                      guint             max_frames);
void             pf_web_socket_set_origin            (PfWebSocket      *self,
                                                      const char       *origin);
void             pf_web_socket_set_protocols         (PfWebSocket      *self,
                                                      const char *const *protocols);
char            *pf_web_socket_dup_handshake_text    (PfWebSocket      *self);
void             pf_web_socket_connect               (PfWebSocket      *self);
gboolean         pf_web_socket_send_text             (PfWebSocket      *self,
                                                      const char       *text);
gboolean         pf_web_socket_send_binary           (PfWebSocket      *self,
                                                      GBytes           *bytes);
void             pf_web_socket_close                 (PfWebSocket      *self,
                                                      gushort           code,
                                                      const char       *reason);
PfWebSocketState pf_web_socket_get_state             (PfWebSocket      *self);
GListModel      *pf_web_socket_get_frames            (PfWebSocket      *self);
guint64          pf_web_socket_get_dropped           (PfWebSocket      *self);
const char      *pf_web_socket_get_url               (PfWebSocket      *self);
gint64           pf_web_socket_get_started_real_us   (PfWebSocket      *self);
SoupMessage     *pf_web_socket_get_handshake         (PfWebSocket      *self);

G_END_DECLS
