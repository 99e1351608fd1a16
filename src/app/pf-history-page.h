/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pf-history.h"

G_BEGIN_DECLS

#define PF_TYPE_HISTORY_PAGE (pf_history_page_get_type ())

G_DECLARE_FINAL_TYPE (PfHistoryPage, pf_history_page, PF, HISTORY_PAGE, GtkBox)

PfHistoryPage *pf_history_page_new           (void);
void           pf_history_page_set_history   (PfHistoryPage *self,
                                              PfHistory     *history);
GListModel    *pf_history_page_get_items     (PfHistoryPage *self);
void           pf_history_page_focus         (PfHistoryPage *self);
guint          pf_history_page_get_n_queries (PfHistoryPage *self);

G_END_DECLS
