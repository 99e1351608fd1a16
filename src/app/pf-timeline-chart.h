/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PF_TYPE_TIMELINE_CHART (pf_timeline_chart_get_type ())

G_DECLARE_FINAL_TYPE (PfTimelineChart, pf_timeline_chart, PF, TIMELINE_CHART, GtkWidget)

/* What the chart draws where, for a width: its labels and bars. */
typedef enum
{
  PF_TIMELINE_CHART_CAPTION,     /* "readyState" ("image" for an image ping), left of the track */
  PF_TIMELINE_CHART_STATE_LABEL, /* "2 · 13.8 ms" by the tick of the first readyState 2, or an
                                    image's "load · 0.8 ms" */
  PF_TIMELINE_CHART_PHASE_LABEL, /* "dns", "preflight download", left of its bar */
  PF_TIMELINE_CHART_BAR,         /* a phase's bar */
} PfTimelineChartPartKind;

typedef struct
{
  PfTimelineChartPartKind kind;
  int ready_state; /* the state a state label names, else -1 */
  char *text;      /* a label's text, NULL for a bar */
  graphene_rect_t area;
} PfTimelineChartPart;

GtkWidget *pf_timeline_chart_new       (void);
void       pf_timeline_chart_set_model (PfTimelineChart *self,
                                        GListModel      *timeline);
GArray    *pf_timeline_chart_layout    (PfTimelineChart *self,
                                        int              width);

G_END_DECLS
