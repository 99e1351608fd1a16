/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* @rest is the path after the endpoint's prefix ("404" for "/status/404"). */
typedef void (*PfLabHandler) (SoupServerMessage *msg,
                              const char        *rest,
                              GHashTable        *query);

typedef struct
{
  const char *path;
  gboolean prefix;
  PfLabHandler handler;
  const char *example;
  const char *description;
} PfLabEndpoint;

/* A response fed from timers while the message is paused; freed with the message. */
typedef struct
{
  SoupServerMessage *msg;
  guint source_id;
  gboolean finished;
  guint64 remaining;
  guint64 sent;
  guint interval_ms;
  guint64 next_id;
  char *event;
  gboolean finished_half;
} PfLabFeed;

PfLabFeed           *pf_lab_feed_new           (SoupServerMessage *msg);
void                 pf_lab_feed_schedule      (PfLabFeed         *feed,
                                                guint              ms,
                                                GSourceFunc        callback);
void                 pf_lab_feed_unschedule    (PfLabFeed         *feed);
const PfLabEndpoint *pf_lab_endpoints          (guint             *n_endpoints);
void                 pf_lab_respond            (SoupServerMessage *msg,
                                                guint              status,
                                                const char        *content_type,
                                                const char        *text);
void                 pf_lab_respond_bad        (SoupServerMessage *msg,
                                                const char        *format,
                                                ...) G_GNUC_PRINTF (2, 3);
gboolean             pf_lab_parse_uint         (SoupServerMessage *msg,
                                                const char        *what,
                                                const char        *text,
                                                guint64            max,
                                                guint64           *value);
const char          *pf_lab_query              (GHashTable        *query,
                                                const char        *name);

void pf_lab_handle_auth     (SoupServerMessage *msg,
                             const char        *rest,
                             GHashTable        *query);
void pf_lab_handle_echo     (SoupServerMessage *msg,
                             const char        *rest,
                             GHashTable        *query);
void pf_lab_handle_delay    (SoupServerMessage *msg,
                             const char        *rest,
                             GHashTable        *query);
void pf_lab_handle_drip     (SoupServerMessage *msg,
                             const char        *rest,
                             GHashTable        *query);
void pf_lab_handle_bytes    (SoupServerMessage *msg,
                             const char        *rest,
                             GHashTable        *query);
void pf_lab_handle_cut      (SoupServerMessage *msg,
                             const char        *rest,
                             GHashTable        *query);
void pf_lab_handle_garbage  (SoupServerMessage *msg,
                             const char        *rest,
                             GHashTable        *query);
void pf_lab_handle_events   (SoupServerMessage *msg,
                             const char        *rest,
                             GHashTable        *query);
void pf_lab_handle_stream   (SoupServerMessage *msg,
                             const char        *rest,
                             GHashTable        *query);
void pf_lab_handle_poll     (SoupServerMessage *msg,
                             const char        *rest,
                             GHashTable        *query);
/* /ws/checked accepts a handshake only from this page origin, with one of these subprotocols
 * when the page asks for any. */
#define PF_LAB_WS_CHECKED_ORIGIN "http://app.example"
extern const char *const pf_lab_ws_checked_protocols[];

void pf_lab_websocket_cb    (SoupServer              *server,
                             SoupServerMessage       *msg,
                             const char              *path,
                             SoupWebsocketConnection *connection,
                             gpointer                 user_data);
void pf_lab_handle_cors     (SoupServerMessage *msg,
                             const char        *rest,
                             GHashTable        *query);
void pf_lab_cors_answer     (SoupServerMessage *msg,
                             GHashTable        *query);
void pf_lab_handle_cors_log (SoupServerMessage *msg,
                             const char        *rest,
                             GHashTable        *query);
void pf_lab_handle_cookies_set (SoupServerMessage *msg,
                                const char        *rest,
                                GHashTable        *query);

G_END_DECLS
