/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-event-source"

#include "config.h"

#include <string.h>

#include "pf-event-source-private.h"

/* The entries as a list model, packed for long feeds: a message is a row of four words and
 * its text in a shared block, not a GObject with four strings; rows become
 * PfEventSourceEntry objects only when asked for, and a list view asks only for the rows it
 * shows. Open, error and reconnect entries (and messages too large for a row) are kept
 * whole. New rows are pending until a flush shows them, in one items-changed. */

#define TEXT_BLOCK_SIZE (256 * 1024)

typedef struct
{
  gint64 time_us;
  /* The id, NUL, the data, NUL, then a type other than "message", NUL; or NULL and the
   * entry kept whole. */
  const char *text;
  PfEventSourceEntry *whole;
  guint32 data_len;
  guint32 connection : 31;
  guint32 typed : 1;
} Row;

/* Texts of consecutive rows; freed when no row uses it. */
typedef struct
{
  guint live;
  gsize used;
  gsize size;
  char data[];
} TextBlock;


struct _PfEventSourceEntries
{
  GObject parent_instance;

  GArray *rows;   /* of Row: from first on, the shown rows, then the pending ones */
  guint first;
  guint shown;
  GQueue blocks;  /* of TextBlock, oldest first; the last one takes new texts */
};

static void pf_event_source_entries_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PfEventSourceEntries, pf_event_source_entries, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      pf_event_source_entries_model_init))

static Row *
row_at (PfEventSourceEntries *self,
        guint                 i)
{
  return &g_array_index (self->rows, Row, self->first + i);
}

static guint
n_rows (PfEventSourceEntries *self)
{
  return self->rows->len - self->first;
}

static char *
text_alloc (PfEventSourceEntries *self,
            gsize                 len)
{
  TextBlock *block = g_queue_peek_tail (&self->blocks);

  if (block == NULL || block->size - block->used < len)
    {
      gsize size = MAX (TEXT_BLOCK_SIZE, len);

      block = g_malloc (sizeof (TextBlock) + size);
      block->live = 0;
      block->used = 0;
      block->size = size;
      g_queue_push_tail (&self->blocks, block);
    }
  block->live++;
  block->used += len;
  return block->data + block->used - len;
}

static gboolean
block_holds (TextBlock  *block,
             const char *text)
{
  return text >= block->data && text < block->data + block->size;
}

/* Lets go of what rows [from, to) hold. Rows and their texts come in the same order, so
 * one walk finds each text's block; a block no row uses any more is freed, or reused when
 * it is the one taking new texts. */
static void
release_rows (PfEventSourceEntries *self,
              guint                 from,
              guint                 to)
{
  GList *link = self->blocks.head;

  for (guint i = from; i < to; i++)
    {
      Row *row = row_at (self, i);
      TextBlock *block;

      g_clear_object (&row->whole);
      if (row->text == NULL)
        continue;
      while (!block_holds (link->data, row->text))
        link = link->next;
      block = link->data;
      if (--block->live > 0)
        continue;
      if (link == self->blocks.tail)
        {
          block->used = 0;
          continue;
        }
      link = link->next;
      g_queue_delete_link (&self->blocks, link->prev);
      g_free (block);
    }
}

/* Removes @count rows from @from on (counted from the first row). */
static void
remove_rows (PfEventSourceEntries *self,
             guint                 from,
             guint                 count)
{
  if (count == 0)
    return;
  release_rows (self, from, from + count);
  if (from > 0)
    {
      g_array_remove_range (self->rows, self->first + from, count);
      return;
    }
  /* From the front the rows just go; their room is reclaimed once it is half the array. */
  self->first += count;
  if (self->first >= self->rows->len / 2)
    {
      g_array_remove_range (self->rows, 0, self->first);
      self->first = 0;
    }
}

void
pf_event_source_entries_append_message (PfEventSourceEntries *self,
                                        const char           *type,
                                        const char           *data,
                                        gsize                 data_len,
                                        const char           *id,
                                        guint                 connection,
                                        gint64                time_us)
{
  gboolean typed = strcmp (type, "message") != 0;
  gsize id_size = strlen (id) + 1;
  gsize type_size = typed ? strlen (type) + 1 : 0;
  char *text = text_alloc (self, id_size + data_len + 1 + type_size);
  Row row = { time_us, text, NULL, data_len, connection, typed };

  memcpy (text, id, id_size);
  memcpy (text + id_size, data, data_len);
  text[id_size + data_len] = '\0';
  memcpy (text + id_size + data_len + 1, type, type_size);
  g_array_append_val (self->rows, row);
}

