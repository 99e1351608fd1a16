/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-feed-list"

#include "config.h"

#include "pf-feed-list.h"

/* The list of a feed's items (long-polling cycles, WebSocket frames, stream chunks): at most
 * max-items, the oldest dropped and counted; held, it holds still and what comes waits, so a
 * paused view neither moves nor copies the list. */

struct _PfFeedList
{
  GObject parent_instance;

  GListStore *items;  /* what the list shows */
  GQueue pending;     /* what came while held, oldest first (references) */
  guint max_items;
  guint64 dropped;
  gboolean held;
};

static void pf_feed_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PfFeedList, pf_feed_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, pf_feed_list_model_init))

static void
pf_feed_list_finalize (GObject *object)
{
  PfFeedList *self = PF_FEED_LIST (object);

  g_queue_clear_full (&self->pending, g_object_unref);
  g_clear_object (&self->items);
  G_OBJECT_CLASS (pf_feed_list_parent_class)->finalize (object);
}

static void
pf_feed_list_class_init (PfFeedListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pf_feed_list_finalize;
}

static void
pf_feed_list_init (PfFeedList *self)
{
  g_queue_init (&self->pending);
}

static void
items_changed_cb (GListModel *items,
                  guint       position,
                  guint       removed,
                  guint       added,
                  PfFeedList *self)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

/* A list of @item_type objects that keeps them all until set_max_items (). */
PfFeedList *
pf_feed_list_new (GType item_type)
{
  PfFeedList *self = g_object_new (PF_TYPE_FEED_LIST, NULL);

  self->items = g_list_store_new (item_type);
  g_signal_connect_object (self->items, "items-changed", G_CALLBACK (items_changed_cb), self, 0);
  return self;
}

/* How many items the list keeps (0: all); the oldest go first, from the next append on. */
void
pf_feed_list_set_max_items (PfFeedList *self,
                            guint       max_items)
{
  g_return_if_fail (PF_IS_FEED_LIST (self));
  self->max_items = max_items;
}

static gboolean
is_full (PfFeedList *self,
         guint       n_items)
{
  return self->max_items > 0 && n_items >= self->max_items;
}

void
pf_feed_list_append (PfFeedList *self,
                     gpointer    item)
{
  g_return_if_fail (PF_IS_FEED_LIST (self));
  g_return_if_fail (G_IS_OBJECT (item));

  if (self->held)
    {
      if (is_full (self, self->pending.length))
        {
          g_object_unref (g_queue_pop_head (&self->pending));
          self->dropped++;
        }
      g_queue_push_tail (&self->pending, g_object_ref (item));
      return;
    }
  if (is_full (self, g_list_model_get_n_items (G_LIST_MODEL (self->items))))
    {
      g_list_store_remove (self->items, 0);
      self->dropped++;
    }
  g_list_store_append (self->items, item);
}

/* Shows what waited: the oldest shown items make room for it, in two changes. */
static void
flush_pending (PfFeedList *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  guint n_pending = self->pending.length;
  guint n_drop = 0;
  g_autofree gpointer *additions = NULL;

  if (n_pending == 0)
    return;
  if (self->max_items > 0 && n_items + n_pending > self->max_items)
    n_drop = MIN (n_items, n_items + n_pending - self->max_items);
  additions = g_new (gpointer, n_pending);
  for (guint i = 0; i < n_pending; i++)
    additions[i] = g_queue_pop_head (&self->pending);
  self->dropped += n_drop;
  if (n_drop > 0)
    g_list_store_splice (self->items, 0, n_drop, NULL, 0);
  g_list_store_splice (self->items, n_items - n_drop, 0, additions, n_pending);
  for (guint i = 0; i < n_pending; i++)
    g_object_unref (additions[i]);
}

void
pf_feed_list_hold (PfFeedList *self,
                   gboolean    hold)
{
  g_return_if_fail (PF_IS_FEED_LIST (self));

  self->held = hold;
  if (!hold)
    flush_pending (self);
}

/* Empties the list, and what waited (neither counted as dropped). */
void
pf_feed_list_clear (PfFeedList *self)
{
  g_return_if_fail (PF_IS_FEED_LIST (self));

  g_queue_clear_full (&self->pending, g_object_unref);
  g_list_store_remove_all (self->items);
}

/* How many items the maximum made the list drop. */
guint64
pf_feed_list_get_dropped (PfFeedList *self)
{
  g_return_val_if_fail (PF_IS_FEED_LIST (self), 0);
  return self->dropped;
}

static GType
pf_feed_list_get_item_type (GListModel *model)
{
  return g_list_model_get_item_type (G_LIST_MODEL (PF_FEED_LIST (model)->items));
}

static guint
pf_feed_list_get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (PF_FEED_LIST (model)->items));
}

static gpointer
pf_feed_list_get_item (GListModel *model,
                       guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (PF_FEED_LIST (model)->items), position);
}

static void
pf_feed_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pf_feed_list_get_item_type;
  iface->get_n_items = pf_feed_list_get_n_items;
  iface->get_item = pf_feed_list_get_item;
}
