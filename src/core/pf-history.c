/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pf-history"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "pf-history.h"
#include "pf-history-private.h"

/* Every exchange sent, kept in an SQLite file (pf-history-db.c), as Epiphany keeps its
 * history: one writer thread owns the writing connection and takes jobs from a queue, each
 * run of queued jobs in one transaction; reads run on a reader thread with its own
 * connection. The main thread only snapshots an exchange into an entry and queues it, and gets
 * results back in its own context. A damaged file is moved aside and a new one started; a
 * full disk is reported; neither stops a request. */

typedef enum
{
  JOB_RECORD,
  JOB_DELETE,
  JOB_DELETE_ALL,
  JOB_RETAIN,
  JOB_SYNC,
  JOB_PAGE_LIMIT,
  JOB_QUIT,
} JobKind;

typedef struct
{
  JobKind kind;
  PfHistoryEntry *entry;
  gint64 id;
  GTask *task;    /* NULL when nobody waits */
  gint64 result;  /* the new id of a record */
} Job;

typedef enum
{
  READ_QUERY,
  READ_LOAD,
} ReadKind;

typedef struct
{
  ReadKind kind;
  char *filter;
  guint limit;
  gint64 id;
} ReadJob;

/* What the threads and the main context share; the notifications posted to the main context
 * hold a reference, so they may outlive the object. */
typedef struct
{
  char *path;
  GAsyncQueue *jobs;
  GMainContext *context;
  GWeakRef owner;

  /* Settings the writer reads */
  gint max_entries;
  gint max_age_days;

  /* Under lock: the writer has opened the file (or failed to), and which file it is */
  GMutex lock;
  GCond opened_cond;
  gboolean opened;
  GError *open_error;
  guint generation;

  /* The writer's own */
  int last_reported;  /* the error code last reported, -1 after a success */

  /* The reader thread's own */
  PfHistoryDb *reader;
  guint reader_generation;
} Shared;

struct _PfHistory
{
  GObject parent_instance;

  Shared *shared;
  GThread *writer;
  GThreadPool *readers;
  gsize body_limit;
  char *moved_aside;
};

G_DEFINE_QUARK (pf-history-error-quark, pf_history_error)
G_DEFINE_FINAL_TYPE (PfHistory, pf_history, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_PATH,
  PROP_MOVED_ASIDE,
  PROP_BODY_LIMIT,
  PROP_MAX_ENTRIES,
  PROP_MAX_AGE_DAYS,
  N_PROPS
};

enum
{
  SIGNAL_CHANGED,
  SIGNAL_ERROR,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
shared_clear (gpointer data)
{
  Shared *shared = data;

  g_free (shared->path);
  g_async_queue_unref (shared->jobs);
  g_main_context_unref (shared->context);
  g_weak_ref_clear (&shared->owner);
  g_mutex_clear (&shared->lock);
  g_cond_clear (&shared->opened_cond);
  g_clear_error (&shared->open_error);
  g_clear_pointer (&shared->reader, _pf_history_db_close);
}

static void
job_free (Job *job)
{
  g_clear_object (&job->entry);
  g_clear_object (&job->task);
  g_free (job);
}

static void
read_job_free (gpointer data)
{
  ReadJob *job = data;

  g_free (job->filter);
  g_free (job);
}

/* ---- telling the main context */

/* Runs @func on the context the history was made in, always from its own loop: never
 * g_main_context_invoke (), which a thread may run itself when the context is free. */
static void
dispatch_on_main (Shared         *shared,
                  GSourceFunc     func,
                  gpointer        data,
                  GDestroyNotify  destroy)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, destroy);
  g_source_set_static_name (source, "[pf-history] main context");
  g_source_attach (source, shared->context);
  g_source_unref (source);
}

typedef struct
{
  Shared *shared;
  GError *error;
  char *moved_aside;
  gboolean changed;
} Notice;

static gboolean
notice_cb (gpointer data)
{
  Notice *notice = data;
  g_autoptr (PfHistory) self = g_weak_ref_get (&notice->shared->owner);

  if (self != NULL && notice->moved_aside != NULL)
    {
      g_free (self->moved_aside);
      self->moved_aside = g_strdup (notice->moved_aside);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MOVED_ASIDE]);
    }
  if (self != NULL && notice->error != NULL)
    g_signal_emit (self, signals[SIGNAL_ERROR], 0, notice->error);
  if (self != NULL && notice->changed)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  return G_SOURCE_REMOVE;
}

