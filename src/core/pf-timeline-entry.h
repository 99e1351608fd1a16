/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "pf-timeline-record.h"

G_BEGIN_DECLS

#define PF_TYPE_TIMELINE_ENTRY (pf_timeline_entry_get_type ())

G_DECLARE_FINAL_TYPE (PfTimelineEntry, pf_timeline_entry, PF, TIMELINE_ENTRY, GObject)

PfTimelineEntry *pf_timeline_entry_new              (const PfTimelineRecord *record);
PfTimelineKind   pf_timeline_entry_get_kind         (PfTimelineEntry *self);
PfTarget         pf_timeline_entry_get_target       (PfTimelineEntry *self);
const char      *pf_timeline_entry_get_name         (PfTimelineEntry *self);
int              pf_timeline_entry_get_ready_state  (PfTimelineEntry *self);
guint64          pf_timeline_entry_get_loaded       (PfTimelineEntry *self);
guint64          pf_timeline_entry_get_total        (PfTimelineEntry *self);
gboolean         pf_timeline_entry_get_length_computable (PfTimelineEntry *self);
gint64           pf_timeline_entry_get_time_us      (PfTimelineEntry *self);
gint64           pf_timeline_entry_get_end_us       (PfTimelineEntry *self);
guint            pf_timeline_entry_get_status       (PfTimelineEntry *self);
const char      *pf_timeline_entry_get_detail       (PfTimelineEntry *self);
char            *pf_timeline_entry_describe         (PfTimelineEntry *self);

G_END_DECLS
