/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-timeline"

#include "config.h"

#include "pf-timeline.h"

/* An exchange's timeline: a list model of PfTimelineEntry over plain records. A request that
 * nobody shows (the CLI, a benchmark) makes no objects at all; a list view gets an entry
 * per row it asks for, made once and kept, so it sees the same object each time. Every
 * append is one items-changed when someone watches: the timeline is watched live. The CLI
 * reads it instead, and its appends tell nobody (an emission costs more than the append). A snapshot shares the records
 * (another thread may read it) until the next append, which copies them first. */

struct _PfTimeline
{
  GObject parent_instance;

  GArray *records;    /* of PfTimelineRecord */
  GPtrArray *entries; /* the PfTimelineEntry of each record asked for, else NULL; made
                       * when get_item () is first called */
  gboolean shared;    /* a snapshot holds the records: they are copied before they change */
};

static void pf_timeline_model_init (GListModelInterface *iface);

static guint items_changed_id;

G_DEFINE_FINAL_TYPE_WITH_CODE (PfTimeline, pf_timeline, G_TYPE_OBJECT, G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, pf_timeline_model_init))

static void
clear_record (gpointer data)
{
  pf_timeline_record_clear (data);
}

static void
unref_entry (gpointer entry)
{
  if (entry != NULL)
    g_object_unref (entry);
}

static void
pf_timeline_finalize (GObject *object)
{
  PfTimeline *self = PF_TIMELINE (object);

  g_clear_pointer (&self->records, g_array_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (pf_timeline_parent_class)->finalize (object);
}

static void
pf_timeline_class_init (PfTimelineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pf_timeline_finalize;
}

static GArray *
records_new (guint reserved)
{
  GArray *records = g_array_sized_new (FALSE, FALSE, sizeof (PfTimelineRecord), reserved);

  g_array_set_clear_func (records, clear_record);
  return records;
}

static void
pf_timeline_init (PfTimeline *self)
{
  self->records = records_new (16);
  /* Here, not in class_init: the interface's signals exist once the class is complete. */
  if (G_UNLIKELY (items_changed_id == 0))
    items_changed_id = g_signal_lookup ("items-changed", G_TYPE_LIST_MODEL);
}

PfTimeline *
pf_timeline_new (void)
{
  return g_object_new (PF_TYPE_TIMELINE, NULL);
}

/* An empty array of records, as a timeline keeps them (each record's detail freed with it):
 * what an owner that makes the timeline's object only when asked (PfExchange) appends to. */
GArray *
pf_timeline_records_new (void)
{
  return records_new (16);
}

/* A timeline of @records (from pf_timeline_records_new (), taken): the records an owner
 * gathered before anybody asked for a list model. */
PfTimeline *
pf_timeline_new_taking (GArray *records)
{
  PfTimeline *self;

  g_return_val_if_fail (records != NULL, NULL);
  self = pf_timeline_new ();
  g_array_unref (self->records);
  self->records = records;
  return self;
}

/* The records as they are now, for a snapshot: the timeline keeps its own from then on. */
static void
unshare (PfTimeline *self)
{
  GArray *copy = records_new (self->records->len + 16);

  g_array_set_size (copy, self->records->len);
  for (guint i = 0; i < self->records->len; i++)
    pf_timeline_record_copy (&g_array_index (copy, PfTimelineRecord, i),
                             &g_array_index (self->records, PfTimelineRecord, i));
  g_array_unref (self->records);
  self->records = copy;
  self->shared = FALSE;
}

/* Appends @record, taking its detail, and tells the watchers. */
void
pf_timeline_append (PfTimeline *self,
                    PfTimelineRecord *record)
{
  g_return_if_fail (PF_IS_TIMELINE (self));

  if (self->shared)
    unshare (self);
  g_array_append_vals (self->records, record, 1);
  record->detail = NULL;
  if (self->entries != NULL)
    g_ptr_array_add (self->entries, NULL);
  if (g_signal_has_handler_pending (self, items_changed_id, 0, FALSE))
    g_list_model_items_changed (G_LIST_MODEL (self), self->records->len - 1, 0, 1);
}

/* The record at @position, or NULL past the end; valid until the timeline is freed. */
const PfTimelineRecord *
pf_timeline_get_record (PfTimeline *self,
                        guint position)
{
  g_return_val_if_fail (PF_IS_TIMELINE (self), NULL);

  if (position >= self->records->len)
    return NULL;
  return &g_array_index (self->records, PfTimelineRecord, position);
}

/* The records as they are now (of PfTimelineRecord), without copying them: read them, never
 * change them; any thread may read and release them, and the timeline copies them before it
 * next changes. Made for history, which copies a finished exchange on its writer thread. */
GArray *
pf_timeline_snapshot (PfTimeline *self)
{
  g_return_val_if_fail (PF_IS_TIMELINE (self), NULL);

  self->shared = TRUE;
  return g_array_ref (self->records);
}

static GType
pf_timeline_get_item_type (GListModel *model)
{
  return PF_TYPE_TIMELINE_ENTRY;
}

static guint
pf_timeline_get_n_items (GListModel *model)
{
  return PF_TIMELINE (model)->records->len;
}

static gpointer
pf_timeline_get_item (GListModel *model,
                      guint position)
{
  PfTimeline *self = PF_TIMELINE (model);

  if (position >= self->records->len)
    return NULL;
  if (self->entries == NULL)
    {
      self->entries = g_ptr_array_new_full (self->records->len, unref_entry);
      g_ptr_array_set_size (self->entries, self->records->len);
    }
  if (self->entries->pdata[position] == NULL)
    self->entries->pdata[position] =
        pf_timeline_entry_new (&g_array_index (self->records, PfTimelineRecord, position));
  return g_object_ref (self->entries->pdata[position]);
}

static void
pf_timeline_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pf_timeline_get_item_type;
  iface->get_n_items = pf_timeline_get_n_items;
  iface->get_item = pf_timeline_get_item;
}
