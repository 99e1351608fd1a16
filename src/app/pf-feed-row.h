/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PF_TYPE_FEED_ROW (pf_feed_row_get_type ())

G_DECLARE_FINAL_TYPE (PfFeedRow, pf_feed_row, PF, FEED_ROW, GtkBox)

GtkWidget *pf_feed_row_new           (void);
void       pf_feed_row_set           (PfFeedRow  *self,
                                      gint64      time_us,
                                      const char *kind,
                                      const char *text);
gboolean   pf_feed_row_query_tooltip (PfFeedRow  *self,
                                      GtkWidget  *picked,
                                      GtkWidget  *list,
                                      GtkTooltip *tooltip);

G_END_DECLS
