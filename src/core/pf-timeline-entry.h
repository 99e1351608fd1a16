/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  PF_TIMELINE_EVENT,
  PF_TIMELINE_PHASE,
  PF_TIMELINE_REDIRECT,
  PF_TIMELINE_CHUNK,
  PF_TIMELINE_CORS,
} PfTimelineKind;

typedef enum
{
  PF_TARGET_XHR,
  PF_TARGET_UPLOAD,
} PfTarget;

#define PF_TYPE_TIMELINE_ENTRY (pf_timeline_entry_get_type ())

G_DECLARE_FINAL_TYPE (PfTimelineEntry, pf_timeline_entry, PF, TIMELINE_ENTRY, GObject)

PfTimelineEntry *pf_timeline_entry_new_event        (PfTarget         target,
                                                     const char      *type,
                                                     int              ready_state,
                                                     guint64          loaded,
                                                     guint64          total,
                                                     gint64           time_us);
PfTimelineEntry *pf_timeline_entry_new_phase        (const char      *name,
                                                     gint64           start_us,
                                                     gint64           end_us);
PfTimelineEntry *pf_timeline_entry_new_preflight_phase (const char   *name,
                                                       gint64        start_us,
                                                       gint64        end_us);
PfTimelineEntry *pf_timeline_entry_new_chunk        (guint64          size,
                                                     const char      *text,
                                                     gint64           time_us);
PfTimelineEntry *pf_timeline_entry_new_cors         (const char      *name,
                                                     guint            status,
                                                     const char      *detail,
                                                     gint64           time_us);
PfTimelineEntry *pf_timeline_entry_new_redirect     (guint            status,
                                                     const char      *location,
                                                     gint64           time_us);
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
