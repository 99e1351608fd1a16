/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pf-poll-comparison.h"

G_BEGIN_DECLS

#define PF_TYPE_POLL_CHART (pf_poll_chart_get_type ())

G_DECLARE_FINAL_TYPE (PfPollChart, pf_poll_chart, PF, POLL_CHART, GtkWidget)

/* What the chart draws where. */
typedef enum
{
  PF_POLL_CHART_CAPTION, /* a lane's name, left of it */
  PF_POLL_CHART_NEWS,    /* a news as published, on the news lane */
  PF_POLL_CHART_EMPTY,   /* a request answered with nothing new (304, or old news) */
  PF_POLL_CHART_ANSWER,  /* a request answered with news */
  PF_POLL_CHART_ERROR,   /* a request that failed */
  PF_POLL_CHART_PENDING, /* the request under way */
  PF_POLL_CHART_TICK,    /* a second's mark on the time axis, with its label */
} PfPollChartPartKind;

typedef struct
{
  PfPollChartPartKind kind;
  int lane;     /* PfPollLane of a request, -1 for the news lane and the axis */
  guint64 news; /* the news a NEWS or ANSWER part is about */
  char *text;   /* a caption's or tick's text, else NULL */
  graphene_rect_t area;
} PfPollChartPart;

GtkWidget *pf_poll_chart_new (void);
void pf_poll_chart_set_comparison (PfPollChart *self,
                                   PfPollComparison *comparison);
GArray *pf_poll_chart_layout (PfPollChart *self,
                              int width);

G_END_DECLS
