/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-event-source"

#include "config.h"

#include "pf-event-source-private.h"

/* One entry of an EventSource's list: an open, a message, an error or a reconnect. */

G_DEFINE_FINAL_TYPE (PfEventSourceEntry, pf_event_source_entry, G_TYPE_OBJECT)

static void
pf_event_source_entry_finalize (GObject *object)
{
  PfEventSourceEntry *self = PF_EVENT_SOURCE_ENTRY (object);

  g_free (self->event_type);
  g_free (self->data);
  g_free (self->last_event_id);
  g_free (self->detail);
  g_free (self->cors_rule);
  G_OBJECT_CLASS (pf_event_source_entry_parent_class)->finalize (object);
}

static void
pf_event_source_entry_class_init (PfEventSourceEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pf_event_source_entry_finalize;
}

static void
pf_event_source_entry_init (PfEventSourceEntry *self)
{
}

/* The kind's name, as the entry-added signal's detail and the CLI's JSON "type" spell it. */
const char *
pf_event_source_entry_kind_get_name (PfEventSourceEntryKind kind)
{
  static const char *const names[] = {
    [PF_EVENT_SOURCE_ENTRY_OPEN] = "open",
    [PF_EVENT_SOURCE_ENTRY_MESSAGE] = "message",
    [PF_EVENT_SOURCE_ENTRY_ERROR] = "error",
    [PF_EVENT_SOURCE_ENTRY_RECONNECT] = "reconnect",
    [PF_EVENT_SOURCE_ENTRY_NOTE] = "note",
  };

  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (names), NULL);
  return names[kind];
}

PfEventSourceEntryKind
pf_event_source_entry_get_kind (PfEventSourceEntry *self)
{
  g_return_val_if_fail (PF_IS_EVENT_SOURCE_ENTRY (self), 0);
  return self->kind;
}

/* The event's type ("message" unless the stream named another), or NULL. */
const char *
pf_event_source_entry_get_event_type (PfEventSourceEntry *self)
{
  g_return_val_if_fail (PF_IS_EVENT_SOURCE_ENTRY (self), NULL);
  return self->event_type;
}

/* The message's data (UTF-8, may hold U+0000), or NULL. */
const char *
pf_event_source_entry_get_data (PfEventSourceEntry *self,
                                gsize              *len)
{
  g_return_val_if_fail (PF_IS_EVENT_SOURCE_ENTRY (self), NULL);
  if (len != NULL)
    *len = self->data_len;
  return self->data;
}

const char *
pf_event_source_entry_get_last_event_id (PfEventSourceEntry *self)
{
  g_return_val_if_fail (PF_IS_EVENT_SOURCE_ENTRY (self), NULL);
  return self->last_event_id;
}

/* Which connection (1, 2, …) the entry belongs to. */
guint
pf_event_source_entry_get_connection (PfEventSourceEntry *self)
{
  g_return_val_if_fail (PF_IS_EVENT_SOURCE_ENTRY (self), 0);
  return self->connection;
}

/* readyState when the entry was made. */
PfEventSourceState
pf_event_source_entry_get_ready_state (PfEventSourceEntry *self)
{
  g_return_val_if_fail (PF_IS_EVENT_SOURCE_ENTRY (self), 0);
  return self->ready_state;
}

/* For a reconnect: how long it waited. */
guint64
pf_event_source_entry_get_delay_ms (PfEventSourceEntry *self)
{
  g_return_val_if_fail (PF_IS_EVENT_SOURCE_ENTRY (self), 0);
  return self->delay_ms;
}

/* Microseconds since connect (). */
gint64
pf_event_source_entry_get_time_us (PfEventSourceEntry *self)
{
  g_return_val_if_fail (PF_IS_EVENT_SOURCE_ENTRY (self), 0);
  return self->time_us;
}

/* For an error: why, in words. */
const char *
pf_event_source_entry_get_detail (PfEventSourceEntry *self)
{
  g_return_val_if_fail (PF_IS_EVENT_SOURCE_ENTRY (self), NULL);
  return self->detail;
}

/* For an error that a CORS check made: the rule's name ("allow-origin-missing", …), or NULL. */
const char *
pf_event_source_entry_get_cors_rule (PfEventSourceEntry *self)
{
  g_return_val_if_fail (PF_IS_EVENT_SOURCE_ENTRY (self), NULL);
  return self->cors_rule;
}
