/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-collection-edit"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pf-collection-edit.h"
#include "pf-http-file.h"

/* Saving into a .http file the user owns: the file is read again as it is now (another
 * program may have changed it), the entry found there, the new bytes made by core (only the
 * entry's lines differ) and written only if the file did not change in between. All but the
 * write happens on a worker thread; the write is GIO's, asynchronous. */

PfCollectionEdit *
pf_collection_edit_new (PfCollectionEditKind kind,
                        GFile *location)
{
  PfCollectionEdit *edit = g_new0 (PfCollectionEdit, 1);

  edit->kind = kind;
  edit->location = g_object_ref (location);
  return edit;
}

void
pf_collection_edit_free (PfCollectionEdit *edit)
{
  g_clear_object (&edit->location);
  g_free (edit->etag);
  g_free (edit->text);
  g_clear_object (&edit->request);
  g_free (edit->name);
  g_free (edit->new_etag);
  g_free (edit->new_text);
  g_free (edit);
}

static char *
entry_text (PfHttpFile *http,
            guint index)
{
  PfHttpFileEntry *entry = pf_http_file_get_entry (http, index);
  const char *data = g_bytes_get_data (pf_http_file_get_contents (http), NULL);
  gsize start = pf_http_file_entry_get_start (entry);

  return g_strndup (data + start, pf_http_file_entry_get_end (entry) - start);
}

static gboolean
entry_is (PfHttpFile *http,
          guint index,
          const char *text)
{
  g_autofree char *found = NULL;

  if (index >= g_list_model_get_n_items (G_LIST_MODEL (http)))
    return FALSE;
  found = entry_text (http, index);
  return g_str_equal (found, text);
}

/* Where the entry is now: where it was if the file did not change since it was read, else
 * where its lines are, unchanged. Edited or removed elsewhere, it is not overwritten. */
static gboolean
find_entry (PfCollectionEdit *edit,
            PfHttpFile *http,
            const char *etag,
            guint *index,
            GError **error)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (http));
  g_autofree char *name = g_file_get_basename (edit->location);

  if (g_strcmp0 (etag, edit->etag) == 0 && edit->index < n)
    {
      *index = edit->index;
      return TRUE;
    }
  for (guint i = 0; i < n; i++)
    if (entry_is (http, (edit->index + i) % n, edit->text))
      {
        *index = (edit->index + i) % n;
        return TRUE;
      }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG,
               _("The request changed in “%s” or left it since it was read, so it was not "
                  "overwritten; open it again from the sidebar"),
               name);
  return FALSE;
}

static GBytes *
edit_bytes (PfCollectionEdit *edit,
            PfHttpFile *http,
            const char *etag,
            GError **error)
{
  guint index = 0;

  if (edit->kind == PF_COLLECTION_EDIT_APPEND)
    {
      edit->new_index = g_list_model_get_n_items (G_LIST_MODEL (http));
      return pf_http_file_append_entry (http, edit->request, edit->name, error);
    }
  if (!find_entry (edit, http, etag, &index, error))
    return NULL;
  edit->new_index = index;
  if (edit->kind == PF_COLLECTION_EDIT_REMOVE)
    return pf_http_file_remove_entry (http, index, error);
  if (edit->kind == PF_COLLECTION_EDIT_RENAME)
    {
      g_autoptr (PfRequest) request = pf_http_file_entry_dup_request (
          pf_http_file_get_entry (http, index));

      return pf_http_file_replace_entry (http, index, request, edit->name, error);
    }
  return pf_http_file_replace_entry (http, index, edit->request, edit->name, error);
}

/* The file as it is now; an empty one when it is a new file to append to. */
static PfHttpFile *
read_now (PfCollectionEdit *edit,
          char **etag,
          GCancellable *cancellable,
          GError **error)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  if (g_file_load_contents (edit->location, cancellable, &data, &len, etag, &local_error))
    bytes = g_bytes_new_take (g_steal_pointer (&data), len);
  else if (edit->kind == PF_COLLECTION_EDIT_APPEND &&
           g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    bytes = g_bytes_new_static ("", 0);
  else
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return pf_http_file_new_from_bytes (bytes, edit->location, error);
}

static void
edit_thread (GTask *task,
             gpointer source,
             gpointer task_data,
             GCancellable *cancellable)
{
  PfCollectionEdit *edit = task_data;
  g_autofree char *etag = NULL;
  g_autoptr (PfHttpFile) http = NULL;
  g_autoptr (PfHttpFile) written = NULL;
  g_autoptr (GBytes) bytes = NULL;
  GError *error = NULL;

  http = read_now (edit, &etag, cancellable, &error);
  if (http != NULL)
    bytes = edit_bytes (edit, http, etag, &error);
  if (bytes != NULL)
    written = pf_http_file_new_from_bytes (bytes, edit->location, &error);
  if (written == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (edit->kind != PF_COLLECTION_EDIT_REMOVE)
    edit->new_text = entry_text (written, edit->new_index);
  /* The write goes ahead only if the file is still as it was read just now. */
  g_free (edit->etag);
  edit->etag = g_steal_pointer (&etag);
  g_task_return_pointer (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
}

static void
written_cb (GObject *object,
            GAsyncResult *result,
            gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  PfCollectionEdit *edit = g_task_get_task_data (task);
  g_autofree char *name = g_file_get_basename (edit->location);
  GError *error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, &edit->new_etag, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WRONG_ETAG))
        g_prefix_error (&error, _("“%s” changed while it was being saved: "), name);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
computed_cb (GObject *object,
             GAsyncResult *result,
             gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  PfCollectionEdit *edit = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr (GBytes) bytes = NULL;
  GError *error = NULL;

  bytes = g_task_propagate_pointer (G_TASK (result), &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_file_replace_contents_bytes_async (edit->location, bytes, edit->etag, FALSE,
                                       G_FILE_CREATE_NONE, cancellable, written_cb,
                                       g_steal_pointer (&task));
}

/* Runs @edit (taking it) on its file; pf_collection_edit_run_finish () gives it back with
 * where the entry now is. */
void
pf_collection_edit_run_async (PfCollectionEdit *edit,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr (GTask) compute = NULL;

  g_task_set_source_tag (task, pf_collection_edit_run_async);
  g_task_set_task_data (task, edit, (GDestroyNotify) pf_collection_edit_free);
  compute = g_task_new (NULL, cancellable, computed_cb, g_object_ref (task));
  g_task_set_task_data (compute, edit, NULL);
  g_task_run_in_thread (compute, edit_thread);
}

/* The edit, done (borrowed: the task frees it after the callback); NULL with the reason
 * nothing was written. */
PfCollectionEdit *
pf_collection_edit_run_finish (GAsyncResult *result,
                               GError **error)
{
  GTask *task = G_TASK (result);

  if (!g_task_propagate_boolean (task, error))
    return NULL;
  return g_task_get_task_data (task);
}
