/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-feed"

#include "config.h"

#include "pf-feed.h"
#include "pf-event-source.h"
#include "pf-long-poll.h"
#include "pf-poll-comparison.h"
#include "pf-stream-feed.h"
#include "pf-web-socket.h"

#include <string.h>

/* What a feed tab needs of any server push (an EventSource, a long-polling loop, a WebSocket,
 * an HTTP stream): a list of what arrived, bounded and counting what it dropped, that can be
 * held still and cleared; start and stop; whether it runs; its state in a line. Each kind
 * keeps its own API for what only it has (a WebSocket's messages, an EventSource's ids). */

G_DEFINE_ENUM_TYPE (PfFeedKind, pf_feed_kind,
  G_DEFINE_ENUM_VALUE (PF_FEED_KIND_EVENT_SOURCE, "event-source"),
  G_DEFINE_ENUM_VALUE (PF_FEED_KIND_LONG_POLL, "long-poll"),
  G_DEFINE_ENUM_VALUE (PF_FEED_KIND_WEB_SOCKET, "web-socket"),
  G_DEFINE_ENUM_VALUE (PF_FEED_KIND_STREAM, "stream"),
  G_DEFINE_ENUM_VALUE (PF_FEED_KIND_POLL_COMPARISON, "poll-comparison"))

G_DEFINE_INTERFACE (PfFeed, pf_feed, G_TYPE_OBJECT)

enum
{
  SIGNAL_STATE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
pf_feed_default_init (PfFeedInterface *iface)
{
  /* The state line, whether the feed runs, or the count of items may have changed. */
  signals[SIGNAL_STATE_CHANGED] = g_signal_new ("state-changed", G_TYPE_FROM_INTERFACE (iface),
                                                G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                G_TYPE_NONE, 0);
}

/* A feed of @kind on @url, not started; fails (PF_REQUEST_ERROR, or G_IO_ERROR for a
 * WebSocket) when the URL does not suit the kind. */
PfFeed *
pf_feed_new (PfFeedKind   kind,
             PfProfile   *profile,
             const char  *url,
             GError     **error)
{
  g_return_val_if_fail (PF_IS_PROFILE (profile), NULL);

  switch (kind)
    {
    case PF_FEED_KIND_EVENT_SOURCE:
      return PF_FEED (pf_event_source_new (profile, url, error));
    case PF_FEED_KIND_LONG_POLL:
      return PF_FEED (pf_long_poll_new (profile, url, error));
    case PF_FEED_KIND_WEB_SOCKET:
      return PF_FEED (pf_web_socket_new (profile, url, error));
    case PF_FEED_KIND_STREAM:
      return PF_FEED (pf_stream_feed_new (profile, url, error));
    case PF_FEED_KIND_POLL_COMPARISON:
      return PF_FEED (pf_poll_comparison_new (profile, url, error));
    default:
      g_return_val_if_reached (NULL);
    }
}

/* @path on the server at @base_url, as a feed of @kind reaches it: a WebSocket speaks ws://
 * (wss://) to the server that answers http:// (https://) (RFC 6455, 3). */
char *
pf_feed_kind_build_url (PfFeedKind  kind,
                        const char *base_url,
                        const char *path)
{
  const char *base = base_url ? base_url : "";

  if (kind == PF_FEED_KIND_WEB_SOCKET && g_str_has_prefix (base, "http"))
    return g_strconcat ("ws", base + strlen ("http"), path, NULL);
  return g_strconcat (base, path, NULL);
}

/* What arrived, oldest first; the feed keeps it. */
GListModel *
pf_feed_get_items (PfFeed *self)
{
  g_return_val_if_fail (PF_IS_FEED (self), NULL);
  return PF_FEED_GET_IFACE (self)->get_items (self);
}

/* How many items the maximum made the list drop. */
guint64
pf_feed_get_dropped (PfFeed *self)
{
  g_return_val_if_fail (PF_IS_FEED (self), 0);
  return PF_FEED_GET_IFACE (self)->get_dropped (self);
}

/* TRUE from start () until the feed stopped, by itself or by stop (). */
gboolean
pf_feed_get_running (PfFeed *self)
{
  g_return_val_if_fail (PF_IS_FEED (self), FALSE);
  return PF_FEED_GET_IFACE (self)->get_running (self);
}

/* The feed's state as a line a user reads: its readyState and what it waits for. */
char *
pf_feed_dup_state_text (PfFeed *self)
{
  g_return_val_if_fail (PF_IS_FEED (self), NULL);
  return PF_FEED_GET_IFACE (self)->dup_state_text (self);
}

/* How many items the list keeps (0: all); the oldest go first. */
void
pf_feed_set_max_items (PfFeed *self,
                       guint   max_items)
{
  g_return_if_fail (PF_IS_FEED (self));
  PF_FEED_GET_IFACE (self)->set_max_items (self, max_items);
}

/* Connects, sends or starts polling; a feed starts once. */
void
pf_feed_start (PfFeed *self)
{
  g_return_if_fail (PF_IS_FEED (self));
  PF_FEED_GET_IFACE (self)->start (self);
}

/* Closes, aborts or stops polling; @how picks a WebSocket's close code. */
void
pf_feed_stop (PfFeed    *self,
              PfFeedStop how)
{
  g_return_if_fail (PF_IS_FEED (self));
  PF_FEED_GET_IFACE (self)->stop (self, how);
}

/* Held, the list holds still (a paused view) while the feed goes on; let go, it catches up at
 * once, the oldest dropped past the maximum. */
void
pf_feed_hold (PfFeed  *self,
              gboolean hold)
{
  g_return_if_fail (PF_IS_FEED (self));
  PF_FEED_GET_IFACE (self)->hold (self, hold);
}

/* Empties the list (what it held is not counted as dropped). */
void
pf_feed_clear (PfFeed *self)
{
  g_return_if_fail (PF_IS_FEED (self));
  PF_FEED_GET_IFACE (self)->clear (self);
}

/* For the implementations: emits PfFeed::state-changed. */
void
pf_feed_emit_state_changed (PfFeed *self)
{
  g_return_if_fail (PF_IS_FEED (self));
  g_signal_emit (self, signals[SIGNAL_STATE_CHANGED], 0);
}