static void
notice_free (gpointer data)
{
  Notice *notice = data;

  g_atomic_rc_box_release_full (notice->shared, shared_clear);
  g_clear_error (&notice->error);
  g_free (notice->moved_aside);
  g_free (notice);
}

static void
post_notice (Shared       *shared,
             const GError *error,
             const char   *moved_aside,
             gboolean      changed)
{
  Notice *notice = g_new0 (Notice, 1);

  notice->shared = g_atomic_rc_box_acquire (shared);
  notice->error = error != NULL ? g_error_copy (error) : NULL;
  notice->moved_aside = g_strdup (moved_aside);
  notice->changed = changed;
  dispatch_on_main (shared, notice_cb, notice, notice_free);
}

/* An error is reported once, until something succeeds again: a full disk is one toast, not
 * one per request. */
static void
report (Shared       *shared,
        const GError *error)
{
  if (error->code == shared->last_reported)
    return;
  shared->last_reported = error->code;
  post_notice (shared, error, NULL, FALSE);
}

/* ---- the writer thread */

static void
report_moved_aside (Shared     *shared,
                    const char *moved_aside)
{
  g_autoptr (GError) error = NULL;

  g_set_error (&error, PF_HISTORY_ERROR, PF_HISTORY_ERROR_CORRUPT,
               _("History was damaged and has been moved to %s; a new history was started"),
               moved_aside);
  post_notice (shared, error, moved_aside, TRUE);
}

static PfHistoryDb *
open_writer (Shared *shared)
{
  g_autofree char *dir = g_path_get_dirname (shared->path);
  g_autofree char *moved_aside = NULL;
  g_autoptr (GError) error = NULL;
  PfHistoryDb *db;

  g_mkdir_with_parents (dir, 0700);
  db = _pf_history_db_open (shared->path, TRUE, &moved_aside, &error);
  if (moved_aside != NULL)
    report_moved_aside (shared, moved_aside);
  if (error != NULL)
    report (shared, error);
  g_mutex_lock (&shared->lock);
  shared->opened = TRUE;
  shared->open_error = g_steal_pointer (&error);
  shared->generation++;
  g_cond_broadcast (&shared->opened_cond);
  g_mutex_unlock (&shared->lock);
  return db;
}

/* A file found damaged while in use: moved aside as at opening, and a new one started. */
static PfHistoryDb *
reopen_writer (Shared      *shared,
               PfHistoryDb *db)
{
  _pf_history_db_close (db);
  g_mutex_lock (&shared->lock);
  shared->opened = FALSE;
  g_mutex_unlock (&shared->lock);
  return open_writer (shared);
}

static gboolean
run_job (Shared      *shared,
         PfHistoryDb *db,
         Job         *job,
         GError     **error)
{
  PfHistoryRow row = { 0 };
  gboolean ok = TRUE;

  switch (job->kind)
    {
    case JOB_RECORD:
      _pf_history_entry_complete (job->entry);
      _pf_history_entry_fill_row (job->entry, &row);
      job->result = _pf_history_db_insert (db, &row, error);
      _pf_history_row_clear (&row);
      ok = job->result != 0;
      break;
    case JOB_DELETE:
      ok = _pf_history_db_delete (db, job->id, error);
      break;
    case JOB_DELETE_ALL:
      ok = _pf_history_db_delete_all (db, error);
      break;
    case JOB_PAGE_LIMIT:
      _pf_history_db_set_max_page_count (db, job->id);
      break;
    case JOB_RETAIN:
    case JOB_SYNC:
    case JOB_QUIT:
    default:
      break;
    }
  return ok;
}

/* Runs @jobs in one transaction, keeping history within its limits after the inserts. */
static gboolean
run_transaction (Shared      *shared,
                 PfHistoryDb *db,
                 GPtrArray   *jobs,
                 GError     **error)
{
  if (!_pf_history_db_begin (db, error))
    return FALSE;
  for (guint i = 0; i < jobs->len; i++)
    if (!run_job (shared, db, jobs->pdata[i], error))
      {
        _pf_history_db_rollback (db);
        return FALSE;
      }
  if (!_pf_history_db_retain (db, g_atomic_int_get (&shared->max_entries),
                              g_atomic_int_get (&shared->max_age_days) * G_TIME_SPAN_DAY, error)
      || !_pf_history_db_commit (db, error))
    {
      _pf_history_db_rollback (db);
      return FALSE;
    }
  return TRUE;
}

