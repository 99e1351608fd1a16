/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-collection"

#include "config.h"

#include <string.h>

#include "pf-collection.h"

/* The .http files of a folder and its subfolders (hidden ones left out, such as .git), as a
 * list of file rows sorted by their path in the folder. Files are read and parsed on a worker
 * thread; every folder is watched, so a file written by another program (an editor, a git
 * pull) is read again at once, and one that goes away leaves the list. */
struct _PfCollection
{
  GObject parent_instance;

  /* Owned */
  GFile *folder;
  GListStore *files;
  GHashTable *monitors;    /* a folder's path → its GFileMonitor */
  GHashTable *generations; /* a .http file's path → the number of its newest read */
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (PfCollection, pf_collection, G_TYPE_OBJECT)

/* A file as read and parsed: its contents (NULL when it could not be read or parsed) with its
 * etag, or the error. */
typedef struct
{
  PfHttpFile *http;
  char *etag;
  GError *error;
} ReadResult;

static void
read_result_free (ReadResult *read)
{
  g_clear_object (&read->http);
  g_free (read->etag);
  g_clear_error (&read->error);
  g_free (read);
}

typedef struct
{
  GPtrArray *files;   /* GFile: the .http files found */
  GPtrArray *reads;   /* ReadResult: each file's contents, read in the same turn */
  GPtrArray *folders; /* GFile: the folders read, none when the folder is gone */
} ScanResult;

static void
scan_result_free (ScanResult *scan)
{
  g_ptr_array_unref (scan->files);
  g_ptr_array_unref (scan->reads);
  g_ptr_array_unref (scan->folders);
  g_free (scan);
}

static ReadResult *read_now    (GFile        *location,
                                GCancellable *cancellable);
static void        add_scanned (PfCollection *self,
                                ScanResult   *scan);

static void read_file (PfCollection *self,
                       GFile        *location);

static void
scan_folder (GFile        *folder,
             ScanResult   *scan,
             GCancellable *cancellable)
{
  g_autoptr (GFileEnumerator) children = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, NULL);
  if (children == NULL)
    return;
  g_ptr_array_add (scan->folders, g_object_ref (folder));
  while (g_file_enumerator_iterate (children, &info, NULL, cancellable, NULL) && info != NULL)
    {
      const char *name = g_file_info_get_name (info);
      g_autoptr (GFile) child = NULL;

      if (name[0] == '.')
        continue;
      child = g_file_get_child (folder, name);
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        scan_folder (child, scan, cancellable);
      else if (g_str_has_suffix (name, ".http"))
        g_ptr_array_add (scan->files, g_steal_pointer (&child));
    }
}

static void
scan_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ScanResult *scan = g_new0 (ScanResult, 1);

  scan->files = g_ptr_array_new_with_free_func (g_object_unref);
  scan->reads = g_ptr_array_new_with_free_func ((GDestroyNotify) read_result_free);
  scan->folders = g_ptr_array_new_with_free_func (g_object_unref);
  scan_folder (task_data, scan, cancellable);
  /* Read here too: a folder of a thousand files becomes one change of the list, not a
   * thousand (each of which the sidebar's tree would lay out). */
  for (guint i = 0; i < scan->files->len; i++)
    g_ptr_array_add (scan->reads, read_now (g_ptr_array_index (scan->files, i), cancellable));
  g_task_return_pointer (task, scan, (GDestroyNotify) scan_result_free);
}

static void
monitor_changed_cb (GFileMonitor     *monitor,
                    GFile            *file,
                    GFile            *other,
                    GFileMonitorEvent event,
                    PfCollection     *self);

