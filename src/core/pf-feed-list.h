/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PF_TYPE_FEED_LIST (pf_feed_list_get_type ())

G_DECLARE_FINAL_TYPE (PfFeedList, pf_feed_list, PF, FEED_LIST, GObject)

PfFeedList *pf_feed_list_new           (GType       item_type);
void        pf_feed_list_set_max_items (PfFeedList *self,
                                        guint       max_items);
void        pf_feed_list_append        (PfFeedList *self,
                                        gpointer    item);
void        pf_feed_list_hold          (PfFeedList *self,
                                        gboolean    hold);
void        pf_feed_list_clear         (PfFeedList *self);
guint64     pf_feed_list_get_dropped   (PfFeedList *self);

G_END_DECLS
