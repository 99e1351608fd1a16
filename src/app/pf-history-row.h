/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pf-history-item.h"

G_BEGIN_DECLS

#define PF_TYPE_HISTORY_ROW (pf_history_row_get_type ())

G_DECLARE_FINAL_TYPE (PfHistoryRow, pf_history_row, PF, HISTORY_ROW, GtkBox)

GtkWidget     *pf_history_row_new      (void);
void           pf_history_row_set_item (PfHistoryRow  *self,
                                        PfHistoryItem *item,
                                        const char    *day);
PfHistoryItem *pf_history_row_get_item (PfHistoryRow  *self);

G_END_DECLS
