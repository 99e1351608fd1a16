/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-body-store"

#include "config.h"

#include <gio/gunixoutputstream.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "pf-body-store.h"

/* Where a response body goes: memory up to a limit, then a temporary file (memory stays
 * bounded whatever the server sends), or a caller's sink that keeps nothing here.
 *
 * One thread writes (an exchange's network thread, or the caller's); any may read what has
 * been stored so far: the lock guards the size and the memory, which a write may move. */
struct _PfBodyStore
{
  GObject parent_instance;

  GMutex lock;
  gsize memory_limit;
  guint64 size;
  GByteArray *memory;
  GOutputStream *output;
  GFile *spool;
  gboolean external;
};

G_DEFINE_FINAL_TYPE (PfBodyStore, pf_body_store, G_TYPE_OBJECT)

static void
pf_body_store_finalize (GObject *object)
{
  PfBodyStore *self = PF_BODY_STORE (object);

  g_clear_pointer (&self->memory, g_byte_array_unref);
  if (self->output != NULL && !self->external)
    g_output_stream_close (self->output, NULL, NULL);
  g_clear_object (&self->output);
  if (self->spool != NULL)
    g_file_delete (self->spool, NULL, NULL);
  g_clear_object (&self->spool);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (pf_body_store_parent_class)->finalize (object);
}

static void
pf_body_store_class_init (PfBodyStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pf_body_store_finalize;
}

static void
pf_body_store_init (PfBodyStore *self)
{
  g_mutex_init (&self->lock);
  self->memory = g_byte_array_new ();
}

PfBodyStore *
pf_body_store_new (gsize          memory_limit,
                   GOutputStream *sink)
{
  PfBodyStore *self = g_object_new (PF_TYPE_BODY_STORE, NULL);

  self->memory_limit = memory_limit;
  if (sink != NULL)
    {
      self->output = g_object_ref (sink);
      self->external = TRUE;
    }
  return self;
}

/* Moves what is in memory to a new temporary file; later chunks follow it there. */
static gboolean
start_spool (PfBodyStore *self,
             GError     **error)
{
  g_autofree char *path = NULL;
  int fd = g_file_open_tmp ("preflight-body-XXXXXX", &path, error);

  if (fd < 0)
    return FALSE;
  g_mutex_lock (&self->lock);
  self->spool = g_file_new_for_path (path);
  g_mutex_unlock (&self->lock);
  self->output = g_unix_output_stream_new (fd, TRUE);
  return TRUE;
}

static void
write_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (GTask) task = user_data;
  GError *error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* Whether writing @len bytes next is done at once (pf_body_store_write ()) rather than
 * through write_async (): a caller's sink (preflight-cli's file or pipe, written at once as
 * curl does: no worker thread per chunk for a file or /dev/null, and a slow reader holds
 * back the download), or memory below the limit. */
gboolean
pf_body_store_writes_now (PfBodyStore *self,
                          gsize        len)
{
  g_return_val_if_fail (PF_IS_BODY_STORE (self), FALSE);
  /* Only the writing thread changes what this reads. */
  return self->external || (self->output == NULL && self->size + len <= self->memory_limit);
}

/* The write of writes_now (): at once, on the calling thread. */
gboolean
pf_body_store_write (PfBodyStore  *self,
                     const guint8 *data,
                     gsize         len,
                     GCancellable *cancellable,
                     GError      **error)
{
  g_return_val_if_fail (pf_body_store_writes_now (self, len), FALSE);

  g_mutex_lock (&self->lock);
  self->size += len;
  if (!self->external)
    g_byte_array_append (self->memory, data, len);
  g_mutex_unlock (&self->lock);
  if (self->external)
    return g_output_stream_write_all (self->output, data, len, NULL, cancellable, error);
  return TRUE;
}

/* @data must stay valid until the write completes. In memory it is copied at once;
 * past the limit everything so far moves to the spool file in one write. */
void
pf_body_store_write_async (PfBodyStore        *self,
                           const guint8       *data,
                           gsize               len,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  GError *error = NULL;

  g_return_if_fail (PF_IS_BODY_STORE (self));
  if (pf_body_store_writes_now (self, len))
    {
      if (pf_body_store_write (self, data, len, cancellable, &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
      return;
    }
  g_mutex_lock (&self->lock);
  self->size += len;
  g_mutex_unlock (&self->lock);
  if (self->output == NULL)
    {
      GBytes *all;

      if (!start_spool (self, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      g_byte_array_append (self->memory, data, len);
      g_mutex_lock (&self->lock);
      all = g_byte_array_free_to_bytes (g_steal_pointer (&self->memory));
      g_mutex_unlock (&self->lock);
      g_task_set_task_data (task, all, (GDestroyNotify) g_bytes_unref);
      data = g_bytes_get_data (all, &len);
    }
  g_output_stream_write_all_async (self->output, data, len, G_PRIORITY_DEFAULT, cancellable,
                                   write_done_cb, g_steal_pointer (&task));
}

gboolean
pf_body_store_write_finish (PfBodyStore  *self,
                            GAsyncResult *result,
                            GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

guint64
pf_body_store_get_size (PfBodyStore *self)
{
  guint64 size;

  g_return_val_if_fail (PF_IS_BODY_STORE (self), 0);
  g_mutex_lock (&self->lock);
  size = self->size;
  g_mutex_unlock (&self->lock);
  return size;
}

/* The body when it is held in memory, else NULL. */
GBytes *
pf_body_store_dup_bytes (PfBodyStore *self)
{
  return pf_body_store_dup_head (self, G_MAXSIZE);
}

/* The body's first @limit bytes when it is held in memory, else NULL: history keeps a
 * part of a big body without copying all of it. */
GBytes *
pf_body_store_dup_head (PfBodyStore *self,
                        gsize        limit)
{
  GBytes *bytes = NULL;

  g_return_val_if_fail (PF_IS_BODY_STORE (self), NULL);
  g_mutex_lock (&self->lock);
  if (self->memory != NULL && !self->external)
    bytes = g_bytes_new (self->memory->data, MIN (limit, self->memory->len));
  g_mutex_unlock (&self->lock);
  return bytes;
}

/* The temporary file holding a body past the memory limit, else NULL. */
GFile *
pf_body_store_get_file (PfBodyStore *self)
{
  GFile *spool;

  g_return_val_if_fail (PF_IS_BODY_STORE (self), NULL);
  /* Set once, kept until finalized. */
  g_mutex_lock (&self->lock);
  spool = self->spool;
  g_mutex_unlock (&self->lock);
  return spool;
}

gboolean
pf_body_store_is_kept (PfBodyStore *self)
{
  g_return_val_if_fail (PF_IS_BODY_STORE (self), FALSE);
  return !self->external;
}
