/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pf-profile.h"

G_BEGIN_DECLS

/* The kinds of server push a feed tab subscribes to. */
typedef enum
{
  PF_FEED_KIND_EVENT_SOURCE,
  PF_FEED_KIND_LONG_POLL,
  PF_FEED_KIND_WEB_SOCKET,
  PF_FEED_KIND_STREAM,
  PF_FEED_KIND_POLL_COMPARISON, /* short polling beside long polling */
} PfFeedKind;

/* Why a feed stops: a WebSocket tells its server with the matching close code. */
typedef enum
{
  PF_FEED_STOP_CLOSE,      /* the user closed it */
  PF_FEED_STOP_GOING_AWAY, /* what showed it goes away (a tab closes, a new connection) */
} PfFeedStop;

#define PF_TYPE_FEED_KIND (pf_feed_kind_get_type ())
#define PF_TYPE_FEED      (pf_feed_get_type ())

GType pf_feed_kind_get_type (void);

G_DECLARE_INTERFACE (PfFeed, pf_feed, PF, FEED, GObject)

struct _PfFeedInterface
{
  GTypeInterface parent_iface;

  GListModel *(*get_items)      (PfFeed    *self);
  guint64     (*get_dropped)    (PfFeed    *self);
  gboolean    (*get_running)    (PfFeed    *self);
  char       *(*dup_state_text) (PfFeed    *self);
  void        (*set_max_items)  (PfFeed    *self,
                                 guint      max_items);
  void        (*start)          (PfFeed    *self);
  void        (*stop)           (PfFeed    *self,
                                 PfFeedStop how);
  void        (*hold)           (PfFeed    *self,
                                 gboolean   hold);
  void        (*clear)          (PfFeed    *self);
};

PfFeed     *pf_feed_new                (PfFeedKind   kind,
                                        PfProfile   *profile,
                                        const char  *url,
                                        GError     **error);
char       *pf_feed_kind_build_url     (PfFeedKind   kind,
                                        const char  *base_url,
                                        const char  *path);

GListModel *pf_feed_get_items          (PfFeed      *self);
guint64     pf_feed_get_dropped        (PfFeed      *self);
gboolean    pf_feed_get_running        (PfFeed      *self);
char       *pf_feed_dup_state_text     (PfFeed      *self);
void        pf_feed_set_max_items      (PfFeed      *self,
                                        guint        max_items);
void        pf_feed_start              (PfFeed      *self);
void        pf_feed_stop               (PfFeed      *self,
                                        PfFeedStop   how);
void        pf_feed_hold               (PfFeed      *self,
                                        gboolean     hold);
void        pf_feed_clear              (PfFeed      *self);
void        pf_feed_emit_state_changed (PfFeed      *self);

G_END_DECLS
