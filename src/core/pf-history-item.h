/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PF_TYPE_HISTORY_ITEM (pf_history_item_get_type ())

G_DECLARE_FINAL_TYPE (PfHistoryItem, pf_history_item, PF, HISTORY_ITEM, GObject)

gint64      pf_history_item_get_id          (PfHistoryItem *self);
gint64      pf_history_item_get_time_us     (PfHistoryItem *self);
const char *pf_history_item_get_method      (PfHistoryItem *self);
const char *pf_history_item_get_url         (PfHistoryItem *self);
guint       pf_history_item_get_status      (PfHistoryItem *self);
const char *pf_history_item_get_status_text (PfHistoryItem *self);
const char *pf_history_item_get_failure     (PfHistoryItem *self);
gint64      pf_history_item_get_duration_us (PfHistoryItem *self);
guint64     pf_history_item_get_body_size   (PfHistoryItem *self);
const char *pf_history_item_get_origin      (PfHistoryItem *self);
const char *pf_history_item_get_cors        (PfHistoryItem *self);

G_END_DECLS