static gboolean
release_cb (gpointer data)
{
  return G_SOURCE_REMOVE;
}

/* A task holds the history: its last reference must go on the main context, never on a
 * thread that the history's dispose would wait for. */
static void
release_on_main (Shared *shared,
                 GTask  *task)
{
  dispatch_on_main (shared, release_cb, task, g_object_unref);
}

static void
complete (Shared       *shared,
          Job          *job,
          const GError *error)
{
  if (job->task == NULL)
    return;
  if (error != NULL)
    g_task_return_error (job->task, g_error_copy (error));
  else if (job->kind == JOB_RECORD)
    g_task_return_int (job->task, job->result);
  else
    g_task_return_boolean (job->task, TRUE);
  release_on_main (shared, g_steal_pointer (&job->task));
}

/* Runs a batch; when it fails, each job alone, so one bad entry costs only itself. */
static void
run_batch (Shared       *shared,
           PfHistoryDb **db,
           GPtrArray    *jobs)
{
  g_autoptr (GError) error = NULL;
  gboolean changed = FALSE;

  if (*db != NULL && !run_transaction (shared, *db, jobs, &error)
      && g_error_matches (error, PF_HISTORY_ERROR, PF_HISTORY_ERROR_CORRUPT))
    {
      *db = reopen_writer (shared, *db);
      g_clear_error (&error);
      if (*db != NULL)
        run_transaction (shared, *db, jobs, &error);
    }
  if (*db == NULL && error == NULL)
    error = g_error_copy (shared->open_error);
  for (guint i = 0; i < jobs->len; i++)
    {
      Job *job = jobs->pdata[i];
      g_autoptr (GError) own = NULL;
      g_autoptr (GPtrArray) alone = NULL;

      if (error != NULL && jobs->len > 1 && *db != NULL)
        {
          alone = g_ptr_array_new ();
          g_ptr_array_add (alone, job);
          run_transaction (shared, *db, alone, &own);
        }
      else if (error != NULL)
        own = g_error_copy (error);
      if (own != NULL)
        report (shared, own);
      else
        changed |= job->kind != JOB_SYNC && job->kind != JOB_PAGE_LIMIT;
      complete (shared, job, own);
    }
  if (changed)
    {
      shared->last_reported = -1;
      post_notice (shared, NULL, NULL, TRUE);
    }
}

/* The queued jobs, waiting for the first: at most a few hundred per transaction, so a burst
 * is committed in steps and a reader never waits long. */
static GPtrArray *
take_batch (GAsyncQueue *queue,
            gboolean    *quit)
{
  GPtrArray *jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) job_free);
  Job *job = g_async_queue_pop (queue);

  do
    {
      if (job->kind == JOB_QUIT)
        {
          *quit = TRUE;
          job_free (job);
          break;
        }
      g_ptr_array_add (jobs, job);
    }
  while (jobs->len < 256 && (job = g_async_queue_try_pop (queue)) != NULL);
  return jobs;
}

static gpointer
writer_main (gpointer data)
{
  Shared *shared = data;
  PfHistoryDb *db = open_writer (shared);
  gboolean quit = FALSE;

  while (!quit)
    {
      g_autoptr (GPtrArray) jobs = take_batch (shared->jobs, &quit);

      if (jobs->len > 0)
        run_batch (shared, &db, jobs);
    }
  _pf_history_db_close (db);
  return NULL;
}

static void
push_job (PfHistory      *self,
          JobKind         kind,
          PfHistoryEntry *entry,
          gint64          id,
          GTask          *task)
{
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  job->entry = entry != NULL ? g_object_ref (entry) : NULL;
  job->id = id;
  job->task = task;
  g_async_queue_push (self->shared->jobs, job);
}

/* ---- the reader thread */

static gboolean
ensure_reader (Shared  *shared,
               GError **error)
{
  guint generation;

  g_mutex_lock (&shared->lock);
  while (!shared->opened)
    g_cond_wait (&shared->opened_cond, &shared->lock);
  generation = shared->generation;
  if (shared->open_error != NULL)
    g_propagate_error (error, g_error_copy (shared->open_error));
  g_mutex_unlock (&shared->lock);
  if (error != NULL && *error != NULL)
    return FALSE;
  if (shared->reader != NULL && shared->reader_generation == generation)
    return TRUE;
  g_clear_pointer (&shared->reader, _pf_history_db_close);
  shared->reader = _pf_history_db_open (shared->path, FALSE, NULL, error);
  shared->reader_generation = generation;
  return shared->reader != NULL;
}

