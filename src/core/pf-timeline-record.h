/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  PF_TIMELINE_EVENT,
  PF_TIMELINE_PHASE,
  PF_TIMELINE_REDIRECT,
  PF_TIMELINE_CHUNK,
  PF_TIMELINE_CORS,
  PF_TIMELINE_AUTH,
} PfTimelineKind;

typedef enum
{
  PF_TARGET_XHR,
  PF_TARGET_UPLOAD,
  PF_TARGET_IMAGE,  /* an image ping's <img>: load or error, nothing else */
} PfTarget;

/* One line of an exchange's timeline as the timeline keeps it: plain fields, no object.
 * Times are microseconds since the exchange was opened (readyState 1), on the monotonic
 * clock. @name is interned; @detail belongs to the record. */
typedef struct
{
  PfTimelineKind kind;
  PfTarget target;
  const char *name;
  char *detail;
  int ready_state;
  guint status;
  guint64 loaded;
  guint64 total;
  gint64 time_us;
  gint64 end_us;
} PfTimelineRecord;

PfTimelineRecord pf_timeline_record_event           (PfTarget                target,
                                                     const char             *type,
                                                     int                     ready_state,
                                                     guint64                 loaded,
                                                     guint64                 total,
                                                     gint64                  time_us);
PfTimelineRecord pf_timeline_record_phase           (const char             *name,
                                                     gint64                  start_us,
                                                     gint64                  end_us);
PfTimelineRecord pf_timeline_record_preflight_phase (const char             *name,
                                                     gint64                  start_us,
                                                     gint64                  end_us);
PfTimelineRecord pf_timeline_record_chunk           (guint64                 size,
                                                     const char             *text,
                                                     gint64                  time_us);
PfTimelineRecord pf_timeline_record_cors            (const char             *name,
                                                     guint                   status,
                                                     const char             *detail,
                                                     gint64                  time_us);
PfTimelineRecord pf_timeline_record_auth            (const char             *name,
                                                     guint                   status,
                                                     const char             *detail,
                                                     gint64                  time_us);
PfTimelineRecord pf_timeline_record_redirect        (guint                   status,
                                                     const char             *location,
                                                     gint64                  time_us);
void             pf_timeline_record_copy            (PfTimelineRecord       *dest,
                                                     const PfTimelineRecord *src);
void             pf_timeline_record_clear           (PfTimelineRecord       *self);
gboolean         pf_timeline_record_length_computable (const PfTimelineRecord *self);
char            *pf_timeline_record_describe        (const PfTimelineRecord *self);

G_END_DECLS
