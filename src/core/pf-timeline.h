/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "pf-timeline-entry.h"

G_BEGIN_DECLS

#define PF_TYPE_TIMELINE (pf_timeline_get_type ())

G_DECLARE_FINAL_TYPE (PfTimeline, pf_timeline, PF, TIMELINE, GObject)

PfTimeline *pf_timeline_new (void);
PfTimeline *pf_timeline_new_taking (GArray *records);
GArray *pf_timeline_records_new (void);
void pf_timeline_append (PfTimeline *self,
                         PfTimelineRecord *record);
const PfTimelineRecord *pf_timeline_get_record (PfTimeline *self,
                                                guint position);
GArray *pf_timeline_snapshot (PfTimeline *self);

G_END_DECLS
