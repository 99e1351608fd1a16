/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "pf-feed.h"
#include "pf-profile.h"

G_BEGIN_DECLS

/* EventSource readyState values; pf_event_source_state_get_name () says their names. */
typedef enum
{
  PF_EVENT_SOURCE_CONNECTING = 0,
  PF_EVENT_SOURCE_OPEN = 1,
  PF_EVENT_SOURCE_CLOSED = 2,
} PfEventSourceState;

/* What an entry records; pf_event_source_entry_kind_get_name () says its name. */
typedef enum
{
  PF_EVENT_SOURCE_ENTRY_OPEN,
  PF_EVENT_SOURCE_ENTRY_MESSAGE,
  PF_EVENT_SOURCE_ENTRY_ERROR,
  PF_EVENT_SOURCE_ENTRY_RECONNECT,
  PF_EVENT_SOURCE_ENTRY_NOTE, /* what the stream did wrong that fires no event: its detail */
} PfEventSourceEntryKind;

#define PF_EVENT_SOURCE_MAX_ENTRIES_DEFAULT 100000

#define PF_TYPE_EVENT_SOURCE_ENTRY (pf_event_source_entry_get_type ())
#define PF_TYPE_EVENT_SOURCE       (pf_event_source_get_type ())

G_DECLARE_FINAL_TYPE (PfEventSourceEntry, pf_event_source_entry, PF, EVENT_SOURCE_ENTRY, GObject)
G_DECLARE_FINAL_TYPE (PfEventSource, pf_event_source, PF, EVENT_SOURCE, GObject)

/* A message as it is parsed: the strings are valid until the function returns. */
typedef void (*PfEventSourceMessageFunc) (PfEventSource *source,
                                          const char    *type,
                                          const char    *data,
                                          gsize          data_len,
                                          const char    *last_event_id,
                                          gint64         time_us,
                                          gpointer       user_data);

const char        *pf_event_source_state_get_name              (PfEventSourceState  state);
const char        *pf_event_source_entry_kind_get_name         (PfEventSourceEntryKind kind);

PfEventSourceEntryKind pf_event_source_entry_get_kind          (PfEventSourceEntry *self);
const char        *pf_event_source_entry_get_event_type        (PfEventSourceEntry *self);
const char        *pf_event_source_entry_get_data              (PfEventSourceEntry *self,
                                                                gsize              *len);
const char        *pf_event_source_entry_get_last_event_id     (PfEventSourceEntry *self);
guint              pf_event_source_entry_get_connection        (PfEventSourceEntry *self);
PfEventSourceState pf_event_source_entry_get_ready_state       (PfEventSourceEntry *self);
guint64            pf_event_source_entry_get_delay_ms          (PfEventSourceEntry *self);
gint64             pf_event_source_entry_get_time_us           (PfEventSourceEntry *self);
const char        *pf_event_source_entry_get_detail            (PfEventSourceEntry *self);
const char        *pf_event_source_entry_get_cors_rule         (PfEventSourceEntry *self);

PfEventSource     *pf_event_source_new                         (PfProfile          *profile,
                                                                const char         *url,
                                                                GError            **error);
void               pf_event_source_set_last_event_id           (PfEventSource      *self,
                                                                const char         *id);
gboolean           pf_event_source_set_origin                  (PfEventSource      *self,
                                                                const char         *origin,
                                                                gboolean            with_credentials,
                                                                GError            **error);
const char        *pf_event_source_get_origin                  (PfEventSource      *self);
gboolean           pf_event_source_get_with_credentials        (PfEventSource      *self);
const char        *pf_event_source_get_cors_verdict            (PfEventSource      *self);
gboolean           pf_event_source_get_cors_blocked            (PfEventSource      *self);
void               pf_event_source_set_max_entries             (PfEventSource      *self,
                                                                guint               max_entries);
void               pf_event_source_hold_entries                (PfEventSource      *self,
                                                                gboolean            hold);
void               pf_event_source_clear_entries               (PfEventSource      *self);
void               pf_event_source_set_message_func            (PfEventSource      *self,
                                                                PfEventSourceMessageFunc func,
                                                                gpointer            user_data);
void               pf_event_source_connect                     (PfEventSource      *self);
void               pf_event_source_close                       (PfEventSource      *self);
PfEventSourceState pf_event_source_get_ready_state             (PfEventSource      *self);
const char        *pf_event_source_get_url                     (PfEventSource      *self);
const char        *pf_event_source_get_last_event_id           (PfEventSource      *self);
guint64            pf_event_source_get_retry_ms                (PfEventSource      *self);
guint              pf_event_source_get_connection              (PfEventSource      *self);
GListModel        *pf_event_source_get_entries                 (PfEventSource      *self);
guint64            pf_event_source_get_dropped                 (PfEventSource      *self);

G_END_DECLS
