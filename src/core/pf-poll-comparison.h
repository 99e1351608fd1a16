/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pf-feed.h"
#include "pf-long-poll.h"

G_BEGIN_DECLS

/* The short-polling interval a comparison starts with, and how long the long-polling loop
 * lets the server hold a request (Prefer: wait=S). */
#define PF_POLL_COMPARISON_INTERVAL_MS 1000
#define PF_POLL_COMPARISON_WAIT_S 30

typedef enum
{
  PF_POLL_LANE_SHORT,
  PF_POLL_LANE_LONG,
  PF_POLL_N_LANES,
} PfPollLane;

/* What one loop did so far. */
typedef struct
{
  guint requests;     /* answered (or failed) requests */
  guint news;         /* answers that brought news published since the start */
  guint not_modified; /* 304: nothing new */
  guint errors;
  gint64 delay_us; /* summed over the news: from published to answered */
} PfPollLaneStats;

/* A news item as first seen, by either loop. */
typedef struct
{
  guint64 number;
  gint64 published_us; /* µs since the start */
} PfPollNews;

#define PF_TYPE_POLL_COMPARISON (pf_poll_comparison_get_type ())

G_DECLARE_FINAL_TYPE (PfPollComparison, pf_poll_comparison, PF, POLL_COMPARISON, GObject)

PfPollComparison *pf_poll_comparison_new (PfProfile *profile,
                                          const char *url,
                                          GError **error);
void pf_poll_comparison_set_interval (PfPollComparison *self,
                                      guint interval_ms);
PfLongPoll *pf_poll_comparison_get_loop (PfPollComparison *self,
                                         PfPollLane lane);
PfPollLane pf_poll_comparison_lane_of (PfLongPollCycle *cycle);
guint64 pf_poll_comparison_get_cycle_news (PfLongPollCycle *cycle);
void pf_poll_comparison_get_stats (PfPollComparison *self,
                                   PfPollLane lane,
                                   PfPollLaneStats *stats);
gint64 pf_poll_comparison_get_mean_delay_us (PfPollComparison *self,
                                             PfPollLane lane);
const PfPollNews *pf_poll_comparison_get_news (PfPollComparison *self,
                                               guint *n_news);
gint64 pf_poll_comparison_get_elapsed_us (PfPollComparison *self);

G_END_DECLS
