/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-timeline-entry"

#include "config.h"

#include "pf-timeline-entry.h"

/* One line of an exchange's timeline as an object, for list views: a copy of the record the
 * timeline keeps (see PfTimeline). Immutable once made. */
struct _PfTimelineEntry
{
  GObject parent_instance;

  PfTimelineRecord record;
};

G_DEFINE_FINAL_TYPE (PfTimelineEntry, pf_timeline_entry, G_TYPE_OBJECT)

static void
pf_timeline_entry_finalize (GObject *object)
{
  PfTimelineEntry *self = PF_TIMELINE_ENTRY (object);

  pf_timeline_record_clear (&self->record);

  G_OBJECT_CLASS (pf_timeline_entry_parent_class)->finalize (object);
}

static void
pf_timeline_entry_class_init (PfTimelineEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pf_timeline_entry_finalize;
}

static void
pf_timeline_entry_init (PfTimelineEntry *self)
{
}

PfTimelineEntry *
pf_timeline_entry_new (const PfTimelineRecord *record)
{
  PfTimelineEntry *self = g_object_new (PF_TYPE_TIMELINE_ENTRY, NULL);

  pf_timeline_record_copy (&self->record, record);
  return self;
}

PfTimelineKind
pf_timeline_entry_get_kind (PfTimelineEntry *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_ENTRY (self), PF_TIMELINE_EVENT);
  return self->record.kind;
}

PfTarget
pf_timeline_entry_get_target (PfTimelineEntry *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_ENTRY (self), PF_TARGET_XHR);
  return self->record.target;
}

/* The event type ("readystatechange", "progress", …), the phase name or "redirect". */
const char *
pf_timeline_entry_get_name (PfTimelineEntry *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_ENTRY (self), NULL);
  return self->record.name;
}

int
pf_timeline_entry_get_ready_state (PfTimelineEntry *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_ENTRY (self), -1);
  return self->record.ready_state;
}

guint64
pf_timeline_entry_get_loaded (PfTimelineEntry *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_ENTRY (self), 0);
  return self->record.loaded;
}

guint64
pf_timeline_entry_get_total (PfTimelineEntry *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_ENTRY (self), 0);
  return self->record.total;
}

/* XHR: lengthComputable is true exactly when the length given is not 0. */
gboolean
pf_timeline_entry_get_length_computable (PfTimelineEntry *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_ENTRY (self), FALSE);
  return pf_timeline_record_length_computable (&self->record);
}

gint64
pf_timeline_entry_get_time_us (PfTimelineEntry *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_ENTRY (self), 0);
  return self->record.time_us;
}

gint64
pf_timeline_entry_get_end_us (PfTimelineEntry *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_ENTRY (self), 0);
  return self->record.end_us;
}

guint
pf_timeline_entry_get_status (PfTimelineEntry *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_ENTRY (self), 0);
  return self->record.status;
}

const char *
pf_timeline_entry_get_detail (PfTimelineEntry *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_ENTRY (self), NULL);
  return self->record.detail;
}

char *
pf_timeline_entry_describe (PfTimelineEntry *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE_ENTRY (self), NULL);
  return pf_timeline_record_describe (&self->record);
}
