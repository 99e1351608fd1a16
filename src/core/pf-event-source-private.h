/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pf-event-source.h"

G_BEGIN_DECLS

/* Shared by PfEventSource, its entries and its list of entries; not for other code. */

struct _PfEventSourceEntry
{
  GObject parent_instance;

  PfEventSourceEntryKind kind;
  char *event_type;
  char *data;
  gsize data_len;
  char *last_event_id;
  guint connection;
  PfEventSourceState ready_state;
  guint64 delay_ms;
  gint64 time_us;
  char *detail;
  char *cors_rule;  /* the CORS rule an error broke, or NULL */
};

#define PF_TYPE_EVENT_SOURCE_ENTRIES (pf_event_source_entries_get_type ())

G_DECLARE_FINAL_TYPE (PfEventSourceEntries, pf_event_source_entries, PF, EVENT_SOURCE_ENTRIES,
                      GObject)

void  pf_event_source_entries_append_message (PfEventSourceEntries *self,
                                              const char           *type,
                                              const char           *data,
                                              gsize                 data_len,
                                              const char           *id,
                                              guint                 connection,
                                              gint64                time_us);
void  pf_event_source_entries_append_whole   (PfEventSourceEntries *self,
                                              PfEventSourceEntry   *entry);
guint pf_event_source_entries_get_n_pending  (PfEventSourceEntries *self);
guint pf_event_source_entries_flush          (PfEventSourceEntries *self,
                                              guint                 max,
                                              gboolean              held);
void  pf_event_source_entries_clear          (PfEventSourceEntries *self);

G_END_DECLS
