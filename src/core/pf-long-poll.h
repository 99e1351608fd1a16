/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "pf-feed.h"
#include "pf-profile.h"

G_BEGIN_DECLS

#define PF_LONG_POLL_MAX_CYCLES_DEFAULT 100000

#define PF_TYPE_LONG_POLL_CYCLE (pf_long_poll_cycle_get_type ())
#define PF_TYPE_LONG_POLL       (pf_long_poll_get_type ())

G_DECLARE_FINAL_TYPE (PfLongPollCycle, pf_long_poll_cycle, PF, LONG_POLL_CYCLE, GObject)
G_DECLARE_FINAL_TYPE (PfLongPoll, pf_long_poll, PF, LONG_POLL, GObject)

guint        pf_long_poll_cycle_get_number      (PfLongPollCycle *self);
gint64       pf_long_poll_cycle_get_start_us    (PfLongPollCycle *self);
gint64       pf_long_poll_cycle_get_held_us     (PfLongPollCycle *self);
guint        pf_long_poll_cycle_get_status      (PfLongPollCycle *self);
const char  *pf_long_poll_cycle_get_text        (PfLongPollCycle *self);
guint64      pf_long_poll_cycle_get_size        (PfLongPollCycle *self);
const char  *pf_long_poll_cycle_get_error       (PfLongPollCycle *self);
const char  *pf_long_poll_cycle_get_name        (PfLongPollCycle *self);
guint        pf_long_poll_cycle_get_next_delay_ms (PfLongPollCycle *self);
guint        pf_long_poll_cycle_get_interval_ms (PfLongPollCycle *self);

PfLongPoll  *pf_long_poll_new                   (PfProfile       *profile,
                                                 const char      *url,
                                                 GError         **error);
void         pf_long_poll_set_max_cycles        (PfLongPoll      *self,
                                                 guint            max_cycles);
void         pf_long_poll_set_interval          (PfLongPoll      *self,
                                                 guint            interval_ms);
guint        pf_long_poll_get_interval          (PfLongPoll      *self);
void         pf_long_poll_set_wait              (PfLongPoll      *self,
                                                 guint            seconds);
void         pf_long_poll_set_t0                (PfLongPoll      *self,
                                                 gint64           t0_us);
gint64       pf_long_poll_get_pending_start_us  (PfLongPoll      *self);
void         pf_long_poll_start                 (PfLongPoll      *self);
void         pf_long_poll_stop                  (PfLongPoll      *self);
gboolean     pf_long_poll_get_running           (PfLongPoll      *self);
GListModel  *pf_long_poll_get_cycles            (PfLongPoll      *self);
guint64      pf_long_poll_get_dropped           (PfLongPoll      *self);

G_END_DECLS
