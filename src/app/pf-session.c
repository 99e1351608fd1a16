/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-session"

#include "config.h"

#include <glib/gi18n.h>

#include "pf-session.h"

/* The open windows' tabs, kept in a file so that they come back after a restart, as GNOME
 * Text Editor keeps its session: {"version": 1, "windows": [each window's
 * pf_window_save_session ()]}. Written half a second after a change, off the main thread
 * (g_file_replace_contents_async writes a temporary file and renames it over the old one, so
 * a crash leaves the old or the new, never half), and once more on quit. Closing the last
 * window keeps its tabs for next time, as quitting does; closing its last tab leaves none. */

#define SAVE_DELAY_MS 500

struct _PfSession
{
  GObject parent_instance;

  GFile *file;
  GPtrArray *windows;  /* PfWindow, not owned: each leaves when it closes or is destroyed */
  JsonNode *state;     /* what is saved: the windows as last seen */
  GCancellable *cancellable;
  guint save_id;
  gboolean dirty;      /* state, or the windows, changed since the last write began */
  gboolean writing;
  gboolean closed;     /* flushed on quit: nothing more is written */
};

G_DEFINE_FINAL_TYPE (PfSession, pf_session, G_TYPE_OBJECT)

static void
pf_session_dispose (GObject *object)
{
  PfSession *self = PF_SESSION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->save_id, g_source_remove);
  for (guint i = 0; i < self->windows->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->windows, i), self);
  g_ptr_array_set_size (self->windows, 0);
  G_OBJECT_CLASS (pf_session_parent_class)->dispose (object);
}

static void
pf_session_finalize (GObject *object)
{
  PfSession *self = PF_SESSION (object);

  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->state, json_node_unref);
  g_ptr_array_unref (self->windows);
  G_OBJECT_CLASS (pf_session_parent_class)->finalize (object);
}

static void
pf_session_class_init (PfSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pf_session_dispose;
  G_OBJECT_CLASS (klass)->finalize = pf_session_finalize;
}

static void
pf_session_init (PfSession *self)
{
  self->windows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
}

/* A session kept in @file (its folder is made when the session is loaded). */
PfSession *
pf_session_new (GFile *file)
{
  PfSession *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  self = g_object_new (PF_TYPE_SESSION, NULL);
  self->file = g_object_ref (file);
  return self;
}

GFile *
pf_session_get_file (PfSession *self)
{
  g_return_val_if_fail (PF_IS_SESSION (self), NULL);
  return self->file;
}

/* ---- saving */

/* The windows as they are now become what is saved; with none left, what was. */
static void
take_state (PfSession *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  if (self->windows->len == 0)
    return;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "windows");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->windows->len; i++)
    {
      JsonNode *window = pf_window_save_session (g_ptr_array_index (self->windows, i));

      if (window != NULL)
        json_builder_add_value (builder, window);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  g_clear_pointer (&self->state, json_node_unref);
  self->state = json_builder_get_root (builder);
}

static GBytes *
state_bytes (PfSession *self)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  gsize length;
  char *text;

  json_generator_set_root (generator, self->state);
  text = json_generator_to_data (generator, &length);
  return g_bytes_new_take (text, length);
}

static void write_async (PfSession *self);

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (PfSession) self = user_data;
  g_autoptr (GError) error = NULL;

  self->writing = FALSE;
  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_message ("The session could not be saved: %s", error->message);
    }
  if (self->dirty && self->save_id == 0)
    write_async (self);
}

/* One write at a time: a change while one runs is written when it is done. */
static void
write_async (PfSession *self)
{
  g_autoptr (GBytes) bytes = NULL;

  if (self->writing || self->closed || self->state == NULL)
    return;
  self->writing = TRUE;
  self->dirty = FALSE;
  bytes = state_bytes (self);
  g_file_replace_contents_bytes_async (self->file, bytes, NULL, FALSE, G_FILE_CREATE_PRIVATE,
                                       self->cancellable, written_cb, g_object_ref (self));
}

