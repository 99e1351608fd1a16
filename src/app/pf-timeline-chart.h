/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PF_TYPE_TIMELINE_CHART (pf_timeline_chart_get_type ())

G_DECLARE_FINAL_TYPE (PfTimelineChart, pf_timeline_chart, PF, TIMELINE_CHART, GtkWidget)

GtkWidget *pf_timeline_chart_new       (void);
void       pf_timeline_chart_set_model (PfTimelineChart *self,
                                        GListModel      *timeline);

G_END_DECLS
