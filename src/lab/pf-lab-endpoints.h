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

/* Raw answers (pf-lab-raw.c): written on connections taken from libsoup, ended by the server
 * when it stops. The server puts its set on each message under PF_LAB_RAW_SET_KEY. */
typedef struct _PfLabRaw PfLabRaw;
typedef struct _PfLabRawSet PfLabRawSet;

#define PF_LAB_RAW_SET_KEY "pf-lab-raw-set"

/* The next piece of a raw answer, or NULL when it is over (the connection is closed). */
typedef GBytes *(*PfLabRawNext) (PfLabRaw *raw,
                                 gpointer data);

PfLabRawSet *pf_lab_raw_set_new (void);
void pf_lab_raw_set_stop_all (PfLabRawSet *set);
void pf_lab_raw_set_free (PfLabRawSet *set);
void pf_lab_raw_start (SoupServerMessage *msg,
                       PfLabRawNext next,
                       gpointer data,
                       GDestroyNotify destroy);
void pf_lab_raw_pause_after (PfLabRaw *raw,
                             guint ms);
void pf_lab_raw_answer (SoupServerMessage *msg,
                        GBytes *bytes);

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
void pf_lab_handle_news     (SoupServerMessage *msg,
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

/* /evil/…: a server misbehaving on purpose (pf-lab-evil.c). */
const PfLabEndpoint *pf_lab_evil_endpoints (guint *n_endpoints);

G_END_DECLS