static void
watch_folder (PfCollection *self,
              GFile        *folder)
{
  g_autofree char *path = g_file_get_path (folder);
  g_autoptr (GFileMonitor) monitor = NULL;
  g_autoptr (GError) error = NULL;

  if (g_hash_table_contains (self->monitors, path))
    return;
  monitor = g_file_monitor_directory (folder, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (monitor == NULL)
    {
      g_debug ("Not watching %s: %s", path, error->message);
      return;
    }
  g_signal_connect_object (monitor, "changed", G_CALLBACK (monitor_changed_cb), self, 0);
  g_hash_table_insert (self->monitors, g_steal_pointer (&path), g_steal_pointer (&monitor));
}

static gboolean
is_under (const char *path,
          const char *folder)
{
  return g_str_has_prefix (path, folder) &&
         (path[strlen (folder)] == '\0' || path[strlen (folder)] == G_DIR_SEPARATOR);
}

static gboolean
monitor_is_under (gpointer key,
                  gpointer value,
                  gpointer folder)
{
  if (!is_under (key, folder))
    return FALSE;
  g_file_monitor_cancel (value);
  return TRUE;
}

/* @folder went away: its files leave the list, its watches stop. */
static void
forget_folder (PfCollection *self,
               GFile        *folder)
{
  g_autofree char *prefix = g_file_get_path (folder);
  guint i = 0;

  g_hash_table_foreach_remove (self->monitors, monitor_is_under, prefix);
  while (i < g_list_model_get_n_items (G_LIST_MODEL (self->files)))
    {
      g_autoptr (PfCollectionItem) item = g_list_model_get_item (G_LIST_MODEL (self->files), i);
      g_autofree char *path = g_file_get_path (pf_collection_item_get_location (item));

      if (is_under (path, prefix))
        g_list_store_remove (self->files, i);
      else
        i++;
    }
}

static void
scan_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (PfCollection) self = user_data;
  GTask *task = G_TASK (result);
  ScanResult *scan = g_task_propagate_pointer (task, NULL);

  if (scan == NULL || g_cancellable_is_cancelled (self->cancellable))
    {
      g_clear_pointer (&scan, scan_result_free);
      return;
    }
  if (scan->folders->len == 0)
    forget_folder (self, g_task_get_task_data (task));
  for (guint i = 0; i < scan->folders->len; i++)
    watch_folder (self, g_ptr_array_index (scan->folders, i));
  add_scanned (self, scan);
  scan_result_free (scan);
}

static void
scan (PfCollection *self,
      GFile        *folder)
{
  g_autoptr (GTask) task = g_task_new (NULL, self->cancellable, scan_cb, g_object_ref (self));

  g_task_set_source_tag (task, scan);
  g_task_set_task_data (task, g_object_ref (folder), g_object_unref);
  g_task_run_in_thread (task, scan_thread);
}


/* Reads and parses the .http file at @location, here (a worker thread). */
static ReadResult *
read_now (GFile        *location,
          GCancellable *cancellable)
{
  ReadResult *read = g_new0 (ReadResult, 1);
  g_autoptr (GBytes) bytes = NULL;
  char *data = NULL;
  gsize len = 0;

  if (!g_file_load_contents (location, cancellable, &data, &len, &read->etag, &read->error))
    return read;
  bytes = g_bytes_new_take (data, len);
  read->http = pf_http_file_new_from_bytes (bytes, location, &read->error);
  return read;
}

static void
read_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadResult *read = read_now (task_data, cancellable);

  if (read->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&read->error));
      read_result_free (read);
      return;
    }
  g_task_return_pointer (task, read, (GDestroyNotify) read_result_free);
}

/* Reads and parses the .http file at @location on a worker thread. */
void
pf_collection_read_async (GFile              *location,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_return_if_fail (G_IS_FILE (location));
  g_task_set_source_tag (task, pf_collection_read_async);
  g_task_set_task_data (task, g_object_ref (location), g_object_unref);
  g_task_run_in_thread (task, read_thread);
}

/* The file as read, and its etag then; NULL with a G_IO_ERROR when it could not be read, or a
 * PF_HTTP_FILE_ERROR (with the line and column) when it does not parse. */