static gboolean
save_cb (gpointer user_data)
{
  PfSession *self = user_data;

  self->save_id = 0;
  take_state (self);
  write_async (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_save (PfSession *self)
{
  self->dirty = TRUE;
  if (self->save_id == 0 && !self->closed)
    self->save_id = g_timeout_add (SAVE_DELAY_MS, save_cb, self);
}

static void
remove_window (PfSession *self,
               PfWindow  *window)
{
  g_signal_handlers_disconnect_by_data (window, self);
  g_ptr_array_remove (self->windows, window);
}

/* The last window closing keeps its tabs for next time (it is taken before it goes); another
 * window closing leaves the session. */
static gboolean
close_request_cb (PfWindow  *window,
                  PfSession *self)
{
  if (self->windows->len == 1)
    {
      take_state (self);
      g_clear_handle_id (&self->save_id, g_source_remove);
      self->dirty = TRUE;
      remove_window (self, window);
      write_async (self);
    }
  else
    {
      remove_window (self, window);
      schedule_save (self);
    }
  return GDK_EVENT_PROPAGATE;
}

/* Destroyed without closing (quit has taken the state already). */
static void
destroy_cb (PfWindow  *window,
            PfSession *self)
{
  remove_window (self, window);
  if (self->windows->len > 0)
    schedule_save (self);
}

/* @window's tabs are saved from now on, and kept when it closes last. */
void
pf_session_add_window (PfSession *self,
                       PfWindow  *window)
{
  g_return_if_fail (PF_IS_SESSION (self));
  g_return_if_fail (PF_IS_WINDOW (window));
  g_ptr_array_add (self->windows, window);
  g_signal_connect_swapped (window, "session-changed", G_CALLBACK (schedule_save), self);
  g_signal_connect (window, "close-request", G_CALLBACK (close_request_cb), self);
  g_signal_connect (window, "destroy", G_CALLBACK (destroy_cb), self);
  schedule_save (self);
}

static gboolean
write_now (PfSession *self,
           GError   **error)
{
  g_autoptr (GFile) folder = g_file_get_parent (self->file);
  g_autoptr (GBytes) bytes = state_bytes (self);
  g_autoptr (GError) local_error = NULL;

  if (!g_file_make_directory_with_parents (folder, NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return g_file_replace_contents (self->file, g_bytes_get_data (bytes, NULL),
                                  g_bytes_get_size (bytes), NULL, FALSE, G_FILE_CREATE_PRIVATE,
                                  NULL, NULL, error);
}

/* On quit: what changed since the last write is written now, and nothing after. Blocks, as
 * the main loop is ending; a write under way is let finish first, so it cannot land last. */
void
pf_session_flush (PfSession *self)
{
  g_autoptr (GError) error = NULL;

  g_return_if_fail (PF_IS_SESSION (self));
  if (self->closed)
    return;
  if (self->save_id != 0)
    {
      g_clear_handle_id (&self->save_id, g_source_remove);
      take_state (self);
    }
  while (self->writing)
    g_main_context_iteration (NULL, TRUE);
  self->closed = TRUE;
  if (self->dirty && self->state != NULL && !write_now (self, &error))
    g_message ("The session could not be saved: %s", error->message);
  self->dirty = FALSE;
}

/* ---- loading */

static JsonArray *
read_windows (const char *contents,
              gsize       length,
              GError    **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonNode *root, *windows;

  if (!json_parser_load_from_data (parser, contents, length, error))
    return NULL;
  root = json_parser_get_root (parser);
  windows = root && JSON_NODE_HOLDS_OBJECT (root)
              ? json_object_get_member (json_node_get_object (root), "windows") : NULL;
  if (windows == NULL || !JSON_NODE_HOLDS_ARRAY (windows))
    {
      g_set_error_literal (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                           "no windows");
      return NULL;
    }
  return json_array_ref (json_node_get_array (windows));
}

/* A file that does not read goes aside, as session.json.damaged, for a look. */
static GError *
move_aside (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *aside_name = g_strconcat (name, ".damaged", NULL);
  g_autoptr (GFile) folder = g_file_get_parent (file);
  g_autoptr (GFile) aside = g_file_get_child (folder, aside_name);
  g_autofree char *path = g_file_get_path (aside);
  g_autoptr (GError) error = NULL;

  if (!g_file_move (file, aside, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
    return g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                        _("The saved tabs could not be read, nor moved aside: %s"),
                        error->message);
  return g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                      _("The saved tabs could not be read; the file is now %s"), path);
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *file = task_data;
  g_autoptr (GFile) folder = g_file_get_parent (file);
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  JsonArray *windows;

  if (!g_file_make_directory_with_parents (folder, cancellable, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    g_message ("No folder for the session: %s", error->message);
  g_clear_error (&error);
  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_task_return_pointer (task, json_array_new (), (GDestroyNotify) json_array_unref);
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  windows = read_windows (contents, length, NULL);
  if (windows == NULL)
    g_task_return_error (task, move_aside (file));
  else
    g_task_return_pointer (task, windows, (GDestroyNotify) json_array_unref);
}

/* Reads the session in a thread: the windows' states, none when there is no file yet. A file
 * that does not read is moved aside and the error says where to. */
void
pf_session_load_async (PfSession          *self,
                       GCancellable       *cancellable,
                       GAsyncReadyCallback callback,
                       gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (PF_IS_SESSION (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pf_session_load_async);
  g_task_set_task_data (task, g_object_ref (self->file), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

JsonArray *
pf_session_load_finish (PfSession    *self,
                        GAsyncResult *result,
                        GError      **error)
{
  g_return_val_if_fail (PF_IS_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