void
pf_event_source_entries_append_whole (PfEventSourceEntries *self,
                                      PfEventSourceEntry   *entry)
{
  Row row = { entry->time_us, NULL, g_object_ref (entry), 0, entry->connection, FALSE };

  g_array_append_val (self->rows, row);
}

guint
pf_event_source_entries_get_n_pending (PfEventSourceEntries *self)
{
  return n_rows (self) - self->shown;
}

/* Shows the pending rows, dropping the oldest rows past @max (0: no maximum): one
 * items-changed for the rows dropped, one for those added. @held: the shown rows stay as
 * they are and nothing is shown; only the oldest pending rows past @max go. Returns how many
 * rows were dropped. */
guint
pf_event_source_entries_flush (PfEventSourceEntries *self,
                               guint                 max,
                               gboolean              held)
{
  guint shown = self->shown;
  guint pending = pf_event_source_entries_get_n_pending (self);
  guint drop, drop_shown;

  if (held)
    {
      drop = max > 0 && pending > max ? pending - max : 0;
      remove_rows (self, shown, drop);
      return drop;
    }
  if (pending == 0)
    return 0;
  drop = max > 0 && shown + pending > max ? shown + pending - max : 0;
  drop_shown = MIN (drop, shown);
  remove_rows (self, 0, drop);
  self->shown = shown - drop_shown;
  if (drop_shown > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, drop_shown, 0);
  self->shown = n_rows (self);
  g_list_model_items_changed (G_LIST_MODEL (self), shown - drop_shown, 0,
                              self->shown - (shown - drop_shown));
  return drop;
}

void
pf_event_source_entries_clear (PfEventSourceEntries *self)
{
  guint shown = self->shown;

  remove_rows (self, 0, n_rows (self));
  self->shown = 0;
  if (shown > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, shown, 0);
}

static PfEventSourceEntry *
row_dup_entry (const Row *row)
{
  PfEventSourceEntry *entry;
  gsize id_size;

  if (row->whole != NULL)
    return g_object_ref (row->whole);
  id_size = strlen (row->text) + 1;
  entry = g_object_new (PF_TYPE_EVENT_SOURCE_ENTRY, NULL);
  entry->kind = PF_EVENT_SOURCE_ENTRY_MESSAGE;
  entry->connection = row->connection;
  entry->ready_state = PF_EVENT_SOURCE_OPEN;
  entry->time_us = row->time_us;
  entry->last_event_id = g_strndup (row->text, id_size - 1);
  entry->data = g_memdup2 (row->text + id_size, row->data_len + 1);
  entry->data_len = row->data_len;
  entry->event_type = g_strdup (row->typed ? row->text + id_size + row->data_len + 1 : "message");
  return entry;
}

static GType
pf_event_source_entries_get_item_type (GListModel *model)
{
  return PF_TYPE_EVENT_SOURCE_ENTRY;
}

static guint
pf_event_source_entries_get_n_items (GListModel *model)
{
  return PF_EVENT_SOURCE_ENTRIES (model)->shown;
}

static gpointer
pf_event_source_entries_get_item (GListModel *model,
                                  guint       position)
{
  PfEventSourceEntries *self = PF_EVENT_SOURCE_ENTRIES (model);

  return position < self->shown ? row_dup_entry (row_at (self, position)) : NULL;
}

static void
pf_event_source_entries_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pf_event_source_entries_get_item_type;
  iface->get_n_items = pf_event_source_entries_get_n_items;
  iface->get_item = pf_event_source_entries_get_item;
}

static void
pf_event_source_entries_finalize (GObject *object)
{
  PfEventSourceEntries *self = PF_EVENT_SOURCE_ENTRIES (object);

  release_rows (self, 0, n_rows (self));
  g_array_unref (self->rows);
  g_queue_clear_full (&self->blocks, g_free);
  G_OBJECT_CLASS (pf_event_source_entries_parent_class)->finalize (object);
}

static void
pf_event_source_entries_class_init (PfEventSourceEntriesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pf_event_source_entries_finalize;
}

static void
pf_event_source_entries_init (PfEventSourceEntries *self)
{
  self->rows = g_array_new (FALSE, FALSE, sizeof (Row));
  g_queue_init (&self->blocks);
}