PfHttpFile *
pf_collection_read_finish (GAsyncResult *result,
                           char        **etag,
                           GError      **error)
{
  ReadResult *read;
  PfHttpFile *http;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  read = g_task_propagate_pointer (G_TASK (result), error);
  if (read == NULL)
    return NULL;
  http = g_steal_pointer (&read->http);
  if (etag != NULL)
    *etag = g_steal_pointer (&read->etag);
  read_result_free (read);
  return http;
}

static int
compare_titles (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  return g_utf8_collate (pf_collection_item_get_title ((PfCollectionItem *) a),
                         pf_collection_item_get_title ((PfCollectionItem *) b));
}

static gboolean
find_position (PfCollection *self,
               GFile        *location,
               guint        *position)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->files)); i++)
    {
      g_autoptr (PfCollectionItem) item = g_list_model_get_item (G_LIST_MODEL (self->files), i);

      if (g_file_equal (pf_collection_item_get_location (item), location))
        {
          *position = i;
          return TRUE;
        }
    }
  return FALSE;
}

/* The row of the file at @location, or NULL; borrowed. */
PfCollectionItem *
pf_collection_find_file (PfCollection *self,
                         GFile        *location)
{
  guint position;
  PfCollectionItem *item;

  g_return_val_if_fail (PF_IS_COLLECTION (self), NULL);
  if (!find_position (self, location, &position))
    return NULL;
  item = g_list_model_get_item (G_LIST_MODEL (self->files), position);
  g_object_unref (item); /* the list holds it */
  return item;
}

/* The file as read (@http or @error): its row is added or updated; gone, it is removed. */
static void
file_read (PfCollection *self,
           GFile        *location,
           PfHttpFile   *http,
           const char   *etag,
           const GError *error)
{
  PfCollectionItem *item = pf_collection_find_file (self, location);
  guint position;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
    {
      if (find_position (self, location, &position))
        g_list_store_remove (self->files, position);
      return;
    }
  if (item == NULL)
    {
      g_autofree char *title = g_file_get_relative_path (self->folder, location);
      g_autoptr (PfCollectionItem) added = pf_collection_item_new_file (location, title);

      pf_collection_item_set_contents (added, http, etag, error);
      g_list_store_insert_sorted (self->files, added, compare_titles, NULL);
      return;
    }
  pf_collection_item_set_contents (item, http, etag, error);
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  return compare_titles (*(PfCollectionItem **) a, *(PfCollectionItem **) b, NULL);
}

/* The files a scan read. One already known (listed, or with a read of its own) is read again
 * on its own, as a change to it would be; the others are added in one change of the list, in
 * order, however many there are. */
static void
add_scanned (PfCollection *self,
             ScanResult   *scan)
{
  GListModel *files = G_LIST_MODEL (self->files);
  guint n = g_list_model_get_n_items (files);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean added = FALSE;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (rows, g_list_model_get_item (files, i));
  for (guint i = 0; i < scan->files->len; i++)
    {
      GFile *location = g_ptr_array_index (scan->files, i);
      ReadResult *read = g_ptr_array_index (scan->reads, i);
      g_autofree char *path = g_file_get_path (location);
      g_autofree char *title = NULL;
      PfCollectionItem *item;

      if (g_hash_table_contains (self->generations, path))
        {
          read_file (self, location);
          continue;
        }
      if (g_error_matches (read->error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
          g_error_matches (read->error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY))
        continue;
      g_hash_table_insert (self->generations, g_steal_pointer (&path), GUINT_TO_POINTER (1));
      title = g_file_get_relative_path (self->folder, location);
      item = pf_collection_item_new_file (location, title);
      pf_collection_item_set_contents (item, read->http, read->etag, read->error);
      g_ptr_array_add (rows, item);
      added = TRUE;
    }
  if (!added)
    return;
  g_ptr_array_sort (rows, compare_items);
  g_list_store_splice (self->files, 0, n, rows->pdata, rows->len);
}

typedef struct
{
  PfCollection *self;
  GFile *location;
  guint generation;
} FileRead;

static void
file_read_free (FileRead *read)
{
  g_object_unref (read->self);
  g_object_unref (read->location);
  g_free (read);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FileRead, file_read_free)

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (FileRead) read = user_data;
  g_autofree char *path = g_file_get_path (read->location);
  g_autofree char *etag = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PfHttpFile) http = pf_collection_read_finish (result, &etag, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* A newer read is under way: it has the newer contents. */
  if (GPOINTER_TO_UINT (g_hash_table_lookup (read->self->generations, path)) != read->generation)
    return;
  file_read (read->self, read->location, http, etag, error);
}