static void
read_query (GTask       *task,
            PfHistoryDb *db,
            ReadJob     *job)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GError) error = NULL;
  GListStore *store;

  if (!_pf_history_db_query (db, job->filter, job->limit, items, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  store = g_list_store_new (PF_TYPE_HISTORY_ITEM);
  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  g_task_return_pointer (task, store, g_object_unref);
}

static void
read_load (GTask       *task,
           PfHistoryDb *db,
           ReadJob     *job)
{
  PfHistoryRow row = { 0 };
  g_autoptr (GError) error = NULL;
  PfHistoryEntry *entry = NULL;

  if (_pf_history_db_load (db, job->id, &row, &error))
    entry = _pf_history_entry_new_from_row (&row, &error);
  _pf_history_row_clear (&row);
  if (entry == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, entry, g_object_unref);
}

static void
run_read (Shared *shared,
          GTask  *task)
{
  ReadJob *job = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (!ensure_reader (shared, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  _pf_history_db_set_cancellable (shared->reader, g_task_get_cancellable (task));
  if (job->kind == READ_QUERY)
    read_query (task, shared->reader, job);
  else
    read_load (task, shared->reader, job);
  _pf_history_db_set_cancellable (shared->reader, NULL);
}

static void
reader_run (gpointer task_data,
            gpointer pool_data)
{
  run_read (pool_data, task_data);
  release_on_main (pool_data, task_data);
}

/* ---- the object */

static void
pf_history_constructed (GObject *object)
{
  PfHistory *self = PF_HISTORY (object);
  Shared *shared = self->shared;

  G_OBJECT_CLASS (pf_history_parent_class)->constructed (object);

  if (shared->path == NULL)
    shared->path = pf_history_dup_default_path ();
  g_weak_ref_init (&shared->owner, self);
  self->writer = g_thread_new ("pf-history-writer", writer_main, shared);
  /* One exclusive thread: the reader connection is used by that thread only. */
  self->readers = g_thread_pool_new (reader_run, shared, 1, TRUE, NULL);
}

static void
pf_history_dispose (GObject *object)
{
  PfHistory *self = PF_HISTORY (object);

  /* Everything queued is written before the writer ends: nothing recorded is lost. */
  if (self->writer != NULL)
    {
      push_job (self, JOB_QUIT, NULL, 0, NULL);
      g_thread_join (g_steal_pointer (&self->writer));
    }
  if (self->readers != NULL)
    g_thread_pool_free (g_steal_pointer (&self->readers), FALSE, TRUE);

  G_OBJECT_CLASS (pf_history_parent_class)->dispose (object);
}

static void
pf_history_finalize (GObject *object)
{
  PfHistory *self = PF_HISTORY (object);

  g_atomic_rc_box_release_full (self->shared, shared_clear);
  g_free (self->moved_aside);

  G_OBJECT_CLASS (pf_history_parent_class)->finalize (object);
}

static void
pf_history_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PfHistory *self = PF_HISTORY (object);

  switch (prop_id)
    {
    case PROP_PATH: g_value_set_string (value, self->shared->path); break;
    case PROP_MOVED_ASIDE: g_value_set_string (value, self->moved_aside); break;
    case PROP_BODY_LIMIT: g_value_set_uint64 (value, self->body_limit); break;
    case PROP_MAX_ENTRIES: g_value_set_uint (value, pf_history_get_max_entries (self)); break;
    case PROP_MAX_AGE_DAYS: g_value_set_uint (value, pf_history_get_max_age_days (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_history_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  PfHistory *self = PF_HISTORY (object);

  switch (prop_id)
    {
    case PROP_PATH: self->shared->path = g_value_dup_string (value); break;
    case PROP_BODY_LIMIT: pf_history_set_body_limit (self, g_value_get_uint64 (value)); break;
    case PROP_MAX_ENTRIES: pf_history_set_max_entries (self, g_value_get_uint (value)); break;
    case PROP_MAX_AGE_DAYS: pf_history_set_max_age_days (self, g_value_get_uint (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pf_history_class_init (PfHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = pf_history_constructed;
  object_class->dispose = pf_history_dispose;
  object_class->finalize = pf_history_finalize;
  object_class->get_property = pf_history_get_property;
  object_class->set_property = pf_history_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* Where a damaged file was moved, NULL until that happens. */
  properties[PROP_MOVED_ASIDE] =
    g_param_spec_string ("moved-aside", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BODY_LIMIT] =
    g_param_spec_uint64 ("body-limit", NULL, NULL, 0, G_MAXSIZE,
                         PF_HISTORY_ENTRY_DEFAULT_BODY_LIMIT, flags);
  properties[PROP_MAX_ENTRIES] =
    g_param_spec_uint ("max-entries", NULL, NULL, 0, G_MAXINT, PF_HISTORY_DEFAULT_MAX_ENTRIES,
                       flags);
  properties[PROP_MAX_AGE_DAYS] =
    g_param_spec_uint ("max-age-days", NULL, NULL, 0, 100000, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* After writes are committed: a list showing history may query again. */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
  /* A GError in PF_HISTORY_ERROR whose message a user can read: the file was damaged and
   * moved aside (CORRUPT), the disk is full (FULL), ... Reported once until writes succeed. */
  signals[SIGNAL_ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
pf_history_init (PfHistory *self)
{
  Shared *shared = g_atomic_rc_box_new0 (Shared);

  shared->jobs = g_async_queue_new ();
  shared->context = g_main_context_ref_thread_default ();
  shared->max_entries = PF_HISTORY_DEFAULT_MAX_ENTRIES;
  shared->last_reported = -1;
  g_mutex_init (&shared->lock);
  g_cond_init (&shared->opened_cond);
  self->shared = shared;
  self->body_limit = PF_HISTORY_ENTRY_DEFAULT_BODY_LIMIT;
}

/* $XDG_DATA_HOME/preflight/history.sqlite */
char *
pf_history_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "preflight", "history.sqlite", NULL);
}

/* History in the file at @path (NULL: the default path), opened on its own thread: this
 * returns at once, and jobs queued meanwhile wait for the file. A damaged file is reported by
 * ::error after the main context next runs, so connect before that. */
PfHistory *
pf_history_new (const char *path)
{
  return g_object_new (PF_TYPE_HISTORY, "path", path, NULL);
}

const char *
pf_history_get_path (PfHistory *self)
{
  g_return_val_if_fail (PF_IS_HISTORY (self), NULL);
  return self->shared->path;
}

const char *
pf_history_get_moved_aside (PfHistory *self)
{
  g_return_val_if_fail (PF_IS_HISTORY (self), NULL);
  return self->moved_aside;
}

gsize
pf_history_get_body_limit (PfHistory *self)
{
  g_return_val_if_fail (PF_IS_HISTORY (self), 0);
  return self->body_limit;
}

/* How much of a response body an entry keeps; a larger body keeps its size and first part. */
void
pf_history_set_body_limit (PfHistory *self,
                           gsize      limit)
{
  g_return_if_fail (PF_IS_HISTORY (self));
  if (self->body_limit == limit)
    return;
  self->body_limit = limit;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BODY_LIMIT]);
}

guint
pf_history_get_max_entries (PfHistory *self)
{
  g_return_val_if_fail (PF_IS_HISTORY (self), 0);
  return g_atomic_int_get (&self->shared->max_entries);
}

/* Keeps the newest @max_entries (0: no limit); applied now and after each write. */
void
pf_history_set_max_entries (PfHistory *self,
                            guint      max_entries)
{
  g_return_if_fail (PF_IS_HISTORY (self));
  if (pf_history_get_max_entries (self) == max_entries)
    return;
  g_atomic_int_set (&self->shared->max_entries, MIN (max_entries, G_MAXINT));
  push_job (self, JOB_RETAIN, NULL, 0, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_ENTRIES]);
}

guint
pf_history_get_max_age_days (PfHistory *self)
{
  g_return_val_if_fail (PF_IS_HISTORY (self), 0);
  return g_atomic_int_get (&self->shared->max_age_days);
}

/* Forgets exchanges older than @days (0: keeps any age); applied now and after each write. */
void
pf_history_set_max_age_days (PfHistory *self,
                             guint      days)
{
  g_return_if_fail (PF_IS_HISTORY (self));
  if (pf_history_get_max_age_days (self) == days)
    return;
  g_atomic_int_set (&self->shared->max_age_days, MIN (days, 100000));
  push_job (self, JOB_RETAIN, NULL, 0, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_AGE_DAYS]);
}

/* Records a finished @exchange: a snapshot now (the small parts copied, the timeline and the
 * body shared), the copying of the rest, the masking, the JSON and the writing on the writer
 * thread. What fails is reported by ::error. */
void
pf_history_record_exchange (PfHistory  *self,
                            PfExchange *exchange)
{
  g_autoptr (PfHistoryEntry) entry = NULL;

  g_return_if_fail (PF_IS_HISTORY (self));
  g_return_if_fail (PF_IS_EXCHANGE (exchange));
  entry = _pf_history_entry_new_snapshot (exchange, self->body_limit);
  push_job (self, JOB_RECORD, entry, 0, NULL);
}

/* Records @entry, finishing once it is committed, with its id (0 when it failed). */
void
pf_history_record_async (PfHistory           *self,
                         PfHistoryEntry      *entry,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PF_IS_HISTORY (self));
  g_return_if_fail (PF_IS_HISTORY_ENTRY (entry));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pf_history_record_async);
  push_job (self, JOB_RECORD, entry, 0, task);
}

gint64
pf_history_record_finish (PfHistory    *self,
                          GAsyncResult *result,
                          GError      **error)
{
  gssize id;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  id = g_task_propagate_int (G_TASK (result), error);
  return MAX (id, 0);
}

static void
push_read (PfHistory           *self,
           ReadJob             *job,
           gpointer             source_tag,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, job, read_job_free);
  g_thread_pool_push (self->readers, task, NULL);
}

/* The newest @limit entries (0: all) matching @filter as typed (NULL or "": all), newest
 * first, as a GListModel of PfHistoryItem. Each word is a prefix ("loc" finds localhost) and
 * every word must match, in the method, URL, headers or bodies; no text is an error.
 * Meant per keystroke: cancel the previous query's @cancellable before the next. */
void
pf_history_query_async (PfHistory           *self,
                        const char          *filter,
                        guint                limit,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  ReadJob *job;

  g_return_if_fail (PF_IS_HISTORY (self));
  job = g_new0 (ReadJob, 1);
  job->kind = READ_QUERY;
  job->filter = g_strdup (filter);
  job->limit = limit;
  push_read (self, job, pf_history_query_async, cancellable, callback, user_data);
}

GListModel *
pf_history_query_finish (PfHistory    *self,
                         GAsyncResult *result,
                         GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The whole entry @id, as recorded. */
void
pf_history_load_async (PfHistory           *self,
                       gint64               id,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  ReadJob *job;

  g_return_if_fail (PF_IS_HISTORY (self));
  job = g_new0 (ReadJob, 1);
  job->kind = READ_LOAD;
  job->id = id;
  push_read (self, job, pf_history_load_async, cancellable, callback, user_data);
}

PfHistoryEntry *
pf_history_load_finish (PfHistory    *self,
                        GAsyncResult *result,
                        GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
push_write (PfHistory           *self,
            JobKind              kind,
            gint64               id,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  push_job (self, kind, NULL, id, task);
}

void
pf_history_delete_async (PfHistory           *self,
                         gint64               id,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (PF_IS_HISTORY (self));
  push_write (self, JOB_DELETE, id, pf_history_delete_async, cancellable, callback, user_data);
}

gboolean
pf_history_delete_finish (PfHistory    *self,
                          GAsyncResult *result,
                          GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
pf_history_delete_all_async (PfHistory           *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (PF_IS_HISTORY (self));
  push_write (self, JOB_DELETE_ALL, 0, pf_history_delete_all_async, cancellable, callback,
              user_data);
}

gboolean
pf_history_delete_all_finish (PfHistory    *self,
                              GAsyncResult *result,
                              GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Finishes once everything queued before it is committed (or has failed); fails only when
 * the file could not be opened at all. */
void
pf_history_sync_async (PfHistory           *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (PF_IS_HISTORY (self));
  push_write (self, JOB_SYNC, 0, pf_history_sync_async, cancellable, callback, user_data);
}

gboolean
pf_history_sync_finish (PfHistory    *self,
                        GAsyncResult *result,
                        GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Tests only: the file cannot grow past @pages pages, as on a full disk. */
void
_pf_history_limit_pages (PfHistory *self,
                         guint      pages)
{
  push_job (self, JOB_PAGE_LIMIT, NULL, pages, NULL);
}
