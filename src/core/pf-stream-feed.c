/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-stream-feed"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pf-stream-feed.h"
#include "pf-feed-list.h"
#include "pf-http-syntax.h"

/* HTTP streaming as a feed: one GET whose chunks, as they arrive at readyState 3, are the
 * items, each what responseText.substring (received) gives (the exchange's chunk entries). */

struct _PfStreamFeed
{
  GObject parent_instance;

  PfExchange *exchange;
  PfFeedList *chunks;
  gboolean started;
};

static void pf_stream_feed_feed_init (PfFeedInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PfStreamFeed, pf_stream_feed, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PF_TYPE_FEED, pf_stream_feed_feed_init))

static void
pf_stream_feed_dispose (GObject *object)
{
  PfStreamFeed *self = PF_STREAM_FEED (object);

  if (self->exchange != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->exchange, self);
      g_signal_handlers_disconnect_by_data (pf_exchange_get_timeline (self->exchange), self);
    }
  G_OBJECT_CLASS (pf_stream_feed_parent_class)->dispose (object);
}

static void
pf_stream_feed_finalize (GObject *object)
{
  PfStreamFeed *self = PF_STREAM_FEED (object);

  g_clear_object (&self->exchange);
  g_clear_object (&self->chunks);
  G_OBJECT_CLASS (pf_stream_feed_parent_class)->finalize (object);
}

static void
pf_stream_feed_class_init (PfStreamFeedClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pf_stream_feed_dispose;
  object_class->finalize = pf_stream_feed_finalize;
}

static void
pf_stream_feed_init (PfStreamFeed *self)
{
  self->chunks = pf_feed_list_new (PF_TYPE_TIMELINE_ENTRY);
}

/* Each chunk entry the timeline gains is an item; the other entries are not. */
static void
timeline_changed_cb (GListModel   *timeline,
                     guint         position,
                     guint         removed,
                     guint         added,
                     PfStreamFeed *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr (PfTimelineEntry) entry = NULL;

      if (pf_timeline_get_record (PF_TIMELINE (timeline), i)->kind != PF_TIMELINE_CHUNK)
        continue;
      entry = g_list_model_get_item (timeline, i);
      pf_feed_list_append (self->chunks, entry);
    }
}

static void
exchange_changed_cb (PfStreamFeed *self)
{
  pf_feed_emit_state_changed (PF_FEED (self));
}

/* Fails (PF_REQUEST_ERROR) when @url is not an http(s) URL. */
PfStreamFeed *
pf_stream_feed_new (PfProfile   *profile,
                    const char  *url,
                    GError     **error)
{
  g_autoptr (PfRequest) request = NULL;
  PfStreamFeed *self;

  g_return_val_if_fail (PF_IS_PROFILE (profile), NULL);

  if (!pf_http_check_url (url, error))
    return NULL;
  request = pf_request_new ();
  pf_request_set_url (request, url);
  self = g_object_new (PF_TYPE_STREAM_FEED, NULL);
  self->exchange = pf_exchange_new (profile, request);
  g_signal_connect (pf_exchange_get_timeline (self->exchange), "items-changed",
                    G_CALLBACK (timeline_changed_cb), self);
  g_signal_connect_swapped (self->exchange, "notify::ready-state",
                            G_CALLBACK (exchange_changed_cb), self);
  g_signal_connect_swapped (self->exchange, "notify::failure", G_CALLBACK (exchange_changed_cb),
                            self);
  return self;
}

/* The exchange whose response is the stream. */
PfExchange *
pf_stream_feed_get_exchange (PfStreamFeed *self)
{
  g_return_val_if_fail (PF_IS_STREAM_FEED (self), NULL);
  return self->exchange;
}

static GListModel *
pf_stream_feed_get_items (PfFeed *feed)
{
  return G_LIST_MODEL (PF_STREAM_FEED (feed)->chunks);
}

static guint64
pf_stream_feed_get_dropped (PfFeed *feed)
{
  return pf_feed_list_get_dropped (PF_STREAM_FEED (feed)->chunks);
}

/* Until the response ended (readyState 4) or failed; an aborted exchange goes back to
 * readyState 0 with its failure. */
static gboolean
pf_stream_feed_get_running (PfFeed *feed)
{
  PfStreamFeed *self = PF_STREAM_FEED (feed);

  return self->started && pf_exchange_get_ready_state (self->exchange) != PF_READY_STATE_DONE &&
         pf_exchange_get_failure (self->exchange) == PF_FAILURE_NONE;
}

static char *
pf_stream_feed_dup_state_text (PfFeed *feed)
{
  PfStreamFeed *self = PF_STREAM_FEED (feed);
  g_autofree char *size = g_format_size (pf_exchange_get_loaded (self->exchange));

  /* Translators: an XMLHttpRequest readyState number, then the bytes received */
  return g_strdup_printf (_("readyState %d · %s received"),
                          pf_exchange_get_ready_state (self->exchange), size);
}

static void
pf_stream_feed_set_max_items (PfFeed *feed,
                              guint   max_items)
{
  pf_feed_list_set_max_items (PF_STREAM_FEED (feed)->chunks, max_items);
}

static void
sent_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (PfStreamFeed) self = user_data;

  /* A failure is the exchange's own, on its timeline and in its state. */
  pf_exchange_send_finish (PF_EXCHANGE (object), result, NULL);
  pf_feed_emit_state_changed (PF_FEED (self));
}

static void
pf_stream_feed_start (PfFeed *feed)
{
  PfStreamFeed *self = PF_STREAM_FEED (feed);

  g_return_if_fail (!self->started);

  self->started = TRUE;
  pf_exchange_send_async (self->exchange, NULL, sent_cb, g_object_ref (self));
}

/* XHR abort (); a stream that ended stays as it ended. */
static void
pf_stream_feed_stop (PfFeed    *feed,
                     PfFeedStop how)
{
  if (pf_stream_feed_get_running (feed))
    pf_exchange_abort (PF_STREAM_FEED (feed)->exchange);
}

static void
pf_stream_feed_hold (PfFeed  *feed,
                     gboolean hold)
{
  pf_feed_list_hold (PF_STREAM_FEED (feed)->chunks, hold);
}

static void
pf_stream_feed_clear (PfFeed *feed)
{
  pf_feed_list_clear (PF_STREAM_FEED (feed)->chunks);
}

static void
pf_stream_feed_feed_init (PfFeedInterface *iface)
{
  iface->get_items = pf_stream_feed_get_items;
  iface->get_dropped = pf_stream_feed_get_dropped;
  iface->get_running = pf_stream_feed_get_running;
  iface->dup_state_text = pf_stream_feed_dup_state_text;
  iface->set_max_items = pf_stream_feed_set_max_items;
  iface->start = pf_stream_feed_start;
  iface->stop = pf_stream_feed_stop;
  iface->hold = pf_stream_feed_hold;
  iface->clear = pf_stream_feed_clear;
}