static void
read_file (PfCollection *self,
           GFile        *location)
{
  g_autofree char *path = g_file_get_path (location);
  FileRead *read = g_new0 (FileRead, 1);

  read->self = g_object_ref (self);
  read->location = g_object_ref (location);
  read->generation = GPOINTER_TO_UINT (g_hash_table_lookup (self->generations, path)) + 1;
  g_hash_table_insert (self->generations, g_steal_pointer (&path),
                       GUINT_TO_POINTER (read->generation));
  pf_collection_read_async (location, self->cancellable, read_cb, read);
}

/* Something changed at @file: a .http file is read again, anything else may be a folder
 * that came or went. */
static void
note_change (PfCollection     *self,
             GFile            *file,
             GFileMonitorEvent event)
{
  g_autofree char *name = g_file_get_basename (file);

  if (name[0] == '.')
    return;
  if (g_str_has_suffix (name, ".http"))
    read_file (self, file);
  else if (event != G_FILE_MONITOR_EVENT_CHANGED &&
           event != G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT &&
           event != G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED && !g_file_equal (file, self->folder))
    scan (self, file);
}

static void
monitor_changed_cb (GFileMonitor     *monitor,
                    GFile            *file,
                    GFile            *other,
                    GFileMonitorEvent event,
                    PfCollection     *self)
{
  note_change (self, file, event);
  if (other != NULL)
    note_change (self, other, event);
}

static void
cancel_monitor (gpointer monitor)
{
  g_file_monitor_cancel (monitor);
  g_object_unref (monitor);
}

static void
pf_collection_dispose (GObject *object)
{
  PfCollection *self = PF_COLLECTION (object);

  g_cancellable_cancel (self->cancellable);
  g_hash_table_remove_all (self->monitors);
  G_OBJECT_CLASS (pf_collection_parent_class)->dispose (object);
}

static void
pf_collection_finalize (GObject *object)
{
  PfCollection *self = PF_COLLECTION (object);

  g_clear_object (&self->folder);
  g_clear_object (&self->files);
  g_clear_pointer (&self->monitors, g_hash_table_unref);
  g_clear_pointer (&self->generations, g_hash_table_unref);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (pf_collection_parent_class)->finalize (object);
}

static void
pf_collection_class_init (PfCollectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pf_collection_dispose;
  object_class->finalize = pf_collection_finalize;
}

static void
pf_collection_init (PfCollection *self)
{
  self->files = g_list_store_new (PF_TYPE_COLLECTION_ITEM);
  self->monitors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cancel_monitor);
  self->generations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
}

/* The .http files under @folder, read in the background from now on. */
PfCollection *
pf_collection_new (GFile *folder)
{
  PfCollection *self;

  g_return_val_if_fail (G_IS_FILE (folder), NULL);
  self = g_object_new (PF_TYPE_COLLECTION, NULL);
  self->folder = g_object_ref (folder);
  scan (self, folder);
  return self;
}

GFile *
pf_collection_get_folder (PfCollection *self)
{
  g_return_val_if_fail (PF_IS_COLLECTION (self), NULL);
  return self->folder;
}

/* The file rows (PfCollectionItem), sorted by their path in the folder. */
GListModel *
pf_collection_get_files (PfCollection *self)
{
  g_return_val_if_fail (PF_IS_COLLECTION (self), NULL);
  return G_LIST_MODEL (self->files);
}
